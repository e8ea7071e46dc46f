/**
 * Which `period` keys of the rollups (migration 0028: each count kept per legal month, YYYY-MM,
 * and per year, YYYY) cover a span of months: the whole years inside it by their year rows, the
 * months at either end by their month rows — so a year reads one row per group, not twelve, and
 * no case is counted twice. Each part is one range of the rollups' primary key (a year's months
 * sort between its year row and the next year's).
 */
import { type SQL, sql } from 'drizzle-orm';

/** The parts of a span: years (YYYY) and ranges of months (YYYY-MM, both included, within one year). */
export interface PeriodKeys {
  years: string[];
  months: [string, string][];
}

const yearOf = (m: string) => Number(m.slice(0, 4));
const pad = (y: number) => String(y).padStart(4, '0');

/**
 * The keys covering the months from…to (YYYY-MM, both included; either open), given the first and
 * last year the rollup holds (an open end stops there).
 */
export function periodKeys(
  from: string | undefined,
  to: string | undefined,
  minYear: number,
  maxYear: number,
): PeriodKeys {
  const first = from ?? `${pad(minYear)}-01`;
  const last = to ?? `${pad(maxYear)}-12`;
  if (first > last) return { years: [], months: [] };
  const fy = yearOf(first);
  const ly = yearOf(last);
  if (fy === ly) {
    return first.endsWith('-01') && last.endsWith('-12')
      ? { years: [pad(fy)], months: [] }
      : { years: [], months: [[first, last]] };
  }
  const years: string[] = [];
  const months: [string, string][] = [];
  if (first.endsWith('-01')) years.push(pad(fy));
  else months.push([first, `${pad(fy)}-12`]);
  for (let y = fy + 1; y < ly; y++) years.push(pad(y));
  if (last.endsWith('-12')) years.push(pad(ly));
  else months.push([`${pad(ly)}-01`, last]);
  return { years, months };
}

/** Every month from…to as month ranges of one year each (for a grouping by month). */
export function monthRanges(from: string | undefined, to: string | undefined, minYear: number, maxYear: number) {
  const first = from ?? `${pad(minYear)}-01`;
  const last = to ?? `${pad(maxYear)}-12`;
  const out: [string, string][] = [];
  for (let y = yearOf(first); y <= yearOf(last); y++)
    out.push([y === yearOf(first) ? first : `${pad(y)}-01`, y === yearOf(last) ? last : `${pad(y)}-12`]);
  return out;
}

/** The month after a month (YYYY-MM). */
function nextMonth(m: string): string {
  const y = yearOf(m);
  const n = Number(m.slice(5, 7));
  return n === 12 ? `${pad(y + 1)}-01` : `${pad(y)}-${String(n + 1).padStart(2, '0')}`;
}

/**
 * Month ranges that follow one another joined into one (so every month of four years is one range
 * of the key, not four ranges SQLite reads as a multi-index OR); a joined range spans year rows.
 */
export function joinMonthRanges(ranges: readonly [string, string][]): { from: string; to: string; years: boolean }[] {
  const out: { from: string; to: string; years: boolean }[] = [];
  for (const [a, b] of ranges) {
    const last = out[out.length - 1];
    if (last && nextMonth(last.to) === a) {
      last.to = b;
      last.years = true;
    } else out.push({ from: a, to: b, years: false });
  }
  return out;
}

/** The condition on a rollup's period column for these keys (false when there are none). */
export function periodCondition(column: SQL | unknown, keys: PeriodKeys): SQL {
  const col = sql`${column}`;
  const parts: SQL[] = [];
  if (keys.years.length)
    parts.push(
      sql`${col} IN (${sql.join(
        keys.years.map((y) => sql`${y}`),
        sql`, `,
      )})`,
    );
  // A range across a year's end holds that year's row (YYYY sorts before YYYY-01): month rows only.
  for (const r of joinMonthRanges(keys.months))
    parts.push(
      r.years
        ? sql`(${col} >= ${r.from} AND ${col} <= ${r.to} AND length(${col}) = 7)`
        : sql`(${col} >= ${r.from} AND ${col} <= ${r.to})`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`0`;
}
