/**
 * Personal data inside document data (个人信息保护法): which fields hold someone's
 * 身份证号, phone number or address, decided from the pack's own field definitions — fields
 * pre-filled from the party's (`source: party.idNumber|phone|address`), the inner values of
 * party fields, and fields nothing pre-fills whose title names such data (被询问人's
 * 身份证件号码, 联系电话 and 住址; a witness's 身份证件号码), table columns included. Fields
 * pre-filled from the subject or the case (the agency's address, the officers) are not personal.
 * Other textual fields are free text (检查情况, 询问记录, notes, table cells): in these, what
 * the officer typed of someone's 身份证号, mobile number or address (findPersonalData) is masked
 * in place with the same masks, so the rest of the text stays readable. Fields pre-filled from
 * the subject (`org.*`) are the agency's own, published data and are not scanned.
 * These values are masked for readers whose role and scope do not cover personal data, always
 * in the audit log, and stored sealed (sealed.ts). Names are not among them: the party's name
 * is what cases are listed, searched and served by, and the case row holds it in the clear.
 */
import { findPersonalData, maskId, maskPhone, type PersonalSpan } from '@yifa/engine';
import type { DocumentForm, Field } from '@yifa/metamodel';

type Masker = (value: string) => string;

/** Masks an address: the first six characters (province, city, district) stay, counted by code point. */
export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}****`;
}

/** Masks every identifier inside a text (runs of six or more letters and digits holding a digit). */
export function maskIdsIn(value: string): string {
  return value.replace(/[0-9A-Za-z]{6,}/g, (run) => (/\d/.test(run) ? maskId(run) : run));
}

const BY_KIND: Record<PersonalSpan['kind'], Masker> = { id: maskId, phone: maskPhone, address: maskAddress };

/**
 * Masks the 身份证号, mobile numbers and addresses inside a free text, each as the party's own
 * would be, and leaves the rest of the text as it is.
 *
 * @example
 * maskPersonalText('联系电话13812345678。') // '联系电话138****5678。'
 */
export function maskPersonalText(value: string): string {
  let out = '';
  let at = 0;
  for (const span of findPersonalData(value)) {
    out += value.slice(at, span.start) + BY_KIND[span.kind](value.slice(span.start, span.end));
    at = span.end;
  }
  return out + value.slice(at);
}

/**
 * A JSON value with the personal data inside each of its texts masked: what an audit event
 * records of free text outside documents (facts, reasons, comments, file names).
 *
 * @example
 * maskPersonalTexts({ reason: '电话13812345678', fine: 5000 }) // { reason: '电话138****5678', fine: 5000 }
 */
export function maskPersonalTexts<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalText(value) as T;
  if (Array.isArray(value)) return value.map(maskPersonalTexts) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalTexts(v)])) as T;
  return value;
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
const FREE_TEXT = new Set<Field['type']>(['string', 'text']);
const PARTY_KEYS: Record<string, Masker> = { idNumber: maskId, phone: maskPhone, address: maskAddress };

/** How a field's value is masked, if it holds personal data (party fields excepted: see PARTY_KEYS). */
export function personalMasker(f: Field): Masker | undefined {
  if (!TEXTUAL.has(f.type)) return undefined;
  if (f.source) return BY_SOURCE[f.source];
  return BY_TITLE.find(([title]) => title.test(f.title))?.[1];
}

/** How a field's value is masked: whole if it holds personal data, else the personal data inside free text. */
function fieldMasker(f: Field): Masker | undefined {
  const personal = personalMasker(f);
  if (personal) return personal;
  return FREE_TEXT.has(f.type) && !f.source?.startsWith('org.') ? maskPersonalText : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const masked = (value: unknown, mask: Masker) => (typeof value === 'string' && value !== '' ? mask(value) : value);

/** A party field's value with its personal keys masked. */
function maskParty(value: Record<string, unknown>): Record<string, unknown> {
  const party = { ...value };
  for (const [key, mask] of Object.entries(PARTY_KEYS)) if (key in party) party[key] = masked(party[key], mask);
  return party;
}

/** A table's rows with their personal columns masked, and the personal data in their free-text cells. */
function maskRows(f: Field, rows: unknown[]): unknown[] {
  const columns = (f.columns ?? []).flatMap((c) => {
    const mask = fieldMasker(c);
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
 * The data with its personal-data fields masked, and the personal data inside its free text.
 *
 * @example
 * maskPersonalData(form, { partyIdNumber: '120101199001011234' }) // { partyIdNumber: '120101********1234' }
 */
export function maskPersonalData(form: DocumentForm, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const f of form.fields) {
    const value = out[f.name];
    if (value === undefined) continue;
    const mask = fieldMasker(f);
    if (mask) out[f.name] = masked(value, mask);
    else if (f.type === 'party' && isObject(value)) out[f.name] = maskParty(value);
    else if (f.type === 'table' && Array.isArray(value)) out[f.name] = maskRows(f, value);
  }
  return out;
}
