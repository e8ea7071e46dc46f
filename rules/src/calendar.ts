import type { HolidayCalendar } from '@yifa/metamodel';
import { dayOf, isoOf, weekdayOf, yearOf } from './dates.ts';
import { fail, issue, ok, type Result } from './issues.ts';

/** A year that a working-day count needed but no holiday calendar covers. */
export interface MissingYear {
  missingYear: number;
}

/**
 * Working days by the pack's holiday calendars (行政处罚法第八十五条: 日 = 工作日, 不含法定节假日):
 * Monday to Friday are working days unless listed as holidays; weekend days listed as
 * 调休 workdays are working days. Days are day numbers (see dates.ts).
 */
export interface WorkCalendar {
  /** The years the calendars cover. */
  readonly years: ReadonlySet<number>;
  /** Whether the day is a working day; undefined when no calendar covers its year. */
  isWorkingDay(day: number): boolean | undefined;
  /** Working days in (from, to]: the first day is not counted, the last is. Negative when to is before from. */
  workingDaysBetween(from: number, to: number): number | MissingYear;
  /** The day n working days after (or, for negative n, before) from. */
  addWorkingDays(from: number, n: number): number | MissingYear;
}

/**
 * A working-day calendar from holiday calendar items; several items for one year are merged.
 * @example createWorkCalendar([cn2026]).workingDaysBetween(dayOf('2026-09-30'), dayOf('2026-10-09'))
 */
export function createWorkCalendar(calendars: readonly HolidayCalendar[]): WorkCalendar {
  const years = new Set<number>();
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  for (const c of calendars) {
    years.add(c.year);
    for (const d of c.holidays) addDay(holidays, d);
    for (const d of c.workdays) addDay(workdays, d);
  }
  // Only holidays on weekdays and workdays on weekends change a count of weekdays.
  const offWeekdays = [...holidays].filter((d) => !isWeekend(d) && !workdays.has(d)).sort((a, b) => a - b);
  const onWeekends = [...workdays].filter(isWeekend).sort((a, b) => a - b);

  const isWorkingDay = (day: number): boolean | undefined => {
    if (!years.has(yearOf(day))) return undefined;
    if (workdays.has(day)) return true;
    return !isWeekend(day) && !holidays.has(day);
  };
  const uncovered = (from: number, to: number): MissingYear | undefined => {
    for (let y = yearOf(from); y <= yearOf(to); y++) if (!years.has(y)) return { missingYear: y };
    return undefined;
  };
  const between = (from: number, to: number): number | MissingYear => {
    if (to === from) return 0;
    if (to < from) {
      const back = between(to, from);
      return typeof back === 'number' ? -back : back;
    }
    const missing = uncovered(from + 1, to);
    if (missing) return missing;
    return weekdays(from + 1, to) - countIn(offWeekdays, from, to) + countIn(onWeekends, from, to);
  };
  const add = (from: number, n: number): number | MissingYear => {
    const step = n < 0 ? -1 : 1;
    let day = from;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      const working = isWorkingDay(day);
      if (working === undefined) return { missingYear: yearOf(day) };
      if (working) left--;
    }
    return day;
  };
  return { years, isWorkingDay, workingDaysBetween: between, addWorkingDays: add };
}

/** Working days in (from, to] between two ISO dates. */
export function countWorkingDays(calendar: WorkCalendar, from: string, to: string): Result<number> {
  const a = dayOf(from);
  const b = dayOf(to);
  if (a === undefined || b === undefined)
    return fail([issue('date.invalid', '', { value: a === undefined ? from : to })]);
  return settle(calendar.workingDaysBetween(a, b), (n) => n);
}

/** The ISO date n working days after an ISO date. */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): Result<string> {
  const a = dayOf(from);
  if (a === undefined) return fail([issue('date.invalid', '', { value: from })]);
  return settle(calendar.addWorkingDays(a, n), isoOf);
}

function settle<T>(value: number | MissingYear, map: (n: number) => T): Result<T> {
  if (typeof value === 'number') return ok(map(value));
  return fail([issue('calendar.missing', '', { year: value.missingYear })]);
}

function addDay(set: Set<number>, iso: string): void {
  const d = dayOf(iso);
  if (d !== undefined) set.add(d);
}

function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** Monday-to-Friday days in [lo, hi]. */
function weekdays(lo: number, hi: number): number {
  const n = hi - lo + 1;
  const full = Math.floor(n / 7);
  let count = full * 5;
  const start = weekdayOf(lo);
  for (let i = 0; i < n - full * 7; i++) {
    const w = (start + i) % 7;
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}

/** Elements x of a sorted array with lo < x <= hi. */
function countIn(sorted: readonly number[], lo: number, hi: number): number {
  return upper(sorted, hi) - upper(sorted, lo);
}

/** The number of elements <= x. */
function upper(sorted: readonly number[], x: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if ((sorted[m] as number) <= x) a = m + 1;
    else b = m;
  }
  return a;
}
