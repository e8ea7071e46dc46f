import { describe, expect, it } from 'vitest';
import { articleEn, chineseNumber } from './article.ts';

describe('articleEn', () => {
  it('numbers articles, paragraphs and items as English text cites them', () => {
    expect(articleEn('第二十七条')).toBe('art. 27');
    expect(articleEn('第五条')).toBe('art. 5');
    expect(articleEn('第十五条')).toBe('art. 15');
    expect(articleEn('第五十七条第二款')).toBe('art. 57(2)');
    expect(articleEn('第一百二十二条第一款第三项')).toBe('art. 122(1)(3)');
    expect(articleEn('第一百零五条')).toBe('art. 105');
  });

  it('leaves what is not an article reference as written', () => {
    expect(articleEn('附则')).toBe('附则');
    expect(articleEn('第X条')).toBe('第X条');
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('一百一十')).toBe(110);
    expect(chineseNumber('')).toBeUndefined();
  });
});
