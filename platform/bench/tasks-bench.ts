/**
 * 我的待办 of a bureau head (机关负责人, agency-head of 滨海新区市场监管局) with C open cases in
 * scope (real Binhai pack, embedded database in a temp folder): cases of 普通程序 spread over its
 * states and the last 120 days (filing with the 立案审批表 issued, investigation, 案件审核, 法制审核,
 * 告知, decision), six certified officers. Timed in the same run:
 *
 * - the first read after an upgrade (no stored steps: every case in scope computed — the backfill);
 * - GET /api/v1/tasks?limit=50 with the steps stored (p50, p95), the goal: p50 ≤ 50 ms;
 * - baselines: a bare scoped SELECT of the open cases in the head's scope, and the per-request
 *   computation the route did before (tasks/reference.ts: every case loaded, its guards judged);
 * - what keeping the steps up to date adds to a write: CPU (µs) of refreshAfterWrite for one case
 *   whose rows the write's trigger removed, and per case when the hook's drain takes a batch of
 *   cases written meanwhile (tasks/refresh.ts).
 *
 * Usage: npx tsx platform/bench/tasks-bench.ts [--cases 2000] [--runs 30]
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, rolesOf } from '../src/auth/access.ts';
import { sealPii } from '../src/crypto/pii.ts';
import { cases, caseTasks, documents, organisations, taskSteps, users } from '../src/db/schema.ts';
import { dayOf } from '../src/routes/case-views.ts';
import { permissionScope } from '../src/storage/scope.ts';
import { referenceTasks } from '../src/tasks/reference.ts';
import { REFRESH_BATCH, refreshAfterWrite } from '../src/tasks/refresh.ts';
import { startTestServer } from '../test/harness.ts';

process.env.YIFA_LOG_LEVEL ??= 'silent';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const C = arg('cases', 2000);
const RUNS = arg('runs', 30);
const NOW = new Date('2026-06-10T04:00:00Z');
const DAY = 86_400_000;

const server = await startTestServer({ now: () => NOW });
const cert = (n: number) => ({
  certificateNo: `12011620269${String(n).padStart(3, '0')}`,
  certificateValidUntil: '2099-12-31',
});
const officers: string[] = [];
for (let i = 1; i <= 6; i++)
  officers.push((await server.user({ username: `o${i}`, orgCode: '120116-SCJ', roles: ['officer'], ...cert(i) })).id);
const head = await server.user({ username: 'head', orgCode: '120116-SCJ', roles: ['agency-head'] });
const [org] = await server.db.select().from(organisations).where(eq(organisations.code, '120116-SCJ'));
if (!org) throw new Error('no 120116-SCJ');

/** The facts that decide the 食品安全法第一百二十二条 benchmark's 一般 tier. */
const DECIDING = {
  goodsValue: 8000,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  proposedFine: 70000,
  proposedPenalties: ['fine'],
};
const STATES = ['filing', 'investigation', 'case-review', 'legal-review', 'notification', 'decision'] as const;
const PATH = ['filing', 'investigation', 'case-review', 'legal-review', 'notification', 'decision'];
const iso = (t: number) => new Date(t).toISOString();

let t = performance.now();
const party = {
  kind: 'organisation' as const,
  name: '天津某某餐饮有限公司',
  idNumber: sealPii('91120116MA05JXQ21D'),
  address: sealPii('天津市滨海新区新港街道某某路18号'),
  representative: '张某某',
};
await server.db.transaction(async (tx) => {
  for (let i = 0; i < C; i += 200) {
    const rows = [];
    const docs = [];
    for (let j = i; j < Math.min(C, i + 200); j++) {
      const state = STATES[j % STATES.length] as (typeof STATES)[number];
      const opened = NOW.getTime() - (1 + (j % 120)) * DAY;
      const stateEntered: Record<string, string> = {};
      for (const [k, s] of PATH.slice(0, PATH.indexOf(state) + 1).entries()) stateEntered[s] = iso(opened + k * DAY);
      const id = randomUUID();
      rows.push({
        id,
        number: `津滨市监罚〔2026〕${String(j + 1).padStart(5, '0')}号`,
        matterCode: '120116-SCJ-CF-0001-01',
        workflowCode: 'penalty-ordinary',
        category: 'enforcement',
        subjectOrg: org.code,
        subjectPath: org.path,
        packHash: server.packHash,
        state,
        party,
        facts: state === 'notification' || state === 'decision' ? DECIDING : {},
        officers: [officers[j % 6] as string, officers[(j + 1) % 6] as string],
        stateEntered,
        extensions: {},
        openedAt: iso(opened),
        updatedAt: iso(opened),
        createdBy: officers[j % 6] as string,
      });
      if (state === 'filing')
        docs.push({
          id: randomUUID(),
          caseId: id,
          formCode: 'case-filing-approval',
          version: 1,
          status: 'issued' as const,
          data: { agencyDecision: '同意立案' },
          formHash: 'bench',
          createdBy: 'bench',
        });
    }
    await tx.insert(cases).values(rows);
    if (docs.length) await tx.insert(documents).values(docs);
  }
});
console.log(`seeded ${C} open cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const client = await server.as('head');
const [user] = await server.db.select().from(users).where(eq(users.id, head.id));
if (!user) throw new Error('no head');
const actor: Actor = {
  user,
  orgPath: org.path,
  roles: rolesOf(user, (await server.services.packs.activeFor(org.path)).pack),
};
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (${s.length} runs)`;
};
/** CPU milliseconds of this process by label (the machine is shared: wall time waits for other work too). */
const cpuBy = new Map<string, number[]>();
async function timed<T>(fn: () => Promise<T>, label?: string): Promise<[number, T]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (label) cpuBy.set(label, [...(cpuBy.get(label) ?? []), (used.user + used.system) / 1000]);
  return [ms, out];
}
const cpuOf = (label: string) => {
  const s = [...(cpuBy.get(label) ?? [])].sort((a, b) => a - b);
  return `CPU p50 ${(s[Math.floor(s.length / 2)] ?? 0).toFixed(1)} ms`;
};
const list = async () => {
  const res = await client.get('/api/v1/tasks?limit=50');
  if (res.status !== 200) throw new Error(`GET /tasks: ${res.status} ${await res.text()}`);
  return (await res.json()) as { total: number; items: unknown[] };
};

