/**
 * Which facts a condition may use depends on where it stands: a discretion benchmark
 * sees the facts every matter using it declares, a guard those of the matters on its
 * workflow, a document rule its own fields, a subject alert the metrics, and so on.
 */
import { PLATFORM_FACTS } from '../facts.ts';
import { PLATFORM_METRICS } from '../metrics.ts';
import type { CheckContext } from './context.ts';

/** The fact names a condition may use. */
export interface Universe {
  has(name: string): boolean;
}

/**
 * A case's universe: its own facts, and the facts of the case it links to (a reconsideration
 * to the decision it concerns) as linked.<fact> — any case fact, since the linked case's matter
 * varies. Checked by prefix rather than listed, so a pack of thousands of matters does not
 * copy every fact name into every universe.
 */
class CaseUniverse implements Universe {
  constructor(
    private readonly own: ReadonlySet<string>,
    private readonly linkable: ReadonlySet<string>,
  ) {}
  has(name: string): boolean {
    if (this.own.has(name)) return true;
    if (name === 'linked') return true;
    return name.startsWith('linked.') && this.linkable.has(name.slice('linked.'.length));
  }
}

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
  indicator: ReadonlySet<string>;
}

/** The universes of a pack. */
export function universes(ctx: CheckContext): Universes {
  const matters = [...ctx.pack.items.matter.values()];
  const factsOf = (m: (typeof matters)[number]) => (m.facts ?? []).map((f) => f.name);
  const allMatterFacts = matters.flatMap(factsOf);
  const linkable = new Set([...CASE_FACTS, ...allMatterFacts]);
  const ofCase = (names: Iterable<string>) => new CaseUniverse(new Set(names), linkable);
  const anyCase = ofCase(linkable);
  const using = (pred: (m: (typeof matters)[number]) => boolean) => matters.filter(pred);
  return {
    anyCase,
    discretion(code) {
      const users = using((m) => m.discretion === code);
      if (users.length === 0) return anyCase;
      const sets = users.map((m) => new Set(factsOf(m)));
      const shared = [...(sets[0] ?? [])].filter((f) => sets.every((s) => s.has(f)));
      return ofCase([...CASE_FACTS, ...shared]);
    },
    workflow(code) {
      const users = using((m) => m.workflow === code || (m.alternativeWorkflows ?? []).includes(code));
      return ofCase([...CASE_FACTS, ...users.flatMap(factsOf)]);
    },
    document(code, fields) {
      const users = using((m) => m.documents.includes(code));
      return ofCase([...CASE_FACTS, ...fields, ...users.flatMap(factsOf)]);
    },
    alert(scope, only) {
      if (scope === 'subject') return new Set([...SUBJECT_FACTS, ...METRICS]);
      if (!only || only.length === 0) return anyCase;
      return ofCase([...CASE_FACTS, ...using((m) => only.includes(m.code)).flatMap(factsOf)]);
    },
    indicator: new Set([...INDICATOR_FACTS, ...METRICS]),
  };
}
