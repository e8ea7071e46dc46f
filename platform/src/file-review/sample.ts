/**
 * 案卷评查的抽样: which closed cases a review round draws. The candidates are split into strata
 * (each subject, or each subject and workflow), each stratum sorted by case number, and from
 * each — in the order of the strata's keys — a share (percent, rounded up) or a count is drawn
 * with one seeded generator. The draw is a pure function of the candidates, the rule and the
 * seed: the same seed over the same cases draws the same files, in the same order.
 *
 * Generator and sampling are those of the 双随机 draw: random/seeded-sample.ts (pure-rand's
 * xoroshiro128+ seeded with a 32-bit integer, its unbiased `uniformInt`, a partial Fisher–Yates).
 */
import type { FileReviewRule, FileReviewStratum } from '../db/schema.ts';
import { SEEDED_SAMPLE, sampleOf, seededRng } from '../random/seeded-sample.ts';

/** The name recorded with the seed: generator, distribution and sampling, with the library's version. */
export const SAMPLE_ALGORITHM = `${SEEDED_SAMPLE} per stratum (strata by key, cases by number)`;

/** A closed case that may be drawn. */
export interface Candidate {
  id: string;
  number: string;
  subject: string;
  workflow: string;
}

/** How many of a stratum's `n` cases the rule draws: ceil(n × share / 100) or the count, at most n. */
export function sampleSize(n: number, rule: FileReviewRule): number {
  if (n === 0 || rule.value <= 0) return 0;
  if (rule.kind === 'count') return Math.min(n, Math.floor(rule.value));
  // Integer arithmetic for shares with up to 4 decimals, so 10 % of 30 is 3, not 3.0000000004 → 4.
  return Math.min(n, Math.ceil((n * Math.round(rule.value * 10_000)) / (100 * 10_000)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The draw: the files drawn in order, and per stratum how many cases it had and how many were drawn. */
export function drawSample(
  seed: number,
  candidates: readonly Candidate[],
  rule: FileReviewRule,
): { drawn: Candidate[]; strata: FileReviewStratum[] } {
  const strata = new Map<string, { subject: string; workflow: string | null; cases: Candidate[] }>();
  for (const c of candidates) {
    const workflow = rule.per === 'subject-workflow' ? c.workflow : null;
    const key = `${c.subject}\u0000${workflow ?? ''}`;
    const s = strata.get(key) ?? { subject: c.subject, workflow, cases: [] };
    s.cases.push(c);
    strata.set(key, s);
  }
  const rng = seededRng(seed);
  const drawn: Candidate[] = [];
  const counts: FileReviewStratum[] = [];
  for (const key of [...strata.keys()].sort(cmp)) {
    const s = strata.get(key) as { subject: string; workflow: string | null; cases: Candidate[] };
    const a = [...s.cases].sort((x, y) => cmp(x.number, y.number));
    const k = sampleSize(a.length, rule);
    drawn.push(...sampleOf(rng, a, k));
    counts.push({ subject: s.subject, workflow: s.workflow, population: a.length, drawn: k });
  }
  return { drawn, strata: counts };
}
