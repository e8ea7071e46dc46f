/**
 * The studio's rule test bench (#14): what an item of a working copy decides for facts an
 * implementer enters — a discretion benchmark's outcome, tier and fine range, a workflow's
 * transitions from a state (allowed, or refused with why and the article), whether an alert
 * fires and at which level, an assessment scheme's points, total and grade — each with the
 * rules' own line-by-line explanation, and the golden case (`test` item format) that holds that
 * result. The case is run through `runPackTests` on the same pack before it is offered, so a case
 * saved from the bench passes on the pack it was made on; facts the decision could not read are
 * listed in its `expectUndetermined`, as a golden case must.
 *
 * Evaluated on the server, on the working copy resolved with the edited (unsaved) item: the
 * copy's pack is its base from the registry plus its files, which only the server holds; the
 * rules are the same `@yifa/rules` the browser would run.
 */
import type {
  AlertCase,
  AlertRule,
  AssessmentScheme,
  DiscretionBenchmark,
  DiscretionCase,
  FactDefinition,
  GuardCase,
  ItemKind,
  PackTestSuite,
  ResolvedPack,
  ScoringCase,
  Workflow,
} from '@yifa/metamodel';
import { platformFact } from '@yifa/metamodel';
import {
  checkGuards,
  decideDiscretion,
  evaluateAlerts,
  explainAlerts,
  explainDiscretion,
  explainGuards,
  explainScore,
  failureMessage,
  orgPathOf,
  type RuleEnv,
  type RulePack,
  ruleEnvFromPack,
  runPackTests,
  scopedEnv,
  scoreAssessment,
} from '@yifa/rules';

/** The kinds the bench evaluates. */
export const BENCH_KINDS = ['discretion', 'workflow', 'alert', 'assessment'] as const;
export type BenchKind = (typeof BENCH_KINDS)[number];

type Msg = { zh: string; en: string };

/** A fact the item reads, as the bench's form asks for it. */
export interface BenchFact {
  name: string;
  label: Msg;
  type: 'number' | 'integer' | 'string' | 'boolean' | 'date' | 'array';
  /** Values to choose from: the fact's enum, else the values the item's conditions compare it with. */
  values?: string[];
  unit?: string;
  /** Where the type comes from: a matter's fact definition, the platform's facts, or the conditions. */
  from: 'matter' | 'platform' | 'conditions';
}

/** What the bench is given. */
export interface BenchInput {
  facts?: Record<string, unknown>;
  violationDate?: string;
  proposedFine?: number;
  state?: string;
  roles?: string[];
  date?: string;
  today?: string;
  org?: string;
  metrics?: Record<string, number>;
}

type GoldenCase = DiscretionCase | GuardCase | AlertCase | ScoringCase;

