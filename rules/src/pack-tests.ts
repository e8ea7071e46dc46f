/**
 * Golden tests a pack carries: every case of every `test` item runs against the pack's own
 * items — discretion (expected outcome, tier, penalties, fine, the persons' fines, continuing
 * fines, version, circumstances), guards (allowed and refused actions), alerts (fires, level,
 * message) and scoring (points, total, grade, derived metrics).
 * Each case passes or fails with every difference (expected vs actual) and the explanation.
 * Test facts may carry `timeline` (state → date entered) and `today` for computed facts; a guard
 * or alert case may name its subject (`org`), sector and day (`date`, an alert's `today`), for
 * parameters scoped by organisation, sector and date. An opening case (立案) names the subject, the
 * matter (or authority item, or workflow), the officers with their certificates and the day, and
 * expects the case allowed or refused for exactly the reasons it lists (opening.ts).
 */
import type { AlertCase, DiscretionCase, GuardCase, OpeningCase, PackTestSuite, ScoringCase } from '@yifa/metamodel';
import { evaluateAlerts, explainAlerts } from './alerts.ts';
import { contextOf } from './case-context.ts';
import { type CaseFailure, reasonFailures, undeterminedFailures } from './case-failure.ts';
import { type AmountRange, type DiscretionDecision, decideDiscretion } from './discretion.ts';
import { explainDiscretion } from './discretion-explain.ts';
import type { RuleEnv } from './env.ts';
import { checkGuards, type TransitionCheck } from './guards.ts';
import { type Issue, issue } from './issues.ts';
import { type OpeningRefusal, type OpeningSubject, openingRefusals, subjectOf } from './opening.ts';
import { type RulePack, ruleEnvFromPack } from './pack.ts';
import { type PackCoverage, packCoverage } from './pack-coverage.ts';
import { orgPathOf, scopedEnv } from './param-scope.ts';
import { explainGuards } from './refusals.ts';
import { scoreAssessment } from './scoring.ts';
import { explainScore } from './scoring-explain.ts';
import {
  undeterminedOfAlert,
  undeterminedOfDiscretion,
  undeterminedOfGuard,
  undeterminedOfScore,
} from './undetermined.ts';

export { type CaseFailure, failureMessage } from './case-failure.ts';

/** What a case tests. */
export type CaseKind = 'discretion' | 'guard' | 'alert' | 'scoring' | 'opening';

/** The result of one golden case. */
export interface CaseResult {
  suite: string;
  index: number;
  name: string;
  kind: CaseKind | 'unknown';
  item: string;
  passed: boolean;
  failures: CaseFailure[];
  /** The explanation of what the pack did, in both languages. */
  explanation: { zh: string[]; en: string[] };
  issues: Issue[];
}

/** The results of all golden cases of a pack, and what they leave untested. */
export interface PackTestReport {
  passed: number;
  failed: number;
  cases: CaseResult[];
  coverage: PackCoverage;
}

type Outcome = Omit<CaseResult, 'suite' | 'index' | 'name' | 'passed'>;

