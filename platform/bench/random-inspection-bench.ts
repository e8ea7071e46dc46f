/**
 * 双随机 at a district's scale (real Binhai pack, embedded database in a temp folder): E market
 * entities of 滨海新区市场监管局 and C cases against them over the last three years (penalty cases
 * and inspections, each party's credit code SM4-sealed as the platform stores it), six certified
 * officers. Timed: counting the records of every entity (the cases read and each party's code
 * opened), classifying every entity by cn-national's risk scheme, the pure draw, and the whole
 * POST /inspection-plans/{id}/draw (which does all of it and writes the draw and its audit event).
 *
 * Usage: npx tsx platform/bench/random-inspection-bench.ts [--entities 20000] [--cases 50000]
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { sealPii } from '../src/crypto/pii.ts';
import { cases, marketEntities, organisations } from '../src/db/schema.ts';
import { creditCode } from '../src/demo/ids.ts';
import { classify, countRecords, schemeFor } from '../src/inspection-plans/classify.ts';
import { drawPlan, periodDays } from '../src/inspection-plans/draw.ts';
import { localDate } from '../src/time.ts';
import { startTestServer } from '../test/harness.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const E = arg('entities', 20_000);
const C = arg('cases', 50_000);
const NOW = new Date('2026-06-10T04:00:00Z');

const server = await startTestServer({ now: () => NOW });
const cert = (n: number) => ({
  certificateNo: `12011620269${String(n).padStart(3, '0')}`,
  certificateValidUntil: '2099-12-31',
});
const officers: string[] = [];
for (let i = 1; i <= 6; i++)
  officers.push((await server.user({ username: `o${i}`, orgCode: '120116-SCJ', roles: ['officer'], ...cert(i) })).id);
await server.user({ username: 'head', orgCode: '120116-SCJ', roles: ['department-head'] });
const [org] = await server.db.select().from(organisations).where(eq(organisations.code, '120116-SCJ'));
if (!org) throw new Error('no 120116-SCJ');

const codes = Array.from({ length: E }, (_, i) => creditCode('91', '120116', `MC${String(i).padStart(6, '0')}`));
const at = NOW.toISOString();
let t = performance.now();
await server.db.transaction(async (tx) => {
  for (let i = 0; i < E; i += 500)
    await tx.insert(marketEntities).values(
      codes.slice(i, i + 500).map((code, j) => ({
        id: randomUUID(),
        creditCode: code,
        name: `滨海某某${i + j}号`,
        address: `天津市滨海新区某某路${i + j}号`,
        sector: 'market-regulation',
        orgCode: org.code,
        orgPath: org.path,
        createdBy: 'bench',
        createdAt: at,
        updatedAt: at,
      })),
    );
  for (let i = 0; i < C; i += 500)
    await tx.insert(cases).values(
      Array.from({ length: Math.min(500, C - i) }, (_, j) => {
        const n = i + j;
        const inspection = n % 3 === 0;
        const opened = new Date(NOW.getTime() - ((n * 7919) % (3 * 365)) * 86_400_000).toISOString();
        return {
          id: randomUUID(),
          number: `BENCH-${n}`,
          matterCode: inspection ? '120116-SCJ-JC-0001-01' : '120116-SCJ-CF-0001-01',
          workflowCode: inspection ? 'inspection' : 'penalty-ordinary',
          category: 'enforcement' as const,
          subjectOrg: org.code,
          subjectPath: org.path,
          packHash: server.packHash,
          state: inspection ? 'closed' : 'investigation',
          party: {
            kind: 'organisation' as const,
            name: '某某',
            idNumber: sealPii(codes[(n * 104729) % Math.ceil(E / 5)] as string),
          },
          facts: {},
          officers: [officers[0] as string, officers[1] as string],
          stateEntered: {},
          extensions: {},
          openedAt: opened,
          updatedAt: opened,
          createdBy: officers[0] as string,
        };
      }),
    );
});
console.log(`seeded ${E} entities and ${C} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const { pack } = await server.services.packs.activeFor(org.path);
const scheme = schemeFor(pack, 'market-regulation');
const today = localDate(NOW);
const runs = 3;
const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  let out: T | undefined;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    out = await fn();
    ms.push(performance.now() - t);
  }
  console.log(`${label}: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
  return out as T;
};
const records = await time('countRecords (read and open every party of 3 years of cases)', () =>
  countRecords(server.db, scheme, today),
);
// Baseline in the same run: the same rows read with a bare statement, nothing opened or counted.
await time('baseline: the same SELECT, rows only', () =>
  server.db.$client.execute({
    sql: `select json_extract(party, '$.idNumber'), workflow_code, opened_at from cases
          where workflow_code in ('inspection', 'penalty-ordinary', 'penalty-summary') and opened_at >= ?
          and json_extract(party, '$.kind') = 'organisation'`,
    args: ['2023-06-10'],
  }),
);
const entities = codes.map((code, i) => ({ id: String(i), creditCode: code, sector: 'market-regulation' }));
const classes = await time(`classify ${E} entities`, () =>
  entities.map((e) => classify(pack, scheme, records, e, today).code),
);
const by = new Map<string, number>();
for (const c of classes) by.set(c, (by.get(c) ?? 0) + 1);
console.log(`classes: ${[...by].map(([k, n]) => `${k} ${n}`).join(', ')}`);
await time('drawPlan (pure, a whole year)', () =>
  drawPlan({
    seed: 1,
    periodDays: periodDays('2026-01-01', '2026-12-31'),
    classes: scheme.classes.map((k) => ({
      code: k.code,
      ratePerYear: k.ratePerYear,
      entities: entities.filter((_, i) => classes[i] === k.code),
    })),
    officers,
    excluded: {},
  }),
);
const head = await server.as('head');
const ms: number[] = [];
for (let i = 0; i < runs; i++) {
  const res = await head.post('/api/v1/inspection-plans', {
    name: `基准${i}`,
    sector: 'market-regulation',
    periodFrom: '2026-07-01',
    periodTo: '2026-12-31',
    matter: '120116-SCJ-JC-0001-01',
  });
  const plan = (await res.json()) as { id: string; version: number };
  t = performance.now();
  const drawn = await head.post(`/api/v1/inspection-plans/${plan.id}/draw`, { version: plan.version });
  ms.push(performance.now() - t);
  if (drawn.status !== 200) throw new Error(`draw: ${drawn.status} ${await drawn.text()}`);
  if (i === 0)
    console.log(`drawn: ${((await drawn.json()) as { inspections: unknown[] }).inspections.length} inspections`);
}
console.log(`POST /inspection-plans/{id}/draw: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms`);
console.log(
  `machine: ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
process.exit(0);
