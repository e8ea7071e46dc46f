import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/client.ts';
import { allocateDocumentNumber, type NumberingOrg } from './numbering.ts';

const PATTERN = '{orgPrefix}罚〔{year}〕{seq:4}号';
const SCJ: NumberingOrg = {
  code: '120116-SCJ',
  name: '天津市滨海新区市场监督管理局',
  shortName: '区市场监管局',
  numberingPrefix: '津滨市监',
};
let db: Db;

beforeAll(async () => {
  db = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-numbering-')), 'n.db')}`);
});

describe('document numbers', () => {
  it('counts per pattern, organisation and year', async () => {
    const next = (org: NumberingOrg = SCJ, year = 2026, pattern = PATTERN) =>
      db.transaction((tx) => allocateDocumentNumber(tx, pattern, org, year));
    expect(await next()).toBe('津滨市监罚〔2026〕0001号');
    expect(await next()).toBe('津滨市监罚〔2026〕0002号');
    expect(await next(SCJ, 2027)).toBe('津滨市监罚〔2027〕0001号');
    expect(await next({ code: 'X', name: '某某局', shortName: '某局' })).toBe('某局罚〔2026〕0001号');
    expect(await next({ code: 'Y', name: '某某委员会' })).toBe('某某委员会罚〔2026〕0001号');
    expect(await next(SCJ, 2026, '{orgShort}告〔{year}〕{seq}号')).toBe('区市场监管局告〔2026〕1号');
    expect(await next()).toBe('津滨市监罚〔2026〕0003号');
  });

  it('gives a number back when the issuing transaction rolls back', async () => {
    const org = { ...SCJ, code: 'ROLLBACK' };
    await expect(
      db.transaction(async (tx) => {
        await allocateDocumentNumber(tx, PATTERN, org, 2026);
        throw new Error('issue failed');
      }),
    ).rejects.toThrow('issue failed');
    expect(await db.transaction((tx) => allocateDocumentNumber(tx, PATTERN, org, 2026))).toBe(
      '津滨市监罚〔2026〕0001号',
    );
  });
});