/** Object keys in code-point order, so that equal values give equal JSON whatever order they were written in. */
const sortedKeys = (_: string, v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v;

/**
 * Whether an expected value and an actual one are the same JSON. Key order does not count: a
 * golden case read from a bundle (canonical JSON, keys sorted) expects `fine: {max, min}` where
 * the benchmark gives `{min, max}`.
 */
export function sameJson(expected: unknown, actual: unknown): boolean {
  return JSON.stringify(expected, sortedKeys) === JSON.stringify(actual, sortedKeys);
}

/**
 * Runs every golden case of the pack.
 * @example const report = runPackTests(resolved); console.log(renderPackTestReport(report));
 */
export function runPackTests(pack: RulePack, env: RuleEnv = ruleEnvFromPack(pack)): PackTestReport {
  const cases: CaseResult[] = [];
  for (const suite of pack.items.test?.values() ?? []) {
    (suite as PackTestSuite).cases.forEach((c, index) => {
      let outcome: Outcome;
      try {
        outcome = runCase(pack, env, c);
      } catch (e) {
        outcome = broken('unknown', '', issue('evaluation.failed', '', { reason: String(e) }));
      }
      cases.push({ suite: suite.code, index, name: c.name, passed: outcome.failures.length === 0, ...outcome });
    });
  }
  const passed = cases.filter((c) => c.passed).length;
  return { passed, failed: cases.length - passed, cases, coverage: packCoverage(pack, env) };
}

function runCase(pack: RulePack, env: RuleEnv, c: PackTestSuite['cases'][number]): Outcome {
  if ('opening' in c) return openingCase(pack, c);
  if ('discretion' in c) return discretionCase(pack, env, c);
  if ('workflow' in c) return guardCase(pack, env, c);
  if ('alert' in c) return alertCase(pack, env, c);
  if ('assessment' in c) return scoringCase(pack, env, c);
  return broken(
    'unknown',
    '',
    issue('test.malformed', '', { reason: 'no discretion, workflow, alert, assessment or opening' }),
  );
}

function discretionCase(pack: RulePack, env: RuleEnv, c: DiscretionCase): Outcome {
  const item = pack.items.discretion?.get(c.discretion);
  if (!item) return missing('discretion', c.discretion, '裁量基准');
  const input = {
    ...contextOf(c.facts),
    violationDate: c.violationDate,
    ...(c.proposedFine === undefined ? {} : { proposedFine: c.proposedFine }),
  };
  const r = decideDiscretion(item, input, env);
  if (!r.ok) return failedRun('discretion', c.discretion, r.issues);
  const d = r.value;
  const e = c.expect;
  const failures: CaseFailure[] = [];
  const check = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && !sameJson(expected, actual)) failures.push({ what, expected, actual });
  };
  check('noPenalty', e.noPenalty, d.outcome === 'no-penalty');
  check('tier', e.tier, d.tier?.code ?? (d.outcome === 'undetermined' ? 'undetermined' : null));
  check('fine', e.fine, d.tier ? d.tier.fine : null);
  check('version', e.version, d.version.label);
  check('circumstances', e.circumstances && [...e.circumstances].sort(), d.circumstances.map((x) => x.code).sort());
  check('proposedFineOutsideTier', e.proposedFineOutsideTier, d.proposedFineOutsideTier ?? null);
  check('penalties', e.penalties, d.tier?.penalties ?? null);
  check('persons', e.persons, e.persons && personsOf(d, Object.keys(e.persons)));
  check('continuing', e.continuing, e.continuing === undefined ? undefined : continuingOf(d, e.continuing));
  const { version: _, circumstances, ...outcome } = e;
  const counts = { outcome: Object.keys(outcome).length > 0, circumstances: circumstances !== undefined };
  failures.push(...undeterminedFailures(undeterminedOfDiscretion(d, counts), c.expectUndetermined));
  return done('discretion', c.discretion, failures, explainDiscretion(d, 'zh'), explainDiscretion(d, 'en'), d.issues);
}

/** 双罚 as a case states it: each person's range by code, the expected ones first (an extra person fails). */
function personsOf(d: DiscretionDecision, expected: string[]): Record<string, AmountRange | null> {
  const got = new Map((d.tier?.persons ?? []).map((p) => [p.code, p.fine]));
  const keys = [...expected, ...[...got.keys()].filter((k) => !expected.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, got.get(k) ?? null]));
}

/** 按日连续处罚 as a case states it: false when it does not apply, else the fields the case names. */
function continuingOf(d: DiscretionDecision, expected: NonNullable<DiscretionCase['expect']['continuing']>) {
  const c = d.continuing;
  if (!c?.applies) return false;
  const all = { days: c.days, dailyAmount: c.dailyAmount, total: c.total };
  return expected === false
    ? all
    : Object.fromEntries(Object.keys(expected).map((k) => [k, all[k as keyof typeof all]]));
}

/**
 * The environment of a case that names its subject, sector or day: parameters take the values
 * in force there (param-scope.ts); a case naming none gets the pack's (undated) values.
 */
