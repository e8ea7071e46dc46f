/**
 * A workflow as a graph (#14): its states as nodes, laid out in ranks from the start state by
 * dagre (the layout library React Flow's own examples use), its transitions as edges — one per
 * state a transition leaves from — and the edits the graph editor makes to the item: add a state,
 * add a transition between two states, remove either. Each edit returns a new item value (the same
 * value the form and the YAML view edit) or the reasons it is refused, in Chinese and English.
 */
import dagre from '@dagrejs/dagre';
import type { Lang } from '../messages.ts';

/** The parts of a workflow item the graph reads and edits (the rest is kept as it is). */
export interface WorkflowState {
  code: string;
  name: string;
  nameEn?: string;
  kind?: string;
  terminal?: boolean;
  [more: string]: unknown;
}
export interface WorkflowTransition {
  action: string;
  name: string;
  nameEn?: string;
  from: string | string[];
  to: string;
  roles?: string[];
  [more: string]: unknown;
}
export interface WorkflowValue {
  start?: string;
  states?: WorkflowState[];
  transitions?: WorkflowTransition[];
  [more: string]: unknown;
}

export interface GraphNode {
  id: string;
  label: string;
  start: boolean;
  terminal: boolean;
  /** Not reached from the start state by any transition (as the pack's validation says). */
  unreachable: boolean;
  /** Not terminal, yet no transition leaves it: a case would stop there for good. */
  deadEnd: boolean;
  kind?: string;
  x: number;
  y: number;
}
export interface GraphEdge {
  /** `index:from` — the transition's index in the item and the state it leaves from here. */
  id: string;
  index: number;
  source: string;
  target: string;
  label: string;
}
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Transitions whose from or to names no state (shown apart, so nothing is hidden). */
  dangling: { index: number; action: string; missing: string[] }[];
}

/** Width and height of a state's box in the drawing (px). */
export const NODE_SIZE = { width: 168, height: 44 };

const nameOf = (x: { name: string; nameEn?: string }, lang: Lang) => (lang === 'en' && x.nameEn ? x.nameEn : x.name);
const fromsOf = (t: WorkflowTransition) => (Array.isArray(t.from) ? t.from : [t.from]);

/** The graph of a workflow item, laid out top to bottom from its start state. */
export function graphOf(value: WorkflowValue, lang: Lang): Graph {
  const states = value.states ?? [];
  const known = new Set(states.map((s) => s.code));
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 64 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of states) g.setNode(s.code, { ...NODE_SIZE });
  const edges: GraphEdge[] = [];
  const dangling: Graph['dangling'] = [];
  const next = new Map<string, string[]>();
  (value.transitions ?? []).forEach((t, index) => {
    const missing = [...fromsOf(t), t.to].filter((c) => !known.has(c));
    if (missing.length > 0) dangling.push({ index, action: t.action, missing: [...new Set(missing)] });
    for (const from of fromsOf(t)) {
      next.set(from, [...(next.get(from) ?? []), t.to]);
      if (!known.has(from) || !known.has(t.to)) continue;
      const id = `${index}:${from}`;
      edges.push({ id, index, source: from, target: t.to, label: nameOf(t, lang) });
      // Edges back to an earlier state would pull it down a rank: only forward edges rank the states.
      if (from !== t.to) g.setEdge(from, t.to, {}, id);
    }
  });
  dagre.layout(g);
  const reached = reachedFrom(value.start, next, known);
  const nodes = states.map((s) => {
    const at = g.node(s.code);
    return {
      id: s.code,
      label: nameOf(s, lang),
      start: s.code === value.start,
      terminal: s.terminal === true,
      unreachable: reached !== undefined && !reached.has(s.code),
      deadEnd: s.terminal !== true && !next.has(s.code),
      ...(s.kind ? { kind: s.kind } : {}),
      x: Math.round((at?.x ?? 0) - NODE_SIZE.width / 2),
      y: Math.round((at?.y ?? 0) - NODE_SIZE.height / 2),
    };
  });
  return { nodes, edges, dangling };
}

/**
 * The states reached from the start by the transitions, as the metamodel's workflow check walks
 * them; undefined when the start names no state (validation reports that, not each state).
 */
function reachedFrom(start: string | undefined, next: ReadonlyMap<string, string[]>, known: ReadonlySet<string>) {
  if (start === undefined || !known.has(start)) return undefined;
  const reached = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const s = queue.pop() as string;
    if (reached.has(s)) continue;
    reached.add(s);
    for (const n of next.get(s) ?? []) if (known.has(n)) queue.push(n);
  }
  return reached;
}

/** A refusal of an edit, in both languages. */
export interface EditProblem {
  field: string;
  zh: string;
  en: string;
}
export type EditResult = { ok: true; value: WorkflowValue } | { ok: false; problems: EditProblem[] };

const CODE = /^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/;

function codeProblems(field: string, code: string, taken: readonly string[], what: { zh: string; en: string }) {
  const out: EditProblem[] = [];
  if (!CODE.test(code) || code.length > 64)
    out.push({
      field,
      zh: `${what.zh}编码只能由英文字母和数字组成，可用 - _ . 连接（最长 64 个字符）`,
      en: `a ${what.en} code is ASCII letters and digits joined by '-', '_' or '.' (at most 64 characters)`,
    });
  else if (taken.includes(code))
    out.push({
      field,
      zh: `${what.zh}编码“${code}”已被使用`,
      en: `the ${what.en} code "${code}" is already used`,
    });
  return out;
}

