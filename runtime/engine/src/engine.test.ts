import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePackDir } from '@yifa/metamodel';
import { ruleEnvFromPack } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { type CaseSnapshot, caseActions, caseContext, takeAction } from './case-machine.ts';
import { caseDeadlines } from './deadlines.ts';
import { checkDocument } from './forms.ts';

// The real Binhai pack (read as data from the packs folder).
const { pack, ok } = validatePackDir(join(dirname(fileURLToPath(import.meta.url)), '../../../packs/tj-binhai'));
const env = ruleEnvFromPack(pack);
const foundWorkflow = pack.items.workflow.get('penalty-ordinary');
const foundMatter = [...pack.items.matter.values()].find(
  (m) => m.workflow === 'penalty-ordinary' && m.category === 'enforcement',
);
if (!ok || !foundWorkflow || !foundMatter) throw new Error('tj-binhai must validate and have a 普通程序 matter');
const workflow = foundWorkflow;
const matter = foundMatter;

/** The 立案审批表 complete, its approver having written 同意立案 (what 批准立案 requires). */
const FILED: Partial<CaseSnapshot> = {
  documents: [{ form: 'case-filing-approval', status: 'complete' }],
  documentValues: { 'case-filing-approval': { agencyDecision: '同意立案' } },
};

function snapshot(over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    number: '津滨市监立〔2026〕0001号',
    matter,
    workflow,
    state: 'filing',
    facts: {},
    stateEntered: { filing: '2026-03-02T09:00:00.000Z' },
    extensions: {},
    party: { kind: 'organisation', name: '天津某某餐饮有限公司' },
    subject: { code: '120116-SCJ', type: 'district-department', name: '天津市滨海新区市场监督管理局' },
    officers: [{ certified: true }, { certified: true }],
    documents: [],
    openedAt: '2026-03-02T09:00:00.000Z',
    ...over,
  };
}

