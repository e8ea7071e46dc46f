/**
 * 裁量基准: which version was in force on the date of the violation (legal time, 行政处罚法第三十七条),
 * whether a no-penalty rule applies, else the first tier whose condition holds (a tier without
 * one is the default), its penalties and fine range as numbers (none for 警告 alone), the fines of
 * the responsible persons (双罚, `discretion-persons.ts`), continuing daily fines (按日连续处罚,
 * `discretion-continuing.ts`), the circumstances that apply, whether a proposed fine lies outside
 * the tier, and the trace of every rule tried.
 */
import type { DiscretionBenchmark, DiscretionVersion } from '@yifa/metamodel';
import type { CompiledCondition } from './compiler.ts';
import { dayOf } from './dates.ts';
import { type CompiledContinuing, compileContinuing } from './discretion-continuing.ts';
import type {
  AmountRange,
  DiscretionChoice,
  DiscretionDecision,
  DiscretionInput,
  DiscretionStep,
} from './discretion-decision.ts';
import {
  type CompiledPersons,
  type CompiledRange,
  compilePersons,
  compileTierPersons,
  decidePersons,
} from './discretion-persons.ts';
import { compileCondition } from './engine.ts';
import { cached, type RuleEnv } from './env.ts';
import { type CompiledExpression, compileExpression, NO_EXPRESSION } from './expression.ts';
import type { FactContext } from './facts.ts';
import { fail, type Issue, issue, type Message, ok, type Result } from './issues.ts';
import type { RuleRef } from './trace.ts';

export type {
  AmountRange,
  DiscretionChoice,
  DiscretionDecision,
  DiscretionInput,
  DiscretionStep,
} from './discretion-decision.ts';

/** A benchmark compiled once. */
export interface CompiledDiscretion {
  readonly benchmark: DiscretionBenchmark;
  decide(input: DiscretionInput): Result<DiscretionDecision>;
  choose(input: DiscretionInput): DiscretionChoice;
}

interface Rule<T> {
  item: T;
  when?: CompiledCondition;
}
interface Compiled {
  v: DiscretionVersion;
  label: string;
  from: number;
  to: number;
  legal: CompiledRange;
  persons: CompiledPersons;
  continuing?: CompiledContinuing;
  noPenalty: Rule<NonNullable<DiscretionVersion['noPenalty']>[number]>[];
  tiers: (Rule<DiscretionVersion['tiers'][number]> & {
    /** The names of the tier's penalties, from the pack's codelist penalty-kinds (the code where it has none). */
    penaltyNames: Message[];
    fine?: CompiledRange;
    persons: { person: string; fine: CompiledRange }[];
  })[];
  circumstances: Rule<NonNullable<DiscretionVersion['circumstances']>[number]>[];
}

