/**
 * What a pack's golden cases leave untested: the matters, discretion benchmarks, tiers (per
 * benchmark version), workflow guards (transitions with `when` or `unless`) and alert rules no
 * case exercises. A pack is tested like code; this is its coverage report, so an implementer
 * sees which rules would change unnoticed.
 */
import type { PackTestSuite } from '@yifa/metamodel';
import { contextOf } from './case-context.ts';
import { decideDiscretion } from './discretion.ts';
import type { RuleEnv } from './env.ts';
import type { RulePack } from './pack.ts';

/** How many items of a sort the cases exercise, and which they do not. */
export interface CoverageOf<T> {
  total: number;
  covered: number;
  uncovered: T[];
}

/** A tier of one version of a benchmark. */
export interface TierRef {
  benchmark: string;
  version: string;
  tier: string;
}

/** A transition with a guard. */
export interface GuardRef {
  workflow: string;
  action: string;
  from: string[];
  to: string;
}

/** The coverage of a pack's golden cases. */
export interface PackCoverage {
  /** A matter is exercised by a case whose facts name it (`matter`) or that tests its benchmark. */
  matters: CoverageOf<string>;
  benchmarks: CoverageOf<string>;
  /** A tier is exercised when a discretion case's decision chooses it. */
  tiers: CoverageOf<TierRef>;
  /** A guard is exercised when a guard case compares its action in a state it leaves. */
  guards: CoverageOf<GuardRef>;
  alerts: CoverageOf<string>;
}

/**
 * The coverage of the pack's golden cases.
 * @example const { guards } = packCoverage(pack, env); guards.uncovered // [{ workflow, action, from, to }]
 */
export function packCoverage(pack: RulePack, env: RuleEnv): PackCoverage {
  const { items } = pack;
  const hit = new Set<string>();
  for (const suite of items.test?.values() ?? []) for (const c of suite.cases) exercised(pack, env, c, hit);
  const tiers: TierRef[] = [...(items.discretion?.values() ?? [])].flatMap((b) =>
    b.versions.flatMap((v) =>
      v.tiers.map((t) => ({ benchmark: b.code, version: v.version ?? v.effectiveFrom, tier: t.code })),
    ),
  );
  // A transition is known by its position: an action name repeats across states.
  const guards = [...(items.workflow?.values() ?? [])].flatMap((w) =>
    w.transitions.flatMap((t, i) =>
      t.when || t.unless
        ? [{ key: `${w.code}#${i}`, workflow: w.code, action: t.action, from: [t.from].flat(), to: t.to }]
        : [],
    ),
  );
  const guardCoverage = of(guards, (g) => hit.has(`guard:${g.key}`));
  return {
    matters: of([...(items.matter?.keys() ?? [])], (m) => hit.has(`matter:${m}`)),
    benchmarks: of([...(items.discretion?.keys() ?? [])], (b) => hit.has(`benchmark:${b}`)),
    tiers: of(tiers, (t) => hit.has(`tier:${t.benchmark}@${t.version}/${t.tier}`)),
    guards: { ...guardCoverage, uncovered: guardCoverage.uncovered.map(({ key: _, ...ref }) => ref) },
    alerts: of([...(items.alert?.keys() ?? [])], (a) => hit.has(`alert:${a}`)),
  };
}

/** Marks what one case exercises. */
function exercised(pack: RulePack, env: RuleEnv, c: PackTestSuite['cases'][number], hit: Set<string>): void {
  if ('facts' in c && typeof c.facts.matter === 'string') hit.add(`matter:${c.facts.matter}`);
  if ('discretion' in c) {
    hit.add(`benchmark:${c.discretion}`);
    for (const m of pack.items.matter?.values() ?? []) if (m.discretion === c.discretion) hit.add(`matter:${m.code}`);
    const b = pack.items.discretion?.get(c.discretion);
    const d = b && decideDiscretion(b, { ...contextOf(c.facts), violationDate: c.violationDate }, env);
    if (d?.ok && d.value.tier) hit.add(`tier:${c.discretion}@${d.value.version.label}/${d.value.tier.code}`);
  } else if ('workflow' in c) {
    const actions = [
      ...(c.expect.allowed ?? []),
      ...(c.expect.refused ?? []).map((r) => (typeof r === 'string' ? r : r.action)),
    ];
    pack.items.workflow?.get(c.workflow)?.transitions.forEach((t, i) => {
      if (actions.includes(t.action) && [t.from].flat().includes(c.state)) hit.add(`guard:${c.workflow}#${i}`);
    });
  } else if ('alert' in c) hit.add(`alert:${c.alert}`);
}

/** The coverage of a list, by a test of whether an element is exercised. */
function of<T>(all: T[], covered: (x: T) => boolean): CoverageOf<T> {
  const uncovered = all.filter((x) => !covered(x));
  return { total: all.length, covered: all.length - uncovered.length, uncovered };
}
