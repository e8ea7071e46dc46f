/**
 * What each condition operator means, for explanations and for checking the value a
 * condition gives it. The rules part implements them; a test there proves it
 * implements exactly this list.
 */
import type { Operator } from './generated/types.ts';

/** How an operator is read aloud in explanations, e.g. `货值金额 8,000 元 < 10,000 元`. */
export interface OperatorInfo {
  symbol: string;
  zh: string;
  en: string;
  /** What the condition's value must be. */
  value: 'scalar' | 'list' | 'pair' | 'boolean' | 'date';
}

/** Every operator of the condition language. */
export const OPERATORS: Readonly<Record<Operator, OperatorInfo>> = {
  equal: { symbol: '=', zh: '等于', en: 'equals', value: 'scalar' },
  notEqual: { symbol: '≠', zh: '不等于', en: 'does not equal', value: 'scalar' },
  lessThan: { symbol: '<', zh: '小于', en: 'is less than', value: 'scalar' },
  lessThanInclusive: { symbol: '≤', zh: '不大于', en: 'is at most', value: 'scalar' },
  greaterThan: { symbol: '>', zh: '大于', en: 'is greater than', value: 'scalar' },
  greaterThanInclusive: { symbol: '≥', zh: '不小于', en: 'is at least', value: 'scalar' },
  in: { symbol: '∈', zh: '属于', en: 'is one of', value: 'list' },
  notIn: { symbol: '∉', zh: '不属于', en: 'is none of', value: 'list' },
  contains: { symbol: '∋', zh: '包含', en: 'contains', value: 'scalar' },
  doesNotContain: { symbol: '∌', zh: '不包含', en: 'does not contain', value: 'scalar' },
  containsAny: { symbol: '∩', zh: '包含任一', en: 'contains any of', value: 'list' },
  between: { symbol: '∈[]', zh: '介于', en: 'is between', value: 'pair' },
  startsWith: { symbol: '^', zh: '以…开头', en: 'starts with', value: 'scalar' },
  exists: { symbol: '∃', zh: '已填写', en: 'is present', value: 'boolean' },
  dateBefore: { symbol: '<', zh: '早于', en: 'is before', value: 'date' },
  dateOnOrBefore: { symbol: '≤', zh: '不晚于', en: 'is on or before', value: 'date' },
  dateAfter: { symbol: '>', zh: '晚于', en: 'is after', value: 'date' },
  dateOnOrAfter: { symbol: '≥', zh: '不早于', en: 'is on or after', value: 'date' },
};
