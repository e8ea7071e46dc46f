/**
 * The statistics API as the supervision page reads it (GET /statistics, /statistics/cases,
 * /statistics.xlsx): the answer's shape and the query built from the drill-down's steps.
 */
import type { Named } from '../../i18n.tsx';

export const GROUP_BYS = [
  'district',
  'subject',
  'unit',
  'officer',
  'matter',
  'powerType',
  'sector',
  'state',
  'month',
  'year',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export type RateCode = 'performanceRate' | 'participationRate' | 'casesPerOfficer';

/** The counts a rate is made of. */
export interface RateCounts {
  cases: number;
  certifiedOfficers: number;
  officersWithCases: number;
  authorityItems: number;
  authorityItemsExercised: number;
}

/** A row of the table. */
export interface StatRow extends Named {
  key: string;
  cases: number;
  open: number;
  closed: number;
  byPowerType: Record<string, number>;
  counts?: RateCounts;
  rates?: Record<RateCode, number | null>;
}

/** A filter the server applied, with its value's name. */
export interface AppliedFilter extends Named {
  field: string;
  value: string;
}

/** GET /statistics. */
export interface StatisticsAnswer {
  scope: 'own' | 'subject' | 'subject-tree' | 'sector-supervised' | 'all';
  asOf: string;
  today: string;
  filters: AppliedFilter[];
  groupBy: GroupBy;
  next: GroupBy | 'cases';
  powerTypes: ({ code: string } & Named)[];
  figures: {
    cases: number;
    open: number;
    closed: number;
    subjects: number;
    kinds: ({ kind: string; cases: number } & Named)[];
    counts: RateCounts;
    rates: Record<RateCode, number | null>;
  };
  rows: StatRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /file-review/summary: files sampled by 案卷评查 rounds drawn in the period, reviewed and passed. */
export interface SampledSummary {
  sampled: number;
  finished: number;
  qualified: number;
}

/** A case of the last level. */
export interface StatCase {
  id: string;
  number: string;
  matter: { code: string } & Named;
  state: { code: string } & Named;
  subject: { code: string; name: string };
  officers: string[];
  openedAt: string;
  closedAt: string | null;
}

/** GET /statistics/cases. */
export interface StatCasesAnswer {
  items: StatCase[];
  total: number;
  page: number;
  pageSize: number;
}

/** One step down: the filter a clicked row adds, and its name for the breadcrumb. */
export interface DrillStep {
  /** Query parameters the step sets (a month sets from and to). */
  params: Record<string, string>;
  label: Named;
  /** The grouping the step was taken from, and the one it shows. */
  from: GroupBy;
  to: GroupBy | 'cases';
}

/** The step a click on a row of a grouping takes. */
export function stepOf(groupBy: GroupBy, next: GroupBy | 'cases', row: StatRow): DrillStep {
  const params: Record<string, string> =
    groupBy === 'month'
      ? { from: row.key, to: row.key }
      : groupBy === 'year'
        ? { from: `${row.key}-01`, to: `${row.key}-12` }
        : { [groupBy]: row.key };
  return { params, label: { name: row.name, nameEn: row.nameEn }, from: groupBy, to: next };
}

/** The query string of a request: the base parameters, then each step's (a later step wins). */
export function queryOf(base: Record<string, string | undefined>, steps: readonly DrillStep[]): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(base)) if (v !== undefined && v !== '') q.set(k, v);
  for (const s of steps) for (const [k, v] of Object.entries(s.params)) q.set(k, v);
  return q.toString();
}