function caseEnv(env: RuleEnv, c: { org?: string; sector?: string }, date: string | undefined): RuleEnv {
  if (c.org === undefined && c.sector === undefined && date === undefined) return env;
  return scopedEnv(env, {
    ...(c.org === undefined ? {} : { orgPath: orgPathOf(c.org, env) }),
    ...(c.sector === undefined ? {} : { sector: c.sector }),
    ...(date === undefined ? {} : { date }),
  });
}

function guardCase(pack: RulePack, packEnv: RuleEnv, c: GuardCase): Outcome {
  const item = pack.items.workflow?.get(c.workflow);
  if (!item) return missing('workflow', c.workflow, '流程');
  const env = caseEnv(packEnv, c, c.date);
  const r = checkGuards(
    item,
    { ...contextOf(c.facts), state: c.state, roles: c.roles, ...(c.documents ? { documentValues: c.documents } : {}) },
    env,
  );
  if (!r.ok) return failedRun('guard', c.workflow, r.issues);
  const failures: CaseFailure[] = [];
  const refused = (c.expect.refused ?? []).map((x) => (typeof x === 'string' ? { action: x } : x));
  const compared: TransitionCheck[] = [];
  for (const [want, list] of [
    ['allowed', (c.expect.allowed ?? []).map((action) => ({ action }))],
    ['refused', refused],
  ] as const) {
    for (const expected of list) {
      const t = r.value.transitions.find((x) => x.action === expected.action);
      if (t) compared.push(t);
      const actual = !t ? 'not available in this state' : t.allowed ? 'allowed' : 'refused';
      if (actual !== want) failures.push({ what: expected.action, expected: want, actual });
      else if (t && 'because' in expected) failures.push(...reasonFailures(expected, t));
    }
  }
  const undetermined = compared.flatMap((t) => undeterminedOfGuard(t, c.facts, env));
  failures.push(...undeterminedFailures(undetermined, c.expectUndetermined));
  const issues = r.value.transitions.flatMap((t) => t.issues);
  return done(
    'guard',
    c.workflow,
    failures,
    explainGuards(r.value.transitions, 'zh'),
    explainGuards(r.value.transitions, 'en'),
    issues,
  );
}

function alertCase(pack: RulePack, packEnv: RuleEnv, c: AlertCase): Outcome {
  const item = pack.items.alert?.get(c.alert);
  if (!item) return missing('alert', c.alert, '预警规则');
  const env = caseEnv(packEnv, c, c.today);
  const r = evaluateAlerts([item], contextOf(c.facts, c.today), env, { explainQuiet: true });
  if (!r.ok) return failedRun('alert', c.alert, r.issues);
  const fired = r.value.fired[0];
  const failures: CaseFailure[] = [];
  if (c.expect.fires !== Boolean(fired))
    failures.push({ what: 'fires', expected: c.expect.fires, actual: Boolean(fired) });
  if (c.expect.level !== undefined && c.expect.level !== fired?.level)
    failures.push({ what: 'level', expected: c.expect.level, actual: fired?.level ?? null });
  if (c.expect.message !== undefined && c.expect.message !== fired?.message.zh) {
    failures.push({ what: 'message', expected: c.expect.message, actual: fired?.message.zh ?? null });
  }
  const undetermined = undeterminedOfAlert(r.value, c.expect.level !== undefined);
  failures.push(...undeterminedFailures(undetermined, c.expectUndetermined));
  const issues = [...(fired?.issues ?? []), ...r.value.undetermined.flatMap((u) => u.issues)];
  return done('alert', c.alert, failures, explainAlerts(r.value, 'zh'), explainAlerts(r.value, 'en'), issues);
}

