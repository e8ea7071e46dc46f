/**
 * Pre-filling a new document from its case: every empty field with a `source` (the party,
 * the subject, the matter, the case, a case fact, the discretion decision, today) takes the
 * case's value, then every field still empty takes its `default`. Values the officer sent are never replaced.
 * The party's 身份证号, phone and address are decrypted here, for the document only.
 */
import { discretionSourceValue } from '@yifa/engine';
import type { DocumentForm, Field } from '@yifa/metamodel';
import { cached, compileCondition, type DiscretionDecision, decideDiscretion } from '@yifa/rules';
import { openPii } from '../crypto/pii.ts';
import type { StoredParty } from '../db/schema.ts';
import { legalDateOf, localDate } from '../time.ts';
import type { DocumentContext } from './context.ts';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The discretion panel's results, read from these case facts when it has recorded them. */
const DISCRETION_FACTS: Record<string, string> = {
  tier: 'discretionTier',
  fineRange: 'discretionFineRange',
  explanation: 'discretionExplanation',
};

function partyValue(party: StoredParty, key: string): unknown {
  switch (key) {
    case 'name':
      return party.name;
    case 'kind':
      return party.kind;
    case 'idNumber':
      return party.idNumber ? openPii(party.idNumber) : undefined;
    case 'address':
      return party.address ? openPii(party.address) : undefined;
    case 'phone':
      return party.phone ? openPii(party.phone) : undefined;
    case 'representative':
      return party.representative;
    default:
      return undefined;
  }
}

const decisions = new WeakMap<DocumentContext, DiscretionDecision | null>();

/**
 * The discretion decision of the case, once per document context: the matter's benchmark on the
 * case's facts at the date of the violation (第三十七条); null without a benchmark, or when the
 * facts do not yet choose a tier or a no-penalty rule (the fields then stay for the officer).
 */
function decided(dc: DocumentContext): DiscretionDecision | null {
  const known = decisions.get(dc);
  if (known !== undefined) return known;
  const { snapshot, pack, env, row } = dc.loaded;
  const benchmark = snapshot.matter.discretion ? pack.items.discretion.get(snapshot.matter.discretion) : undefined;
  const facts = dc.facts.facts ?? {};
  const fine = facts.proposedFine;
  const result = benchmark
    ? decideDiscretion(
        benchmark,
        {
          ...dc.facts,
          facts,
          violationDate: row.violationDate ?? legalDateOf(row.openedAt),
          ...(typeof fine === 'number' ? { proposedFine: fine } : {}),
        },
        env,
      )
    : undefined;
  const decision = result?.ok && result.value.outcome !== 'undetermined' ? result.value : null;
  decisions.set(dc, decision);
  return decision;
}

/** The case's value for a field source, or undefined when the case has none. */
export function sourceValue(source: string, dc: DocumentContext): unknown {
  const { row, snapshot } = dc.loaded;
  if (source === 'today') return dc.today;
  if (source.startsWith('fact:')) return dc.facts.facts?.[source.slice('fact:'.length)];
  const [scope, key = ''] = source.split('.', 2);
  switch (scope) {
    case 'party':
      return partyValue(row.party, key);
    case 'org':
      return { name: dc.org.name, shortName: dc.org.shortName, address: dc.org.address }[key];
    case 'matter': {
      const m = snapshot.matter;
      return { name: m.name, cause: m.cause, violatedBasis: m.violatedBasis, penaltyBasis: m.penaltyBasis }[key];
    }
    case 'case':
      if (key === 'openedAt') return localDate(new Date(row.openedAt));
      return key === 'number' ? row.number : key === 'officers' ? dc.officers : undefined;
    case 'discretion': {
      // A value the case recorded wins; else the matter's benchmark decided on the case's facts,
      // as the officer's discretion panel decides it (nothing records the tier or the text).
      const recorded = dc.facts.facts?.[DISCRETION_FACTS[key] ?? ''];
      if (recorded !== undefined && recorded !== null) return recorded;
      const decision = decided(dc);
      const facts = dc.facts.facts ?? {};
      const reason = facts.fineOutsideTier === true ? facts.fineOutsideTierReason : undefined;
      return (
        decision &&
        discretionSourceValue(key, decision, typeof reason === 'string' ? reason : undefined, { cite: dc.citeBasis })
      );
    }
    default:
      return undefined;
  }
}

/**
 * The value of the field's first conditional default (`defaults`) whose condition holds over the
 * case's facts — what happened decides the text (a waiver, a statement made) — or undefined when
 * none holds or one cannot be decided (the plain `default` then applies).
 */
function conditionalDefault(form: DocumentForm, field: Field, dc: DocumentContext): unknown {
  const { env } = dc.loaded;
  for (const [i, d] of (field.defaults ?? []).entries()) {
    const compiled = cached(env, d.when, () =>
      compileCondition(d.when, env, { kind: 'document', code: form.code, part: `fields/${field.name}/defaults/${i}` }),
    );
    if (compiled.ok && compiled.value.test({ ...dc.facts, facts: dc.facts.facts ?? {} }) === 1) return d.value;
  }
  return undefined;
}

/** A source value in the shape the field stores, or undefined when it does not fit. */
function fit(field: Field, value: unknown, dc: DocumentContext): unknown {
  if (isEmpty(value)) return undefined;
  switch (field.type) {
    case 'string':
    case 'text':
    case 'signature':
    case 'enum':
      if (Array.isArray(value))
        return field.source?.endsWith('Basis')
          ? value.map((c) => dc.citeBasis(String(c))).join('；')
          : value.join('、');
      return typeof value === 'object' ? undefined : String(value);
    case 'date':
      return typeof value === 'string' ? legalDateOf(value) : undefined;
    case 'datetime':
      return typeof value === 'string' && value.length > 10 ? value : undefined;
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'legal-basis':
    case 'multi-enum':
    case 'attachment':
      return Array.isArray(value) ? [...value] : undefined;
    default:
      return undefined;
  }
}

/**
 * The data of a new document: what was sent, with empty fields taken from their sources and
 * then their defaults.
 *
 * @example
 * prefill(form, { facts: '……' }, dc) // { facts: '……', partyName: '天津某某餐饮有限公司', orgName: '…', decidedAt: '2026-03-15', … }
 */
export function prefill(
  form: DocumentForm,
  data: Readonly<Record<string, unknown>>,
  dc: DocumentContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const f of form.fields) {
    if (!isEmpty(out[f.name])) continue;
    const value = f.source ? fit(f, sourceValue(f.source, dc), dc) : undefined;
    if (value !== undefined) out[f.name] = value;
    else {
      const fallback = conditionalDefault(form, f, dc) ?? f.default;
      if (fallback !== undefined) out[f.name] = fallback;
    }
  }
  return out;
}
