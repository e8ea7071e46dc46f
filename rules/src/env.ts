import type {
  Codelist,
  DocumentForm,
  FactDefinition,
  HolidayCalendar,
  LegalBasis,
  NamedCondition,
  Organisation,
  Parameter,
  Role,
  Workflow,
} from '@yifa/metamodel';
import { createWorkCalendar, type WorkCalendar } from './calendar.ts';
import { createLabels, createValueNames, type LabelLookup, type ValueNameLookup } from './labels.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { ParamOrigin } from './param-scope.ts';

/** A role as messages name it: its code and its names in the pack. */
export type RoleName = Pick<Role, 'code' | 'name' | 'nameEn'>;

/** An organisation as parameters need it: its names (an origin names it) and its parent (a case's path). */
export type OrgName = Pick<Organisation, 'code' | 'name' | 'shortName' | 'parent'>;

/**
 * What rules are compiled against: the pack's parameters, named conditions, fact labels,
 * holiday calendars, documents and role names, the limits, and a cache so each item compiles once.
 */
export interface RuleEnv {
  /** Parameters by code, each with the value in force where the environment stands (param-scope.ts). */
  readonly params: ReadonlyMap<string, Parameter>;
  /** Where each scoped parameter's value came from, in an environment made for a case's scope. */
  readonly paramOrigins: ReadonlyMap<string, ParamOrigin>;
  /** Organisations by code, for the origin of a value and a golden case's subject path. */
  readonly organisations: ReadonlyMap<string, OrgName>;
  readonly conditions: ReadonlyMap<string, NamedCondition>;
  readonly labels: LabelLookup;
  /** What an officer reads for a fact's values (a codelist entry's name, a document's, a state's), by fact. */
  readonly valueNames: ValueNameLookup;
  readonly calendar: WorkCalendar;
  readonly documents: ReadonlyMap<string, DocumentForm>;
  /** Roles by code, so refusals name a role as the pack does (法制审核人员, not legal-reviewer). */
  readonly roles: ReadonlyMap<string, RoleName>;
  /** Legal bases by code, so a case's facts can say whether it cites one known only in part. */
  readonly legalBases: ReadonlyMap<string, LegalBasis>;
  readonly limits: Readonly<Limits>;
  /** Compiled items by the item object. */
  readonly cache: WeakMap<object, unknown>;
}

/** The parts of a rule environment; all optional. */
export interface RuleEnvInput {
  parameters?: Iterable<Parameter>;
  conditions?: Iterable<NamedCondition>;
  calendars?: Iterable<HolidayCalendar>;
  /** Fact definitions (of matters) whose labels and units explanations use. */
  facts?: readonly FactDefinition[];
  documents?: Iterable<DocumentForm>;
  /** Codelists, whose entries name the values of facts declared with one (proposedPenalties: penalty-kinds). */
  codelists?: Iterable<Codelist>;
  /** Workflows, whose states name the values of the fact state. */
  workflows?: Iterable<Workflow>;
  roles?: Iterable<RoleName>;
  legalBases?: Iterable<LegalBasis>;
  organisations?: Iterable<OrgName>;
  limits?: Partial<Limits>;
}

/**
 * A rule environment.
 * @example const env = createRuleEnv({ parameters, conditions, calendars: [cn2026], facts: matter.facts });
 */
export function createRuleEnv(input: RuleEnvInput = {}): RuleEnv {
  const documents = byCode(input.documents);
  return {
    params: byCode(input.parameters),
    paramOrigins: new Map(),
    organisations: byCode(input.organisations),
    conditions: byCode(input.conditions),
    labels: createLabels(input.facts),
    valueNames: createValueNames({
      documents: documents.values(),
      ...(input.facts ? { facts: input.facts } : {}),
      ...(input.codelists ? { codelists: input.codelists } : {}),
      ...(input.workflows ? { workflows: input.workflows } : {}),
    }),
    calendar: createWorkCalendar([...(input.calendars ?? [])]),
    documents,
    roles: byCode(input.roles),
    legalBases: byCode(input.legalBases),
    limits: { ...DEFAULT_LIMITS, ...input.limits },
    cache: new WeakMap(),
  };
}

/** The compiled form of an item, made once per environment. */
export function cached<T>(env: RuleEnv, item: object, make: () => T): T {
  if (env.cache.has(item)) return env.cache.get(item) as T;
  const made = make();
  env.cache.set(item, made);
  return made;
}

function byCode<T extends { code: string }>(items: Iterable<T> | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) map.set(item.code, item);
  return map;
}
