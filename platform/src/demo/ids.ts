/**
 * Identifiers for fictional demo parties that pass the platform's checks: 居民身份证号码
 * with its GB 11643 check digit, and 统一社会信用代码 with both the GB 11714 organisation
 * code check and the GB 32100 check character. Generated from the parts given, so the demo
 * is the same every run and no real person's number is copied.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A 身份证号 for a region code, a date of birth and a sequence number (odd for men, even for women).
 *
 * @example
 * idCardNumber('120116', '1985-03-12', 37) // '120116198503120371'
 */
export function idCardNumber(region: string, birth: string, seq: number): string {
  const body = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`not an ID card number body: ${body}`);
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return `${body}${ID_CHECK[sum % 11]}`;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 11714 check character of an 8-character organisation code body (letters count A=10 … Z=35). */
function orgCodeCheck(body: string): string {
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const c = 11 - ([...body].reduce((s, ch, i) => s + value(ch) * (ORG_WEIGHTS[i] as number), 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A 统一社会信用代码: registration authority and kind (`91` a company, `92` an 个体工商户),
 * the region, and an 8-character organisation code body (digits and capitals, not I O Z S V).
 *
 * @example
 * creditCode('91', '120116', 'MA05JXQ2') // '91120116MA05JXQ27T'
 */
export function creditCode(kind: string, region: string, body: string): string {
  const first = `${kind}${region}${body}${orgCodeCheck(body)}`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/.test(first)) throw new Error(`bad credit code: ${first}`);
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(first[i] as string), 0);
  return `${first}${USCC_CHARS[(31 - (sum % 31)) % 31]}`;
}
