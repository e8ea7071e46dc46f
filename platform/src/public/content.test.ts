import { join } from 'node:path';
import type { Matter } from '@yifa/metamodel';
import { validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealPii } from '../crypto/pii.ts';
import { disclosureContent, type IssuedDecision, publishedParty } from './content.ts';
import { dayAfter, publicationDue } from './disclosures.ts';

process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';

const { pack } = validatePackDir(join(PACKS_DIR, 'tj-binhai'));
const matter = pack.items.matter.get('120116-SCJ-CF-0001-01') as Matter;

const decision: IssuedDecision = {
  number: '津滨市监罚〔2026〕12号',
  issuedOn: '2026-12-01',
  citations: { 'SPAQF-122-1': '《中华人民共和国食品安全法》第一百二十二条' },
  data: {
    // The officer typed the party's phone, ID and home address into the facts.
    facts: '当事人张三（身份证号11010519491231002X，电话13812345678）在天津市滨海新区某某路88号无证经营。',
    penalties: ['罚款', '没收违法所得'],
    fine: 70000,
    confiscatedIncome: 1200,
    penaltyBasis: ['SPAQF-122-1'],
    orgName: '天津市滨海新区市场监督管理局',
    decidedAt: '2026-12-01',
    partyAddress: '天津市滨海新区某某路88号',
    partyPhone: '13812345678',
  },
};
const person = { kind: 'person' as const, name: '张三', idNumber: '', phone: '', address: '' };
const company = { kind: 'organisation' as const, name: '天津某食品有限公司', idNumber: '' };

beforeAll(() => {
  person.idNumber = sealPii('11010519491231002X');
  person.phone = sealPii('13812345678');
  person.address = sealPii('天津市滨海新区某某路88号');
  company.idNumber = sealPii('91350100M000100Y43');
});

describe('what a disclosure publishes', () => {
  it('publishes a person by name with the 身份证号 masked, and an organisation with its credit code in full', () => {
    expect(publishedParty(person)).toBe('张三（身份证号 110105********002X）');
    expect(publishedParty(company)).toBe('天津某食品有限公司（统一社会信用代码 91350100M000100Y43）');
  });

  it('gives the matter’s items in its order, with no phone number, ID or address anywhere', () => {
    const items = disclosureContent({ matter, party: person, decision });
    expect(items.map((i) => i.key)).toEqual(matter.disclosure?.fields);
    const byKey = Object.fromEntries(items.map((i) => [i.key, i.value]));
    expect(byKey).toEqual({
      行政处罚决定书文号: '津滨市监罚〔2026〕12号',
      当事人: '张三（身份证号 110105********002X）',
      违法行为类型: '未取得食品生产经营许可从事食品生产经营活动',
      处罚依据: '《中华人民共和国食品安全法》第一百二十二条',
      处罚内容: '罚款70,000元，没收违法所得1,200元',
      处罚机关: '天津市滨海新区市场监督管理局',
      决定日期: '2026-12-01',
    });
    const all = JSON.stringify(items);
    for (const secret of ['11010519491231002X', '13812345678', '某某路88号']) expect(all).not.toContain(secret);
  });

  it('masks the personal data typed into a published free text (违法事实)', () => {
    const withFacts = { ...matter, disclosure: { ...matter.disclosure, fields: ['违法事实', '处罚类别'] } } as Matter;
    const [facts, kinds] = disclosureContent({ matter: withFacts, party: person, decision });
    expect(facts?.value).toContain('当事人张三');
    expect(facts?.value).not.toContain('11010519491231002X');
    expect(facts?.value).not.toContain('13812345678');
    expect(facts?.value).not.toContain('某某路88号');
    expect(kinds?.value).toBe('罚款、没收违法所得');
  });
});

describe('the time limits in working days (the pack’s calendars)', () => {
  it('counts seven working days over the National Day holiday and its 调休 Saturday', () => {
    // Tue 29 Sep 2026: 30 Sep, (1–7 Oct off), 8, 9, 10 (Saturday worked), 12, 13, 14 Oct.
    expect(dayAfter(pack, '2026-09-29', { days: 7, kind: 'working' })).toBe('2026-10-14');
    expect(dayAfter(pack, '2026-09-29', { days: 7, kind: 'calendar' })).toBe('2026-10-06');
  });

  it('runs from the day the case entered the matter’s `from` state (Beijing time)', () => {
    // 23:30 UTC on 28 Sep is 07:30 on 29 Sep in Beijing.
    const row = { stateEntered: { filing: '2026-09-01T01:00:00Z', decision: '2026-09-28T23:30:00Z' } };
    expect(publicationDue(pack, row, matter)).toBe('2026-10-14');
    expect(publicationDue(pack, { stateEntered: { filing: '2026-09-01T01:00:00Z' } }, matter)).toBeNull();
  });

  it('withdraws a revoked decision within three working days (the workflow’s withdrawWithin)', () => {
    const limit = pack.items.workflow.get('penalty-ordinary')?.disclosure?.withdrawWithin;
    expect(limit).toEqual({ days: 3, kind: 'working' });
    // Fri 25 Sep is 中秋: from Thu 24 Sep, 28, 29, 30 Sep.
    expect(dayAfter(pack, '2026-09-24', limit as { days: number; kind: 'working' })).toBe('2026-09-30');
  });
});
