/**
 * Personal data inside document data (个人信息保护法): the fields filled from the party's
 * 身份证号, phone or address, and those inside party fields, are masked for readers whose
 * role and scope do not cover personal data, and always in the audit log.
 */
import { maskId, maskPhone } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';

type Masker = (value: string) => string;

/** Masks an address: the first six characters stay, enough to tell the district. */
export function maskAddress(value: string): string {
  return value.length <= 6 ? '*'.repeat(value.length) : `${value.slice(0, 6)}****`;
}

const BY_SOURCE: Record<string, Masker> = {
  'party.idNumber': maskId,
  'party.phone': maskPhone,
  'party.address': maskAddress,
};
const PARTY_KEYS: Record<string, Masker> = { idNumber: maskId, phone: maskPhone, address: maskAddress };

const masked = (value: unknown, mask: Masker) => (typeof value === 'string' && value !== '' ? mask(value) : value);

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
    const bySource = f.source ? BY_SOURCE[f.source] : undefined;
    if (bySource) out[f.name] = masked(value, bySource);
    else if (f.type === 'party' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const party: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, mask] of Object.entries(PARTY_KEYS)) if (key in party) party[key] = masked(party[key], mask);
      out[f.name] = party;
    }
  }
  return out;
}
