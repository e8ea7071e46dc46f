/**
 * Workflow sanity: one existing start, at least one terminal state, every state
 * reachable from the start, nothing leaving a terminal state, no dead ends, transitions
 * and deadlines naming existing states, actions unique per state.
 */
import type { Workflow } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every workflow. */
export const checkWorkflows: Check = (ctx) =>
  validItems(ctx, 'workflow').flatMap(([code, wf]) => checkWorkflow(code, wf));

/** The source states of a transition. */
export function fromStates(t: Workflow['transitions'][number]): string[] {
  return typeof t.from === 'string' ? [t.from] : [...t.from];
}

function checkWorkflow(code: string, wf: Workflow): Finding[] {
  const out: Finding[] = [];
  const at = (pointer: string, issue: Parameters<typeof finding>[3], params: Record<string, unknown>) =>
    out.push(finding('workflow', code, pointer, issue, params));
  const states = new Map<string, Workflow['states'][number]>();
  wf.states.forEach((s, i) => {
    if (states.has(s.code)) at(pointerOf('states', i, 'code'), 'workflow.state-duplicate', { state: s.code });
    states.set(s.code, s);
  });
  if (!states.has(wf.start)) at('/start', 'workflow.start-unknown', { state: wf.start });
  if (!wf.states.some((s) => s.terminal)) at('/states', 'workflow.no-terminal', {});

  const next = new Map<string, Set<string>>();
  const actions = new Set<string>();
  wf.transitions.forEach((t, i) => {
    const sources = fromStates(t);
    sources.forEach((from, j) => {
      const pointer =
        typeof t.from === 'string' ? pointerOf('transitions', i, 'from') : pointerOf('transitions', i, 'from', j);
      if (!states.has(from)) at(pointer, 'workflow.state-unknown', { state: from });
      else if (states.get(from)?.terminal) at(pointer, 'workflow.terminal-exit', { state: from });
      const key = `${from}\u0000${t.action}`;
      if (actions.has(key))
        at(pointerOf('transitions', i, 'action'), 'workflow.action-duplicate', { state: from, action: t.action });
      actions.add(key);
      if (!next.has(from)) next.set(from, new Set());
      next.get(from)?.add(t.to);
    });
    if (!states.has(t.to)) at(pointerOf('transitions', i, 'to'), 'workflow.state-unknown', { state: t.to });
  });

  const reached = new Set<string>();
  const queue = states.has(wf.start) ? [wf.start] : [];
  while (queue.length > 0) {
    const s = queue.pop() as string;
    if (reached.has(s)) continue;
    reached.add(s);
    for (const n of next.get(s) ?? []) if (states.has(n)) queue.push(n);
  }
  wf.states.forEach((s, i) => {
    if (states.has(wf.start) && !reached.has(s.code))
      at(pointerOf('states', i), 'workflow.unreachable', { state: s.code });
    if (!s.terminal && !next.has(s.code)) at(pointerOf('states', i), 'workflow.dead-end', { state: s.code });
  });

  const deadlines = new Set((wf.deadlines ?? []).map((d) => d.code));
  (wf.deadlines ?? []).forEach((d, i) => {
    if (!states.has(d.start)) at(pointerOf('deadlines', i, 'start'), 'workflow.state-unknown', { state: d.start });
    d.stop.forEach((s, j) => {
      if (!states.has(s)) at(pointerOf('deadlines', i, 'stop', j), 'workflow.state-unknown', { state: s });
    });
  });
  wf.transitions.forEach((t, i) => {
    if (t.extendsDeadline && !deadlines.has(t.extendsDeadline)) {
      at(pointerOf('transitions', i, 'extendsDeadline'), 'workflow.deadline-unknown', { deadline: t.extendsDeadline });
    }
  });
  return out;
}
