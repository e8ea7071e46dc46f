/**
 * The resolved pack: every layer applied, one item per kind and code, each with where
 * it came from and which of its fields a later layer overrode.
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
  PackManifest,
  PackTestSuite,
  Parameter,
  ReportFormat,
  ReviewChecklist,
  RiskScheme,
  Role,
  Workflow,
} from '../generated/types.ts';
import { ITEM_KINDS, type ItemKind } from '../kinds.ts';

/** The item type of each kind. */
export interface KindTypes {
  'legal-basis': LegalBasis;
  'authority-item': AuthorityItem;
  matter: Matter;
  document: DocumentForm;
  workflow: Workflow;
  discretion: DiscretionBenchmark;
  assessment: AssessmentScheme;
  alert: AlertRule;
  role: Role;
  organisation: Organisation;
  condition: NamedCondition;
  parameter: Parameter;
  codelist: Codelist;
  calendar: HolidayCalendar;
  'report-format': ReportFormat;
  'risk-scheme': RiskScheme;
  'review-checklist': ReviewChecklist;
  test: PackTestSuite;
}

/** Items by kind, each a map from code to item (in code order). */
export type PackItems = { readonly [K in ItemKind]: ReadonlyMap<string, KindTypes[K]> };

/**
 * Where an item came from: the layer that added it, and the layers that overrode it — for
 * each, the JSON pointers (into the resolved item) of the fields and elements it set, and
 * the keyed elements it removed (`/fields[name=x]`), which have no pointer any more.
 */
export interface ItemOrigin {
  pack: string;
  overrides: OverrideOrigin[];
}

/** What one layer's override of an item set and removed. */
export interface OverrideOrigin {
  pack: string;
  pointers: string[];
  /** Elements of keyed arrays the override removed (metamodel 2); absent when none. */
  removed?: string[];
}

/** One layer of the pack, base first. */
export interface LayerInfo {
  id: string;
  name: string;
  version: string;
}

/** A base item that a layer removed. */
export interface RemovedItem {
  kind: ItemKind;
  code: string;
  pack: string;
  reason: string;
}

/** A pack with all its layers applied. */
export interface ResolvedPack {
  /** The manifest of the top layer. */
  manifest: PackManifest;
  layers: LayerInfo[];
  items: PackItems;
  origins: { readonly [K in ItemKind]: ReadonlyMap<string, ItemOrigin> };
  removed: RemovedItem[];
}

/** Empty mutable item maps, one per kind. */
export function emptyItemMaps(): { [K in ItemKind]: Map<string, KindTypes[K]> } {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k.kind, new Map()])) as {
    [K in ItemKind]: Map<string, KindTypes[K]>;
  };
}

/** Empty mutable origin maps, one per kind. */
export function emptyOriginMaps(): { [K in ItemKind]: Map<string, ItemOrigin> } {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k.kind, new Map()])) as { [K in ItemKind]: Map<string, ItemOrigin> };
}

/** The item of a kind and code, if the pack has it. */
export function itemOf<K extends ItemKind>(pack: ResolvedPack, kind: K, code: string): KindTypes[K] | undefined {
  return pack.items[kind].get(code) as KindTypes[K] | undefined;
}
