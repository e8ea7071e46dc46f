import { type FactDefinition, platformFact } from '@yifa/metamodel';

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