/** What the bench answers for an evaluation. */
export interface BenchResult {
  result: Record<string, unknown>;
  explanation: { zh: string[]; en: string[] };
  /** The golden case holding this result, checked to pass on the pack; absent when nothing can be expected. */
  golden?: GoldenCase;
  /** Why there is no golden case, or what its check found. */
  goldenProblems?: Msg[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `{ fact: name, … value }` in a value, and named conditions followed (`{ condition: code }`). */
function factUses(value: unknown, pack: ResolvedPack, out = new Map<string, unknown[]>(), seen = new Set<string>()) {
  if (Array.isArray(value)) {
    for (const v of value) factUses(v, pack, out, seen);
    return out;
  }
  if (!isObject(value)) return out;
  if (typeof value.fact === 'string') {
    const list = out.get(value.fact) ?? [];
    if ('value' in value) list.push(value.value);
    out.set(value.fact, list);
  }
  if (typeof value.condition === 'string' && !seen.has(value.condition)) {
    seen.add(value.condition);
    const named = pack.items.condition.get(value.condition);
    if (named) factUses(named, pack, out, seen);
  }
  for (const [k, v] of Object.entries(value))
    if (k !== 'value' || isObject(v) || Array.isArray(v)) factUses(v, pack, out, seen);
  return out;
}

/** The facts of the pack's matters by name (the first definition of a name wins). */
function matterFacts(pack: ResolvedPack): Map<string, FactDefinition> {
  const out = new Map<string, FactDefinition>();
  for (const m of pack.items.matter.values()) for (const f of m.facts ?? []) if (!out.has(f.name)) out.set(f.name, f);
  return out;
}

function typeOfValues(values: unknown[]): BenchFact['type'] {
  const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => !isObject(v));
  if (flat.length && flat.every((v) => typeof v === 'boolean')) return 'boolean';
  if (flat.length && flat.every((v) => typeof v === 'number')) return 'number';
  if (flat.length && flat.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  return 'string';
}

/** The facts an item reads, typed from the pack's fact catalogue (matters' facts, platform facts) or its conditions. */
export function benchFacts(pack: ResolvedPack, kind: BenchKind, item: Record<string, unknown>): BenchFact[] {
  const uses = factUses(kind === 'assessment' ? item.indicators : item, pack);
  const defs = matterFacts(pack);
  const facts: BenchFact[] = [];
  for (const [name, compared] of uses) {
    if (kind === 'assessment' && name === 'value') continue;
    const def = defs.get(name);
    const platform = platformFact(name) ?? platformFact(name.split('.')[0] ?? name);
    const literal = [
      ...new Set(
        compared.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string'),
      ),
    ];
    if (def)
      facts.push({
        name,
        label: { zh: def.label, en: def.labelEn ?? name },
        type: def.type,
        ...(def.enum ? { values: [...def.enum] } : literal.length ? { values: literal } : {}),
        ...(def.unit ? { unit: def.unit } : {}),
        from: 'matter',
      });
    else if (platform)
      facts.push({
        name,
        label: { zh: platform.label, en: platform.labelEn },
        type: platform.type,
        ...(platform.values ? { values: [...platform.values] } : literal.length ? { values: literal } : {}),
        ...(platform.unit ? { unit: platform.unit } : {}),
        from: 'platform',
      });
    else {
      const type = typeOfValues(compared);
      facts.push({
        name,
        label: { zh: name, en: name },
        type,
        ...(type === 'string' && literal.length ? { values: literal } : {}),
        from: 'conditions',
      });
    }
  }
  if (kind === 'workflow') {
    const transitions = (item as unknown as Workflow).transitions ?? [];
    const extra = (name: string, type: BenchFact['type'], zh: string, en: string) => {
      if (!uses.has(name)) facts.push({ name, label: { zh, en }, type, from: 'platform' });
    };
    if (transitions.some((t) => t.minOfficers !== undefined)) {
      extra('officerCount', 'integer', '承办执法人员人数', 'officers on the case');
      extra('officersCertified', 'boolean', '执法人员均持有效证件', 'every officer certified');
    }
    if (transitions.some((t) => (t.documents ?? []).length > 0)) {
      extra('documentsCompleted', 'array', '已完成的文书', 'documents completed');
      extra('documentsIssued', 'array', '已出具的文书', 'documents issued');
    }
  }
  return facts;
}

/** The metrics an assessment scheme reads: measured by indicators, summed or in formulas, less its own derived ones. */
export function benchMetrics(item: Record<string, unknown>): string[] {
  const scheme = item as unknown as AssessmentScheme;
  const derived = new Set((scheme.metrics ?? []).map((m) => m.name));
  const names = new Set<string>();
  const strings = (v: unknown) => {
    if (typeof v === 'string') names.add(v);
    else if (Array.isArray(v)) v.forEach(strings);
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) if (k !== 'weight') strings(x);
  };
  for (const i of scheme.indicators ?? []) strings(i.measure);
  for (const m of scheme.metrics ?? []) {
    for (const term of (m as { sum?: { metric: string }[] }).sum ?? []) names.add(term.metric);
    for (const name of factUses((m as { formula?: unknown }).formula, {
      items: { condition: new Map() },
    } as never).keys())
      names.add(name);
  }
  return [...names].filter((n) => !derived.has(n) && /^[a-z][A-Za-z0-9]*$/.test(n));
}

/** A name for the case (the suite shows it): the item and what it decided. */
function caseName(item: Record<string, unknown>, summary: string): string {
  return `${String(item.name ?? item.code)}：${summary}`.slice(0, 200);
}

const yuan = (n: number) => n.toLocaleString('zh-CN');

/** The environment of a case naming its subject or day (parameters by organisation and date), as golden cases get it. */
function envFor(env: RuleEnv, org: string | undefined, date: string | undefined): RuleEnv {
  if (org === undefined && date === undefined) return env;
  return scopedEnv(env, {
    ...(org === undefined ? {} : { orgPath: orgPathOf(org, env) }),
    ...(date === undefined ? {} : { date }),
  });
}

/** Evaluates the item (already in `pack`) for the input; the golden case is checked on `pack`. */
export function evaluateBench(
  pack: ResolvedPack,
  kind: BenchKind,
  code: string,
  input: BenchInput,
  env: RuleEnv = ruleEnvFromPack(pack as unknown as RulePack),
): BenchResult {
  const facts = input.facts ?? {};
  const out = evaluate(pack, kind, code, input, facts, env);
  if (!out.golden) return out;
  return { ...out, ...checkedGolden(pack, env, out.golden) };
}

function evaluate(
  pack: ResolvedPack,
  kind: BenchKind,
  code: string,
  input: BenchInput,
  facts: Record<string, unknown>,
  env: RuleEnv,
): BenchResult {
  const refused = (zh: string, en: string): BenchResult => ({
    result: { error: { zh, en } },
    explanation: { zh: [zh], en: [en] },
  });
  if (kind === 'discretion') {
    const item = pack.items.discretion.get(code) as DiscretionBenchmark | undefined;
    if (!item) return refused(`裁量基准 ${code} 不存在`, `no discretion benchmark ${code}`);
    const violationDate = input.violationDate ?? '';
    const r = decideDiscretion(
      item,
      {
        facts,
        violationDate,
        ...(input.proposedFine === undefined ? {} : { proposedFine: input.proposedFine }),
      },
      env,
    );
    if (!r.ok)
      return {
        result: { issues: r.issues.map((i) => i.message) },
        explanation: { zh: r.issues.map((i) => i.message.zh), en: r.issues.map((i) => i.message.en) },
      };
    const d = r.value;
    const result = {
      outcome: d.outcome,
      version: d.version.label,
      tier: d.tier
        ? {
            code: d.tier.code,
            name: d.tier.name,
            nameEn: d.tier.nameEn,
            fine: d.tier.fine,
            penalties: d.tier.penalties,
          }
        : null,
      noPenalty: d.noPenalty ?? null,
      circumstances: d.circumstances,
      legalRange: d.legalRange,
      ...(d.proposedFineOutsideTier === undefined ? {} : { proposedFineOutsideTier: d.proposedFineOutsideTier }),
    };
    // A range with both ends known (an end an undetermined fact left open cannot be expected).
    const f = d.tier?.fine;
    const fine = f && f.min !== null && f.max !== null ? { min: f.min, max: f.max } : undefined;
    const expect: DiscretionCase['expect'] =
      d.outcome === 'no-penalty'
        ? { noPenalty: true, version: d.version.label }
        : d.tier
          ? { tier: d.tier.code, ...(fine ? { fine } : {}), version: d.version.label }
          : { tier: 'undetermined', version: d.version.label };
    const summary =
      d.outcome === 'no-penalty'
        ? `不予处罚（${d.noPenalty?.name ?? ''}）`
        : d.tier
          ? `${d.tier.name}${fine ? ` ${yuan(fine.min)}–${yuan(fine.max)} 元` : ''}`
          : '无法判定';
    const golden: DiscretionCase = {
      name: caseName(item as unknown as Record<string, unknown>, summary),
      discretion: code,
      violationDate,
      facts,
      ...(input.proposedFine === undefined ? {} : { proposedFine: input.proposedFine }),
      expect,
    };
    return {
      result,
      explanation: { zh: explainDiscretion(d, 'zh'), en: explainDiscretion(d, 'en') },
      golden,
    };
  }
  if (kind === 'workflow') {
    const item = pack.items.workflow.get(code) as Workflow | undefined;
    if (!item) return refused(`流程 ${code} 不存在`, `no workflow ${code}`);
    const state = input.state ?? item.start;
    const roles = input.roles ?? [];
    const caseEnv = envFor(env, input.org, input.date);
    const r = checkGuards(item, { facts, state, roles }, caseEnv);
    if (!r.ok)
      return {
        result: { issues: r.issues.map((i) => i.message) },
        explanation: { zh: r.issues.map((i) => i.message.zh), en: r.issues.map((i) => i.message.en) },
      };
    const transitions = r.value.transitions.map((t) => ({
      action: t.action,
      name: t.name,
      to: t.to,
      allowed: t.allowed,
      refusals: t.refusals.map((x) => ({
        code: x.code,
        message: x.message,
        ...(x.detail ? { detail: x.detail } : {}),
      })),
    }));
    const allowed = transitions.filter((t) => t.allowed).map((t) => t.action);
    const refusedList = transitions
      .filter((t) => !t.allowed)
      .map((t) => ({ action: t.action, because: t.refusals[0]?.code ?? 'when' }));
    const explanation = { zh: explainGuards(r.value.transitions, 'zh'), en: explainGuards(r.value.transitions, 'en') };
    if (transitions.length === 0)
      return {
        result: { state, transitions },
        explanation,
        goldenProblems: [
          {
            zh: `环节 ${state} 没有可执行的操作，无可测试的结果`,
            en: `no action leaves state ${state}: nothing to test`,
          },
        ],
      };
    const summary = [
      allowed.length ? `准予 ${allowed.join('、')}` : '',
      refusedList.length ? `拒绝 ${refusedList.map((x) => `${x.action}（${x.because}）`).join('、')}` : '',
    ]
      .filter(Boolean)
      .join('；');
    const golden: GuardCase = {
      name: caseName(item as unknown as Record<string, unknown>, `${state}：${summary}`),
      workflow: code,
      state,
      roles,
      facts,
      ...(input.org === undefined ? {} : { org: input.org }),
      ...(input.date === undefined ? {} : { date: input.date }),
      expect: {
        ...(allowed.length ? { allowed } : {}),
        ...(refusedList.length ? { refused: refusedList } : {}),
      } as GuardCase['expect'],
    };
    return { result: { state, transitions }, explanation, golden };
  }
  if (kind === 'alert') {
    const item = pack.items.alert.get(code) as AlertRule | undefined;
    if (!item) return refused(`预警规则 ${code} 不存在`, `no alert rule ${code}`);
    const caseEnv = envFor(env, input.org, input.today);
    const { timeline, ...rest } = facts;
    const ctx = {
      facts: rest,
      ...(isObject(timeline) ? { timeline: timeline as Record<string, string> } : {}),
      ...(input.today ? { today: input.today } : {}),
    };
    const r = evaluateAlerts([item], ctx, caseEnv, { explainQuiet: true });
    if (!r.ok)
      return {
        result: { issues: r.issues.map((i) => i.message) },
        explanation: { zh: r.issues.map((i) => i.message.zh), en: r.issues.map((i) => i.message.en) },
      };
    const fired = r.value.fired[0];
    const undetermined = r.value.undetermined.length > 0;
    const result = {
      fires: Boolean(fired),
      undetermined,
      ...(fired ? { level: fired.level, message: fired.message, recipients: fired.recipients } : {}),
    };
    const summary = fired ? `触发（${fired.level}）` : undetermined ? '无法判定' : '不触发';
    const golden: AlertCase = {
      name: caseName(item as unknown as Record<string, unknown>, summary),
      alert: code,
      ...(input.org === undefined ? {} : { org: input.org }),
      ...(input.today === undefined ? {} : { today: input.today }),
      facts,
      expect: { fires: Boolean(fired), ...(fired ? { level: fired.level } : {}) },
    };
    return {
      result,
      explanation: { zh: explainAlerts(r.value, 'zh'), en: explainAlerts(r.value, 'en') },
      golden,
    };
  }
  const item = pack.items.assessment.get(code) as AssessmentScheme | undefined;
  if (!item) return refused(`考核方案 ${code} 不存在`, `no assessment scheme ${code}`);
  const metrics = input.metrics ?? {};
  const r = scoreAssessment(item, metrics, env);
  if (!r.ok)
    return {
      result: { issues: r.issues.map((i) => i.message) },
      explanation: { zh: r.issues.map((i) => i.message.zh), en: r.issues.map((i) => i.message.en) },
    };
  const s = r.value;
  const result = {
    total: s.total,
    ...(s.grade === undefined ? {} : { grade: s.grade }),
    vetoed: s.vetoed,
    points: s.indicators.map((i) => ({ code: i.code, name: i.name, value: i.value, points: i.points })),
  };
  const golden: ScoringCase = {
    name: caseName(item as unknown as Record<string, unknown>, `${s.total} 分${s.grade ? ` ${s.grade}` : ''}`),
    assessment: code,
    metrics,
    expect: { total: s.total, ...(s.grade === undefined ? {} : { grade: s.grade }) },
  };
  return { result, explanation: { zh: explainScore(s, 'zh'), en: explainScore(s, 'en') }, golden };
}

/**
 * The case run as a golden test on the pack: facts the decision could not read go to
 * `expectUndetermined` (a golden case must say so), then it must pass; if it still fails the
 * bench says why and offers no case.
 */
function checkedGolden(pack: ResolvedPack, env: RuleEnv, golden: GoldenCase): Partial<BenchResult> {
  const run = (c: GoldenCase) => {
    const suite: PackTestSuite = { code: 'studio-bench-check', name: 'studio bench', cases: [c] };
    const only = { ...pack, items: { ...pack.items, test: new Map([[suite.code, suite]]) } } as unknown as RulePack;
    return runPackTests(only, env).cases[0];
  };
  let result = run(golden);
  let checked = golden;
  const unknown = result?.failures.filter((f) => f.what === 'undetermined').map((f) => String(f.actual)) ?? [];
  if (unknown.length > 0) {
    checked = { ...golden, expectUndetermined: [...new Set(unknown)] } as GoldenCase;
    result = run(checked);
  }
  if (result?.passed) return { golden: checked };
  return { goldenProblems: (result?.failures ?? []).map(failureMessage) };
}

/** Whether a kind has a bench. */
export const isBenchKind = (kind: ItemKind | string): kind is BenchKind =>
  (BENCH_KINDS as readonly string[]).includes(kind);
