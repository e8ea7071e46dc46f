/**
 * Party identifiers: 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2 check digit) and
 * 统一社会信用代码 (GB 32100-2015, MOD 31 check character). Checked wherever a party is
 * entered, so a mistyped number is caught at the desk, not in court.
 */

/** Why an identifier is not valid, in both languages. */
export interface IdProblem {
  zh: string;
  en: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Checks an 18-digit 身份证号: format, date of birth and check digit. */
export function checkIdCardNumber(value: string): IdProblem | undefined {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v))
    return { zh: '身份证号应为18位，末位可为X', en: 'an ID card number has 18 characters, the last may be X' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return { zh: '身份证号中的出生日期无效', en: 'the date of birth in the ID card number is not valid' };
  }
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  if (ID_CHECK[sum % 11] !== v[17])
    return { zh: '身份证号校验位不正确', en: 'the check digit of the ID card number is wrong' };
  return undefined;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Checks an 18-character 统一社会信用代码: alphabet and check character. */
export function checkCreditCode(value: string): IdProblem | undefined {
  const v = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) {
    return {
      zh: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
      en: 'a unified social credit code has 18 digits or capital letters (no I, O, Z, S, V)',
    };
  }
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(v[i] as string), 0);
  const check = USCC_CHARS[(31 - (sum % 31)) % 31];
  if (check !== v[17])
    return { zh: '统一社会信用代码校验位不正确', en: 'the check character of the unified social credit code is wrong' };
  return undefined;
}

/** Masks an identifier for lists, logs and public pages: keeps the first 6 and last 4. */
export function maskId(value: string): string {
  return value.length <= 10
    ? '*'.repeat(value.length)
    : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** Masks a phone number: 138****5678. */
export function maskPhone(value: string): string {
  return value.length < 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}****${value.slice(-4)}`;
}
