import { describe, expect, it } from 'vitest';
import { chineseNumeral, queryTerms } from './matter-search.ts';

describe('article numbers as laws write them', () => {
  it('writes whole numbers in Chinese numerals', () => {
    const cases: [number, string][] = [
      [1, '一'],
      [10, '十'],
      [12, '十二'],
      [20, '二十'],
      [72, '七十二'],
      [100, '一百'],
      [105, '一百零五'],
      [110, '一百一十'],
      [124, '一百二十四'],
      [1001, '一千零一'],
      [1010, '一千零一十'],
    ];
    for (const [n, text] of cases) expect(chineseNumeral(n), String(n)).toBe(text);
  });

  it('turns a query’s article, paragraph and item numbers into the laws’ numerals and splits its words', () => {
    expect(queryTerms('《食品安全法》第124条')).toEqual(['食品安全法', '第一百二十四条']);
    expect(queryTerms('124条 第2款 第（3）项')).toEqual(['第一百二十四条', '第二款', '第(三)项']);
    expect(queryTerms('  SCJ-CF-0001，食品、许可 ')).toEqual(['scj-cf-0001', '食品', '许可']);
    expect(queryTerms('')).toEqual([]);
  });
});
