/**
 * The seed's supervision rates (滨海新区执法监督平台: 履职率, 参与率, 人均办案率), each the ratio of
 * two platform metrics (metamodel PLATFORM_METRICS), named and labelled from there:
 * - 履职率 = authority items exercised / authority items the subject implements;
 * - 参与率 = officers who acted / certified officers;
 * - 人均办案率 = cases / certified officers.
 * A ratio whose denominator is 0 is null (nothing to measure), never 0 or 100 %.
 */
import { platformMetric } from '@yifa/metamodel';

/** The counts the rates are made of, per group. */
export interface RateCounts {
  cases: number;
  certifiedOfficers: number;
  officersWithCases: number;
  authorityItems: number;
  authorityItemsExercised: number;
}

/** A rate: its code, names, and the metrics it divides. */
export interface RateDefinition {
  code: 'performanceRate' | 'participationRate' | 'casesPerOfficer';
  name: string;
  nameEn: string;
  numerator: keyof RateCounts;
  denominator: keyof RateCounts;
  /** A share (shown as a percentage) or a plain ratio. */
  percent: boolean;
}

/** The three rates of the first screen. */
export const RATES: readonly RateDefinition[] = [
  {
    code: 'performanceRate',
    name: '履职率',
    nameEn: 'Authority items exercised',
    numerator: 'authorityItemsExercised',
    denominator: 'authorityItems',
    percent: true,
  },
  {
    code: 'participationRate',
    name: '参与率',
    nameEn: 'Officer participation',
    numerator: 'officersWithCases',
    denominator: 'certifiedOfficers',
    percent: true,
  },
  {
    code: 'casesPerOfficer',
    name: '人均办案率',
    nameEn: 'Cases per officer',
    numerator: 'cases',
    denominator: 'certifiedOfficers',
    percent: false,
  },
];

// The counts other than `cases` are platform metrics; a rename there must show here.
for (const r of RATES)
  for (const m of [r.numerator, r.denominator])
    if (m !== 'cases' && !platformMetric(m)) throw new Error(`rate ${r.code}: no platform metric ${m}`);

/** The rates of a group's counts: a ratio rounded to 4 decimals, or null when the denominator is 0. */
export function ratesOf(c: RateCounts): Record<RateDefinition['code'], number | null> {
  const out = {} as Record<RateDefinition['code'], number | null>;
  for (const r of RATES) {
    const d = c[r.denominator];
    out[r.code] = d > 0 ? Math.round((c[r.numerator] / d) * 10_000) / 10_000 : null;
  }
  return out;
}
