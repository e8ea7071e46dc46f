/**
 * The studio's validation as you type and rule bench (#14 budget: re-validation of Binhai after
 * one edit ≤ 500 ms median), through the HTTP routes as the studio calls them: a working copy
 * opened on tj-binhai's folder over the installed cn-national; each run edits Binhai's benchmark
 * DB-SPAQF-122-1 (its name, a different text each run, so nothing is cached) and sends it unsaved
 * to `POST …/validate-draft` (files a save would write, layered over the base, every check), then
 * to `POST …/bench` with the facts of a golden case (evaluation and the golden case's own check).
 * Baseline in the same run: saving the same edit (`PUT …/items/…`, which writes the override and
 * validates the new revision, as the studio did before validation as you type), and the ratio of
 * the medians. The server's request log is on stdout; the figures are the lines `bench:`.
 *
 * Usage: npx tsx platform/bench/studio-draft-bench.ts [runs]
 */
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { startTestServer } from '../test/harness.ts';

const runs = Number(process.argv[2] ?? 30);
const BASE = '/api/v1/studio/workspaces';
const CODE = 'DB-SPAQF-122-1';
const FACTS = {
  firstViolation: false,
  minorViolation: false,
  correctedPromptly: false,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  eliminatedHarm: false,
  coerced: false,
  cooperated: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  goodsValue: 8000,
};

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { median: at(0.5), p90: at(0.9) };
};

const server = await startTestServer();
await server.user({ username: 'bench.impl', orgCode: '120116-SFJ', roles: ['implementer'] });
const impl = await server.as('bench.impl');
const national = validatePackDir(join(PACKS_DIR, 'cn-national'));
await server.services.packs.importBundle(bundlePack(national.pack).text, { apply: true, actor: 'bench' });
const { id } = (await (await impl.post(BASE, { open: { packId: 'tj-binhai' } })).json()) as { id: string };
const item = (
  (await (await impl.get(`${BASE}/${id}/items/discretion/${CODE}`)).json()) as { value: Record<string, unknown> }
).value;

const time = async (f: () => Response | Promise<Response>) => {
  const t = performance.now();
  const res = await f();
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  await res.json();
  return performance.now() - t;
};

const draft: number[] = [];
const bench: number[] = [];
const saved: number[] = [];
// One warm-up of each, not counted: the copy's first resolution and the base's first read.
await time(() => impl.post(`${BASE}/${id}/validate-draft`, { kind: 'discretion', code: CODE, value: item }));
for (let run = 0; run < runs; run++) {
  const value = { ...item, name: `${String(item.name)}（第${run + 1}次修改）` };
  draft.push(await time(() => impl.post(`${BASE}/${id}/validate-draft`, { kind: 'discretion', code: CODE, value })));
  bench.push(
    await time(() =>
      impl.post(`${BASE}/${id}/bench`, {
        kind: 'discretion',
        code: CODE,
        value,
        input: { facts: FACTS, violationDate: '2026-03-01' },
      }),
    ),
  );
  const { revision } = (await (await impl.get(`${BASE}/${id}`)).json()) as { revision: number };
  saved.push(await time(() => impl.call('PUT', `${BASE}/${id}/items/discretion/${CODE}`, { value, revision })));
}

const d = stats(draft);
const b = stats(bench);
const s = stats(saved);
const f = (n: number) => n.toFixed(0);
console.log(`bench: runs: ${runs} (Binhai over cn-national; ${CODE} edited each run)`);
console.log(
  `bench: POST validate-draft (unsaved edit): median ${f(d.median)} ms, p90 ${f(d.p90)} ms — budget 500 ms median`,
);
console.log(`bench: POST bench (unsaved edit, evaluate + golden check): median ${f(b.median)} ms, p90 ${f(b.p90)} ms`);
console.log(`bench: baseline PUT (save and validate the new revision): median ${f(s.median)} ms, p90 ${f(s.p90)} ms`);
console.log(`bench: ratio validate-draft / baseline: ${(d.median / s.median).toFixed(2)}`);
process.exit(0);
