/**
 * Expressions as data: `{ mul: [10, { fact: goodsValue }] }`, `{ if: { when, then, else } }`.
 * Compiled once into closures like conditions (same limits); a missing fact, a wrong type or a
 * division by zero gives no value and an issue, never NaN. Arithmetic results are tidied to
 * 15 significant digits and rounding works on 12, so 0.95 - 0.9 is 0.05 and ceil(0.2 / 0.05) is 4.
 */
import type { Expression } from '@yifa/metamodel';
import { type Compiler, compileWith, createCompiler, stop } from './compiler.ts';
import { compileNode } from './engine.ts';
import type { RuleEnv } from './env.ts';
import { type FactContext, factGetter, Unresolved } from './facts.ts';
import { typeName } from './format.ts';
import { type Issue, issue, type Result } from './issues.ts';
import type { RuleRef } from './trace.ts';

/** What an expression yields. */
export type Scalar = number | string | boolean;

/** A compiled expression. */
export interface CompiledExpression {
  /** The value, or undefined when it cannot be computed. */
  value(ctx: FactContext): Scalar | undefined;
  /** The value (null when it cannot be computed) and why not. */
  evaluate(ctx: FactContext): { value: Scalar | null; issues: Issue[] };
  /** Like evaluate, for amounts and points: a value that is not a number is null with an issue. */
  evaluateNumber(ctx: FactContext, what: string): { value: number | null; issues: Issue[] };
}

/** Stands in for an expression that failed to compile (its issues are reported at compile time). */
export const NO_EXPRESSION: CompiledExpression = {
  value: () => undefined,
  evaluate: () => ({ value: null, issues: [] }),
  evaluateNumber: () => ({ value: null, issues: [] }),
};

type ExprNode = (ctx: FactContext) => Scalar | Unresolved;

const NUMERIC = ['add', 'sub', 'mul', 'div', 'min', 'max', 'round', 'ceil', 'floor', 'abs'] as const;
const OPS = new Set<string>([...NUMERIC, 'concat', 'if']);

/**
 * Compiles an expression.
 * @example compileExpression({ mul: [10, { fact: 'goodsValue' }] }, env, rule).value({ facts: { goodsValue: 8000 } }) // 80000
 */
export function compileExpression(
  expr: Expression,
  env: RuleEnv,
  rule: RuleRef,
  path = '',
): Result<CompiledExpression> {
  return compileWith(createCompiler(env, rule), (c) => expressionOf(compileExpr(c, expr, path, 0), path));
}

/** Wraps a compiled expression node. */
export function expressionOf(node: ExprNode, path: string): CompiledExpression {
  const run = (ctx: FactContext): Scalar | Unresolved => {
    try {
      return node(ctx);
    } catch (e) {
      return new Unresolved('evaluation.failed', { reason: String(e), path });
    }
  };
  const evaluate = (ctx: FactContext): { value: Scalar | null; issues: Issue[] } => {
    const v = run(ctx);
    if (!(v instanceof Unresolved)) return { value: v, issues: [] };
    const { path: at, ...params } = v.params;
    return { value: null, issues: [issue(v.code, typeof at === 'string' ? at : path, params)] };
  };
  return {
    value: (ctx) => {
      const v = run(ctx);
      return v instanceof Unresolved ? undefined : v;
    },
    evaluate,
    evaluateNumber: (ctx, what) => {
      const r = evaluate(ctx);
      if (r.value === null || typeof r.value === 'number') return r as { value: number | null; issues: Issue[] };
      const wrong = issue('expression.wrong-type', path, { op: what, expected: 'number', actual: typeName(r.value) });
      return { value: null, issues: [wrong] };
    },
  };
}

