/**
 * Rules benchmark: the compiled evaluator against raw json-rules-engine (one Engine, one
 * `await engine.run(facts)` per fact set) on the same randomised inputs, checking that both
 * reach the same outcome on every input both ran.
 *   1. ten case alert rules over 1,000,000 case snapshots;
 *   2. the 食品安全法第一百二十二条 benchmark over 1,000,000 fact sets.
 * Usage: npm run bench --workspace @yifa/rules [-- --n 1000000 --raw 100000]
 */
import { cpus } from 'node:os';
import type { AlertRule, Condition } from '@yifa/metamodel';
import type { Engine } from 'json-rules-engine';
import { CASE_ALERTS } from '../fixtures/alerts.ts';
import { CN_2025, CN_2026 } from '../fixtures/calendars.ts';
import { FOOD_BENCHMARK, FOOD_MATTER } from '../fixtures/food-safety.ts';
import { NATIONAL_CONDITIONS, NATIONAL_PARAMETERS } from '../fixtures/penalty-ordinary.ts';
import { rng } from '../fixtures/random.ts';
import { compileAlerts } from '../src/alerts.ts';
import { compileDiscretion, type DiscretionInput } from '../src/discretion.ts';
import { createRuleEnv } from '../src/env.ts';
import { createReferenceEngine, type ReferenceRule } from '../src/reference.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 1_000_000);
const RAW = Math.min(N, arg('raw', 100_000));
const CHUNK = 100_000;
const env = createRuleEnv({
  parameters: NATIONAL_PARAMETERS,
  conditions: NATIONAL_CONDITIONS,
  calendars: [CN_2025, CN_2026],
  facts: FOOD_MATTER.facts,
});
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const rawEngine = (rules: ReferenceRule[]): Engine =>
  unwrap(createReferenceEngine(rules, env, { paramFacts: 'path' })).engine;
const rawRun = async (engine: Engine, facts: object) => {
  const out = await engine.run(facts as Record<string, unknown>);
  const held = new Map<string, boolean>();
  for (const r of [...out.results, ...out.failureResults]) held.set(r.name, r.result === true);
  return held;
};
const allOf = (conditions: Condition[]): Condition => ({ all: conditions as [Condition, ...Condition[]] });
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// ---- 1. alerts -------------------------------------------------------------------------------
const STATES = [
  'filing',
  'investigation',
  'case-review',
  'legal-review',
  'notification',
  'hearing',
  'decision',
  'service',
  'execution',
  'closed',
];
function snapshots(seed: number, count: number): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    caseNumber: `津滨市监罚〔2026〕${seed * 1_000_000 + i}号`,
    workflow: r() < 0.9 ? 'penalty-ordinary' : 'penalty-summary',
    state: pick(STATES),
    partyKind: r() < 0.6 ? 'organisation' : 'person',
    proposedFine: pick([100, 2000, 5000, 20000, 80000, 150000]),
    proposedPenalties: r() < 0.1 ? ['fine', 'revoke-licence'] : ['fine'],
    hearingHeld: r() < 0.1,
    complex: r() < 0.1,
    publicInterest: r() < 0.05,
    legalReviewed: r() < 0.8,
    hearingNotified: r() < 0.9,
    officerCount: r() < 0.97 ? 2 : 1,
    officersCertified: r() < 0.98,
    fineOutsideTier: r() < 0.03,
    discretionTier: '一般',
    preservationPending: r() < 0.1,
    preservationDays: Math.floor(r() * 10),
    disclosed: r() < 0.7,
    daysSince: {
      investigation: Math.floor(r() * 120),
      filing: Math.floor(r() * 25),
      service: Math.floor(r() * 12),
      decision: Math.floor(r() * 15),
    },
  }));
}

function alertRawRules(rules: readonly AlertRule[]): ReferenceRule[] {
  return rules.flatMap((a) => {
    const scope: Condition[] = a.appliesTo?.workflows
      ? [{ fact: 'workflow', operator: 'in', value: a.appliesTo.workflows }]
      : [];
    const main = { name: a.code, when: scope.length ? allOf([...scope, a.when]) : a.when };
    const levels = a.levels.flatMap((l, i) => (l.when ? [{ name: `${a.code}#${i}`, when: l.when }] : []));
    return [main, ...levels];
  });
}

