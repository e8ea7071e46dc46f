import { describe, expect, it } from 'vitest';
import { FIX_IN_MESSAGE, fixFor, ISSUE_FIXES } from './issue-fixes.ts';
import { ISSUE_MESSAGES, type IssueKey } from './issues.ts';

const CODES = Object.keys(ISSUE_MESSAGES) as IssueKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe('issue fixes', () => {
  it('say what to do for every issue code: in the message, or in the fix table (add one in issue-fixes.ts)', () => {
    const neither = CODES.filter((c) => !FIX_IN_MESSAGE.has(c) && !ISSUE_FIXES[c]);
    const both = CODES.filter((c) => FIX_IN_MESSAGE.has(c) && ISSUE_FIXES[c]);
    expect({ neither, both }).toEqual({ neither: [], both: [] });
    expect([...FIX_IN_MESSAGE].filter((c) => !(c in ISSUE_MESSAGES))).toEqual([]);
  });

  it('use only placeholders the message has, so the issue params fill them', () => {
    const unfilled = Object.entries(ISSUE_FIXES).flatMap(([code, fix]) => {
      const known = new Set(
        placeholders(`${ISSUE_MESSAGES[code as IssueKey].zh} ${ISSUE_MESSAGES[code as IssueKey].en}`),
      );
      return [...placeholders(fix.zh), ...placeholders(fix.en)]
        .filter((p) => !known.has(p))
        .map((p) => `${code} {${p}}`);
    });
    expect(unfilled).toEqual([]);
  });

  it('are filled with the params and kind labels, and schema issues get one by keyword', () => {
    expect(fixFor({ code: 'ref.unresolved', params: { kind: 'legal-basis', code: 'X' } })).toEqual({
      zh: '改正编码，或新增该执法依据',
      en: 'correct the code, or add that legal basis',
    });
    expect(fixFor({ code: 'schema.additionalProperties', params: {} })?.en).toContain('correct its spelling');
    expect(fixFor({ code: 'schema.minLength', params: {} })?.en).toContain('field table');
    expect(fixFor({ code: 'ref.removed', params: {} })).toBeUndefined();
  });
});
