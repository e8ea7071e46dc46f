/**
 * Imported as `@yifa/rules/reference`, not from the main entry, so browser bundles of the
 * field rules do not carry json-rules-engine.
 *
 * json-rules-engine as the reference. One Engine per rule set: the operators json-rules-engine
 * lacks are registered with `engine.addOperator`, pack parameters are substituted, named
 * conditions are set with `engine.setCondition`, dotted facts become `path`s and parameterised
 * platform facts become dynamic facts. Tests and benchmarks check that the compiled evaluator
 * gives the same answer wherever it gives a definite one.
 */
import { type Condition, platformFact } from '@yifa/metamodel';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { compileCondition } from './engine.ts';
import type { RuleEnv } from './env.ts';
import { type FactContext, type FactParams, factGetter, Unresolved } from './facts.ts';
import { fail, type Issue, ok, type Result } from './issues.ts';

/** A rule for the reference engine. */
export interface ReferenceRule {
  name: string;
  when: Condition;
}

/** Options of the reference engine. */
export interface ReferenceOptions {
  /**
   * How parameterised facts (daysSince { from }) are read: `dynamic` (default) registers dynamic
   * facts that compute them as the platform does; `path` reads them from given maps with a
   * JSONPath on the first param, as a plain json-rules-engine user would.
   */
  paramFacts?: 'dynamic' | 'path';
}

/** A json-rules-engine Engine holding a rule set. */
export interface ReferenceEngine {
  readonly engine: Engine;
  /** Runs the engine once; the result of each rule by name. */
  run(ctx: FactContext): Promise<Map<string, boolean>>;
}

/** Operators json-rules-engine has built in. */
export const JRE_BUILT_IN = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

const day = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 10) : undefined);
const present = (a: unknown) => a !== undefined && a !== null && a !== '' && !(Array.isArray(a) && a.length === 0);

/** The operators this adapter adds, written plainly and apart from the compiled ones. */
export const JRE_CUSTOM: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  containsAny: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)),
  between: (a, b) => typeof a === 'number' && Array.isArray(b) && a >= b[0] && a <= b[1],
  startsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  exists: (a, b) => present(a) === b,
  dateBefore: (a, b) => (day(a) ?? '\uffff') < (day(b) ?? ''),
  dateOnOrBefore: (a, b) => (day(a) ?? '\uffff') <= (day(b) ?? ''),
  dateAfter: (a, b) => (day(a) ?? '') > (day(b) ?? '\uffff'),
  dateOnOrAfter: (a, b) => (day(a) ?? '') >= (day(b) ?? '\uffff'),
};

const CTX = '$context';
const COMPUTED = new Set(['daysSince', 'deadlineDaysLeft']);

/**
 * A reference engine for a rule set. The conditions are first compiled, so that a cycle or a
 * limit is reported here rather than hanging json-rules-engine.
 * @example const ref = createReferenceEngine([{ name: 'tier', when }], env); await ref.value.run({ facts })
 */
export function createReferenceEngine(
  rules: readonly ReferenceRule[],
  env: RuleEnv,
  options: ReferenceOptions = {},
): Result<ReferenceEngine> {
  const issues: Issue[] = [];
  for (const r of rules) {
    const c = compileCondition(r.when, env, { kind: 'reference', code: r.name });
    if (!c.ok) issues.push(...c.issues);
  }
  if (issues.length) return fail(issues);
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, cb] of Object.entries(JRE_CUSTOM)) engine.addOperator(name, cb);
  const dynamic = new Set<string>();
  const byPath = options.paramFacts === 'path';
  const translate = (cond: unknown) => toJre(cond as Record<string, unknown>, env, byPath ? undefined : dynamic);
  for (const [code, named] of env.conditions) engine.setCondition(code, top(translate(named.when)));
  for (const r of rules) {
    engine.addRule({ name: r.name, conditions: top(translate(r.when)), event: { type: r.name } } as RuleProperties);
  }
  for (const name of dynamic) {
    engine.addFact(name, async (params: Record<string, unknown>, almanac) => {
      const ctx = await almanac.factValue<FactContext>(CTX);
      const v = factGetter(name, params as FactParams, env.calendar)(ctx);
      return v instanceof Unresolved ? undefined : v;
    });
  }
  return ok({
    engine,
    async run(ctx) {
      const facts: Record<string, unknown> = { ...nest(ctx.facts), [CTX]: ctx };
      if (ctx.today !== undefined && facts.today === undefined) facts.today = ctx.today;
      for (const name of dynamic) delete facts[name];
      const out = await engine.run(facts);
      const results = new Map<string, boolean>();
      for (const r of [...out.results, ...out.failureResults]) results.set(r.name, r.result === true);
      return results;
    },
  });
}

function top(c: Record<string, unknown>): TopLevelCondition {
  return ('all' in c || 'any' in c || 'not' in c || 'condition' in c ? c : { all: [c] }) as TopLevelCondition;
}

function toJre(c: Record<string, unknown>, env: RuleEnv, dynamic: Set<string> | undefined): Record<string, unknown> {
  const kids = (k: 'all' | 'any') => (c[k] as unknown[]).map((x) => toJre(x as Record<string, unknown>, env, dynamic));
  if (Array.isArray(c.all)) return { all: kids('all') };
  if (Array.isArray(c.any)) return { any: kids('any') };
  if (c.not !== undefined) return { not: toJre(c.not as Record<string, unknown>, env, dynamic) };
  if (c.condition !== undefined) return { condition: c.condition };
  const out: Record<string, unknown> = { operator: c.operator, value: jreValue(c.value, env) };
  const name = String(c.fact);
  const [head = name, ...rest] = name.split('.');
  const params = c.params as Record<string, unknown> | undefined;
  if (dynamic && (params !== undefined || (COMPUTED.has(head) && rest.length === 1))) {
    // Parameterised facts resolve through a dynamic fact, as json-rules-engine intends params to.
    dynamic.add(name);
    out.fact = name;
    if (params !== undefined) out.params = params;
  } else if (params !== undefined) {
    out.fact = name;
    const first = Object.keys(platformFact(name)?.params ?? {}).find((k) => params[k] !== undefined);
    out.path = `$[${JSON.stringify(String(first ? params[first] : Object.values(params)[0]))}]`;
  } else {
    out.fact = head;
    if (rest.length) out.path = `$.${rest.join('.')}`;
  }
  return out;
}

function jreValue(v: unknown, env: RuleEnv): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (o.param !== undefined) return env.params.get(String(o.param))?.value;
  if (typeof o.fact === 'string') {
    const [head, ...rest] = o.fact.split('.');
    return rest.length ? { fact: head, path: `$.${rest.join('.')}` } : { fact: head };
  }
  return v;
}

/** Flat dotted keys (`party.kind`) nested into objects, as json-rules-engine paths expect. */
function nest(facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dotted: [string, unknown][] = [];
  for (const [k, v] of Object.entries(facts)) {
    if (k.includes('.')) dotted.push([k, v]);
    else out[k] = v;
  }
  for (const [k, v] of dotted) {
    const segs = k.split('.');
    let cur = out;
    for (const s of segs.slice(0, -1)) {
      const next = cur[s];
      cur[s] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
      cur = cur[s] as Record<string, unknown>;
    }
    cur[segs[segs.length - 1] as string] = v;
  }
  return out;
}