// The first read: nothing stored yet (an upgraded database), every case in scope computed.
const [first, firstPage] = await timed(list);
const stored = await server.db.$count(caseTasks);
console.log(
  `first read (backfill of ${stored} cases): ${first.toFixed(0)} ms; ${firstPage.total} cases with a task for the head`,
);

const read: number[] = [];
for (let i = 0; i < RUNS; i++) read.push((await timed(list, 'read'))[0]);
console.log(`GET /api/v1/tasks?limit=50, steps stored: ${stats(read)}; ${cpuOf('read')}`);

// Baseline 1: the head's open cases, a bare scoped SELECT (rows only).
const scope = permissionScope(actor, 'case.read');
const bare: number[] = [];
let bareRows = 0;
for (let i = 0; i < RUNS; i++) {
  const [ms, rows] = await timed(() =>
    server.db
      .select()
      .from(cases)
      .where(and(isNull(cases.closedAt), scope)),
  );
  bare.push(ms);
  bareRows = rows.length;
}
console.log(`baseline, bare scoped SELECT of the open cases (${bareRows} rows): ${stats(bare)}; ${cpuOf('bare')}`);

// Baseline 2: the per-request computation the route did before (every case, no 500 cap).
const old: number[] = [];
let oldTotal = 0;
for (let i = 0; i < Math.max(3, Math.floor(RUNS / 10)); i++) {
  const [ms, tasks] = await timed(() => referenceTasks(server.services, actor), 'old');
  old.push(ms);
  oldTotal = tasks.length;
}
console.log(
  `baseline, per-request computation (${oldTotal} tasks; stored read says ${firstPage.total}): ${stats(old)}; ${cpuOf('old')}`,
);

// What the after-write hook adds to a transition: one case's steps computed and stored again.
const today = dayOf(NOW);
const sample = (await server.db.select({ id: cases.id }).from(cases).limit(200)).map((r) => r.id);
const cpu: number[] = [];
const wall: number[] = [];
for (const id of sample) {
  await server.db.delete(taskSteps).where(eq(taskSteps.caseId, id));
  await server.db.delete(caseTasks).where(eq(caseTasks.caseId, id));
  const before = process.cpuUsage();
  t = performance.now();
  await refreshAfterWrite(server.services, [id]);
  wall.push(performance.now() - t);
  const used = process.cpuUsage(before);
  cpu.push(used.user + used.system);
  const [row] = await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id));
  if (row?.computedFor !== today) throw new Error('refresh stored nothing');
}
const sorted = [...cpu].sort((a, b) => a - b);
console.log(
  `refresh after a write, one case: CPU p50 ${sorted[Math.floor(sorted.length / 2)]} µs, mean ${Math.round(cpu.reduce((a, b) => a + b, 0) / cpu.length)} µs; wall ${stats(wall)}`,
);
// As the hook runs them: the cases written while a batch was being computed are drained together.
const batchCpu: number[] = [];
for (let i = 0; i + REFRESH_BATCH <= sample.length; i += REFRESH_BATCH) {
  const batch = sample.slice(i, i + REFRESH_BATCH);
  for (const id of batch) {
    await server.db.delete(taskSteps).where(eq(taskSteps.caseId, id));
    await server.db.delete(caseTasks).where(eq(caseTasks.caseId, id));
  }
  const before = process.cpuUsage();
  await refreshAfterWrite(server.services, batch);
  const used = process.cpuUsage(before);
  batchCpu.push((used.user + used.system) / batch.length);
}
console.log(
  `refresh after writes, drained ${REFRESH_BATCH} cases a batch: CPU ${batchCpu.map((c) => Math.round(c)).join(' / ')} µs a case`,
);
console.log(
  `machine: ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
process.exit(0);
