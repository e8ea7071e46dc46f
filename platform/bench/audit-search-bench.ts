/**
 * The audit administrator's reads on a long chain: N events (default 200,000) of 200 actors over
 * 40 actions, hashed and linked as appendEvent links them, written straight into a temp database;
 * then the median of five runs of each: the newest page unfiltered, a page by one person, by one
 * action, by a group of actions (`user.*`), by a time range, the count of each filter, the export
 * of one person's events as .xlsx, and verifying the whole chain (verifyChain, as
 * `yifa audit verify` and the screen do).
 *
 * Usage: npx tsx platform/bench/audit-search-bench.ts [events]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, GENESIS, verifyChain } from '../src/audit/chain.ts';
import { auditWorkbook } from '../src/audit/export-xlsx.ts';
import { type AuditFilters, auditCount, auditEntries } from '../src/audit/search.ts';
import { openDb } from '../src/db/client.ts';
import { auditEvents } from '../src/db/schema.ts';

const total = Number(process.argv[2] ?? 200_000);
const db = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-audit-bench-')), 'yifa.db')}`);
const actions = Array.from({ length: 40 }, (_, i) => `${['case', 'document', 'user', 'alert'][i % 4]}.action-${i}`);
const start = Date.parse('2026-01-01T00:00:00Z');
let prev = GENESIS;
let t = performance.now();
for (let from = 1; from <= total; from += 3000) {
  const batch = [];
  for (let seq = from; seq < Math.min(from + 3000, total + 1); seq++) {
    const e = {
      seq,
      at: new Date(start + seq * 60_000).toISOString(),
      actor: `user-${seq % 200}`,
      action: actions[seq % actions.length] as string,
      caseId: seq % 3 === 0 ? `case-${seq % 5000}` : null,
      target: `target-${seq}`,
      before: null,
      after: { n: seq, note: '立案审批' },
    };
    const hash = eventHash(prev, e);
    batch.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  await db.insert(auditEvents).values(batch);
}
console.log(`${total} events written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
async function timed(name: string, fn: () => Promise<unknown>) {
  const times: number[] = [];
  let result: unknown;
  for (let run = 0; run < 5; run++) {
    t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  const shown = typeof result === 'number' ? ` → ${result}` : Array.isArray(result) ? ` → ${result.length} rows` : '';
  console.log(`${name}: ${median(times).toFixed(1)} ms${shown}`);
}

const month = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const filters: [string, AuditFilters][] = [
  ['no filter', {}],
  ['one person', { person: 'user-17' }],
  ['one action', { action: 'user.action-2' }],
  ['an action group (user.*)', { action: 'user.*' }],
  ['one month', month],
  ['one person in one month', { person: 'user-17', ...month }],
  ['one case', { caseRef: 'case-42' }],
];
for (const [name, f] of filters) {
  await timed(`page of 50, ${name}`, () => auditEntries(db, f, 50));
  await timed(`count, ${name}`, () => auditCount(db, f));
}
await timed('page 100 of 50, no filter', () => auditEntries(db, {}, 50, 99 * 50));
await timed("export of one person's events (.xlsx)", async () => {
  const entries = await auditEntries(db, { person: 'user-17' }, 50_000);
  const body = await auditWorkbook(entries, {
    lang: 'zh',
    asOf: new Date().toISOString(),
    by: 'bench',
    filters: [],
    matched: entries.length,
  });
  return body.length;
});
await timed('verify the whole chain', async () => {
  const report = await verifyChain(db);
  if (!report.ok) throw new Error(report.message.en);
  return report.events;
});
db.$client.close();
