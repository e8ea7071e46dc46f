/**
 * The rollups counted again from the cases (the same grouping the migrations 0028, 0030, 0031 and 0032
 * backfill and the triggers keep), for two uses: a copy whose legal time zone differs from the one the rollups were
 * counted in rewrites them (month.ts), and the tests prove the triggers' rollups equal a recount
 * after any mix of writes (`rollupDifferences`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** The rollup tables the triggers on `cases` keep. */
export const ROLLUPS = [
  'case_counts',
  'case_state_counts',
  'case_closings',
  'officer_counts',
  'officer_matter_counts',
  'review_marks',
  'case_period_counts',
  'case_officers',
] as const;
export type Rollup = (typeof ROLLUPS)[number];

/** The rollups whose rows do not depend on the legal time zone (a zone change leaves them as they are). */
export const ZONE_FREE: ReadonlySet<Rollup> = new Set<Rollup>(['review_marks', 'case_officers']);

/** The rollups that hold a count per row (`cases`), whose rows are deleted when it reaches zero. */
export const COUNTED: ReadonlySet<Rollup> = new Set<Rollup>(ROLLUPS.filter((t) => !ZONE_FREE.has(t)));

/**
 * The rows each rollup should hold, counted from `cases`: per legal month and per year opened
 * (`modifier` turns UTC into the legal time, e.g. '+480 minutes'), groups of no case left out.
 */
export function recountQuery(table: Rollup, modifier: string): SQL {
  const mod = modifier.replace(/'/g, '');
  const month = (col: string) => `strftime('%Y-%m', ${col}, '${mod}')`;
  // Each case twice: k.y = 0 for its month, 1 for its year.
  const periods = '(SELECT 0 AS y UNION ALL SELECT 1)';
  const period = `CASE p.y WHEN 0 THEN ${month('c.opened_at')} ELSE substr(${month('c.opened_at')}, 1, 4) END`;
  switch (table) {
    case 'case_counts':
      return sql.raw(`SELECT ${period} AS period, c.subject_org, c.matter_code, c.closed_at IS NOT NULL AS closed, count(*) AS cases
        FROM cases AS c, ${periods} AS p GROUP BY 1, 2, 3, 4`);
    case 'case_state_counts':
      return sql.raw(`SELECT ${period} AS period, c.subject_org, c.matter_code, c.state, c.closed_at IS NOT NULL AS closed, count(*) AS cases
        FROM cases AS c, ${periods} AS p GROUP BY 1, 2, 3, 4, 5`);
    case 'case_closings':
      return sql.raw(`SELECT ${period} AS period, c.subject_org, c.matter_code, c.category,
          CASE WHEN c.closed_at IS NULL THEN '' ELSE ${month('c.closed_at')} END AS closed_month, count(*) AS cases
        FROM cases AS c, ${periods} AS p GROUP BY 1, 2, 3, 4, 5`);
    case 'officer_counts':
      return sql.raw(`SELECT ${period} AS period, c.subject_org, j.value AS officer_id, count(DISTINCT c.id) AS cases
        FROM cases AS c, ${periods} AS p, json_each(c.officers) AS j GROUP BY 1, 2, 3`);
    case 'officer_matter_counts':
      return sql.raw(`SELECT ${period} AS period, c.subject_org, j.value AS officer_id, c.matter_code,
          c.closed_at IS NOT NULL AS closed, count(DISTINCT c.id) AS cases
        FROM cases AS c, ${periods} AS p, json_each(c.officers) AS j GROUP BY 1, 2, 3, 4, 5`);
    case 'review_marks':
      return sql.raw(`SELECT c.opened_at, c.id AS case_id, c.subject_org, c.workflow_code, c.state_entered,
          max(r.requested_at) AS requested_at,
          max(CASE WHEN r.opinion IN ('agree', 'agree-after-change') THEN r.requested_at END) AS agreed_at
        FROM cases AS c JOIN reviews AS r ON r.case_id = c.id GROUP BY c.id`);
    case 'case_period_counts':
      return sql.raw(`SELECT ${period} AS period, c.matter_code, c.closed_at IS NOT NULL AS closed, count(*) AS cases
        FROM cases AS c, ${periods} AS p GROUP BY 1, 2, 3`);
    case 'case_officers':
      // In the key's order, so a bulk fill appends to the b-tree.
      return sql.raw(`SELECT DISTINCT j.value AS officer_id, c.opened_at, c.number, c.id AS case_id, c.subject_org,
          c.subject_path, c.matter_code
        FROM cases AS c, json_each(c.officers) AS j ORDER BY 1, 2, 3`);
  }
}

/** The columns of each rollup, in the order of its recount query. */
const COLUMNS: Record<Rollup, string> = {
  case_counts: 'period, subject_org, matter_code, closed, cases',
  case_state_counts: 'period, subject_org, matter_code, state, closed, cases',
  case_closings: 'period, subject_org, matter_code, category, closed_month, cases',
  officer_counts: 'period, subject_org, officer_id, cases',
  officer_matter_counts: 'period, subject_org, officer_id, matter_code, closed, cases',
  review_marks: 'opened_at, case_id, subject_org, workflow_code, state_entered, requested_at, agreed_at',
  case_period_counts: 'period, matter_code, closed, cases',
  case_officers: 'officer_id, opened_at, number, case_id, subject_org, subject_path, matter_code',
};

/** Empties a rollup and fills it again from the cases (inside the caller's transaction). */
export async function recount(db: Pick<Db, 'run'>, table: Rollup, modifier: string): Promise<void> {
  await db.run(sql.raw(`DELETE FROM ${table}`));
  await db.run(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(COLUMNS[table])}) ${recountQuery(table, modifier)}`);
}

/**
 * The rows where a rollup and its recount differ (stored but not recounted, or recounted but not
 * stored, a count included): empty when the triggers kept it exactly.
 */
export async function rollupDifferences(
  db: Db,
  table: Rollup,
  modifier: string,
): Promise<{ stored: Record<string, unknown>[]; recounted: Record<string, unknown>[] }> {
  const cols = sql.raw(COLUMNS[table]);
  const recounted = sql`SELECT ${cols} FROM (${recountQuery(table, modifier)})`;
  const stored = sql`SELECT ${cols} FROM ${sql.raw(table)}`;
  return {
    stored: await db.all(sql`${stored} EXCEPT ${recounted}`),
    recounted: await db.all(sql`${recounted} EXCEPT ${stored}`),
  };
}
