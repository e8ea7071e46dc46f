/**
 * Passwords: scrypt with a random salt per password (Node's crypto), compared in constant
 * time; and the password rules of 等保 三级 (length and character classes).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/** A stored hash: `scrypt$N$r$p$salt$key` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether the password matches the stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The password rules (口令复杂度): the shortest length and how many character classes a password needs. */
export interface PasswordRules {
  /** At least this many characters (at most 128 always). */
  minLength: number;
  /** Of lower case, upper case, digits and symbols, at least this many. */
  minClasses: number;
}

/** The rules when neither the environment nor the security administrator sets them (等保 三级). */
export const DEFAULT_PASSWORD_RULES: PasswordRules = { minLength: 10, minClasses: 3 };

/** Why a new password is not acceptable under the rules, or undefined when it is. */
export function passwordProblem(
  password: string,
  username: string,
  rules: PasswordRules = DEFAULT_PASSWORD_RULES,
): { zh: string; en: string } | undefined {
  if (password.length < rules.minLength)
    return { zh: `密码至少 ${rules.minLength} 位`, en: `a password has at least ${rules.minLength} characters` };
  if (password.length > 128) return { zh: '密码不超过 128 位', en: 'a password has at most 128 characters' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.minClasses)
    return {
      zh: `密码须包含大写字母、小写字母、数字、符号中的至少${CLASSES_ZH[rules.minClasses] ?? rules.minClasses}类`,
      en: `a password needs ${CLASSES_EN[rules.minClasses] ?? rules.minClasses} of: lower case, upper case, digits, symbols`,
    };
  if (password.toLowerCase().includes(username.toLowerCase()))
    return { zh: '密码不能包含用户名', en: 'a password may not contain the user name' };
  return undefined;
}

const CLASSES_ZH: Record<number, string> = { 1: '一', 2: '两', 3: '三', 4: '四' };
const CLASSES_EN: Record<number, string> = { 1: 'one', 2: 'two', 3: 'three', 4: 'all four' };
