/**
 * Which facts a condition may use depends on where it stands: a discretion benchmark
 * sees the facts every matter using it declares, a guard those of the matters on its
 * workflow, a document rule its own fields, a subject alert the metrics, and so on.
 */
import { PLATFORM_FACTS } from '../facts.ts';
import { PLATFORM_METRICS } from '../metrics.ts';
import type { CheckContext } from './context.ts';

/** A set of fact names a condition may use. */
export type Universe = ReadonlySet<string>;

const CASE_FACTS = PLATFORM_FACTS.filter((f) => f.scope.includes('case')).map((f) => f.name);
const SUBJECT_FACTS = PLATFORM_FACTS.filter((f) => f.scope.includes('subject')).map((f) => f.name);
const INDICATOR_FACTS = PLATFORM_FACTS.filter((f) => f.scope.includes('indicator')).map((f) => f.name);
const METRICS = PLATFORM_METRICS.map((m) => m.name);

/** Universes of a pack, computed once per validation. */
export interface Universes {
  /** Platform case facts and the facts of every matter. */
  anyCase: Universe;
  discretion(code: string): Universe;
  workflow(code: string): Universe;
  document(code: string, fields: readonly string[]): Universe;
  alert(scope: 'case' | 'subject', matters?: readonly string[]): Universe;
  indicator: Universe;
}

/** The universes of a pack. */
export function universes(ctx: CheckContext): Universes {
  const matters = [...ctx.pack.items.matter.values()];
  const factsOf = (m: (typeof matters)[number]) => (m.facts ?? []).map((f) => f.name);
  const allMatterFacts = matters.flatMap(factsOf);
  const anyCase = new Set([...CASE_FACTS, ...allMatterFacts]);
  const using = (pred: (m: (typeof matters)[number]) => boolean) => matters.filter(pred);
  return {
    anyCase,
    discretion(code) {
      const users = using((m) => m.discretion === code);
      if (users.length === 0) return anyCase;
      const sets = users.map((m) => new Set(factsOf(m)));
      const shared = [...(sets[0] ?? [])].filter((f) => sets.every((s) => s.has(f)));
      return new Set([...CASE_FACTS, ...shared]);
    },
    workflow(code) {
      const users = using((m) => m.workflow === code || (m.alternativeWorkflows ?? []).includes(code));
      return new Set([...CASE_FACTS, ...users.flatMap(factsOf)]);
    },
    document(code, fields) {
      const users = using((m) => m.documents.includes(code));
      return new Set([...CASE_FACTS, ...fields, ...users.flatMap(factsOf)]);
    },
    alert(scope, only) {
      if (scope === 'subject') return new Set([...SUBJECT_FACTS, ...METRICS]);
      if (!only || only.length === 0) return anyCase;
      return new Set([...CASE_FACTS, ...using((m) => only.includes(m.code)).flatMap(factsOf)]);
    },
    indicator: new Set([...INDICATOR_FACTS, ...METRICS]),
  };
}
