/**
 * A case's deadlines: each starts when the case first enters its start state and stops
 * when it enters a stop state; due dates count calendar days or working days by the
 * pack's holiday calendars (行政处罚法第八十五条), plus approved extensions.
 */
import type { Workflow } from '@yifa/metamodel';
import { addWorkingDays, type RuleEnv } from '@yifa/rules';

/** A deadline of a case, as of today. */
export interface CaseDeadline {
  code: string;
  name: string;
  /** The English name, when the pack gives one. */
  nameEn?: string;
  kind: 'calendar' | 'working';
  startedAt: string;
  /** The last day to act (inclusive). */
  due: string;
  /** Calendar days from today to the due date; negative once overdue. */
  daysLeft: number;
  status: 'running' | 'near' | 'overdue' | 'met' | 'missed';
  extended: number;
  /** Whether another extension may still be approved. */
  extendable: boolean;
  /** A date the calendars do not cover, when the due date could not be counted in working days. */
  problem?: { zh: string; en: string };
}

/**
 * The legal date (YYYY-MM-DD) of an instant (ISO date-time): where the deadlines count from. The
 * engine knows no time zone; the platform gives the one of its jurisdiction (Beijing time: an
 * instant at 2026-03-01T17:00Z is on 2026-03-02). By default, the instant's own date as written.
 */
export type DateOf = (instant: string) => string;

/** The date an ISO instant is written with (UTC for a `Z` instant). */
export const writtenDate: DateOf = (instant) => instant.slice(0, 10);

/** The deadlines that have started, for a case's state history. */
export function caseDeadlines(
  workflow: Workflow,
  stateEntered: Readonly<Record<string, string>>,
  extensions: Readonly<Record<string, number>>,
  today: string,
  env: RuleEnv,
  dateOf: DateOf = writtenDate,
): CaseDeadline[] {
  const out: CaseDeadline[] = [];
  for (const d of workflow.deadlines ?? []) {
    const started = stateEntered[d.start];
    if (!started) continue;
    const start = dateOf(started);
    const extended = extensions[d.code] ?? 0;
    const extra = d.extension ? d.extension.days * extended : 0;
    let due = addDays(d.kind, start, d.days, env);
    let problem: CaseDeadline['problem'];
    if (typeof due !== 'string') {
      problem = due;
      due = addCalendarDays(start, d.days);
    }
    if (extra > 0 && d.extension) {
      const later = addDays(d.extension.kind, due, extra, env);
      due = typeof later === 'string' ? later : addCalendarDays(due, extra);
    }
    const stoppedAt = d.stop
      .map((s) => stateEntered[s])
      .filter((x): x is string => x !== undefined && x >= started)
      .sort()[0];
    const daysLeft = daysBetween(today, due);
    const status: CaseDeadline['status'] = stoppedAt
      ? dateOf(stoppedAt) <= due
        ? 'met'
        : 'missed'
      : daysLeft < 0
        ? 'overdue'
        : daysLeft <= (d.warnBefore ?? 3)
          ? 'near'
          : 'running';
    out.push({
      code: d.code,
      name: d.name,
      ...(d.nameEn ? { nameEn: d.nameEn } : {}),
      kind: d.kind,
      startedAt: start,
      due,
      daysLeft,
      status,
      extended,
      extendable: d.extension !== undefined && extended < (d.extension.times ?? 1) && !stoppedAt,
      ...(problem ? { problem } : {}),
    });
  }
  return out;
}

function addDays(
  kind: 'calendar' | 'working',
  from: string,
  n: number,
  env: RuleEnv,
): string | { zh: string; en: string } {
  if (kind === 'calendar') return addCalendarDays(from, n);
  const r = addWorkingDays(env.calendar, from, n);
  if (r.ok) return r.value;
  return {
    zh: '节假日历未覆盖该年度，按自然日计算',
    en: 'no holiday calendar covers that year; counted in calendar days',
  };
}

/** The ISO date n calendar days after an ISO date. */
export function addCalendarDays(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Calendar days from a to b. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
