import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, numberingPatternFor } from './numbering.ts';

const FORM = '{orgPrefix}罚〔{year}〕{seq:4}号';
const values = { orgPrefix: '津滨消', orgShort: '区消防救援支队', year: 2026, seq: 7 };

describe('numberingPatternFor', () => {
  it("uses the organisation's own pattern for the form, words around the sequence included", () => {
    const own = { 'penalty-decision': '{orgPrefix}行罚决字〔{year}〕第{seq:4}号' };
    const pattern = numberingPatternFor('penalty-decision', FORM, own);
    expect(formatDocumentNumber(pattern, values)).toBe('津滨消行罚决字〔2026〕第0007号');
  });

  it("falls back to the organisation's '*' pattern, then to the form's", () => {
    const star = { '*': '{orgShort}字〔{year}〕{seq}号', 'advance-notice': '{orgPrefix}告〔{year}〕{seq}号' };
    expect(numberingPatternFor('penalty-decision', FORM, star)).toBe('{orgShort}字〔{year}〕{seq}号');
    expect(numberingPatternFor('advance-notice', FORM, star)).toBe('{orgPrefix}告〔{year}〕{seq}号');
    expect(numberingPatternFor('penalty-decision', FORM, { 'advance-notice': 'x{seq}' })).toBe(FORM);
    expect(numberingPatternFor('penalty-decision', FORM, undefined)).toBe(FORM);
  });
});
