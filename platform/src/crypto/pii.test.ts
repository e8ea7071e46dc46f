import { describe, expect, it } from 'vitest';
import { openPii, sealPii } from './pii.ts';

describe('personal data at rest', () => {
  it('is SM4-encrypted with a fresh IV each time and reads back', () => {
    process.env.YIFA_DATA_KEY = '0123456789abcdeffedcba9876543210';
    const a = sealPii('11010519491231002X');
    const b = sealPii('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(a.startsWith('sm4:')).toBe(true);
    expect(openPii(a)).toBe('11010519491231002X');
  });
});
