import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hash with a fresh salt and verify', async () => {
    const a = await hashPassword('Zhifa#2026ok');
    const b = await hashPassword('Zhifa#2026ok');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Zhifa#2026ok', a)).toBe(true);
    expect(await verifyPassword('Zhifa#2026oK', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('enforce length, classes and not containing the user name', () => {
    expect(passwordProblem('short1A!', 'li')?.en).toContain('10');
    expect(passwordProblem('alllowercase1', 'li')?.en).toContain('three');
    expect(passwordProblem('Officer-li-2026', 'officer-li')?.en).toContain('user name');
    expect(passwordProblem('Zhifa#2026ok', 'officer-li')).toBeUndefined();
  });
});
