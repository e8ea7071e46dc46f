import { type Codelist, type FactDefinition, platformFact, type Workflow } from '@yifa/metamodel';
import type { Message } from './issues.ts';

/** How a fact is named in explanations, and its unit. */
export interface FactLabel {
  zh: string;
  en: string;
  unit?: string;
}

/** Finds the label of a fact by name. */
export type LabelLookup = (fact: string) => FactLabel;

/**
 * Labels from the matter's fact definitions, then the platform facts, else the name itself.
 * A dotted name whose first part is a platform fact (`daysSince.investigation`) takes that fact's label.
 * @example createLabels(matter.facts)('goodsValue') // { zh: '货值金额', en: 'goods value', unit: '元' }
 */
export function createLabels(facts: readonly FactDefinition[] = []): LabelLookup {
  const own = new Map<string, FactLabel>();
  for (const f of facts) {
    if (!own.has(f.name)) own.set(f.name, withUnit({ zh: f.label, en: f.labelEn ?? f.name }, f.unit));
  }
  const cache = new Map<string, FactLabel>();
  return (name) => {
    let label = cache.get(name);
    if (!label) {
      label = own.get(name) ??
        platformLabel(name) ??
        platformLabel(name.split('.')[0] ?? name) ?? { zh: name, en: name };
      cache.set(name, label);
    }
    return label;
  };
}

function platformLabel(name: string): FactLabel | undefined {
  const p = platformFact(name);
  return p ? withUnit({ zh: p.label, en: p.labelEn }, p.unit) : undefined;
}

function withUnit(label: FactLabel, unit: string | undefined): FactLabel {
  return unit ? { ...label, unit } : label;
}

/** What an officer reads for a fact's values, by value; undefined for a fact whose values are read as they are. */
export type ValueNameLookup = (fact: string) => ReadonlyMap<string, Message> | undefined;

/** Where the names of values come from: the pack's codelists, documents and workflow states, the matter's enumerated facts. */
export interface ValueNameSources {
  /** The matter's facts: an `enum` with `enumEn` names its values in English (一般 / Ordinary). */
  facts?: readonly FactDefinition[];
  codelists?: Iterable<Pick<Codelist, 'code' | 'entries'>>;
  documents?: Iterable<{ code: string; name: string; nameEn?: string }>;
  workflows?: Iterable<Pick<Workflow, 'states'>>;
}

/** Facts whose values are document codes. */
const DOCUMENT_FACTS = new Set(['documentsIssued', 'documentsCompleted']);

/**
 * The names of facts' values: a platform fact's entries of its codelist (proposedPenalties →
 * penalty-kinds: 降低资质等级 / Downgrading of qualification), its fixed value names (partyKind),
 * document names for documentsIssued/documentsCompleted, and state names for state (the first
 * workflow naming a state names it). Explanations show these; the trace keeps the codes.
 * @example createValueNames({ codelists })('proposedPenalties')?.get('revoke-licence') // { zh: '吊销许可证件', en: 'Revocation of a licence' }
 */
export function createValueNames(sources: ValueNameSources = {}): ValueNameLookup {
  const codelists = new Map<string, Map<string, Message>>();
  for (const list of sources.codelists ?? []) {
    codelists.set(list.code, named(list.entries ?? []));
  }
  const documents = named(sources.documents ?? []);
  const states = new Map<string, Message>();
  for (const w of sources.workflows ?? []) {
    for (const s of w.states ?? []) if (!states.has(s.code)) states.set(s.code, nameOf(s));
  }
  const enums = new Map<string, Map<string, Message>>();
  // A pack's matters may share a fact name: each value keeps the first name given to it.
  for (const f of sources.facts ?? []) {
    if (!f.enum || !f.enumEn) continue;
    const values = enums.get(f.name) ?? new Map<string, Message>();
    f.enum.forEach((v, i) => {
      if (!values.has(v)) values.set(v, { zh: v, en: f.enumEn?.[i] ?? v });
    });
    enums.set(f.name, values);
  }
  const cache = new Map<string, ReadonlyMap<string, Message> | undefined>();
  return (fact) => {
    if (cache.has(fact)) return cache.get(fact);
    // The matter's own enumerated fact first: its enumEn names its values.
    let names: ReadonlyMap<string, Message> | undefined = enums.get(fact);
    if (names) cache.set(fact, names);
    else if (fact === 'state') names = states.size ? states : undefined;
    else if (DOCUMENT_FACTS.has(fact)) names = documents.size ? documents : undefined;
    else {
      const p = platformFact(fact);
      if (p?.codelist) names = codelists.get(p.codelist);
      else if (p?.valueNames) names = new Map(Object.entries(p.valueNames));
    }
    cache.set(fact, names);
    return names;
  };
}

function nameOf(x: { name: string; nameEn?: string }): Message {
  return { zh: x.name, en: x.nameEn ?? x.name };
}

function named(items: Iterable<{ code: string; name: string; nameEn?: string }>): Map<string, Message> {
  const map = new Map<string, Message>();
  for (const x of items) if (!map.has(x.code)) map.set(x.code, nameOf(x));
  return map;
}
