/**
 * The case most platform tests open: 未取得食品经营许可 at the Binhai 区市场监管局 (食品安全法
 * 第一百二十二条), goods worth 8,000 元 and ordinary harm, so the benchmark's tier is 一般
 * (65,000–85,000 元), with a proposed fine of 70,000 元 inside it.
 */

/** The Binhai matter 未取得食品生产经营许可从事食品生产经营活动. */
export const FOOD_MATTER = '120116-SCJ-CF-0001-01';

/** Facts that decide every rule of the benchmark: the tier 一般, the proposed fine inside it. */
export const FOOD_FACTS = {
  goodsValue: 8000,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  minorViolation: false,
  firstViolation: false,
  correctedPromptly: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  proposedFine: 70000,
  proposedPenalties: ['fine'],
} as const;
