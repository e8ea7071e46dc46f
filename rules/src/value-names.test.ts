import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePackDir } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { NATIONAL_CONDITIONS } from '../fixtures/penalty-ordinary.ts';
import { compileCondition } from './engine.ts';
import { createRuleEnv } from './env.ts';
import { explainEvaluation, renderLeaf } from './explain.ts';
import { checkGuards } from './guards.ts';
import { ruleEnvFromPack } from './pack.ts';
import { leavesOf } from './trace.ts';

// The national pack, read as data: its codelist penalty-kinds names proposedPenalties' values.
const { pack, ok } = validatePackDir(join(dirname(fileURLToPath(import.meta.url)), '../../packs/cn-national'));
const env = ruleEnvFromPack(pack);
const ordinary = pack.items.workflow.get('penalty-ordinary');

/** A kebab-case code (lower-qualification, legal-review, agree-after-change) anywhere in a text. */
const KEBAB = /\b[a-z]+(?:-[a-z]+)+\b/;

const legalReviewFacts = {
  partyKind: 'organisation',
  proposedFine: 5000,
  proposedPenalties: ['fine'],
  complex: false,
  publicInterest: false,
  hearingHeld: false,
  hearingRequested: false,
  legalReviewed: true,
  statementNotified: true,
  hearingNotified: false,
};

describe('explanations name coded values as officers read them', () => {
  it('the 审核 refusal names penalty kinds and party kinds, not their codes, and says the operator in words', () => {
    expect(ok).toBe(true);
    if (!ordinary) throw new Error('penalty-ordinary missing');
    const r = checkGuards(ordinary, { state: 'legal-review', roles: ['agency-head'], facts: legalReviewFacts }, env);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const t = r.value.transitions.find((x) => x.action === 'submit-discussion');
    expect(t?.allowed).toBe(false);
    const when = t?.refusals.find((x) => x.code === 'when');
    const zh = `${when?.message.zh}\n${when?.detail?.zh}`;
    const en = `${when?.message.en}\n${when?.detail?.en}`;
    expect(zh).toContain('拟处罚种类 {“罚款”} 包含任一 {“吊销许可证件”、“责令停产停业”、“责令关闭”} ✗');
    expect(zh).toContain('当事人类型 “法人或者其他组织” = “公民” ✗');
    expect(en).toContain(
      'proposed penalties {"Fine"} contains any of {"Revocation of a licence", "Order to suspend production or business", "Order to close"} ✗',
    );
    expect(en).toContain('party kind "legal person or other organisation" = "natural person" ✗');
    for (const text of [zh, en]) {
      expect(text).not.toMatch(KEBAB);
      expect(text).not.toMatch(/[∩∈∉∋∌]/);
    }
    // The structured trace keeps the codes: golden tests and pack authors read them.
    const leaf = leavesOf(when?.evaluation?.trace as never).find((l) => l.fact === 'proposedPenalties');
    expect(leaf).toMatchObject({
      operator: 'containsAny',
      expected: ['revoke-licence', 'order-suspension', 'order-closure'],
      seen: ['fine'],
      valueNames: { 'revoke-licence': { zh: '吊销许可证件', en: 'Revocation of a licence' }, fine: { zh: '罚款' } },
    });
  });

  it('names states by the workflow and documents by their forms', () => {
    const c = compileCondition(
      {
        all: [
          { fact: 'state', operator: 'notIn', value: ['case-review', 'legal-review'] },
          { fact: 'documentsIssued', operator: 'contains', value: 'legal-review-opinion' },
        ],
      },
      env,
      { kind: 'alert', code: 'x' },
    );
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const ev = c.value.evaluate({ facts: { state: 'legal-review', documentsIssued: ['advance-notice'] } });
    expect(explainEvaluation(ev)).toBe(
      '案件状态 “法制审核” 不属于 {“案件审核”、“法制审核”} ✗；已出具文书 {“行政处罚事先告知书”} 包含 “法制审核意见书” ✗',
    );
    expect(explainEvaluation(ev, 'en')).not.toMatch(KEBAB);
  });

  it("names a matter's enumerated fact's values by its enumEn in English, keeping the trace's values", () => {
    // Binhai's matters declare harmConsequence (无 / 轻微 / 一般 / 严重) with its English values.
    const binhai = validatePackDir(join(dirname(fileURLToPath(import.meta.url)), '../../packs/tj-binhai'));
    expect(binhai.ok).toBe(true);
    const c = compileCondition(
      { fact: 'harmConsequence', operator: 'in', value: ['无', '轻微'] },
      ruleEnvFromPack(binhai.pack),
      {
        kind: 'condition',
        code: 'x',
      },
    );
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const ev = c.value.evaluate({ facts: { harmConsequence: '一般' } });
    expect(explainEvaluation(ev, 'en')).toBe('Harmful consequences "Ordinary" is one of {"None", "Minor"} ✗');
    expect(explainEvaluation(ev)).toContain('“一般”');
    const [leaf] = leavesOf(ev.trace);
    expect(leaf).toMatchObject({ expected: ['无', '轻微'], seen: '一般' });
  });

  it('a fact no codelist or form names keeps its value, and an environment without codelists its codes', () => {
    const bare = createRuleEnv({ conditions: NATIONAL_CONDITIONS });
    const c = compileCondition(
      { fact: 'proposedPenalties', operator: 'containsAny', value: ['revoke-licence'] },
      bare,
      { kind: 'condition', code: 'x' },
    );
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const [leaf] = leavesOf(c.value.evaluate({ facts: { proposedPenalties: ['fine'] } }).trace);
    expect(leaf?.valueNames).toBeUndefined();
    expect(renderLeaf(leaf as never, 'en')).toBe('proposed penalties {"fine"} contains any of {"revoke-licence"} ✗');
  });
});