/** Compiles a benchmark; every condition and amount of every version, once. */
export function compileDiscretion(benchmark: DiscretionBenchmark, env: RuleEnv): Result<CompiledDiscretion> {
  const issues: Issue[] = [];
  const cond = (when: unknown, ref: RuleRef, path: string): CompiledCondition | undefined => {
    if (when === undefined) return undefined;
    const c = compileCondition(when as never, env, ref, path);
    if (!c.ok) issues.push(...c.issues);
    return c.ok ? c.value : undefined;
  };
  const amount = (e: unknown, ref: RuleRef, path: string): CompiledExpression => {
    const c = compileExpression(e as never, env, ref, path);
    if (!c.ok) issues.push(...c.issues);
    return c.ok ? c.value : NO_EXPRESSION;
  };
  // What a tier's penalty codes read as: the pack's penalty-kinds entries (proposedPenalties' codelist).
  const penaltyNames = env.valueNames('proposedPenalties');
  const penaltyName = (code: string): Message => penaltyNames?.get(code) ?? { zh: code, en: code };
  const versions: Compiled[] = benchmark.versions.map((v, i) => {
    const label = v.version ?? v.effectiveFrom;
    const base = `/versions/${i}`;
    const ref = (part: string): RuleRef => ({ kind: 'discretion', code: benchmark.code, version: label, part });
    const range = (
      r: { min: unknown; max: unknown },
      part: string,
      path: string,
    ): [CompiledExpression, CompiledExpression] => [
      amount(r.min, ref(part), `${path}/min`),
      amount(r.max, ref(part), `${path}/max`),
    ];
    let continuing: CompiledContinuing | undefined;
    if (v.continuing) {
      const c = compileContinuing(v.continuing, env, ref('continuing'), `${base}/continuing`);
      if (c.ok) continuing = c.value;
      else issues.push(...c.issues);
    }
    return {
      v,
      label,
      from: dayOf(v.effectiveFrom) ?? Number.POSITIVE_INFINITY,
      to: dayOf(v.effectiveTo) ?? Number.POSITIVE_INFINITY,
      legal: range(v.legalRange, 'legalRange', `${base}/legalRange`),
      persons: compilePersons(v, range, base),
      ...(continuing ? { continuing } : {}),
      noPenalty: (v.noPenalty ?? []).map((n, j) => ({
        item: n,
        when: cond(n.when, ref(`noPenalty/${n.code}`), `${base}/noPenalty/${j}/when`),
      })),
      tiers: v.tiers.map((t, j) => ({
        item: t,
        penaltyNames: (t.penalties ?? ['fine']).map(penaltyName),
        when: cond(t.when, ref(`tiers/${t.code}`), `${base}/tiers/${j}/when`),
        ...(t.fine ? { fine: range(t.fine, `tiers/${t.code}`, `${base}/tiers/${j}/fine`) } : {}),
        persons: compileTierPersons(t, range, `${base}/tiers/${j}`),
      })),
      circumstances: (v.circumstances ?? []).map((c, j) => ({
        item: c,
        when: cond(c.when, ref(`circumstances/${c.code}`), `${base}/circumstances/${j}/when`),
      })),
    };
  });
  if (issues.length) return fail(issues);
  const pick = (date: string): Compiled | undefined => {
    const d = dayOf(date);
    if (d === undefined) return undefined;
    let best: Compiled | undefined;
    for (const c of versions) if (c.from <= d && d <= c.to && (!best || c.from > best.from)) best = c;
    return best;
  };
  return ok({
    benchmark,
    choose: (input) => choose(pick(input.violationDate), input),
    decide: (input) => {
      const c = pick(input.violationDate);
      if (!c) {
        const code = dayOf(input.violationDate) === undefined ? 'date.invalid' : 'discretion.no-version';
        return fail([
          issue(code, '/versions', {
            benchmark: benchmark.code,
            date: input.violationDate,
            value: input.violationDate,
          }),
        ]);
      }
      return ok(decide(benchmark, versions, c, input));
    },
  });
}

/** Decides once, compiling the benchmark on first use within the environment. */
export function decideDiscretion(
  benchmark: DiscretionBenchmark,
  input: DiscretionInput,
  env: RuleEnv,
): Result<DiscretionDecision> {
  const compiled = cached(env, benchmark, () => compileDiscretion(benchmark, env));
  return compiled.ok ? compiled.value.decide(input) : compiled;
}

function choose(c: Compiled | undefined, ctx: FactContext): DiscretionChoice {
  if (!c) return { version: null, outcome: 'no-version', code: null };
  const undetermined = { version: c.label, outcome: 'undetermined', code: null } as const;
  let unknown = false;
  for (const n of c.noPenalty) {
    const t = n.when?.test(ctx) ?? 1;
    if (t === 1) return { version: c.label, outcome: 'no-penalty', code: n.item.code };
    if (t === 2) unknown = true;
  }
  if (unknown) return undetermined;
  for (const tier of c.tiers) {
    const t = tier.when ? tier.when.test(ctx) : 1;
    if (t === 2) return undetermined;
    if (t === 1) return { version: c.label, outcome: 'tier', code: tier.item.code };
  }
  return undetermined;
}

