/**
 * The shipped formats over records written by hand (golden rows): cn-national's 双公示 行政处罚 for
 * a person (the name published, the ID number masked, the person's columns filled and the
 * organisation's empty), its code map and 万元, and the problems a row can have; he-hebei's
 * illustrative provincial mapping.
 */
import { join } from 'node:path';
import type { ReportFormat } from '@yifa/metamodel';
import { validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import { type ExchangeRecord, formatRow } from './columns.ts';

const national = validatePackDir(join(PACKS_DIR, 'cn-national')).pack;
const hebei = validatePackDir(join(PACKS_DIR, 'he-hebei')).pack;
const format = (pack: typeof national, code: string) => pack.items['report-format'].get(code) as ReportFormat;
const decision = national.items.document.get('penalty-decision');

/** A person fined 1,500 元 and warned by a county market regulator. */
const PERSON: ExchangeRecord = {
  caseId: 'c1',
  caseNumber: '冀石市监案〔2026〕7号',
  caseState: 'closed',
  openedAt: '2026-03-02T01:00:00.000Z',
  party: { kind: 'person', name: '王某某', idNumber: '11010519491231002X' },
  org: { code: '130100-SCJ', name: '石家庄市市场监督管理局', creditCode: '11130100MB1234567X' },
  matter: {
    code: 'M-1',
    name: '对销售过期食品的处罚',
    cause: '销售超过保质期的食品',
    violatedBasis: [],
    penaltyBasis: ['SPAQF-124'],
  },
  document: {
    number: '冀石市监罚〔2026〕12号',
    issuedAt: '2026-03-31T16:30:00.000Z', // 1 April in Beijing
    data: {
      facts: '当事人销售超过保质期的食品。',
      penaltyBasis: ['SPAQF-124'],
      penalties: ['警告', '罚款'],
      fine: 1500,
      decidedAt: '2026-04-01',
    },
    citations: { 'SPAQF-124': '《中华人民共和国食品安全法》第一百二十四条' },
  },
};

describe('the 双公示 行政处罚 format over a hand-written record', () => {
  it('writes a person as the national items ask: name published, ID number masked', () => {
    const row = formatRow(format(national, 'sgs-penalty'), decision, PERSON);
    expect(row.values).toEqual({
      CF_XDR_MC: '王某某',
      CF_XDR_LB: '自然人',
      CF_XDR_SHXYM: null,
      CF_XDR_GSZC: null,
      CF_XDR_ZZJG: null,
      CF_XDR_SWDJ: null,
      CF_XDR_SYDW: null,
      CF_XDR_SHZZ: null,
      CF_FRDB: null,
      CF_FR_ZJLX: null,
      CF_FR_ZJHM: null,
      CF_XDR_ZJLX: '身份证',
      CF_XDR_ZJHM: '110105********002X',
      CF_WSH: '冀石市监罚〔2026〕12号',
      CF_WFXW: '销售超过保质期的食品',
      CF_SY: '当事人销售超过保质期的食品。',
      CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
      CF_CFLB: '警告;罚款',
      CF_NR: '警告、罚款',
      CF_NR_FK: 0.15,
      CF_NR_WFFF: null,
      CF_NR_ZKDX: null,
      CF_JDRQ: '2026-04-01',
      CF_YXQ: null,
      CF_GSJZQ: null,
      CF_CFJG: '石家庄市市场监督管理局',
      CF_CFJGDM: '11130100MB1234567X',
      CF_SJLY: '石家庄市市场监督管理局',
      CF_SJLYDM: '11130100MB1234567X',
      BZ: null,
    });
    expect(row.problems).toEqual([]);
    expect(JSON.stringify(row)).not.toContain('11010519491231002X');
  });

  it('reports a kind the map lacks, a required value missing and a value too long, and keeps them', () => {
    const record: ExchangeRecord = {
      ...PERSON,
      matter: { ...PERSON.matter, cause: undefined },
      document: {
        ...PERSON.document,
        data: { ...PERSON.document.data, penalties: ['罚款', '训诫'], facts: '某'.repeat(5001) },
      },
    };
    const row = formatRow(format(national, 'sgs-penalty'), decision, record);
    expect(row.values.CF_CFLB).toBe('罚款;训诫');
    expect(row.values.CF_SY).toHaveLength(5001);
    expect(row.problems.map((p) => `${p.column} ${p.code}`)).toEqual([
      'CF_WFXW required',
      'CF_SY too-long',
      'CF_CFLB unmapped',
    ]);
    expect(row.problems[2]?.message).toEqual({
      zh: '处罚类别：“训诫”没有对应的代码',
      en: 'Category of penalty: "训诫" has no code in the map',
    });
  });

  it('merges the kinds the national categories join (没收违法所得 and 没收非法财物 are one category)', () => {
    const record = {
      ...PERSON,
      document: { ...PERSON.document, data: { ...PERSON.document.data, penalties: ['没收违法所得', '没收非法财物'] } },
    };
    expect(formatRow(format(national, 'sgs-penalty'), decision, record).values.CF_CFLB).toBe(
      '没收违法所得、没收非法财物',
    );
  });
});

describe("he-hebei's illustrative provincial mapping", () => {
  it('is marked unverified and maps the case, subject and party as its columns say', () => {
    const f = format(hebei, 'he-penalty-elements');
    expect(f.source.status).toBe('unverified');
    const row = formatRow(f, hebei.items.document.get('penalty-decision'), PERSON);
    expect(row.values).toEqual({
      AJBH: '冀石市监案〔2026〕7号',
      SXBM: 'M-1',
      SXMC: '对销售过期食品的处罚',
      ZFZT: '石家庄市市场监督管理局',
      ZFZTBM: '130100-SCJ',
      DSRMC: '王某某',
      DSRLX: '1',
      JDSWH: '冀石市监罚〔2026〕12号',
      JDRQ: '2026-04-01',
      FKJE: 1500,
      LASJ: '2026-03-02',
      AJZT: 'closed',
    });
  });
});