function scoringCase(pack: RulePack, env: RuleEnv, c: ScoringCase): Outcome {
  const item = pack.items.assessment?.get(c.assessment);
  if (!item) return missing('assessment', c.assessment, '考核方案');
  const r = scoreAssessment(item, c.metrics, env);
  if (!r.ok) return failedRun('scoring', c.assessment, r.issues);
  const s = r.value;
  const failures: CaseFailure[] = [];
  const near = (a: number, b: number | undefined) => b !== undefined && Math.abs(a - b) < 1e-6;
  for (const [code, want] of Object.entries(c.expect.points ?? {})) {
    const got = s.indicators.find((x) => x.code === code);
    if (want !== undefined && !(got && near(want, got.points)))
      failures.push({ what: `points.${code}`, expected: want, actual: got?.points ?? 'no such indicator' });
  }
  if (c.expect.total !== undefined && !near(c.expect.total, s.total))
    failures.push({ what: 'total', expected: c.expect.total, actual: s.total });
  if (c.expect.grade !== undefined && c.expect.grade !== s.grade)
    failures.push({ what: 'grade', expected: c.expect.grade, actual: s.grade ?? null });
  for (const [name, want] of Object.entries(c.expect.metrics ?? {})) {
    const got = s.derived.find((x) => x.metric === name);
    if (want !== undefined && !(got?.value != null && near(want, got.value)))
      failures.push({ what: `metrics.${name}`, expected: want, actual: got ? got.value : 'no such derived metric' });
  }
  // Points of named indicators depend on their metrics only; a total or grade on all of them.
  const whole = c.expect.total !== undefined || c.expect.grade !== undefined;
  const counted = whole ? undefined : Object.keys(c.expect.points ?? {});
  failures.push(...undeterminedFailures(undeterminedOfScore(s, counted), c.expectUndetermined));
  return done('scoring', c.assessment, failures, explainScore(s, 'zh'), explainScore(s, 'en'), s.issues);
}

/** The subject an opening case names: an organisation of the pack, or a type and sectors. */
function openingSubject(pack: RulePack, c: OpeningCase): OpeningSubject | undefined {
  if (c.org !== undefined) {
    const org = pack.items.organisation?.get(c.org);
    return org && subjectOf(pack, org);
  }
  if (c.subject === undefined) return undefined;
  const { type = '', sectors = [], enforcementSubject = true } = c.subject;
  return { type, sectors, enforcementSubject };
}

/** A refusal as a case names it: `officers`, `certificates #1`, `sector`. */
const refusalKey = (r: { because?: string; reason?: string; officer?: number }, withOfficer: boolean) =>
  `${r.because ?? r.reason}${withOfficer && r.officer !== undefined ? ` #${r.officer}` : ''}`;

