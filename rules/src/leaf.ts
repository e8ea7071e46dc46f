/**
 * A fact-operator-value test. The value is checked once at compile time (a literal, or a pack
 * parameter substituted here); the fact, and a value read from another fact, on each evaluation.
 * A missing fact or one of the wrong type is unknown, with an issue in the trace; never a crash,
 * never silently true.
 */
import type { Operator } from '@yifa/metamodel';
import { type Compiler, malformed, type Node, unknownNode } from './compiler.ts';
import { type FactContext, type FactGetter, type FactParams, factGetter, Unresolved } from './facts.ts';
import { typeName } from './format.ts';
import { type Issue, issue, type Message } from './issues.ts';
import { operatorImpl } from './operators/index.ts';
import type { FactTrace } from './trace.ts';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** What a test compares with: fixed at compile time, or read from another fact. */
type Expected = { fixed: true; value: unknown; prepared: unknown } | { fixed: false; get: FactGetter; fact: string };

/** Compiles a `{ fact, operator, value, params?, label?, labelEn? }` node. */
export function compileLeaf(c: Compiler, o: Record<string, unknown>, path: string, via?: string): Node {
  const { env, rule } = c;
  const fact = o.fact;
  if (typeof fact !== 'string' || !FIELD_NAME.test(fact)) return malformed(c, path, `bad fact name ${String(fact)}`);
  const op = operatorImpl(o.operator);
  if (!op) {
    c.issues.push(issue('operator.unknown', `${path}/operator`, { operator: o.operator }));
    return malformed(c, path, `unknown operator ${String(o.operator)}`);
  }
  const params = factParams(o.params);
  if (params === null) return malformed(c, `${path}/params`, 'params must map names to strings, numbers or booleans');
  const base = { type: 'fact', path, rule, fact, label: env.labels(fact), operator: op.name as Operator } as const;
  const trace: Omit<FactTrace, 'expected' | 'seen' | 'held'> = {
    ...base,
    ...(via ? { via } : {}),
    ...(typeof o.label === 'string' ? { conditionLabel: o.label } : {}),
    ...(typeof o.labelEn === 'string' ? { conditionLabelEn: o.labelEn } : {}),
    ...(params ? { params } : {}),
  };
  const expected = expectedOf(c, o.value, `${path}/value`, op.name, trace);
  if (!expected) return unknownNode(path);
  const readFact = factGetter(fact, params, env.calendar);
  // exists is never unknown: a fact the platform cannot compute is simply absent.
  const get: FactGetter = op.judgesMissing
    ? (ctx) => {
        const v = readFact(ctx);
        return v instanceof Unresolved ? undefined : v;
      }
    : readFact;
  // The names officers read for the values compared (codelist entries, documents, states): the record keeps the codes.
  const names = env.valueNames(fact);
  const refNames = expected.fixed ? names : env.valueNames(expected.fact);
  const valueNames = (want: unknown, seen: unknown): Record<string, Message> | undefined => {
    if (!names && !refNames) return undefined;
    const out: Record<string, Message> = {};
    nameValues(out, seen, names);
    nameValues(out, want, refNames);
    return Object.keys(out).length ? out : undefined;
  };
  const maxArray = env.limits.maxFactArray;
  const labelZh = trace.label.zh;
  const labelEn = trace.label.en;
  // Every record has the same shape (absent parts undefined, which JSON drops): one hidden class, fast to build.
  const { conditionLabel, conditionLabelEn, params: p, expectedParam, expectedFact, label, operator } = trace;
  const record = (expected: unknown, seen: unknown, held: boolean | null, why: Issue | undefined): FactTrace => ({
    type: 'fact',
    path,
    rule,
    via,
    fact,
    label,
    conditionLabel,
    conditionLabelEn,
    params: p,
    operator,
    expected,
    expectedParam,
    expectedFact,
    seen,
    held,
    issue: why,
    valueNames: valueNames(expected, seen),
  });

  /** The fact's problem as an issue, or undefined when the fact can be tested. */
  const problem = (v: unknown, value: unknown): Issue | undefined => {
    if (v instanceof Unresolved) return issue(v.code, path, { ...v.params, fact, label: labelZh, labelEn });
    if (v === undefined || v === null) {
      return op.judgesMissing ? undefined : issue('fact.missing', path, { fact, label: labelZh, labelEn });
    }
    const want = op.checkFact(v, value);
    if (want !== undefined)
      return issue('fact.wrong-type', path, { fact, label: labelZh, labelEn, expected: want, actual: typeName(v) });
    if (Array.isArray(v) && v.length > maxArray)
      return issue('fact.too-large', path, { fact, size: v.length, max: maxArray });
    return undefined;
  };
  const usable = (v: unknown, value: unknown): boolean => {
    if (v === undefined || v === null) return op.judgesMissing === true;
    if (v instanceof Unresolved || op.checkFact(v, value) !== undefined) return false;
    return !(Array.isArray(v) && v.length > maxArray);
  };

  if (expected.fixed) {
    const { value, prepared } = expected;
    return {
      t: (ctx) => {
        const v = get(ctx);
        return usable(v, value) ? (op.test(v, prepared) ? 1 : 0) : 2;
      },
      e: (ctx, issues) => {
        const v = get(ctx);
        const seen = v instanceof Unresolved ? undefined : v;
        const why = problem(v, value);
        if (why) issues.push(why);
        const held = why ? null : op.test(v, prepared);
        return record(value, seen, held, why);
      },
    };
  }
  const ref = expected;
  const read = (ctx: FactContext): { value: unknown; why?: Issue } => {
    const r = ref.get(ctx);
    if (r === undefined || r === null || r instanceof Unresolved) {
      const label = env.labels(ref.fact);
      return {
        value: undefined,
        why: issue('fact.missing', path, { fact: ref.fact, label: label.zh, labelEn: label.en }),
      };
    }
    const want = op.checkValue(r);
    if (want !== undefined) {
      return {
        value: r,
        why: issue('value.wrong-type', path, { operator: op.name, expected: want, actual: typeName(r) }),
      };
    }
    return { value: r };
  };
  return {
    t: (ctx) => {
      const r = read(ctx);
      if (r.why) return 2;
      const v = get(ctx);
      return usable(v, r.value) ? (op.test(v, op.prepare ? op.prepare(r.value) : r.value) ? 1 : 0) : 2;
    },
    e: (ctx, issues) => {
      const r = read(ctx);
      const v = get(ctx);
      const seen = v instanceof Unresolved ? undefined : v;
      const why = r.why ?? problem(v, r.value);
      if (why) issues.push(why);
      const held = why ? null : op.test(v, op.prepare ? op.prepare(r.value) : r.value);
      return record(r.value, seen, held, why);
    },
  };
}

