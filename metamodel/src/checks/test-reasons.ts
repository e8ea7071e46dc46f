/**
 * The reason a guard case expects for a refusal must be one its transition can give: `role`
 * only where the transition names roles, `when` only where it has a condition, and a named
 * condition or fact only where that guard reads it (through named conditions too). Otherwise
 * the case could never pass, or — worse — the author misread the guard.
 */
import type { Condition, ExpectedRefusal, GuardCase, Workflow, WorkflowTransition } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import type { CheckContext } from './context.ts';

type Because = ExpectedRefusal['because'];

/** Whether a transition can be refused for a reason at all. */
const CAN_REFUSE: Record<Because, (t: WorkflowTransition) => boolean> = {
  role: (t) => (t.roles?.length ?? 0) > 0,
  documents: (t) => (t.documents?.length ?? 0) > 0,
  'document-field': (t) => (t.documentFields?.length ?? 0) > 0,
  officers: (t) => t.minOfficers !== undefined,
  certificates: (t) => t.minOfficers !== undefined,
  when: (t) => t.when !== undefined,
  unless: (t) => t.unless !== undefined,
};

/** The findings of one guard case's expected refusal reasons. */
export function checkRefusalReasons(
  ctx: CheckContext,
  suite: string,
  c: GuardCase,
  i: number,
  wf: Workflow,
): Finding[] {
  const out: Finding[] = [];
  (c.expect.refused ?? []).forEach((r, j) => {
    if (typeof r === 'string') return;
    const at = (key: string) => pointerOf('cases', i, 'expect', 'refused', j, key);
    const from = wf.transitions.filter(
      (t) => t.action === r.action && (typeof t.from === 'string' ? t.from === c.state : t.from.includes(c.state)),
    );
    // An action that does not leave the state fails when the case runs; its reason cannot be judged here.
    if (from.length === 0) return;
    const params = { workflow: wf.code, state: c.state, action: r.action, because: r.because };
    const able = from.filter(CAN_REFUSE[r.because]);
    if (able.length === 0) {
      out.push(finding('test', suite, at('because'), 'test.reason-impossible', params));
      return;
    }
    if (r.condition !== undefined && !ctx.pack.items.condition.has(r.condition)) {
      out.push(finding('test', suite, at('condition'), 'test.unknown-condition', { condition: r.condition }));
    } else if (r.condition !== undefined || r.fact !== undefined) {
      const read = { conditions: new Set<string>(), facts: new Set<string>() };
      if (r.because === 'when' || r.because === 'unless') {
        for (const t of able) collect(ctx, t[r.because], read);
      }
      for (const [key, name, names] of [
        ['condition', r.condition, read.conditions],
        ['fact', r.fact, read.facts],
      ] as const) {
        if (name !== undefined && !names.has(name))
          out.push(finding('test', suite, at(key), 'test.reason-not-in-guard', { ...params, name }));
      }
    }
  });
  return out;
}

/** The named conditions and facts a condition reads, through named conditions (each once). */
function collect(ctx: CheckContext, cond: unknown, into: { conditions: Set<string>; facts: Set<string> }): void {
  if (typeof cond !== 'object' || cond === null) return;
  const o = cond as Partial<Record<'all' | 'any' | 'not' | 'condition' | 'fact' | 'value', unknown>>;
  for (const list of [o.all, o.any]) if (Array.isArray(list)) for (const x of list) collect(ctx, x, into);
  if (o.not !== undefined) collect(ctx, o.not, into);
  if (typeof o.fact === 'string') into.facts.add(o.fact);
  const value = o.value as { fact?: unknown } | undefined;
  if (typeof value === 'object' && value !== null && typeof value.fact === 'string') into.facts.add(value.fact);
  if (typeof o.condition === 'string' && !into.conditions.has(o.condition)) {
    into.conditions.add(o.condition);
    const named = ctx.pack.items.condition.get(o.condition);
    if (named) collect(ctx, named.when as Condition, into);
  }
}