function alertOutcome(rules: readonly AlertRule[], held: Map<string, boolean>): string {
  return rules
    .filter((a) => held.get(a.code))
    .map((a) => `${a.code}:${a.levels.find((l, i) => !l.when || held.get(`${a.code}#${i}`))?.level}`)
    .join(',');
}

async function benchAlerts() {
  const compiled = unwrap(compileAlerts(CASE_ALERTS, env));
  const engine = rawEngine(alertRawRules(CASE_ALERTS));
  const ours = (s: object) => compiled.evaluate({ facts: s as Record<string, unknown> });
  for (const s of snapshots(99, 20_000)) ours(s);
  for (const s of snapshots(98, 2_000)) await rawRun(engine, s);
  let oursTime = 0;
  let rawTime = 0;
  let fired = 0;
  let undetermined = 0;
  let compared = 0;
  let mismatches = 0;
  for (let done = 0, seed = 1; done < N; done += CHUNK, seed++) {
    const batch = snapshots(seed, Math.min(CHUNK, N - done));
    const outcomes: string[] = new Array(batch.length);
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < batch.length; i++) {
      const r = ours(batch[i] as object);
      fired += r.fired.length;
      undetermined += r.undetermined.length;
      outcomes[i] = r.fired.map((f) => `${f.code}:${f.level}`).join(',');
    }
    oursTime += seconds(t0);
    const rawCount = Math.max(0, Math.min(batch.length, RAW - done));
    t0 = process.hrtime.bigint();
    const rawOutcomes: string[] = [];
    for (let i = 0; i < rawCount; i++)
      rawOutcomes.push(alertOutcome(CASE_ALERTS, await rawRun(engine, batch[i] as object)));
    rawTime += seconds(t0);
    rawOutcomes.forEach((o, i) => {
      compared++;
      if (o !== outcomes[i]) mismatches++;
    });
  }
  return {
    name: 'alerts (10 case alert rules)',
    n: N,
    raw: RAW,
    oursTime,
    rawTime,
    compared,
    mismatches,
    extra: { fired, undetermined },
  };
}

// ---- 2. discretion ---------------------------------------------------------------------------
const HARM = ['无', '轻微', '一般', '严重'];
function factSets(seed: number, count: number): DiscretionInput[] {
  const r = rng(seed);
  const day0 = Date.UTC(2021, 0, 1);
  return Array.from({ length: count }, () => ({
    violationDate: new Date(day0 + Math.floor(r() * 2000) * 86_400_000).toISOString().slice(0, 10),
    proposedFine: Math.round(r() * 200) * 1000,
    facts: {
      firstViolation: r() < 0.3,
      harmConsequence: HARM[Math.floor(r() * 4)],
      correctedPromptly: r() < 0.5,
      goodsValue: Math.round(r() * 30000),
      partyPriorPenalties12m: Math.floor(r() * 3 * r()),
      obstructedEnforcement: r() < 0.05,
      mitigatedHarm: r() < 0.2,
      coerced: r() < 0.02,
    },
  }));
}

function discretionRawRules(circumstances: boolean): ReferenceRule[] {
  return FOOD_BENCHMARK.versions.flatMap((v) => {
    const label = v.version ?? v.effectiveFrom;
    const inForce: Condition[] = [{ fact: 'violationDate', operator: 'dateOnOrAfter', value: v.effectiveFrom }];
    if (v.effectiveTo) inForce.push({ fact: 'violationDate', operator: 'dateOnOrBefore', value: v.effectiveTo });
    const rule = (name: string, when: Condition): ReferenceRule => ({
      name: `${label}/${name}`,
      when: allOf([...inForce, when]),
    });
    return [
      rule('in-force', inForce[0] as Condition),
      ...(v.noPenalty ?? []).map((n) => rule(`noPenalty/${n.code}`, n.when)),
      ...v.tiers.flatMap((t) => (t.when ? [rule(`tier/${t.code}`, t.when)] : [])),
      ...(circumstances ? (v.circumstances ?? []) : []).map((c) => rule(`circumstance/${c.code}`, c.when)),
    ];
  });
}

