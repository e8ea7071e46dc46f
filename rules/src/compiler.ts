/**
 * The state of one compilation and the pieces every compiled node shares. A compiled node is a
 * pair of closures over pack data that was checked once: a fast three-valued test, and the same
 * test writing its trace record.
 */
import type { RuleEnv } from './env.ts';
import type { FactContext } from './facts.ts';
import { fail, type Issue, type IssueCode, issue, ok, type Result } from './issues.ts';
import type { Evaluation, RuleRef, TraceNode, Tri } from './trace.ts';

/** A compiled node: a fast three-valued test, and the same test writing its trace. */
export interface Node {
  t(ctx: FactContext): Tri;
  e(ctx: FactContext, issues: Issue[]): TraceNode;
}

/** The state of one compilation. */
export interface Compiler {
  readonly env: RuleEnv;
  readonly rule: RuleRef;
  nodes: number;
  expansions: number;
  readonly stack: string[];
  readonly issues: Issue[];
}

/** A compiled condition. */
export interface CompiledCondition {
  readonly rule: RuleRef;
  /** Nodes after expansion of named conditions. */
  readonly nodes: number;
  /** The fast path: 0 no, 1 yes, 2 unknown. Builds no trace. */
  test(ctx: FactContext): Tri;
  /** The full evaluation with its trace and issues. */
  evaluate(ctx: FactContext): Evaluation;
}

/** Thrown inside a compilation when a limit is passed; caught by `compileWith`. */
class LimitReached extends Error {}

/** A compiler for one rule. */
export function createCompiler(env: RuleEnv, rule: RuleRef): Compiler {
  return { env, rule, nodes: 0, expansions: 0, stack: [], issues: [] };
}

/** Runs a compilation, turning limits and unexpected input into issues. */
export function compileWith<T>(c: Compiler, build: (c: Compiler) => T): Result<T> {
  try {
    const value = build(c);
    return c.issues.length ? fail(c.issues) : ok(value);
  } catch (e) {
    if (!(e instanceof LimitReached)) c.issues.push(issue('condition.malformed', '', { reason: String(e) }));
    return fail(c.issues);
  }
}

/** Wraps a root node as a compiled condition whose evaluations never throw. */
export function conditionOf(c: Compiler, root: Node): CompiledCondition {
  const rule = c.rule;
  return {
    rule,
    nodes: c.nodes,
    test(ctx) {
      try {
        return root.t(ctx);
      } catch {
        return 2;
      }
    },
    evaluate(ctx) {
      const issues: Issue[] = [];
      try {
        const trace = root.e(ctx, issues);
        return { rule, held: trace.held, trace, issues };
      } catch (e) {
        const failed = issue('evaluation.failed', '', { reason: String(e) });
        const trace: TraceNode = { type: 'all', path: '', held: null, children: [] };
        return { rule, held: null, trace, issues: [...issues, failed] };
      }
    },
  };
}

/** Stops the compilation with an issue. */
export function stop(c: Compiler, code: IssueCode, path: string, params: Record<string, unknown>): never {
  c.issues.push(issue(code, path, params));
  throw new LimitReached(code);
}

/** Records a malformed node and compiles it as unknown. */
export function malformed(c: Compiler, path: string, reason: string): Node {
  c.issues.push(issue('condition.malformed', path, { reason }));
  return unknownNode(path);
}

/** A node that is always unknown, standing in for one that could not be compiled. */
export function unknownNode(path: string): Node {
  return { t: () => 2, e: () => ({ type: 'all', path, held: null, children: [] }) };
}
