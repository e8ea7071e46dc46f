import { describe, expect, it } from 'vitest';
import { findings } from './language.ts';

const kinds = (text: string, lang: 'zh' | 'en' = 'en', known?: Set<string>) =>
  findings(text, lang, known).map((f) => `${f.kind}:${f.found}`);

describe('what the English-screen check finds', () => {
  it('finds Chinese in English, but not official numbers and citations', () => {
    expect(kinds('Stage 立案审批')).toEqual(['cjk:立案审批']);
    expect(kinds('Case 津滨市监案〔2026〕0001号: the fine')).toEqual([]);
    expect(kinds('Provisions violated 《中华人民共和国食品安全法》第三十五条第一款')).toEqual([]);
    expect(kinds('Option 同意立案', 'en', new Set(['同意立案']))).toEqual([]);
    expect(kinds('阶段 立案审批', 'zh')).toEqual([]);
  });

  it('finds internal codes in either language, not English compounds', () => {
    expect(kinds('表单 case-filing-approval', 'zh')).toEqual(['code:case-filing-approval']);
    expect(kinds('fact hearingNotified missing')).toEqual(['code:hearingNotified']);
    expect(kinds('hash 3f2a9c0d1e4b5a6978695a4b3c2d1e0f')).toEqual(['code:3f2a9c0d1e4b5a6978695a4b3c2d1e0f']);
    expect(kinds('pack sha256:3f2a9c0d1e4b…', 'zh')).toEqual(['code:sha256:3f2a9c0d1e4b']);
    expect(kinds('a read-only no-penalty rule, matter 120116-SCJ-CF-0001-01')).toEqual([]);
  });

  it('finds glued words and wrong plurals', () => {
    expect(kinds('Agree⟦⟧')).toEqual(['glued:e⟦']);
    expect(kinds('1 persons, 1 days left')).toEqual(['plural:1 persons', 'plural:1 days']);
    expect(kinds('2 day left')).toEqual(['plural:2 day']);
    expect(kinds('1 day left, 2 days left, 1.5 days')).toEqual([]);
  });
});
