import type {
  AuthorityItem,
  Codelist,
  LegalBasis,
  Matter,
  Organisation,
  PackTestSuite,
  Workflow,
} from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { openingRefusals, subjectOf } from './opening.ts';
import { rulePackOf } from './pack.ts';
import { runPackTests } from './pack-tests.ts';
import { renderPackTestReport } from './pack-tests-render.ts';

const workflow = {
  code: 'penalty',
  name: '普通程序',
  start: 'filing',
  opening: { minOfficers: 2, basis: ['XZCFF-42'] },
  states: [
    { code: 'filing', name: '立案' },
    { code: 'closed', name: '结案', final: true },
  ],
  transitions: [{ action: 'close', name: '结案', from: 'filing', to: 'closed' }],
} as unknown as Workflow;
const item = {
  code: 'SCJ-CF-1',
  name: '对无证经营食品的处罚',
  powerType: 'CF',
  sectors: ['market-regulation'],
  subjectTypes: ['department'],
} as unknown as AuthorityItem;
const matter = {
  code: 'SCJ-CF-1-01',
  name: '无证经营食品',
  category: 'enforcement',
  authorityItem: 'SCJ-CF-1',
  workflow: 'penalty',
} as unknown as Matter;
const org = (code: string, type: string, sectors: string[], enforcementSubject = true) =>
  ({ code, name: code, type, sectors, enforcementSubject }) as unknown as Organisation;
const sectors = {
  code: 'sectors',
  name: '执法领域',
  entries: [
    { code: 'market-regulation', name: '市场监管', nameEn: 'Market regulation' },
    { code: 'ecology-environment', name: '生态环境', nameEn: 'Ecology and environment' },
  ],
} as unknown as Codelist;
const law = {
  code: 'XZCFF-42',
  law: '中华人民共和国行政处罚法',
  lawEn: 'Administrative Penalty Law of the PRC',
  article: '第四十二条',
} as unknown as LegalBasis;
const organisations = [
  org('scj', 'department', ['market-regulation']),
  org('stj', 'department', ['ecology-environment']),
  org('street', 'street', ['market-regulation']),
  org('gov', 'government', [], false),
];
const pack = rulePackOf({
  workflow: [workflow],
  'authority-item': [item],
  matter: [matter],
  organisation: organisations,
  codelist: [sectors],
  'legal-basis': [law],
});
const two = [
  { certificateNo: 'A', certificateValidUntil: '2027-12-31' },
  { certificateNo: 'B', certificateValidUntil: '2027-12-31' },
];
const open = (code: string, officers = two, today = '2026-06-01') =>
  openingRefusals(pack, {
    subject: subjectOf(pack, organisations.find((o) => o.code === code) as Organisation),
    authorityItem: 'SCJ-CF-1',
    matter: 'SCJ-CF-1-01',
    workflow,
    officers,
    today,
  });

describe('opening a case (权责清单, 第四十二条)', () => {
  it('allows the subject its own matter with two certified officers', () => {
    expect(open('scj')).toEqual([]);
  });

  it('refuses a matter of another sector, naming both sectors', () => {
    const [r, ...rest] = open('stj');
    expect(rest).toEqual([]);
    expect(r?.reason).toBe('sector');
    expect(r?.message.zh).toBe(
      '权责清单事项“对无证经营食品的处罚”（SCJ-CF-1）属于市场监管领域，本执法主体的执法领域为生态环境，无权立案',
    );
    expect(r?.details).toEqual({
      matter: 'SCJ-CF-1-01',
      authorityItem: 'SCJ-CF-1',
      itemSectors: ['market-regulation'],
      subjectSectors: ['ecology-environment'],
    });
  });

  it('refuses a subject type the item does not name, and a body that is not an enforcement subject', () => {
    expect(open('street').map((r) => r.reason)).toEqual(['subject-type']);
    expect(open('gov').map((r) => r.reason)).toEqual(['enforcement-subject']);
  });

  it('refuses too few officers and an expired certificate, citing the workflow’s basis', () => {
    const one = open('scj', [two[0] as (typeof two)[number]]);
    expect(one.map((r) => [r.reason, r.basis])).toEqual([['officers', ['XZCFF-42']]]);
    expect(one[0]?.message.zh).toBe(
      '依照《中华人民共和国行政处罚法》第四十二条，执法人员不得少于2人：本案只有1名持有效执法证的承办人员',
    );
    const expired = open('scj', [
      two[0] as (typeof two)[number],
      { certificateNo: 'B', certificateValidUntil: '2026-05-31' },
    ]);
    expect(expired.map((r) => [r.reason, r.officer])).toEqual([
      ['certificates', 1],
      ['officers', undefined],
    ]);
    // Valid through the day it ends.
    expect(open('scj', two, '2027-12-31')).toEqual([]);
  });

  it('gives every refusal at once, authority list first', () => {
    expect(open('stj', []).map((r) => r.reason)).toEqual(['sector', 'officers']);
  });
});