describe('case machine', () => {
  it('lets the agency head approve filing once the 立案审批表 is complete, and refuses an officer, with the reason', () => {
    const filed = snapshot({ ...FILED });
    const head = caseActions(filed, ['agency-head'], '2026-03-02', env);
    const early = caseActions(snapshot(), ['agency-head'], '2026-03-02', env);
    const officer = caseActions(filed, ['officer'], '2026-03-02', env);
    expect(head.allowed).toContain('approve-filing');
    // No 立案审批表 yet: the form is missing, and so is the approver's 同意立案 on it.
    expect(early.transitions.find((t) => t.action === 'approve-filing')?.refusals.map((r) => r.code)).toEqual([
      'documents',
      'document-field',
    ]);
    expect(officer.allowed).not.toContain('approve-filing');
    const refusal = officer.transitions.find((t) => t.action === 'approve-filing')?.refusals[0];
    expect(refusal?.code).toBe('role');
    expect(refusal?.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes an action: new state, first entry time recorded, history kept', () => {
    const filed = snapshot({ ...FILED });
    const done = takeAction(filed, 'approve-filing', ['agency-head'], '2026-03-03T10:00:00.000Z', env);
    expect(done).toMatchObject({ ok: true, from: 'filing', to: 'investigation', terminal: false });
    if (done.ok)
      expect(done.stateEntered).toEqual({
        filing: '2026-03-02T09:00:00.000Z',
        investigation: '2026-03-03T10:00:00.000Z',
      });
    const refused = takeAction(filed, 'approve-filing', ['officer'], '2026-03-03T10:00:00.000Z', env);
    expect(refused).toMatchObject({ ok: false, unknown: false });
    expect(takeAction(snapshot(), 'fly-away', ['officer'], '2026-03-03T10:00:00.000Z', env)).toMatchObject({
      ok: false,
      unknown: true,
    });
  });

  it('judges guards by the legal date it is given, not the UTC date of the instant', () => {
    // A guard that holds from 2026-03-03: at 01:00 Beijing time that day the UTC date is still 03-02.
    const dated: typeof workflow = {
      ...workflow,
      transitions: workflow.transitions.map((t) =>
        t.action === 'approve-filing'
          ? { ...t, when: { fact: 'today', operator: 'dateOnOrAfter' as const, value: '2026-03-03' } }
          : t,
      ) as typeof workflow.transitions,
    };
    const filed = snapshot({ workflow: dated, ...FILED });
    const at = '2026-03-02T17:00:00.000Z';
    expect(takeAction(filed, 'approve-filing', ['agency-head'], at, env, '2026-03-03')).toMatchObject({ ok: true });
    expect(takeAction(filed, 'approve-filing', ['agency-head'], at, env)).toMatchObject({ ok: false });
  });

  it('counts deadlines and the timeline from the legal date it is given for an instant', () => {
    const beijing = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
    const entered = { filing: '2026-03-01T16:30:00.000Z', investigation: '2026-03-01T17:00:00.000Z' };
    const c = snapshot({ state: 'investigation', stateEntered: entered, openedAt: '2026-03-01T16:30:00.000Z' });
    const written = caseContext(c, '2026-03-02', env);
    const legal = caseContext({ ...c, dateOf: beijing }, '2026-03-02', env);
    expect(written.context.timeline).toMatchObject({ opened: '2026-03-01', investigation: '2026-03-01' });
    expect(legal.context.timeline).toMatchObject({ opened: '2026-03-02', investigation: '2026-03-02' });
    const decide = (r: typeof legal) => r.deadlines.find((d) => d.code === 'decide-within-90');
    expect(decide(legal)).toMatchObject({ startedAt: '2026-03-02', daysLeft: 90 });
    expect(decide(written)).toMatchObject({ startedAt: '2026-03-01', daysLeft: 89 });
  });

  it('decides Binhai’s day-90 guard on issuing the decision: refused unextended (not undetermined), allowed once extended', () => {
    const late = snapshot({
      state: 'decision',
      stateEntered: { filing: '2026-01-02', investigation: '2026-01-02', decision: '2026-03-30' },
      documents: [{ form: 'penalty-decision', status: 'issued' }],
    });
    const issue = (c: CaseSnapshot) =>
      caseActions(c, ['agency-head'], '2026-04-07', env).transitions.find((t) => t.action === 'issue-decision');
    // Day 95 since 立案, no extension recorded: the extension reads false, so the refusal is decided.
    const refused = issue(late);
    expect(refused?.allowed).toBe(false);
    expect(refused?.refusals.map((r) => r.code)).toEqual(['when']);
    expect(refused?.evaluations.map((e) => e.held)).toEqual([false]);
    expect(caseContext(late, '2026-04-07', env).context.facts.deadlineExtended).toMatchObject({
      'decide-within-90': false,
    });
    expect(issue({ ...late, extensions: { 'decide-within-90': 1 } })?.allowed).toBe(true);
    expect(issue({ ...late, facts: { lateDecisionReason: '检验期间不计入' } })?.allowed).toBe(true);
  });

  it('gives the linked case’s facts, state and number as linked.*, its recorded state over a typed one', () => {
    const linked = {
      number: '津滨市监罚〔2026〕0007号',
      matter: matter.code,
      matterName: matter.name,
      state: 'closed',
      facts: { disclosed: true, state: 'typed' },
    };
    const { context } = caseContext(snapshot({ linked }), '2026-03-10', env);
    expect(context.facts.linked).toEqual({
      disclosed: true,
      state: 'closed',
      caseNumber: '津滨市监罚〔2026〕0007号',
      matter: matter.code,
      matterName: matter.name,
    });
    expect(caseContext(snapshot(), '2026-03-10', env).context.facts).not.toHaveProperty('linked');
  });

  it('refuses ending the investigation with one officer (行政处罚法第四十二条)', () => {
    const one = snapshot({
      state: 'investigation',
      officers: [{ certified: true }],
      stateEntered: { filing: '2026-03-02', investigation: '2026-03-03' },
    });
    const report = caseActions(one, ['officer'], '2026-03-10', env);
    const t = report.transitions.find((x) => x.action === 'finish-investigation');
    expect(t?.allowed).toBe(false);
    expect(t?.refusals.map((r) => r.code)).toContain('officers');
  });

  it('presents the facts the rules read: platform facts, entered facts, documents, timeline', () => {
    const { context } = caseContext(
      snapshot({ facts: { proposedFine: 65000 }, documents: [{ form: 'case-filing-approval', status: 'issued' }] }),
      '2026-03-10',
      env,
    );
    expect(context.facts).toMatchObject({
      partyKind: 'organisation',
      officerCount: 2,
      officersCertified: true,
      proposedFine: 65000,
      documentsIssued: ['case-filing-approval'],
    });
    expect(context.timeline).toEqual({ opened: '2026-03-02', filing: '2026-03-02' });
  });
});

describe('deadlines', () => {
  it('count 90 calendar days from 立案 and extend by 30 once approved', () => {
    const [d] = caseDeadlines(
      workflow,
      { filing: '2026-03-02', investigation: '2026-03-03T10:00:00Z' },
      {},
      '2026-05-25',
      env,
    ).filter((x) => x.code === 'decide-within-90');
    expect(d).toMatchObject({ due: '2026-06-01', daysLeft: 7, status: 'near', extendable: true });
    const [early] = caseDeadlines(workflow, { investigation: '2026-03-03' }, {}, '2026-04-01', env).filter(
      (x) => x.code === 'decide-within-90',
    );
    expect(early?.status).toBe('running');
    const [e] = caseDeadlines(
      workflow,
      { investigation: '2026-03-03' },
      { 'decide-within-90': 1 },
      '2026-06-05',
      env,
    ).filter((x) => x.code === 'decide-within-90');
    expect(e).toMatchObject({ due: '2026-07-01', status: 'running', extended: 1, extendable: false });
    const [late] = caseDeadlines(workflow, { investigation: '2026-03-03' }, {}, '2026-06-03', env).filter(
      (x) => x.code === 'decide-within-90',
    );
    expect(late).toMatchObject({ daysLeft: -2, status: 'overdue' });
  });

  it('count working days over the National Day holiday (行政处罚法第八十五条)', () => {
    // Seven working days from 2026-09-30: 10-01..10-07 are holidays; then 10-08, 10-09, 10-10 (a Saturday worked in
    // lieu), 10-12, 10-13, 10-14, 10-15.
    const [d] = caseDeadlines(workflow, { service: '2026-09-30' }, {}, '2026-10-01', env).filter(
      (x) => x.code === 'serve-within-7',
    );
    expect(d?.kind).toBe('working');
    expect(d?.due).toBe('2026-10-15');
  });

  it('stop when the case reaches a stop state, met or missed', () => {
    const [met] = caseDeadlines(
      workflow,
      { investigation: '2026-03-03', service: '2026-05-01' },
      {},
      '2026-08-01',
      env,
    ).filter((x) => x.code === 'decide-within-90');
    expect(met?.status).toBe('met');
  });
});

describe('document forms', () => {
  const form = pack.items.document.get('penalty-decision');
  if (!form) throw new Error('no penalty-decision');

  it('keep a draft with missing fields, but report them for issuing', () => {
    const check = checkDocument(form, {}, { facts: {} }, env);
    expect(check.problems).toEqual([]);
    expect(check.missing.length).toBeGreaterThan(2);
    expect(check.missing[0]?.message.zh).toContain('必填');
  });

  it('reject wrong types and unknown fields with zh/en messages', () => {
    const first = form.fields.find((f) => f.type === 'date');
    const check = checkDocument(form, { [first?.name ?? 'x']: 'not a date', hacker: '<script>' }, { facts: {} }, env);
    const codes = check.problems.map((p) => `${p.field}:${p.code}`);
    expect(codes).toContain(`${first?.name}:format`);
    expect(codes).toContain('hacker:additionalProperties');
    expect(check.problems.every((p) => p.message.zh.length > 0 && p.message.en.length > 0)).toBe(true);
  });
});
