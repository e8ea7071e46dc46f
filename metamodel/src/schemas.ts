/**
 * The JSON Schemas, loaded once into one ajv instance; each kind's validator is
 * compiled on first use and then reused for every item.
 */
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import alert from '../schemas/alert.schema.json' with { type: 'json' };
import assessment from '../schemas/assessment.schema.json' with { type: 'json' };
import authorityItem from '../schemas/authority-item.schema.json' with { type: 'json' };
import calendar from '../schemas/calendar.schema.json' with { type: 'json' };
import codelist from '../schemas/codelist.schema.json' with { type: 'json' };
import common from '../schemas/common.schema.json' with { type: 'json' };
import condition from '../schemas/condition.schema.json' with { type: 'json' };
import conditionItem from '../schemas/condition-item.schema.json' with { type: 'json' };
import discretion from '../schemas/discretion.schema.json' with { type: 'json' };
import document from '../schemas/document.schema.json' with { type: 'json' };
import expression from '../schemas/expression.schema.json' with { type: 'json' };
import legalBasis from '../schemas/legal-basis.schema.json' with { type: 'json' };
import matter from '../schemas/matter.schema.json' with { type: 'json' };
import organisation from '../schemas/organisation.schema.json' with { type: 'json' };
import overlay from '../schemas/overlay.schema.json' with { type: 'json' };
import manifest from '../schemas/pack-manifest.schema.json' with { type: 'json' };
import parameter from '../schemas/parameter.schema.json' with { type: 'json' };
import reportFormat from '../schemas/report-format.schema.json' with { type: 'json' };
import reviewChecklist from '../schemas/review-checklist.schema.json' with { type: 'json' };
import riskScheme from '../schemas/risk-scheme.schema.json' with { type: 'json' };
import role from '../schemas/role.schema.json' with { type: 'json' };
import test from '../schemas/test.schema.json' with { type: 'json' };
import workflow from '../schemas/workflow.schema.json' with { type: 'json' };
import type { ItemKind } from './kinds.ts';

const addFormats = formats as unknown as typeof formats.default;

/** Every schema, by file name. */
export const SCHEMAS: Readonly<Record<string, { $id: string }>> = {
  'common.schema.json': common,
  'expression.schema.json': expression,
  'condition.schema.json': condition,
  'pack-manifest.schema.json': manifest,
  'overlay.schema.json': overlay,
  'legal-basis.schema.json': legalBasis,
  'authority-item.schema.json': authorityItem,
  'matter.schema.json': matter,
  'document.schema.json': document,
  'workflow.schema.json': workflow,
  'discretion.schema.json': discretion,
  'assessment.schema.json': assessment,
  'alert.schema.json': alert,
  'role.schema.json': role,
  'organisation.schema.json': organisation,
  'condition-item.schema.json': conditionItem,
  'parameter.schema.json': parameter,
  'codelist.schema.json': codelist,
  'calendar.schema.json': calendar,
  'report-format.schema.json': reportFormat,
  'risk-scheme.schema.json': riskScheme,
  'review-checklist.schema.json': reviewChecklist,
  'test.schema.json': test,
};

const KIND_SCHEMA: Readonly<Record<ItemKind | 'manifest' | 'overlay', { $id: string }>> = {
  manifest,
  overlay,
  'legal-basis': legalBasis,
  'authority-item': authorityItem,
  matter,
  document,
  workflow,
  discretion,
  assessment,
  alert,
  role,
  organisation,
  condition: conditionItem,
  parameter,
  codelist,
  calendar,
  'report-format': reportFormat,
  'risk-scheme': riskScheme,
  'review-checklist': reviewChecklist,
  test,
};

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The shared ajv instance with every schema added (verbose, so errors carry their schema). */
export function schemaAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    addFormats(ajv, ['date', 'date-time']);
    for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  }
  return ajv;
}

/** The compiled validator of a kind (or of the manifest, or of an overlay element's directives), compiled once. */
export function validatorFor(kind: ItemKind | 'manifest' | 'overlay'): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    const found = schemaAjv().getSchema(KIND_SCHEMA[kind].$id);
    if (!found) throw new Error(`no schema for ${kind}`);
    v = found;
    compiled.set(kind, v);
  }
  return v;
}
