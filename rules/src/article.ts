/**
 * A Chinese article reference in English: 第二十七条 → art. 27, 第五十七条第二款 → art. 57(2),
 * 第一百二十二条第一款第三项 → art. 122(1)(3). English text cites articles by number, as the
 * refusals do (art. 42); a reference not in that form stays as written.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral below 10,000 as a number (二十七 → 27, 十五 → 15, 一百零五 → 105); undefined if it is not one. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit ?? 1) * (UNITS[ch] as number);
      digit = undefined;
    } else return undefined;
  }
  return s.length ? total + (digit ?? 0) : undefined;
}

/**
 * An article reference in English; as written when it is not 第…条 (with 款 and 项).
 *
 * @example
 * articleEn('第五十七条第二款') // 'art. 57(2)'
 */
export function articleEn(article: string): string {
  const m = /^第(.+?)条(?:第(.+?)款)?(?:第(.+?)项)?$/.exec(article.trim());
  if (!m) return article;
  const parts = m
    .slice(1)
    .filter((p): p is string => p !== undefined)
    .map(chineseNumber);
  if (parts.some((n) => n === undefined)) return article;
  const [art, ...rest] = parts as number[];
  return `art. ${art}${rest.map((n) => `(${n})`).join('')}`;
}
