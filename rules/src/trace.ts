/**
 * Explanations are records: every evaluation yields a trace tree that can be stored with the
 * decision and rendered later (explain.ts). Leaves say which fact was read, what was seen, what
 * it was compared with (and whether that came from a pack parameter), and which rule asked.
 */
import type { Operator } from '@yifa/metamodel';
import type { FactParams } from './facts.ts';
import type { Issue, Message } from './issues.ts';
import type { FactLabel } from './labels.ts';
import type { ParamOrigin } from './param-scope.ts';

/** Three-valued truth of the fast path: 0 no, 1 yes, 2 unknown (a fact was missing or of the wrong type). */
export type Tri = 0 | 1 | 2;

/** Which rule of which pack item a condition belongs to. */
export interface RuleRef {
  kind: string;
  code: string;
  version?: string;
  /** The part of the item, e.g. `tiers/heavier` or `transitions/pass-case-review/unless`. */
  part?: string;
}

/** One fact-operator-value test. */
export interface FactTrace {
  type: 'fact';
  path: string;
  rule: RuleRef;
  /** The named condition the test came from, if any. */
  via?: string;
  fact: string;
  label: FactLabel;
  /** The test's own label (`label` in the pack), Chinese, and its English twin (`labelEn`); read them with `conditionLabel()`. */
  conditionLabel?: string;
  conditionLabelEn?: string;
  params?: FactParams;
  operator: Operator;
  expected: unknown;
  /** The parameter compared with, and (for a scoped one) whose value it was: an organisation's, a sector's, dated. */
  expectedParam?: { code: string; name: Message; unit?: string; origin?: ParamOrigin };
  expectedFact?: { fact: string; label: FactLabel };
  seen: unknown;
  held: boolean | null;
  issue?: Issue;
  /**
   * What an officer reads for the codes among expected and seen (a codelist entry's name, a
   * document's, a state's), by code; expected and seen keep the codes for golden tests and pack authors.
   */
  valueNames?: Record<string, Message>;
}

/** all / any of several conditions. */
export interface GroupTrace {
  type: 'all' | 'any';
  path: string;
  /** The group's label in Chinese and English (`label`, `labelEn`); read them with `conditionLabel()`. */
  label?: string;
  labelEn?: string;
  held: boolean | null;
  children: TraceNode[];
}

/** not. */
export interface NotTrace {
  type: 'not';
  path: string;
  label?: string;
  labelEn?: string;
  held: boolean | null;
  child: TraceNode;
}

/** A named condition of the pack. */
export interface RefTrace {
  type: 'condition';
  path: string;
  code: string;
  name: Message;
  held: boolean | null;
  child: TraceNode;
}

/** A node of a trace. */
export type TraceNode = FactTrace | GroupTrace | NotTrace | RefTrace;

/** The record of one evaluated condition. */
export interface Evaluation {
  rule: RuleRef;
  /** true / false, or null when missing or mistyped facts leave it undetermined. */
  held: boolean | null;
  trace: TraceNode;
  issues: Issue[];
}

/** The record's form of a three-valued truth. */
export function heldOf(t: Tri): boolean | null {
  return t === 2 ? null : t === 1;
}

/** The three-valued truth of a record's held. */
export function triOf(held: boolean | null): Tri {
  return held === null ? 2 : held ? 1 : 0;
}

/** Every fact test of a trace, in order. */
export function leavesOf(node: TraceNode): FactTrace[] {
  switch (node.type) {
    case 'fact':
      return [node];
    case 'all':
    case 'any':
      return node.children.flatMap(leavesOf);
    default:
      return leavesOf(node.child);
  }
}
