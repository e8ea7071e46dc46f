/**
 * Facts the platform supplies about a market entity (市场主体) for a risk scheme's classes
 * (双随机、一公开). They are counted from the cases whose party has the entity's 统一社会信用代码:
 * cases of the scheme's inspection workflows and of its penalty workflows, over the last three
 * years and the last twelve months before the day classified.
 */
import type { PlatformFact } from './facts.ts';

const ENTITY = ['entity'] as const;

/** The entity facts, by name. */
export const ENTITY_FACTS: readonly PlatformFact[] = [
  {
    name: 'inspections3y',
    type: 'integer',
    scope: ENTITY,
    label: '近三年受检查次数',
    labelEn: 'inspections in the last three years',
    unit: '次',
  },
  {
    name: 'inspections12m',
    type: 'integer',
    scope: ENTITY,
    label: '近一年受检查次数',
    labelEn: 'inspections in the last twelve months',
    unit: '次',
  },
  {
    name: 'penaltyCases3y',
    type: 'integer',
    scope: ENTITY,
    label: '近三年被立案查处次数',
    labelEn: 'penalty cases in the last three years',
    unit: '次',
  },
  {
    name: 'penaltyCases12m',
    type: 'integer',
    scope: ENTITY,
    label: '近一年被立案查处次数',
    labelEn: 'penalty cases in the last twelve months',
    unit: '次',
  },
  { name: 'sector', type: 'string', scope: ENTITY, label: '行业领域', labelEn: 'sector', codelist: 'sectors' },
  { name: 'today', type: 'date', scope: ENTITY, label: '当日', labelEn: 'today' },
];

/** The names a risk class's condition may use. */
export const ENTITY_FACT_NAMES: ReadonlySet<string> = new Set(ENTITY_FACTS.map((f) => f.name));