function discretionOutcome(held: Map<string, boolean>): string {
  const v = FOOD_BENCHMARK.versions.find((x) => held.get(`${x.version}/in-force`));
  if (!v) return 'no-version';
  const np = (v.noPenalty ?? []).find((n) => held.get(`${v.version}/noPenalty/${n.code}`));
  if (np) return `${v.version}:no-penalty:${np.code}`;
  const tier = v.tiers.find((t) => !t.when || held.get(`${v.version}/tier/${t.code}`));
  return `${v.version}:tier:${tier?.code}`;
}

async function benchDiscretion(mode: 'decide' | 'choose') {
  const compiled = unwrap(compileDiscretion(FOOD_BENCHMARK, env));
  // The full decision also judges the circumstances; the fast choice does not, so neither does its baseline.
  const engine = rawEngine(discretionRawRules(mode === 'decide'));
  const ours = (input: DiscretionInput): string => {
    if (mode === 'choose') {
      const c = compiled.choose(input);
      return c.outcome === 'no-version' ? 'no-version' : `${c.version}:${c.outcome}:${c.code}`;
    }
    const d = unwrap(compiled.decide(input));
    return `${d.version.label}:${d.outcome}:${d.outcome === 'tier' ? d.tier?.code : d.noPenalty?.code}`;
  };
  for (const f of factSets(99, 20_000)) ours(f);
  for (const f of factSets(98, 2_000)) await rawRun(engine, { ...f.facts, violationDate: f.violationDate });
  let oursTime = 0;
  let rawTime = 0;
  let compared = 0;
  let mismatches = 0;
  for (let done = 0, seed = 1; done < N; done += CHUNK, seed++) {
    const batch = factSets(seed, Math.min(CHUNK, N - done));
    const outcomes: string[] = new Array(batch.length);
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < batch.length; i++) outcomes[i] = ours(batch[i] as DiscretionInput);
    oursTime += seconds(t0);
    const rawCount = Math.max(0, Math.min(batch.length, RAW - done));
    const rawFacts = batch.slice(0, rawCount).map((f) => ({ ...f.facts, violationDate: f.violationDate }));
    t0 = process.hrtime.bigint();
    const rawOutcomes: string[] = [];
    for (const f of rawFacts) rawOutcomes.push(discretionOutcome(await rawRun(engine, f)));
    rawTime += seconds(t0);
    rawOutcomes.forEach((o, i) => {
      compared++;
      if (o !== outcomes[i]) mismatches++;
    });
  }
  const name = mode === 'decide' ? 'discretion, full decision with trace' : 'discretion, fast choice (no trace)';
  return { name, n: N, raw: RAW, oursTime, rawTime, compared, mismatches, extra: {} };
}

// ---- report ----------------------------------------------------------------------------------
const rate = (n: number, s: number) => Math.round(n / s);
const fmt = (n: number) => n.toLocaleString('en-US');
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${new Date().toISOString()}`);
console.log(`compiled: ${fmt(N)} inputs; json-rules-engine: first ${fmt(RAW)} of them\n`);
console.log('| workload | compiled (runs/s) | json-rules-engine (runs/s) | ratio | outcomes compared | mismatches |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const run of [benchAlerts, () => benchDiscretion('decide'), () => benchDiscretion('choose')]) {
  const r = await run();
  const ours = rate(r.n, r.oursTime);
  const raw = rate(r.raw, r.rawTime);
  console.log(
    `| ${r.name} | ${fmt(ours)} | ${fmt(raw)} | ${(ours / raw).toFixed(1)}× | ${fmt(r.compared)} | ${r.mismatches} |`,
  );
  if (Object.keys(r.extra).length)
    console.error(
      `  ${r.name}: ${JSON.stringify(r.extra)} (compiled ${r.oursTime.toFixed(2)} s, raw ${r.rawTime.toFixed(2)} s)`,
    );
  else console.error(`  ${r.name}: compiled ${r.oursTime.toFixed(2)} s, raw ${r.rawTime.toFixed(2)} s`);
  if (r.mismatches) process.exitCode = 1;
}