/** Compiles one node of an expression, sharing the compiler's limits with conditions. */
export function compileExpr(c: Compiler, expr: unknown, path: string, depth: number): ExprNode {
  const { limits, params, labels, calendar } = c.env;
  if (++c.nodes > limits.maxNodes) stop(c, 'condition.too-large', path, { max: limits.maxNodes });
  if (depth > limits.maxDepth) stop(c, 'condition.too-deep', path, { max: limits.maxDepth });
  if (typeof expr === 'number' || typeof expr === 'string' || typeof expr === 'boolean') return () => expr;
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) return bad(c, path, 'not an expression');
  const keys = Object.keys(expr);
  const o = expr as Record<string, unknown>;
  if (keys.length !== 1) return bad(c, path, `expected one key, got ${keys.join(', ')}`);
  const key = keys[0] as string;
  if (key === 'fact' && typeof o.fact === 'string') {
    const fact = o.fact;
    const get = factGetter(fact, undefined, calendar);
    return (ctx) => {
      const v = get(ctx);
      if (v instanceof Unresolved) return new Unresolved(v.code, { ...v.params, fact, path });
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
      if (v === undefined || v === null)
        return new Unresolved('fact.missing', { fact, label: labels(fact).zh, labelEn: labels(fact).en, path });
      return new Unresolved('fact.wrong-type', {
        fact,
        label: labels(fact).zh,
        expected: 'scalar',
        actual: typeName(v),
        path,
      });
    };
  }
  if (key === 'param') {
    const p = params.get(String(o.param));
    if (!p) {
      c.issues.push(issue('param.missing', path, { param: o.param }));
      return () => new Unresolved('param.missing', { param: o.param, path });
    }
    const value = p.value;
    return () => value;
  }
  if (key === 'if') return conditional(c, o.if, `${path}/if`, depth);
  const args = o[key];
  if (!OPS.has(key) || !Array.isArray(args) || args.length === 0) return bad(c, path, `unknown operation ${key}`);
  const kids = args.map((a, i) => compileExpr(c, a, `${path}/${key}/${i}`, depth + 1));
  if (key === 'concat') return concat(kids, limits.maxStringLength, path);
  return numeric(key as (typeof NUMERIC)[number], kids, path);
}

function conditional(c: Compiler, raw: unknown, path: string, depth: number): ExprNode {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (!('when' in o) || !('then' in o) || !('else' in o)) return bad(c, path, 'if needs when, then and else');
  const when = compileNode(c, o.when, `${path}/when`, depth + 1);
  const then = compileExpr(c, o.then, `${path}/then`, depth + 1);
  const otherwise = compileExpr(c, o.else, `${path}/else`, depth + 1);
  return (ctx) => {
    const t = when.t(ctx);
    if (t === 2) {
      const issues: Issue[] = [];
      when.e(ctx, issues);
      const first = issues[0];
      return first
        ? new Unresolved(first.code, { ...first.params, path: first.path })
        : new Unresolved('expression.undetermined', { path });
    }
    return t === 1 ? then(ctx) : otherwise(ctx);
  };
}

function concat(kids: ExprNode[], max: number, path: string): ExprNode {
  return (ctx) => {
    let out = '';
    for (const k of kids) {
      const v = k(ctx);
      if (v instanceof Unresolved) return v;
      out += String(v);
      if (out.length > max) return new Unresolved('expression.too-long', { max, path });
    }
    return out;
  };
}

function numeric(op: (typeof NUMERIC)[number], kids: ExprNode[], path: string): ExprNode {
  return (ctx) => {
    const xs: number[] = [];
    for (const k of kids) {
      const v = k(ctx);
      if (v instanceof Unresolved) return v;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return new Unresolved('expression.wrong-type', { op, expected: 'number', actual: typeName(v), path });
      }
      xs.push(v);
    }
    return apply(op, xs, path);
  };
}

function apply(op: (typeof NUMERIC)[number], xs: number[], path: string): number | Unresolved {
  const [a = 0, b = 0] = xs;
  switch (op) {
    case 'add':
      return tidy(xs.reduce((s, x) => s + x, 0));
    case 'sub':
      return tidy(xs.length === 1 ? -a : xs.slice(1).reduce((s, x) => s - x, a));
    case 'mul':
      return tidy(xs.reduce((s, x) => s * x, 1));
    case 'div':
      if (xs.slice(1).includes(0)) return new Unresolved('expression.division-by-zero', { path });
      return tidy(xs.slice(1).reduce((s, x) => s / x, a));
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'abs':
      return Math.abs(a);
    default: {
      const digits = xs.length > 1 ? Math.max(0, Math.min(10, Math.trunc(b))) : 0;
      const scale = 10 ** digits;
      const scaled = Number((a * scale).toPrecision(12));
      const f = op === 'round' ? Math.round : op === 'ceil' ? Math.ceil : Math.floor;
      return f(scaled) / scale;
    }
  }
}

function tidy(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(15));
}

function bad(c: Compiler, path: string, reason: string): ExprNode {
  c.issues.push(issue('expression.malformed', path, { reason }));
  return () => new Unresolved('expression.malformed', { reason, path });
}