function nameProblems(field: string, name: string): EditProblem[] {
  return name.trim() === '' ? [{ field, zh: '名称必填', en: 'a name is required' }] : [];
}

/** Adds a state (not terminal, no kind: the form sets those). */
export function addState(value: WorkflowValue, s: { code: string; name: string; nameEn?: string }): EditResult {
  const states = value.states ?? [];
  const problems = [
    ...codeProblems(
      'code',
      s.code,
      states.map((x) => x.code),
      { zh: '环节', en: 'state' },
    ),
    ...nameProblems('name', s.name),
  ];
  if (problems.length > 0) return { ok: false, problems };
  const state: WorkflowState = {
    code: s.code,
    name: s.name.trim(),
    ...(s.nameEn?.trim() ? { nameEn: s.nameEn.trim() } : {}),
  };
  return { ok: true, value: { ...value, states: [...states, state] } };
}

/** Adds a transition from one state to another (roles and guards are set in the form). */
export function addTransition(
  value: WorkflowValue,
  t: { action: string; name: string; nameEn?: string; from: string; to: string },
): EditResult {
  const states = (value.states ?? []).map((s) => s.code);
  const transitions = value.transitions ?? [];
  const problems = [
    // An action code may repeat from different states (退回补充调查 from two states): only the
    // same action from the same state is a duplicate.
    ...codeProblems(
      'action',
      t.action,
      transitions.filter((x) => fromsOf(x).includes(t.from)).map((x) => x.action),
      { zh: '操作', en: 'action' },
    ),
    ...nameProblems('name', t.name),
  ];
  for (const [field, code] of [
    ['from', t.from],
    ['to', t.to],
  ] as const)
    if (!states.includes(code)) problems.push({ field, zh: `没有环节“${code}”`, en: `there is no state "${code}"` });
  const from = (value.states ?? []).find((s) => s.code === t.from);
  if (from?.terminal)
    problems.push({
      field: 'from',
      zh: `“${from.name}”是终结环节，不能再有操作`,
      en: `"${from.nameEn ?? from.code}" is a terminal state: no action leaves it`,
    });
  if (problems.length > 0) return { ok: false, problems };
  const transition: WorkflowTransition = {
    action: t.action,
    name: t.name.trim(),
    ...(t.nameEn?.trim() ? { nameEn: t.nameEn.trim() } : {}),
    from: t.from,
    to: t.to,
  };
  return { ok: true, value: { ...value, transitions: [...transitions, transition] } };
}

/** What the graph's panel sets on a selected transition (the rest is in the form below). */
export type TransitionSetting =
  | 'roles'
  | 'when'
  | 'unless'
  | 'documents'
  | 'basis'
  | 'refusal'
  | 'refusalEn'
  | 'extendsDeadline'
  | 'reasonRequired';

/**
 * Sets one setting of the transition at `index` (of every state it leaves: it is one transition).
 * An empty value — undefined, '', an empty list, false — removes the key, so the item holds only
 * what was set and a save writes no empty field.
 *
 * @example
 * setTransitionSetting(workflow, 3, 'roles', ['agency-head']) // { ok: true, value: { …, transitions: [… { …, roles: ['agency-head'] }] } }
 */
export function setTransitionSetting(
  value: WorkflowValue,
  index: number,
  key: TransitionSetting,
  setting: unknown,
): EditResult {
  const transitions = [...(value.transitions ?? [])];
  const t = transitions[index];
  if (!t) return { ok: false, problems: [{ field: 'transition', zh: '没有这个操作', en: 'no such transition' }] };
  const empty =
    setting === undefined || setting === '' || setting === false || (Array.isArray(setting) && setting.length === 0);
  const { [key]: _, ...rest } = t;
  transitions[index] = (empty ? rest : { ...rest, [key]: setting }) as WorkflowTransition;
  return { ok: true, value: { ...value, transitions } };
}

/**
 * Removes a transition from one of the states it leaves (the whole transition when that was its
 * only state).
 */
export function removeTransition(value: WorkflowValue, index: number, from: string): EditResult {
  const transitions = [...(value.transitions ?? [])];
  const t = transitions[index];
  if (!t) return { ok: false, problems: [{ field: 'transition', zh: '没有这个操作', en: 'no such transition' }] };
  const rest = fromsOf(t).filter((f) => f !== from);
  if (rest.length === 0) transitions.splice(index, 1);
  else transitions[index] = { ...t, from: rest.length === 1 ? (rest[0] as string) : rest };
  return { ok: true, value: { ...value, transitions } };
}

/**
 * Removes a state and every transition into it or only out of it. The start state cannot be
 * removed (choose another start in the form first).
 */
export function removeState(value: WorkflowValue, code: string): EditResult {
  if (value.start === code)
    return {
      ok: false,
      problems: [
        {
          field: 'state',
          zh: '开始环节不能删除：请先在表单中另选开始环节',
          en: 'the start state cannot be removed: choose another start in the form first',
        },
      ],
    };
  const states = (value.states ?? []).filter((s) => s.code !== code);
  const transitions: WorkflowTransition[] = [];
  for (const t of value.transitions ?? []) {
    if (t.to === code) continue;
    const froms = fromsOf(t).filter((f) => f !== code);
    if (froms.length === 0) continue;
    transitions.push(
      froms.length === fromsOf(t).length ? t : { ...t, from: froms.length === 1 ? (froms[0] as string) : froms },
    );
  }
  return { ok: true, value: { ...value, states, transitions } };
}
