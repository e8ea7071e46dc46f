/**
 * Golden cases cannot pass for the wrong reason: an undetermined fact fails a case unless the
 * case expects it, and a refusal can be pinned to its reason. Each case below passed before
 * (an undetermined guard refuses, an undetermined alert stays quiet, an undetermined
 * no-penalty rule is "not no-penalty").
 */
import type { PackTestSuite } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { TEDA_METRICS } from '../fixtures/assessment.ts';
import { FIXTURE_PACK } from '../fixtures/pack.ts';
import { failureMessage } from './case-failure.ts';
import { rulePackOf } from './pack.ts';
import { type CaseResult, type PackTestReport, runPackTests } from './pack-tests.ts';
import { renderPackTestReport } from './pack-tests-render.ts';

type Case = PackTestSuite['cases'][number];

/** Runs one case against the fixture pack. */
function runOne(c: Case): PackTestReport {
  const suite: PackTestSuite = { code: 'reasons', name: '原因', cases: [c] };
  return runPackTests({ items: { ...FIXTURE_PACK.items, test: rulePackOf({ test: [suite] }).items.test } });
}

/** The result of one case against the fixture pack. */
function run(c: Case): CaseResult {
  const result = runOne(c).cases[0];
  if (!result) throw new Error('no result');
  return result;
}

const review = (facts: Record<string, unknown>, refused: Extract<Case, { workflow: string }>['expect']['refused']) =>
  ({
    name: '案件审核',
    workflow: 'penalty-ordinary',
    state: 'case-review',
    roles: ['department-head'],
    facts: {
      partyKind: 'person',
      proposedFine: 500,
      proposedPenalties: ['fine'],
      hearingHeld: false,
      complex: false,
      ...facts,
    },
    expect: { refused },
  }) satisfies Case;

describe('undetermined facts in golden cases', () => {
  it('fails a refusal that rests on a misspelt fact, naming the fact', () => {
    const report = runOne(review({ publicInterst: true }, ['pass-case-review']));
    expect(report.cases[0]?.passed).toBe(false);
    expect(report.cases[0]?.failures).toMatchObject([{ what: 'undetermined', actual: 'publicInterest' }]);
    const text = renderPackTestReport(report, 'en');
    expect(text).toContain('undetermined: fact publicInterest missing — give it in facts (check the spelling)');
    expect(run(review({ publicInterest: true }, ['pass-case-review'])).passed).toBe(true);
  });

  it('passes when the case says it expects the fact to be unknown, and fails when that fact decided nothing', () => {
    const unknown = { ...review({}, ['pass-case-review']), expectUndetermined: ['publicInterest'] as [string] };
    expect(run(unknown).failures).toEqual([]);
    const known = {
      ...review({ publicInterest: true }, ['pass-case-review']),
      expectUndetermined: ['publicInterest'] as [string],
    };
    expect(run(known).failures).toMatchObject([{ what: 'expectUndetermined', expected: 'publicInterest' }]);
  });

  it('ignores a missing fact the known facts made irrelevant', () => {
    // 12万 for an organisation reaches the national threshold: whether public interest is involved does not matter.
    const r = run(review({ partyKind: 'organisation', proposedFine: 120000 }, ['pass-case-review']));
    expect(r.failures).toEqual([]);
  });

  it("counts the guard's own facts: officers on the case and the documents lists", () => {
    const finish = (facts: Record<string, unknown>): Case => ({
      name: '调查终结',
      workflow: 'penalty-ordinary',
      state: 'investigation',
      roles: ['officer'],
      facts,
      expect: { refused: ['finish-investigation'] },
    });
    const docs = { documentsCompleted: ['inquiry-record'] };
    expect(run(finish({ ...docs, officersCount: 1 })).failures).toMatchObject([{ actual: 'officerCount' }]);
    expect(run(finish({ officerCount: 1 })).failures).toMatchObject([{ actual: 'documentsCompleted' }]);
    expect(run(finish({ ...docs, officerCount: 1 })).failures).toEqual([]);
  });

  it('fails an alert case whose alert stayed quiet only because a fact was missing', () => {
    const quiet = (facts: Record<string, unknown>): Case => ({
      name: '未决定',
      alert: 'overdue-decision',
      facts: { caseNumber: 'A-9', workflow: 'penalty-ordinary', daysSince: { investigation: 95 }, ...facts },
      expect: { fires: false },
    });
    expect(run(quiet({ stat: 'decision' })).failures).toMatchObject([{ what: 'undetermined', actual: 'state' }]);
    expect(run(quiet({ state: 'decision' })).failures).toEqual([]);
  });

  it('fails a discretion case whose no-penalty rule could not be decided', () => {
    const c: Case = {
      name: '首违',
      discretion: 'DB-SPAQF-122-1',
      violationDate: '2026-03-01',
      facts: {
        firstViolaton: true,
        harmConsequence: '轻微',
        correctedPromptly: true,
        goodsValue: 8000,
        partyPriorPenalties12m: 0,
        obstructedEnforcement: false,
        mitigatedHarm: false,
        coerced: false,
      },
      expect: { noPenalty: false },
    };
    expect(run(c).failures).toMatchObject([{ what: 'undetermined', actual: 'firstViolation' }]);
    // Circumstances count only when the case compares them.
    const { coerced: _, ...noCoerced } = c.facts;
    const fixed = {
      ...c,
      facts: { ...noCoerced, firstViolation: false, harmConsequence: '一般', correctedPromptly: false },
    };
    expect(run({ ...fixed, expect: { tier: 'general' } }).failures).toEqual([]);
    expect(run({ ...fixed, expect: { circumstances: [] } }).failures).toMatchObject([{ actual: 'coerced' }]);
  });

  it('fails a scoring case with a metric missing, unless it says so', () => {
    const { reviewedFiles: _, ...metrics } = TEDA_METRICS;
    const c: Case = { name: '缺指标', assessment: 'binhai-2026', metrics, expect: { grade: '良好' } };
    expect(run(c).failures.map((f) => f.actual)).toContain('reviewedFiles');
    expect(
      run({ ...c, expectUndetermined: ['reviewedFiles'] as [string] }).failures.map((f) => f.actual),
    ).not.toContain('reviewedFiles');
  });
});

describe('expected refusal reasons', () => {
  it('passes when the named condition decided the refusal', () => {
    const r = run(
      review({ publicInterest: true }, [
        { action: 'pass-case-review', because: 'unless', condition: 'needs-legal-review', fact: 'publicInterest' },
      ]),
    );
    expect(r.failures).toEqual([]);
  });

  it('fails when the action is refused for another reason, saying which', () => {
    // No legal review needed: only the role refuses.
    const wrongRole = {
      ...review({ publicInterest: false }, [{ action: 'pass-case-review', because: 'unless' }]),
      roles: ['officer'],
    };
    const [f] = run(wrongRole).failures;
    expect(f).toMatchObject({ what: 'pass-case-review', actual: 'refused because role' });
    expect(f && failureMessage(f).en).toBe(
      'pass-case-review: expected to be refused because unless, refused because role',
    );
  });

  it('fails when a fact that did not decide the refusal is named', () => {
    // Public interest decided it; complex is false and played no part.
    const [f] = run(
      review({ publicInterest: true }, [{ action: 'pass-case-review', because: 'unless', fact: 'complex' }]),
    ).failures;
    expect(f?.actual).toBe('refused because unless needs-legal-review (publicInterest)');
  });

  it('keeps the plain list form', () => {
    expect(run(review({ publicInterest: true }, ['pass-case-review'])).failures).toEqual([]);
  });
});
