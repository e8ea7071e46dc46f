import type { DocumentForm } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { PENALTY_DECISION } from '../fixtures/penalty-decision.ts';
import { NATIONAL_CONDITIONS, NATIONAL_PARAMETERS } from '../fixtures/penalty-ordinary.ts';
import { rng } from '../fixtures/random.ts';
import { createRuleEnv } from './env.ts';
import { applyFieldRules, compileForm } from './field-rules.ts';
import { createReferenceEngine } from './reference.ts';

const env = createRuleEnv({ parameters: NATIONAL_PARAMETERS, conditions: NATIONAL_CONDITIONS });
const compiled = compileForm(PENALTY_DECISION, env);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
const form = compiled.value;

describe('document field rules', () => {
  it('shows person fields for a person and organisation fields for an organisation', () => {
    const person = form.evaluate(
      { partyKind: 'person', confiscateIncome: false, fineAmount: 5000 },
      { facts: { proposedPenalties: ['fine'], proposedFine: 5000 } },
    );
    expect(person.fields.idNumber).toEqual({ visible: true, required: true, readOnly: false });
    expect(person.fields.creditCode).toEqual({ visible: false, required: false, readOnly: false });
    expect(person.fields.illegalIncome?.visible).toBe(false);
    const org = form.evaluate(
      { partyKind: 'organisation', confiscateIncome: true, illegalIncome: 3000, fineAmount: 150000 },
      { facts: { proposedFine: 150000, proposedPenalties: ['fine'], legalReviewed: true } },
    );
    expect(org.fields.creditCode).toEqual({ visible: true, required: true, readOnly: false });
    expect(org.fields.idNumber?.visible).toBe(false);
    expect(org.fields.hearingNoticeNumber?.required).toBe(true);
    expect(org.fields.fineAmount?.readOnly).toBe(true);
    expect(org.computed).toEqual({ confiscatedAmount: 3000, totalAmount: 153000 });
    expect(org.fields.totalAmount?.readOnly).toBe(true);
  });

  it('treats rules on empty fields as not holding and computes what it can', () => {
    const empty = form.evaluate({});
    expect(empty.fields.idNumber?.visible).toBe(false);
    expect(empty.fields.partyName).toEqual({ visible: true, required: true, readOnly: false });
    expect(empty.computed.totalAmount).toBeNull();
    expect(empty.issues[0]?.code).toBe('fact.missing');
    expect(form.evaluate({}, {}, { explain: true }).evaluations?.length).toBe(7);
  });

  it('gives the same field states as json-rules-engine for the same inputs', async () => {
    const rules = (PENALTY_DECISION.rules ?? []).map((r, i) => ({ name: `rule-${i}`, when: r.when }));
    const ref = createReferenceEngine(rules, env);
    if (!ref.ok) throw new Error(JSON.stringify(ref.issues));
    const r = rng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
    for (let n = 0; n < 300; n++) {
      const values = {
        partyKind: pick(['person', 'organisation']),
        confiscateIncome: pick([true, false]),
        illegalIncome: pick([0, 3000]),
        fineAmount: pick([200, 9000, 20000, 150000]),
      };
      const facts = {
        proposedFine: values.fineAmount,
        proposedPenalties: pick([['fine'], ['fine', 'revoke-licence']]),
        legalReviewed: pick([true, false]),
      };
      const ours = form.evaluate(values, { facts });
      const theirs = await ref.value.run({ facts: { ...facts, ...values, ...ours.computed } });
      const held = rules.map((x) => theirs.get(x.name) ?? false);
      expect(ours.rules).toEqual(held);
      expect(ours.fields).toEqual(applyFieldRules(PENALTY_DECISION, held));
    }
  });

  it('rejects computed fields that depend on each other in a cycle', () => {
    const cyclic: DocumentForm = {
      ...PENALTY_DECISION,
      rules: [],
      fields: [
        { name: 'a', title: 'A', type: 'number', computed: { add: [{ fact: 'b' }, 1] } },
        { name: 'b', title: 'B', type: 'number', computed: { add: [{ fact: 'a' }, 1] } },
      ],
    };
    const c = compileForm(cyclic, env);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]?.params.chain).toEqual(['a', 'b', 'a']);
  });
});
