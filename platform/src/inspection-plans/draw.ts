/**
 * 双随机: the random draw of an inspection plan — entities at the risk scheme's rate per class,
 * then two officers for each from the certified pool, none with a declared conflict (回避) and
 * none who inspected the entity last time. The draw is a pure function of its inputs and a seed:
 * given the inputs and the seed recorded in the audit chain, anyone draws it again and gets the
 * same entities, in the same order, with the same officers.
 *
 * Samples are drawn by random/seeded-sample.ts (xoroshiro128+, unbiased `uniformInt`, partial
 * Fisher–Yates). Inputs are sorted before drawing (entities by credit code, officers by id), so the
 * order rows come out of the database never matters.
 */
import { SEEDED_SAMPLE, sampleOf as sample, seededRng } from '../random/seeded-sample.ts';

/** The name recorded with the seed: generator, distribution and sampling, with the library's version. */
export const DRAW_ALGORITHM = SEEDED_SAMPLE;

/** Officers per inspection (行政处罚法第四十二条: 执法人员不得少于两人). */
export const OFFICERS_PER_INSPECTION = 2;

/** One risk class's candidates and its yearly rate. */
export interface ClassCandidates {
  code: string;
  ratePerYear: number;
  /** Entity ids of the class. */
  entities: readonly { id: string; creditCode: string }[];
}

/** What a draw is made from (recorded with the seed, so it can be made again). */
export interface DrawInput {
  seed: number;
  /** Days of the plan's period (both ends counted). */
  periodDays: number;
  classes: readonly ClassCandidates[];
  /** Certified officers who may be drawn (user ids). */
  officers: readonly string[];
  /** Per entity id: officers who may not inspect it (declared conflicts and last time's officers). */
  excluded: Readonly<Record<string, readonly string[]>>;
}

/** One drawn inspection. */
export interface Drawn {
  entityId: string;
  riskClass: string;
  officers: string[];
}

/** A draw, or the entity no two officers could be found for. */
export type DrawResult =
  | { ok: true; inspections: Drawn[]; counts: { code: string; entities: number; ratePerYear: number; drawn: number }[] }
  | { ok: false; entityId: string; eligible: number };

/** How many of `n` entities a class with `rate` percent a year gives for a period of `days`: ceil(n·rate·days / 36500), at most n. */
export function drawCount(n: number, ratePerYear: number, days: number): number {
  if (n === 0 || ratePerYear <= 0) return 0;
  // Integer arithmetic where the rate allows (percent with up to 4 decimals), so 5 % of 100 is 5, not 5.000000001.
  const scaled = Math.round(ratePerYear * 10_000);
  const k = Math.ceil((n * scaled * days) / (100 * 365 * 10_000));
  return Math.min(n, k);
}

/** Draws the plan. */
export function drawPlan(input: DrawInput): DrawResult {
  const rng = seededRng(input.seed);
  const officers = [...input.officers].sort();
  const inspections: Drawn[] = [];
  const counts = [];
  for (const cls of input.classes) {
    const entities = [...cls.entities].sort((a, b) =>
      a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0,
    );
    const k = drawCount(entities.length, cls.ratePerYear, input.periodDays);
    counts.push({ code: cls.code, entities: entities.length, ratePerYear: cls.ratePerYear, drawn: k });
    for (const e of sample(rng, entities, k)) {
      const out = new Set(input.excluded[e.id] ?? []);
      const eligible = officers.filter((o) => !out.has(o));
      if (eligible.length < OFFICERS_PER_INSPECTION) return { ok: false, entityId: e.id, eligible: eligible.length };
      inspections.push({
        entityId: e.id,
        riskClass: cls.code,
        officers: sample(rng, eligible, OFFICERS_PER_INSPECTION),
      });
    }
  }
  return { ok: true, inspections, counts };
}

/** Days from `from` to `to`, both counted (ISO dates). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
