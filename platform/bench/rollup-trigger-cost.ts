/**
 * What the statistics rollup's triggers (migration 0028) add to one transition: the same UPDATE a
 * transition makes (state, state_entered, version, updated_at), one per transaction as the app
 * commits them, on a database with the triggers and on the same database after they are dropped,
 * interleaved in rounds. Prints the time per UPDATE of each and the difference.
 *
 * Usage: npx tsx platform/bench/rollup-trigger-cost.ts [--cases 1000] [--updates 5000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, openDb } from '../src/db/client.ts';
import { cases } from '../src/db/schema.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const UPDATES = arg('updates', 5000);
const ROUNDS = arg('rounds', 3);
const STATES = ['received', 'checked', 'reviewed'];

async function database(dir: string, name: string, triggers: boolean): Promise<Db> {
  const db = await openDb(`file:${join(dir, `${name}.db`)}`);
  if (!triggers)
    for (const t of [
      'case_rollups_insert',
      'case_counts_update',
      'case_state_counts_update',
      'case_closings_update',
      'officer_counts_update',
      'case_rollups_delete',
    ])
      await db.run(sql.raw(`DROP TRIGGER ${t}`));
  for (let i = 0; i < CASES; i += 500)
    await db.insert(cases).values(
      Array.from({ length: Math.min(500, CASES - i) }, (_, k) => ({
        id: `c${i + k}`,
        number: `N${i + k}`,
        matterCode: 'm',
        workflowCode: 'w',
        category: 'enforcement',
        subjectOrg: `org${(i + k) % 20}`,
        subjectPath: `root/org${(i + k) % 20}`,
        packHash: 'h',
        state: STATES[0] as string,
        party: { kind: 'person' as const, name: 'x', idNumber: 'x' },
        facts: {},
        officers: [`u${(i + k) % 50}`, `u${((i + k) % 50) + 50}`],
        stateEntered: {},
        extensions: {},
        createdBy: 'u',
      })),
    );
  return db;
}

/** Wall time and this process's CPU time (user + system) per UPDATE, in µs. */
async function run(db: Db, offset: number): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let n = 0; n < UPDATES; n++) {
    const id = `c${n % CASES}`;
    const state = STATES[(Math.floor(n / CASES) + offset + 1) % STATES.length] as string;
    await db.transaction(async (tx) => {
      await tx.run(sql`UPDATE cases SET state = ${state}, state_entered = json_set(state_entered, '$.x', ${n}),
        version = version + 1, updated_at = ${new Date().toISOString()} WHERE id = ${id}`);
    });
  }
  const used = process.cpuUsage(c);
  return { wall: ((performance.now() - t) * 1000) / UPDATES, cpu: (used.user + used.system) / UPDATES };
}

const dir = mkdtempSync(join(tmpdir(), 'yifa-trigger-cost-'));
const withT = await database(dir, 'with', true);
const without = await database(dir, 'without', false);
const a: { wall: number; cpu: number }[] = [];
const b: { wall: number; cpu: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  a.push(await run(withT, r));
  b.push(await run(without, r));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const line = (xs: { wall: number; cpu: number }[], k: 'wall' | 'cpu') =>
  `${xs.map((x) => x[k].toFixed(0)).join(' / ')} µs (median ${median(xs.map((x) => x[k])).toFixed(0)})`;
console.log(
  `${UPDATES} state-changing UPDATEs × ${ROUNDS} rounds over ${CASES} cases (two officers each), one per transaction`,
);
console.log(`with the rollup triggers: wall ${line(a, 'wall')}, CPU ${line(a, 'cpu')} per UPDATE`);
console.log(`without them:             wall ${line(b, 'wall')}, CPU ${line(b, 'cpu')} per UPDATE`);
const cpu = (xs: typeof a) => median(xs.map((x) => x.cpu));
console.log(`the triggers add ${(cpu(a) - cpu(b)).toFixed(0)} µs of CPU per state change`);
const check = await withT.all<{ n: number }>(sql`SELECT sum(cases) AS n FROM case_counts WHERE length(period) = 7`);
if (Number(check[0]?.n) !== CASES) throw new Error(`the rollup counts ${check[0]?.n} cases, not ${CASES}`);
withT.$client.close();
without.$client.close();
rmSync(dir, { recursive: true, force: true });