function decide(b: DiscretionBenchmark, all: Compiled[], c: Compiled, input: DiscretionInput): DiscretionDecision {
  const issues: Issue[] = [];
  const steps: DiscretionStep[] = [];
  const range = ([lo, hi]: CompiledRange): AmountRange => {
    const [a, z] = [lo.evaluateNumber(input, 'amount'), hi.evaluateNumber(input, 'amount')];
    issues.push(...a.issues, ...z.issues);
    return { min: a.value, max: z.value };
  };
  const tryRule = (
    part: DiscretionStep['part'],
    code: string,
    named: { name: string; nameEn?: string | undefined },
    when?: CompiledCondition,
    kind?: DiscretionStep['kind'],
  ): boolean | null => {
    const evaluation = when ? when.evaluate(input) : null;
    const held = evaluation ? evaluation.held : true;
    if (evaluation) issues.push(...evaluation.issues);
    const name = { name: named.name, ...(named.nameEn ? { nameEn: named.nameEn } : {}) };
    steps.push(kind ? { part, code, ...name, kind, evaluation, held } : { part, code, ...name, evaluation, held });
    return held;
  };
  const d: DiscretionDecision = {
    benchmark: b.code,
    benchmarkName: b.name,
    ...(b.nameEn ? { benchmarkNameEn: b.nameEn } : {}),
    version: {
      label: c.label,
      effectiveFrom: c.v.effectiveFrom,
      ...(c.v.effectiveTo ? { effectiveTo: c.v.effectiveTo } : {}),
    },
    laterVersions: all.filter((v) => v.from > (dayOf(input.violationDate) ?? 0)).map((v) => v.label),
    violationDate: input.violationDate,
    outcome: 'undetermined',
    legalRange: range(c.legal),
    circumstances: [],
    steps,
    issues,
  };
  let settled = false;
  for (const n of c.noPenalty) {
    const held = tryRule('noPenalty', n.item.code, n.item, n.when);
    if (held === null) settled = true;
    if (held !== true) continue;
    d.outcome = 'no-penalty';
    d.noPenalty = {
      code: n.item.code,
      name: n.item.name,
      ...(n.item.nameEn ? { nameEn: n.item.nameEn } : {}),
      reason: n.item.reason,
      mandatory: n.item.mandatory ?? false,
    };
    settled = true;
    break;
  }
  for (const tier of settled ? [] : c.tiers) {
    const held = tryRule('tier', tier.item.code, tier.item, tier.when);
    if (held === false) continue;
    if (held === true) {
      const t = tier.item;
      d.outcome = 'tier';
      d.tier = {
        code: t.code,
        name: t.name,
        ...(t.nameEn ? { nameEn: t.nameEn } : {}),
        penalties: t.penalties ?? ['fine'],
        penaltyNames: tier.penaltyNames,
        fine: tier.fine ? range(tier.fine) : null,
        persons: decidePersons(c.persons, tier.persons, input, issues),
        measures: t.measures ?? [],
        isDefault: !t.when,
      };
    }
    break;
  }
  // Continuing fines repeat an original fine (环境保护法第五十九条: 受到罚款处罚): only after a tier with one.
  if (c.continuing && d.tier?.fine) {
    const r = c.continuing.decide(input, d.legalRange);
    issues.push(...r.issues);
    d.continuing = r.fine;
    const ev = r.fine.evaluation;
    if (ev) steps.push({ part: 'continuing', code: 'continuing', name: '按日连续处罚', evaluation: ev, held: ev.held });
  }
  for (const ci of c.circumstances) {
    if (tryRule('circumstance', ci.item.code, ci.item, ci.when, ci.item.kind) === true) {
      const { code, name, nameEn, kind } = ci.item;
      d.circumstances.push({ code, name, ...(nameEn ? { nameEn } : {}), kind });
    }
  }
  const fine = input.proposedFine;
  if (fine !== undefined) {
    d.proposedFine = fine;
    const outside = (r: AmountRange) => (r.min !== null && fine < r.min) || (r.max !== null && fine > r.max);
    // A tier without a fine (警告 alone) has no room for any fine.
    if (d.tier) d.proposedFineOutsideTier = d.tier.fine ? outside(d.tier.fine) : fine > 0;
    if (d.outcome === 'no-penalty') d.proposedFineOutsideTier = fine > 0;
    d.proposedFineOutsideLegalRange = outside(d.legalRange);
  }
  return d;
}
