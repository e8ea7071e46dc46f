import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdCardNumber, maskId, maskPhone } from './party.ts';

describe('party identifiers', () => {
  it('accepts valid 身份证号 and rejects a wrong check digit, date or length', () => {
    // 11010519491231002X is the GB 11643 worked example.
    expect(checkIdCardNumber('11010519491231002X')).toBeUndefined();
    expect(checkIdCardNumber('110105194912310021')?.en).toContain('check digit');
    expect(checkIdCardNumber('110105194913310029')?.en).toContain('date of birth');
    expect(checkIdCardNumber('11010519491231002')?.zh).toContain('18位');
  });

  it('accepts valid 统一社会信用代码 and rejects a wrong check character or letters', () => {
    // A code published as the standard's example.
    expect(checkCreditCode('91350100M000100Y43')).toBeUndefined();
    expect(checkCreditCode('91350100M000100Y44')?.en).toContain('check character');
    const valid = withCheck('91120116MA05JY5K7');
    expect(checkCreditCode(valid)).toBeUndefined();
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(checkCreditCode(wrong)?.en).toContain('check character');
    expect(checkCreditCode('9112011IMA05JY5K7Q')?.zh).toContain('不含I');
  });

  it('masks personal data', () => {
    expect(maskId('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

// Computes the check character independently of the code under test (GB 32100 appendix).
function withCheck(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i] as string) * (3 ** i % 31);
  return first17 + chars[(31 - (sum % 31)) % 31];
}