function openingCase(pack: RulePack, c: OpeningCase): Outcome {
  const { opening } = c;
  const absent = (kind: string, code: string, kindZh: string) =>
    broken('opening', code, issue('item.missing', '', { kind, kindZh, code }));
  const matter = opening.matter === undefined ? undefined : pack.items.matter?.get(opening.matter);
  if (opening.matter !== undefined && !matter) return absent('matter', opening.matter, '执法事项');
  const itemCode = opening.authorityItem ?? matter?.authorityItem;
  if (opening.authorityItem !== undefined && !pack.items['authority-item']?.has(opening.authorityItem))
    return absent('authority-item', opening.authorityItem, '权责清单事项');
  const workflowCode = opening.workflow ?? matter?.workflow;
  const workflow = workflowCode === undefined ? undefined : pack.items.workflow?.get(workflowCode);
  if (workflowCode !== undefined && !workflow) return absent('workflow', workflowCode, '流程');
  if (matter && workflowCode !== matter.workflow && !matter.alternativeWorkflows?.includes(workflowCode ?? ''))
    return broken(
      'opening',
      matter.code,
      issue('test.malformed', '', { reason: `matter ${matter.code} does not follow workflow ${workflowCode}` }),
    );
  const subject = openingSubject(pack, c);
  if (!subject)
    return c.org === undefined
      ? broken('opening', opening.matter ?? '', issue('test.malformed', '', { reason: 'no org or subject' }))
      : absent('organisation', c.org, '组织机构');
  const refusals = openingRefusals(pack, {
    subject,
    ...(itemCode === undefined ? {} : { authorityItem: itemCode }),
    ...(matter ? { matter: matter.code } : {}),
    ...(workflow ? { workflow } : {}),
    officers: c.officers.map((o) => ({
      certificateNo: o.certificate ?? null,
      certificateValidUntil: o.validUntil ?? null,
    })),
    today: c.date,
  });
  const failures: CaseFailure[] = [];
  const got = (rs: readonly OpeningRefusal[]) => rs.map((r) => refusalKey(r, true)).join(', ') || 'allowed';
  if ('allowed' in c.expect) {
    if (refusals.length) failures.push({ what: 'opening', expected: 'allowed', actual: `refused: ${got(refusals)}` });
  } else {
    const unmatched = [...refusals];
    for (const want of c.expect.refused) {
      const i = unmatched.findIndex(
        (r) =>
          r.reason === want.because &&
          (want.officer === undefined || r.officer === want.officer) &&
          (want.basis === undefined || r.basis.includes(want.basis)),
      );
      if (i >= 0) {
        unmatched.splice(i, 1);
        continue;
      }
      const basis = want.basis === undefined ? '' : ` citing ${want.basis}`;
      const wanted = `${refusalKey(want, true)}${basis}`;
      const actual = refusals.length ? `refused: ${got(refusals)}` : 'allowed';
      failures.push({
        what: 'opening',
        expected: `refused because ${wanted}`,
        actual,
        message: {
          zh: `立案：期望因 ${wanted} 被拒绝，实际${refusals.length ? `因 ${got(refusals)} 被拒绝` : '准予立案'}`,
          en: `opening: expected to be refused because ${wanted}, ${refusals.length ? `refused because ${got(refusals)}` : 'allowed'}`,
        },
      });
    }
    for (const r of unmatched)
      failures.push({
        what: 'opening',
        expected: `refused only because ${c.expect.refused.map((x) => refusalKey(x, true)).join(', ')}`,
        actual: `also refused because ${refusalKey(r, true)}`,
        message: {
          zh: `立案：还因 ${refusalKey(r, true)} 被拒绝（${r.message.zh}），用例未列出`,
          en: `opening: also refused because ${refusalKey(r, true)} (${r.message.en}), which the case does not list`,
        },
      });
  }
  const explain = (lang: 'zh' | 'en') =>
    refusals.length
      ? refusals.map((r) => `${lang === 'zh' ? '拒绝' : 'refused'} [${refusalKey(r, true)}] ${r.message[lang]}`)
      : [
          lang === 'zh'
            ? '准予立案：权责清单和执法人员均符合要求'
            : 'allowed: the authority list and the officers meet what opening requires',
        ];
  return done('opening', opening.matter ?? itemCode ?? workflowCode ?? '', failures, explain('zh'), explain('en'), []);
}

function done(
  kind: CaseKind,
  item: string,
  failures: CaseFailure[],
  zh: string[],
  en: string[],
  issues: Issue[],
): Outcome {
  return { kind, item, failures, explanation: { zh, en }, issues };
}

function failedRun(kind: CaseKind, item: string, issues: Issue[]): Outcome {
  const failures = issues.map((i) => ({ what: i.code, expected: 'a result', actual: i.message.zh }));
  return {
    kind,
    item,
    failures,
    explanation: { zh: issues.map((i) => i.message.zh), en: issues.map((i) => i.message.en) },
    issues,
  };
}

function broken(kind: CaseKind | 'unknown', item: string, i: Issue): Outcome {
  return {
    kind,
    item,
    failures: [{ what: i.code, expected: 'a runnable case', actual: i.message.zh }],
    explanation: { zh: [i.message.zh], en: [i.message.en] },
    issues: [i],
  };
}

function missing(kind: 'discretion' | 'workflow' | 'alert' | 'assessment', code: string, kindZh: string): Outcome {
  const k: CaseKind = kind === 'workflow' ? 'guard' : kind === 'assessment' ? 'scoring' : kind;
  return broken(k, code, issue('item.missing', '', { kind, kindZh, code }));
}