function expectedOf(
  c: Compiler,
  raw: unknown,
  path: string,
  operator: Operator,
  trace: Partial<FactTrace>,
): Expected | undefined {
  const op = operatorImpl(operator) as NonNullable<ReturnType<typeof operatorImpl>>;
  let value = raw;
  if (isRef(raw, 'fact')) {
    const fact = raw.fact;
    if (typeof fact !== 'string' || !FIELD_NAME.test(fact)) {
      c.issues.push(issue('condition.malformed', path, { reason: `bad fact name ${String(fact)}` }));
      return undefined;
    }
    trace.expectedFact = { fact, label: c.env.labels(fact) };
    return { fixed: false, get: factGetter(fact, undefined, c.env.calendar), fact };
  }
  if (isRef(raw, 'param')) {
    const code = String(raw.param);
    const param = c.env.params.get(code);
    if (!param) {
      c.issues.push(issue('param.missing', path, { param: code }));
      return undefined;
    }
    value = param.value;
    const name = { zh: param.name, en: param.nameEn ?? param.name };
    const origin = c.env.paramOrigins.get(code);
    trace.expectedParam = { code, name, ...(param.unit ? { unit: param.unit } : {}), ...(origin ? { origin } : {}) };
  }
  const max = c.env.limits.maxListItems;
  if (Array.isArray(value) && value.length > max) {
    c.issues.push(issue('condition.list-too-long', path, { size: value.length, max }));
    return undefined;
  }
  const want = op.checkValue(value);
  if (want !== undefined) {
    c.issues.push(issue('value.wrong-type', path, { operator, expected: want, actual: typeName(value) }));
    return undefined;
  }
  return { fixed: true, value, prepared: op.prepare ? op.prepare(value) : value };
}

/** Adds to `out` the name of each code of `value` (a code or a list of codes) that `names` has. */
function nameValues(
  out: Record<string, Message>,
  value: unknown,
  names: ReadonlyMap<string, Message> | undefined,
): void {
  if (!names) return;
  for (const v of Array.isArray(value) ? value : [value]) {
    const name = typeof v === 'string' ? names.get(v) : undefined;
    if (name) out[v as string] = name;
  }
}

function isRef<K extends string>(v: unknown, key: K): v is Record<K, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, key);
}

/** The params of a fact test: undefined when absent, null when malformed. */
function factParams(raw: unknown): FactParams | undefined | null {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const entries = Object.entries(raw);
  const okValues = entries.every(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  return okValues ? (Object.fromEntries(entries) as FactParams) : null;
}
