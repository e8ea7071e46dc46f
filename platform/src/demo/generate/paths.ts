/**
 * The ways through a workflow a generated case can take: every simple path (no state twice) of
 * the pack's transitions from the start state to an end state, so a generated case only ever
 * moves as its workflow allows. The first end state the workflow lists is its usual outcome
 * (结案, 检查结束 …) and is taken by most cases; the others (不予立案, 移送, 撤销 …) share the rest.
 */
import type { Workflow, WorkflowTransition } from '@yifa/metamodel';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { SeededRng } from '../../random/seeded-sample.ts';

/** Share of cases that end in the workflow's first-listed end state. */
export const MAIN_OUTCOME_SHARE = 0.85;
/** Most paths kept per end state (the first found, depth first in the pack's order). */
const MAX_PATHS_PER_END = 48;

/** One way through a workflow: the transitions taken, in order. */
export type WorkflowPath = readonly WorkflowTransition[];

/** The paths of a workflow, grouped by the end state they reach (the main end state first). */
export interface WorkflowPaths {
  workflow: Workflow;
  ends: { state: string; paths: WorkflowPath[] }[];
}

const fromOf = (t: WorkflowTransition) => (Array.isArray(t.from) ? t.from : [t.from]);

/** Every simple path of `wf` from its start to each end state (capped per end state). */
export function workflowPaths(wf: Workflow): WorkflowPaths {
  const terminal = new Set(wf.states.filter((s) => s.terminal).map((s) => s.code));
  const byEnd = new Map<string, WorkflowPath[]>();
  const walk = (state: string, seen: Set<string>, path: WorkflowTransition[]) => {
    if (terminal.has(state)) {
      const list = byEnd.get(state) ?? [];
      if (list.length < MAX_PATHS_PER_END) list.push([...path]);
      byEnd.set(state, list);
      return;
    }
    for (const t of wf.transitions) {
      if (!fromOf(t).includes(state) || seen.has(t.to)) continue;
      seen.add(t.to);
      path.push(t);
      walk(t.to, seen, path);
      path.pop();
      seen.delete(t.to);
    }
  };
  walk(wf.start, new Set([wf.start]), []);
  const order = wf.states.filter((s) => s.terminal).map((s) => s.code);
  const ends = order.flatMap((state) => {
    const paths = byEnd.get(state);
    return paths?.length ? [{ state, paths }] : [];
  });
  if (!ends.length) throw new Error(`workflow ${wf.code} has no path from ${wf.start} to an end state`);
  return { workflow: wf, ends };
}

/** A uniform number in [0, 1) from the seeded generator. */
export function unit(rng: SeededRng): number {
  return uniformInt(rng, 0, 0x3fffffff) / 0x40000000;
}

/** Picks one path: the main end state with MAIN_OUTCOME_SHARE, otherwise another end state; a path of it uniformly. */
export function pickPath(rng: SeededRng, p: WorkflowPaths): WorkflowPath {
  const [main, ...others] = p.ends;
  const end = !others.length || unit(rng) < MAIN_OUTCOME_SHARE ? main : others[uniformInt(rng, 0, others.length - 1)];
  const paths = (end ?? main)?.paths ?? [];
  return paths[uniformInt(rng, 0, paths.length - 1)] ?? [];
}
