import { describe, expect, it } from 'vitest';
import { CASE_ALERTS } from '../fixtures/alerts.ts';
import { CN_2025, CN_2026 } from '../fixtures/calendars.ts';
import { NATIONAL_CONDITIONS, NATIONAL_PARAMETERS } from '../fixtures/penalty-ordinary.ts';
import { compileAlerts, evaluateAlerts } from './alerts.ts';
import { createRuleEnv } from './env.ts';
import { explainEvaluation } from './explain.ts';
import { compileMessage } from './message.ts';

const env = createRuleEnv({
  parameters: NATIONAL_PARAMETERS,
  conditions: NATIONAL_CONDITIONS,
  calendars: [CN_2025, CN_2026],
});
const overdue = CASE_ALERTS.filter((a) => a.code === 'overdue-decision');
const snapshot = {
  caseNumber: '津滨市监罚〔2026〕12号',
  workflow: 'penalty-ordinary',
  state: 'notification',
  daysSince: { investigation: 91 },
};

describe('alerts', () => {
  it('立案 91 日未决定 → 红色预警, with recipients and a filled message', () => {
    const r = evaluateAlerts(overdue, { facts: snapshot }, env);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [fired] = r.value.fired;
    expect(fired).toMatchObject({
      code: 'overdue-decision',
      level: 'red',
      recipients: ['case-officers', 'department-head', 'supervisor'],
    });
    expect(fired?.message.zh).toBe('案件津滨市监罚〔2026〕12号立案已91日，尚未作出处罚决定（法定期限九十日）');
    expect(fired?.message.en).toBe(
      'Case 津滨市监罚〔2026〕12号 was filed 91 days ago and has no decision (limit: 90 days)',
    );
    expect(fired?.evaluations.map((e) => explainEvaluation(e))).toEqual([
      '案件状态 “notification” 不属于 {“decision”、“service”、“execution”、“closed”、“not-filed”、“withdrawn”} ✓；经过天数（自 investigation 起） 91 日 ≥ 80 日 ✓',
      '经过天数（自 investigation 起） 91 日 > 90 日 ✓',
    ]);
  });

  it('tries levels in order: 85 days is yellow', () => {
    const r = evaluateAlerts(overdue, { facts: { ...snapshot, daysSince: { investigation: 85 } } }, env);
    expect(r.ok && r.value.fired[0]?.level).toBe('yellow');
  });

  it('is quiet once decided, or for another workflow', () => {
    const decided = evaluateAlerts(overdue, { facts: { ...snapshot, state: 'decision' } }, env, { explainQuiet: true });
    expect(decided.ok && decided.value.quiet[0]?.evaluation?.held).toBe(false);
    const summary = evaluateAlerts(overdue, { facts: { ...snapshot, workflow: 'penalty-summary' } }, env);
    expect(summary.ok && summary.value.quiet).toEqual([{ code: 'overdue-decision' }]);
  });

  it('computes daysSince from the timeline when it is not given', () => {
    const facts = { caseNumber: 'A-1', workflow: 'penalty-ordinary', state: 'case-review' };
    const r = evaluateAlerts(overdue, { facts, today: '2026-04-05', timeline: { investigation: '2026-01-03' } }, env);
    expect(r.ok && r.value.fired[0]?.message.zh).toBe('案件A-1立案已92日，尚未作出处罚决定（法定期限九十日）');
  });

  it('reports alerts it cannot decide instead of guessing', () => {
    const r = evaluateAlerts(
      overdue,
      { facts: { caseNumber: 'A-2', workflow: 'penalty-ordinary', state: 'investigation' } },
      env,
    );
    if (!r.ok) throw new Error('compile');
    expect(r.value.fired).toEqual([]);
    expect(r.value.undetermined[0]?.issues.map((i) => i.code)).toEqual(['today.missing']);
  });

  it('runs the ten national case alerts on one snapshot', () => {
    const c = compileAlerts(CASE_ALERTS, env);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const facts = {
      caseNumber: 'B-7',
      workflow: 'penalty-ordinary',
      state: 'decision',
      partyKind: 'organisation',
      proposedFine: 150000,
      proposedPenalties: ['fine'],
      hearingHeld: false,
      complex: false,
      publicInterest: false,
      legalReviewed: false,
      hearingNotified: true,
      officerCount: 1,
      officersCertified: true,
      fineOutsideTier: true,
      discretionTier: '从重',
      preservationPending: false,
      disclosed: false,
      daysSince: { investigation: 40, filing: 45, service: 0, decision: 0 },
    };
    const r = c.value.evaluate({ facts });
    expect(r.fired.map((f) => [f.code, f.level])).toEqual([
      ['no-legal-review', 'red'],
      ['too-few-officers', 'red'],
      ['fine-outside-tier', 'orange'],
    ]);
    expect(r.undetermined).toEqual([]);
    expect(r.fired[2]?.message.zh).toBe('案件B-7拟罚款150,000元超出裁量阶次“从重”的幅度');
  });

  it('fills a placeholder with several parameters: {daysSince.filing.working} counts working days', () => {
    const m = compileMessage('登记已{daysSince.filing}日、{daysSince.filing.working}个工作日', env);
    // 2026-03-02 (Monday) to 2026-03-16 (Monday): 14 calendar days, 10 working days.
    const ctx = { facts: {}, today: '2026-03-16', timeline: { filing: '2026-03-02' } };
    expect(m(ctx, 'zh')).toBe('登记已14日、10个工作日');
    // A value given by the first parameter stands for every kind, as in conditions.
    expect(m({ facts: { daysSince: { filing: 12 } } }, 'zh')).toBe('登记已12日、12个工作日');
  });

  it('leaves unknown placeholders visible', () => {
    const m = compileMessage('案件{caseNumber}{nope}{daysSince.investigation}{ broken }', env);
    expect(m({ facts: { caseNumber: 'C-1' } }, 'zh')).toBe('案件C-1{nope}{daysSince.investigation}{ broken }');
  });
});
