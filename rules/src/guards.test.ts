import type { DocumentForm, LegalBasis } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { NATIONAL_CONDITIONS, NATIONAL_PARAMETERS, PENALTY_ORDINARY } from '../fixtures/penalty-ordinary.ts';
import { createRuleEnv } from './env.ts';
import { checkGuards, type GuardInput } from './guards.ts';

const doc = (code: string, name: string, issued: boolean) => ({ code, name, issued }) as DocumentForm;
const env = createRuleEnv({
  parameters: NATIONAL_PARAMETERS,
  conditions: NATIONAL_CONDITIONS,
  documents: [
    doc('inquiry-record', '询问笔录', false),
    doc('investigation-report', '案件调查终结报告', false),
    doc('penalty-decision', '行政处罚决定书', true),
  ],
  roles: [
    { code: 'officer', name: '执法人员', nameEn: 'Enforcement officer' },
    { code: 'legal-reviewer', name: '法制审核人员' },
  ],
});
const reviewFacts = {
  partyKind: 'organisation',
  proposedPenalties: ['fine'],
  hearingHeld: false,
  complex: false,
  publicInterest: false,
};
const check = (input: GuardInput) => {
  const r = checkGuards(PENALTY_ORDINARY, input, env);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const refusal = (report: ReturnType<typeof check>, action: string) =>
  report.transitions.find((t) => t.action === action)?.refusals ?? [];

describe('guards of 行政处罚普通程序', () => {
  it('罚款 12 万的案件不经法制审核不能进入告知', () => {
    const r = check({
      state: 'case-review',
      roles: ['officer', 'department-head'],
      facts: { ...reviewFacts, proposedFine: 120000 },
    });
    expect(r.allowed).toEqual(['submit-legal-review']);
    expect(r.refused).toEqual(['pass-case-review', 'withdraw-case']);
    const [why] = refusal(r, 'pass-case-review');
    expect(why?.code).toBe('unless');
    expect(why?.message.zh).toBe('重大执法决定须先经法制审核（行政处罚法第五十八条）');
    expect(why?.detail?.zh).toBe(
      '当事人类型 “法人或者其他组织” = “法人或者其他组织” ✓；拟罚款金额 120,000 元 ≥ 100,000 元（参数“重大执法决定罚款数额（法人或者其他组织）”） ✓',
    );
    expect(why?.evaluation?.rule).toEqual({
      kind: 'workflow',
      code: 'penalty-ordinary',
      part: 'transitions/pass-case-review/unless',
    });
  });

  it('a small fine passes case review and needs no legal review', () => {
    const r = check({
      state: 'case-review',
      roles: ['department-head'],
      facts: { ...reviewFacts, proposedFine: 5000 },
    });
    expect(r.allowed).toEqual(['pass-case-review']);
    const [why] = refusal(r, 'submit-legal-review');
    expect(why?.message.zh).toBe('未达到重大执法决定标准，无须法制审核（行政处罚法第五十八条）');
    expect(why?.message.en).toContain('the condition does not hold: ');
  });

  it("says the pack's own refusal in English when it gives one (refusalEn)", () => {
    const workflow = {
      ...PENALTY_ORDINARY,
      transitions: PENALTY_ORDINARY.transitions.map((t) =>
        t.action === 'submit-legal-review'
          ? { ...t, refusalEn: 'Below the threshold of a major enforcement decision: no legal review (Article 58)' }
          : t,
      ) as typeof PENALTY_ORDINARY.transitions,
    };
    const r = checkGuards(
      workflow,
      { state: 'case-review', roles: ['department-head'], facts: { ...reviewFacts, proposedFine: 5000 } },
      env,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const why = r.value.transitions.find((t) => t.action === 'submit-legal-review')?.refusals[0];
    expect(why?.message.zh).toBe('未达到重大执法决定标准，无须法制审核（行政处罚法第五十八条）');
    expect(why?.message.en).toBe('Below the threshold of a major enforcement decision: no legal review (Article 58)');
    // The evaluation behind it is still given in both languages.
    expect(why?.detail?.en).toContain('100,000');
  });

  it('refuses on undetermined conditions and says which facts are missing', () => {
    const r = check({ state: 'case-review', roles: ['department-head'], facts: { proposedFine: 5000 } });
    expect(r.allowed).toEqual([]);
    const [why] = refusal(r, 'pass-case-review');
    expect(why?.message.zh).toMatch(/^无法判定是否可以审核通过：/);
    // partyKind is missing too, but a fine of 5,000 is below both thresholds, so it does not matter.
    expect(why?.message.zh).toContain('缺少事实“拟处罚种类”');
    expect(why?.message.zh).not.toContain('（proposedPenalties）');
    expect(why?.message.zh).not.toContain('partyKind');
  });

  it('gives every reason: role, documents and officers (第四十二条)', () => {
    const r = check({
      state: 'investigation',
      roles: ['legal-reviewer'],
      facts: { officerCount: 1, documentsCompleted: ['inquiry-record'], officersCertified: false },
    });
    const reasons = refusal(r, 'finish-investigation');
    expect(reasons.map((x) => x.code)).toEqual(['role', 'documents', 'officers', 'certificates']);
    expect(reasons.map((x) => x.message.zh)).toEqual([
      '需要以下角色之一：执法人员；当前角色：法制审核人员',
      '以下文书尚未完成：案件调查终结报告',
      '承办执法人员不足 2 人（现有 1 人，行政处罚法第四十二条）',
      '承办执法人员未全部持有有效执法证件（行政处罚法第四十二条）',
    ]);
    // The codes stay in the params; English uses nameEn, else the pack's name.
    expect(reasons[0]?.params).toMatchObject({ required: ['officer'], roles: ['legal-reviewer'] });
    expect(reasons[0]?.message.en).toBe('requires one of the roles Enforcement officer; the user has 法制审核人员');
    // The documents by their names, never their codes (which stay in the params).
    expect(reasons[1]?.message.en).toMatch(/^documents not yet completed: [^()-]+$/);
    expect(reasons[1]?.params).toMatchObject({ documents: [{ code: 'investigation-report' }] });
    expect(reasons[1]?.message.en).not.toMatch(/: investigation-report$/);
    const ok = check({
      state: 'investigation',
      roles: ['officer'],
      facts: { officerCount: 2, documentsCompleted: ['inquiry-record', 'investigation-report'] },
    });
    expect(ok.allowed).toContain('finish-investigation');
  });

  it('names roles as the pack does; a role the pack lacks keeps its code', () => {
    const r = check({ state: 'investigation', roles: ['department-head'], facts: { officerCount: 2 } });
    const [role] = refusal(r, 'finish-investigation');
    expect(role?.message.zh).toBe('需要以下角色之一：执法人员；当前角色：department-head');
    const none = check({ state: 'investigation', roles: [], facts: { officerCount: 2 } });
    expect(refusal(none, 'finish-investigation')[0]?.message.zh).toBe('需要以下角色之一：执法人员；当前角色：—');
  });

  it('an issued document must be issued, not only completed', () => {
    const completed = check({
      state: 'decision',
      roles: ['department-head'],
      facts: { documentsCompleted: ['penalty-decision'] },
    });
    expect(refusal(completed, 'issue-decision')[0]?.message.zh).toBe('以下文书尚未出具：行政处罚决定书');
    const issued = check({
      state: 'decision',
      roles: ['department-head'],
      facts: { documentsIssued: ['penalty-decision'] },
    });
    expect(issued.allowed).toEqual(['issue-decision']);
  });

  it('a hearing can be requested within five working days only', () => {
    const facts = {
      partyKind: 'organisation',
      proposedFine: 150000,
      proposedPenalties: ['fine'],
      hearingRequested: true,
      statementNotified: true,
      complex: false,
      publicInterest: false,
    };
    const inTime = check({
      state: 'notification',
      roles: ['officer'],
      facts: { ...facts, deadlineDaysLeft: { 'hearing-request-5': 2 } },
    });
    expect(inTime.allowed).toContain('request-hearing');
    // 告知 served 2026-09-30: five working days end 2026-10-12 after the National Day holidays (10-10 is a 调休 Saturday).
    const late = check({
      state: 'notification',
      roles: ['officer'],
      facts,
      today: '2026-10-14',
      deadlines: { 'hearing-request-5': { due: '2026-10-13', kind: 'working' } },
    });
    expect(late.refused).toContain('request-hearing');
  });

  it('lists actions from several states and flags those that need a reason', () => {
    const r = check({ state: 'notification', roles: ['agency-head'], facts: {} });
    const withdraw = r.transitions.find((t) => t.action === 'withdraw-case');
    expect(withdraw).toMatchObject({ allowed: true, reasonRequired: true, to: 'withdrawn' });
  });

  it('supplies the facts workflow and state, which the platform knows', () => {
    const wf = {
      ...PENALTY_ORDINARY,
      transitions: [
        {
          action: 'close-case',
          name: '结案',
          from: 'execution',
          to: 'closed',
          when: {
            all: [
              { fact: 'workflow', operator: 'equal', value: 'penalty-ordinary' },
              { fact: 'state', operator: 'equal', value: 'execution' },
            ],
          },
        },
      ],
    } as typeof PENALTY_ORDINARY;
    const r = checkGuards(wf, { state: 'execution', roles: [], facts: { state: 'decision' } }, env);
    expect(r.ok && r.value.allowed).toEqual(['close-case']);
  });

  it('a missing document cites the articles of the transition that requires it (移送, 第二十七条)', () => {
    const wf = {
      ...PENALTY_ORDINARY,
      transitions: [
        {
          action: 'transfer-to-police',
          name: '移送公安机关',
          nameEn: 'Transfer to the public security organ',
          from: 'investigation',
          to: 'police-transfer',
          documents: ['criminal-case-transfer'],
          basis: ['XZCFF-27', 'XSYS-5', 'XSYS-6'],
        },
      ],
    } as typeof PENALTY_ORDINARY;
    const withBases = createRuleEnv({
      documents: [
        {
          ...doc('criminal-case-transfer', '涉嫌犯罪案件移送书', true),
          nameEn: 'Transfer of a suspected criminal case',
        },
      ],
      legalBases: [
        {
          code: 'XZCFF-27',
          law: '中华人民共和国行政处罚法',
          lawEn: 'Administrative Penalty Law of the PRC',
          article: '第二十七条',
        },
        {
          code: 'XSYS-5',
          law: '行政执法机关移送涉嫌犯罪案件的规定',
          lawEn: 'Provisions on the Transfer of Suspected Criminal Cases by Administrative Law Enforcement Organs',
          article: '第五条',
        },
        {
          code: 'XSYS-6',
          law: '行政执法机关移送涉嫌犯罪案件的规定',
          lawEn: 'Provisions on the Transfer of Suspected Criminal Cases by Administrative Law Enforcement Organs',
          article: '第六条',
        },
      ] as LegalBasis[],
    });
    const r = checkGuards(wf, { state: 'investigation', roles: [], facts: { documentsIssued: [] } }, withBases);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [why] = r.value.transitions[0]?.refusals ?? [];
    expect(why?.code).toBe('documents');
    expect(why?.message.zh).toBe(
      '以下文书尚未出具：涉嫌犯罪案件移送书（依据《中华人民共和国行政处罚法》第二十七条、《行政执法机关移送涉嫌犯罪案件的规定》第五条、第六条）',
    );
    expect(why?.message.en).toBe(
      'documents not yet issued: Transfer of a suspected criminal case (under Administrative Penalty Law of the PRC, art. 27; Provisions on the Transfer of Suspected Criminal Cases by Administrative Law Enforcement Organs, art. 5, art. 6)',
    );
  });

  it('names a labelled condition in English by its labelEn, and by its Chinese label where the pack gives none', () => {
    const guarded = (labelEn?: string) =>
      ({
        ...PENALTY_ORDINARY,
        transitions: [
          {
            action: 'make-decision',
            name: '作出决定',
            nameEn: 'Make the decision',
            from: 'decision',
            to: 'service',
            when: {
              fact: 'legalReviewed',
              operator: 'equal',
              value: true,
              label: '法制审核已同意',
              ...(labelEn ? { labelEn } : {}),
            },
          },
        ],
      }) as typeof PENALTY_ORDINARY;
    const withFact = createRuleEnv({
      facts: [{ name: 'legalReviewed', label: '已经法制审核', labelEn: 'legal review done', type: 'boolean' }],
    });
    const refuse = (labelEn?: string) => {
      const r = checkGuards(
        guarded(labelEn),
        { state: 'decision', roles: [], facts: { legalReviewed: false } },
        withFact,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value.transitions[0]?.refusals[0];
    };
    const en = refuse('The legal review has agreed');
    expect(en?.code).toBe('when');
    expect(en?.message.en).toBe(
      'the condition does not hold: The legal review has agreed: legal review done no = yes ✗',
    );
    expect(en?.message.zh).toBe('条件不满足：法制审核已同意：已经法制审核 否 = 是 ✗');
    // Without labelEn the English keeps the Chinese label, as before.
    const zhOnly = refuse();
    expect(zhOnly?.message.en).toBe('the condition does not hold: 法制审核已同意: legal review done no = yes ✗');
    expect(zhOnly?.message.zh).toBe(en?.message.zh);
  });

  it('reports an unknown state', () => {
    const r = checkGuards(PENALTY_ORDINARY, { state: '立案', roles: [], facts: {} }, env);
    expect(r.ok).toBe(false);
  });
});
