/**
 * Personal data inside document data (个人信息保护法): which fields hold someone's
 * 身份证号, phone number or address, decided from the pack's own field definitions — fields
 * pre-filled from the party's (`source: party.idNumber|phone|address`), the inner values of
 * party fields, and fields nothing pre-fills whose title names such data (被询问人's
 * 身份证件号码, 联系电话 and 住址; a witness's 身份证件号码), table columns included. Fields
 * pre-filled from the subject or the case (the agency's address, the officers) are not personal.
 * These values are masked for readers whose role and scope do not cover personal data, always
 * in the audit log, and stored sealed (sealed.ts). Names are not among them: the party's name
 * is what cases are listed, searched and served by, and the case row holds it in the clear.
 */
import { maskId, maskPhone } from '@yifa/engine';
import type { DocumentForm, Field } from '@yifa/metamodel';

type Masker = (value: string) => string;

/** Masks an address: the first six characters stay, enough to tell the district. */
export function maskAddress(value: string): string {
  return value.length <= 6 ? '*'.repeat(value.length) : `${value.slice(0, 6)}****`;
}

/** Masks every identifier inside a text (runs of six or more letters and digits holding a digit). */
export function maskIdsIn(value: string): string {
  return value.replace(/[0-9A-Za-z]{6,}/g, (run) => (/\d/.test(run) ? maskId(run) : run));
}

const BY_SOURCE: Record<string, Masker> = {
  'party.idNumber': maskId,
  'party.phone': maskPhone,
  'party.address': maskAddress,
};
/** Titles of fields nothing pre-fills that hold personal data. */
const BY_TITLE: readonly [RegExp, Masker][] = [
  [/身份证|证件号码/, maskIdsIn],
  [/电话|手机/, maskPhone],
  [/住址|送达地址/, maskAddress],
];
const TEXTUAL = new Set<Field['type']>(['string', 'text', 'signature']);
const PARTY_KEYS: Record<string, Masker> = { idNumber: maskId, phone: maskPhone, address: maskAddress };

/** How a field's value is masked, if it holds personal data (party fields excepted: see PARTY_KEYS). */
export function personalMasker(f: Field): Masker | undefined {
  if (!TEXTUAL.has(f.type)) return undefined;
  if (f.source) return BY_SOURCE[f.source];
  return BY_TITLE.find(([title]) => title.test(f.title))?.[1];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const masked = (value: unknown, mask: Masker) => (typeof value === 'string' && value !== '' ? mask(value) : value);

/** A party field's value with its personal keys masked. */
function maskParty(value: Record<string, unknown>): Record<string, unknown> {
  const party = { ...value };
  for (const [key, mask] of Object.entries(PARTY_KEYS)) if (key in party) party[key] = masked(party[key], mask);
  return party;
}

/** A table's rows with their personal columns masked. */
function maskRows(f: Field, rows: unknown[]): unknown[] {
  const columns = (f.columns ?? []).flatMap((c) => {
    const mask = personalMasker(c);
    return mask ? [[c.name, mask] as const] : [];
  });
  if (columns.length === 0) return rows;
  return rows.map((row) => {
    if (!isObject(row)) return row;
    const out = { ...row };
    for (const [name, mask] of columns) if (name in out) out[name] = masked(out[name], mask);
    return out;
  });
}

/**
 * The data with its personal-data fields masked.
 *
 * @example
 * maskPersonalData(form, { partyIdNumber: '120101199001011234' }) // { partyIdNumber: '120101********1234' }
 */
export function maskPersonalData(form: DocumentForm, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const f of form.fields) {
    const value = out[f.name];
    if (value === undefined) continue;
    const mask = personalMasker(f);
    if (mask) out[f.name] = masked(value, mask);
    else if (f.type === 'party' && isObject(value)) out[f.name] = maskParty(value);
    else if (f.type === 'table' && Array.isArray(value)) out[f.name] = maskRows(f, value);
  }
  return out;
}
