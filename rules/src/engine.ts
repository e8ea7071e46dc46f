/**
 * Compile once, evaluate many times. A pack condition becomes a tree of plain closures: no
 * eval, no `new Function`, nothing from pack data runs as code. Parameters are substituted and
 * named conditions expanded at compile time, within the limits (depth, nodes, expansions,
 * cycles), so a hostile condition gets a clear issue and cannot hang an evaluation.
 * Truth is three-valued (Kleene): a missing or mistyped fact makes its test unknown, and an
 * unknown only decides the result when the known tests cannot.
 */
import type { Condition } from '@yifa/metamodel';
import {
  type CompiledCondition,
  type Compiler,
  compileWith,
  conditionOf,
  createCompiler,
  malformed,
  type Node,
  stop,
  unknownNode,
} from './compiler.ts';
import type { RuleEnv } from './env.ts';
import type { FactContext } from './facts.ts';
import { type Issue, issue, type Result } from './issues.ts';
import { compileLeaf } from './leaf.ts';
import { heldOf, type RuleRef, type TraceNode, type Tri } from './trace.ts';

/**
 * Compiles a pack condition.
 * @example const c = compileCondition(tier.when, env, { kind: 'discretion', code: 'DB-1', part: 'tiers/heavier' });
 *          if (c.ok) c.value.evaluate({ facts: { harmConsequence: '严重' } }).held // true
 */
export function compileCondition(
  condition: Condition,
  env: RuleEnv,
  rule: RuleRef,
  path = '',
): Result<CompiledCondition> {
  return compileWith(createCompiler(env, rule), (c) => conditionOf(c, compileNode(c, condition, path, 0)));
}

/** Compiles one node of a condition. */
export function compileNode(c: Compiler, cond: unknown, path: string, depth: number, via?: string): Node {
  const { limits } = c.env;
  if (++c.nodes > limits.maxNodes) stop(c, 'condition.too-large', path, { max: limits.maxNodes });
  if (depth > limits.maxDepth) stop(c, 'condition.too-deep', path, { max: limits.maxDepth });
  if (typeof cond !== 'object' || cond === null || Array.isArray(cond)) return malformed(c, path, 'not an object');
  const o = cond as Record<string, unknown>;
  const keys = ['all', 'any', 'not', 'condition', 'fact'].filter((k) => Object.hasOwn(o, k));
  const label = labelsOf(o);
  const key = keys[0];
  if (keys.length !== 1) return malformed(c, path, `expected one of all, any, not, condition, fact; got ${keys}`);
  if (key === 'all' || key === 'any') {
    const type = key;
    const list = o[type];
    if (!Array.isArray(list) || list.length === 0) return malformed(c, path, `${type} needs a non-empty list`);
    const kids = list.map((k, i) => compileNode(c, k, `${path}/${type}/${i}`, depth + 1, via));
    return group(type, kids, path, label);
  }
  if (key === 'not') return negate(compileNode(c, o.not, `${path}/not`, depth + 1, via), path, label);
  if (key === 'condition') return reference(c, String(o.condition), path, depth);
  return compileLeaf(c, o, path, via);
}

function reference(c: Compiler, code: string, path: string, depth: number): Node {
  const named = c.env.conditions.get(code);
  if (!named) {
    c.issues.push(issue('condition.missing', path, { condition: code }));
    return unknownNode(path);
  }
  if (c.stack.includes(code)) {
    const chain = [...c.stack.slice(c.stack.indexOf(code)), code];
    c.issues.push(issue('condition.cycle', path, { chain }));
    return unknownNode(path);
  }
  const max = c.env.limits.maxRefExpansions;
  if (++c.expansions > max) stop(c, 'condition.too-many-refs', path, { max });
  c.stack.push(code);
  const child = compileNode(c, named.when, `${path}/@${code}`, depth + 1, code);
  c.stack.pop();
  const name = { zh: named.name, en: named.nameEn ?? named.name };
  return {
    t: child.t,
    e: (ctx, issues) => {
      const trace = child.e(ctx, issues);
      return { type: 'condition', path, code, name, held: trace.held, child: trace };
    },
  };
}

/** A group's own label and its English twin, as the trace keeps them (absent parts left out). */
type GroupLabel = { label?: string; labelEn?: string };

function labelsOf(o: Record<string, unknown>): GroupLabel {
  return {
    ...(typeof o.label === 'string' ? { label: o.label } : {}),
    ...(typeof o.labelEn === 'string' ? { labelEn: o.labelEn } : {}),
  };
}

function group(type: 'all' | 'any', kids: Node[], path: string, label: GroupLabel): Node {
  const tests = kids.map((k) => k.t);
  const stopAt: Tri = type === 'all' ? 0 : 1;
  const t = (ctx: FactContext): Tri => {
    let r: Tri = type === 'all' ? 1 : 0;
    for (let i = 0; i < tests.length; i++) {
      const x = (tests[i] as Node['t'])(ctx);
      if (x === stopAt) return x;
      if (x === 2) r = 2;
    }
    return r;
  };
  const e = (ctx: FactContext, issues: Issue[]): TraceNode => {
    // The trace evaluates every branch (they are pure) so that it can say why each did or did not hold.
    const children = kids.map((k) => k.e(ctx, issues));
    let r: Tri = type === 'all' ? 1 : 0;
    for (const ch of children) {
      if (ch.held === (type === 'any')) r = stopAt;
      else if (ch.held === null && r !== stopAt) r = 2;
    }
    return { type, path, ...label, held: heldOf(r), children };
  };
  return { t, e };
}

function negate(child: Node, path: string, label: GroupLabel): Node {
  const flip = (x: Tri): Tri => (x === 2 ? 2 : x === 1 ? 0 : 1);
  return {
    t: (ctx) => flip(child.t(ctx)),
    e: (ctx, issues) => {
      const trace = child.e(ctx, issues);
      const held = trace.held === null ? null : !trace.held;
      return { type: 'not', path, ...label, held, child: trace };
    },
  };
}