describe('golden opening cases', () => {
  const run = (cases: PackTestSuite['cases']) =>
    runPackTests({
      items: { ...pack.items, test: rulePackOf({ test: [{ code: 's', name: 's', cases }] }).items.test },
    });
  const officers = [
    { certificate: 'A', validUntil: '2027-12-31' },
    { certificate: 'B', validUntil: '2027-12-31' },
  ];

  it('pass when allowed or refused for exactly the reasons they list', () => {
    const report = run([
      {
        name: '本领域',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'scj',
        date: '2026-06-01',
        officers,
        expect: { allowed: true },
      },
      {
        name: '他领域',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'stj',
        date: '2026-06-01',
        officers: [{}],
        expect: {
          refused: [
            { because: 'sector' },
            { because: 'certificates', officer: 0 },
            { because: 'officers', basis: 'XZCFF-42' },
          ],
        },
      },
      {
        name: '只给流程和领域',
        opening: { workflow: 'penalty' },
        subject: { sectors: ['market-regulation'] },
        date: '2026-06-01',
        officers: officers.slice(0, 1),
        expect: { refused: [{ because: 'officers' }] },
      },
    ]);
    expect(report.failed, renderPackTestReport(report, 'en')).toBe(0);
    expect(report.cases.map((c) => c.kind)).toEqual(['opening', 'opening', 'opening']);
  });

  it('fail on another reason, a missing reason, an unlisted refusal or a basis not cited', () => {
    const report = run([
      {
        name: 'a',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'stj',
        date: '2026-06-01',
        officers,
        expect: { allowed: true },
      },
      {
        name: 'b',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'scj',
        date: '2026-06-01',
        officers,
        expect: { refused: [{ because: 'sector' }] },
      },
      {
        name: 'c',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'stj',
        date: '2026-06-01',
        officers: officers.slice(0, 1),
        expect: { refused: [{ because: 'sector' }] },
      },
      {
        name: 'd',
        opening: { matter: 'SCJ-CF-1-01' },
        org: 'scj',
        date: '2026-06-01',
        officers: officers.slice(0, 1),
        expect: { refused: [{ because: 'officers', basis: 'XZCFF-9' }] },
      },
      { name: 'e', opening: { matter: 'nope' }, org: 'scj', date: '2026-06-01', officers, expect: { allowed: true } },
    ]);
    expect(report.cases.map((c) => c.passed)).toEqual([false, false, false, false, false]);
    const [a, b, c, d, e] = report.cases;
    expect(a?.failures).toEqual([{ what: 'opening', expected: 'allowed', actual: 'refused: sector' }]);
    expect(b?.failures[0]?.message?.zh).toBe('立案：期望因 sector 被拒绝，实际准予立案');
    expect(c?.failures.map((f) => f.message?.en)).toEqual([
      expect.stringContaining('opening: also refused because officers (Under Administrative Penalty Law of the PRC'),
    ]);
    expect(d?.failures[0]?.message?.en).toBe(
      'opening: expected to be refused because officers citing XZCFF-9, refused because officers',
    );
    expect(e?.failures[0]?.actual).toBe('找不到执法事项“nope”');
  });
});
