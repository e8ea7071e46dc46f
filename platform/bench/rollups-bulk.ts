/**
 * For the benchmarks' bulk loads (--bulk): the rollups' triggers on `cases` and `reviews` set aside
 * while millions of rows are inserted, then the rollups counted once from the cases
 * (statistics/recount.ts, which recount.test.ts proves equal to what the triggers keep) and the
 * triggers put back as they were. The same rollups as a load through the triggers, in minutes.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { legalMonthModifier } from '../src/statistics/month.ts';
import { ROLLUPS, recount } from '../src/statistics/recount.ts';

/** Drops the rollups' triggers; the function returned counts the rollups and restores them (seconds taken). */
export async function setAsideRollupTriggers(db: Db): Promise<() => Promise<number>> {
  const triggers = await db.all<{ name: string; sql: string }>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('cases', 'reviews')
      AND (name LIKE '%counts%' OR name LIKE '%rollups%' OR name LIKE '%closings%' OR name LIKE 'review_marks%'
        OR name LIKE 'case_officers%')`,
  );
  for (const t of triggers) await db.run(sql.raw(`DROP TRIGGER ${t.name}`));
  return async () => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      for (const table of ROLLUPS) await recount(tx, table, legalMonthModifier());
    });
    for (const tr of triggers) await db.run(sql.raw(tr.sql));
    return (performance.now() - t) / 1000;
  };
}
