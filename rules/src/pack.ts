/**
 * The part of a resolved pack the rules read. It is a small interface of its own so the rules
 * do not depend on the rest of metamodel's ResolvedPack, whose `items` it is a slice of.
 */
import type {
  AlertRule,
  AssessmentScheme,
  AuthorityItem,
  Codelist,
  DiscretionBenchmark,
  DocumentForm,
  HolidayCalendar,
  LegalBasis,
  Matter,
  NamedCondition,
  Organisation,
  PackTestSuite,
  Parameter,
  Role,
  Workflow,
} from '@yifa/metamodel';
import { createRuleEnv, type RuleEnv } from './env.ts';
import type { Limits } from './limits.ts';

/** A pack's items by kind and code, as far as the rules need them. */
export interface RulePack {
  items: {
    discretion?: ReadonlyMap<string, DiscretionBenchmark>;
    workflow?: ReadonlyMap<string, Workflow>;
    alert?: ReadonlyMap<string, AlertRule>;
    assessment?: ReadonlyMap<string, AssessmentScheme>;
    condition?: ReadonlyMap<string, NamedCondition>;
    parameter?: ReadonlyMap<string, Parameter>;
    calendar?: ReadonlyMap<string, HolidayCalendar>;
    test?: ReadonlyMap<string, PackTestSuite>;
    matter?: ReadonlyMap<string, Matter>;
    document?: ReadonlyMap<string, DocumentForm>;
    role?: ReadonlyMap<string, Role>;
    'legal-basis'?: ReadonlyMap<string, LegalBasis>;
    organisation?: ReadonlyMap<string, Organisation>;
    'authority-item'?: ReadonlyMap<string, AuthorityItem>;
    codelist?: ReadonlyMap<string, Codelist>;
  };
}

type Items = RulePack['items'];
type ItemOf<K extends keyof Items> = NonNullable<Items[K]> extends ReadonlyMap<string, infer T> ? T : never;

/**
 * The rule environment of a pack: its parameters, named conditions, holiday calendars,
 * documents, role names, the fact labels of all its matters and the names of facts' values
 * (codelist entries, documents, workflow states).
 * @example const env = ruleEnvFromPack(resolved); decideDiscretion(benchmark, input, env)
 */
export function ruleEnvFromPack(pack: RulePack, limits?: Partial<Limits>): RuleEnv {
  const { items } = pack;
  return createRuleEnv({
    parameters: items.parameter?.values() ?? [],
    conditions: items.condition?.values() ?? [],
    calendars: items.calendar?.values() ?? [],
    documents: items.document?.values() ?? [],
    codelists: items.codelist?.values() ?? [],
    workflows: items.workflow?.values() ?? [],
    roles: items.role?.values() ?? [],
    legalBases: items['legal-basis']?.values() ?? [],
    organisations: items.organisation?.values() ?? [],
    facts: [...(items.matter?.values() ?? [])].flatMap((m) => m.facts ?? []),
    ...(limits ? { limits } : {}),
  });
}

/** A RulePack from lists of items (for tests and tools that hold items, not a resolved pack). */
export function rulePackOf(items: { [K in keyof Items]?: Iterable<ItemOf<K>> }): RulePack {
  const out: Record<string, ReadonlyMap<string, unknown>> = {};
  for (const [kind, list] of Object.entries(items) as [string, Iterable<{ code: string }> | undefined][]) {
    out[kind] = new Map([...(list ?? [])].map((item) => [item.code, item]));
  }
  return { items: out } as RulePack;
}
