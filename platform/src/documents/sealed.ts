/**
 * Document data at rest (个人信息保护法; 密评 存储机密性), as the case party is stored: the
 * `data` column holds a document's data with its personal values masked (pii.ts says which),
 * and `sealed_data` holds the values the masks replaced, SM4-sealed. So neither the database
 * file nor a backup shows a 身份证号, phone number or address in the clear, while `data` keeps
 * its shape (the case snapshot checks drafts for completeness from it). Reading a document
 * joins the values back; whether the reader then sees them is view.ts's decision.
 */
import type { DocumentForm } from '@yifa/metamodel';
import { openPii, sealPii } from '../crypto/pii.ts';
import type { DocumentRow } from '../db/schema.ts';
import { maskPersonalData, maskPersonalTexts } from './pii.ts';

/**
 * Where a masked value sits in the data (field name, then row index and column, or party key) and
 * its value; a free text with a masked piece in it is kept whole, so it reads back exactly as typed.
 */
type Patch = [path: (string | number)[], value: unknown][];

const isContainer = (v: unknown): v is Record<string | number, unknown> => typeof v === 'object' && v !== null;

/** The values of `original` that `masked` replaced, by path. */
function replaced(original: unknown, masked: unknown, path: (string | number)[] = []): Patch {
  if (original === masked) return [];
  if (isContainer(original) && isContainer(masked) && Array.isArray(original) === Array.isArray(masked))
    return Object.keys(original).flatMap((k) => {
      const key = Array.isArray(original) ? Number(k) : k;
      return replaced(original[key], masked[key], [...path, key]);
    });
  return [[path, original]];
}

/**
 * What a document's data is stored as: masked data, and the values the masks replaced sealed
 * (null when there are none).
 *
 * @example
 * sealData(form, { partyIdNumber: '120101199001011234' }) // { data: { partyIdNumber: '120101********1234' }, sealedData: 'sm4:…' }
 */
export function sealData(
  form: DocumentForm,
  data: Readonly<Record<string, unknown>>,
): { data: Record<string, unknown>; sealedData: string | null } {
  const masked = maskPersonalData(form, data);
  const patch = replaced(data, masked);
  return { data: masked, sealedData: patch.length > 0 ? sealPii(JSON.stringify(patch)) : null };
}

/** Puts patched values back into a copy of `root` (a path the value no longer has is skipped). */
function applyPatch<T>(root: T, patch: Patch): T {
  const box = { root: structuredClone(root) } as Record<string | number, unknown>;
  for (const [path, value] of patch) {
    const full = ['root', ...path];
    let at: unknown = box;
    for (const key of full.slice(0, -1)) at = isContainer(at) ? at[key] : undefined;
    const last = full[full.length - 1] as string | number;
    if (isContainer(at) && last in at) at[last] = value;
  }
  return box.root as T;
}

/** The data with the sealed values put back where they were (a path the data no longer has is skipped). */
export function openData(data: Readonly<Record<string, unknown>>, sealedData: string | null): Record<string, unknown> {
  if (!sealedData) return { ...data };
  return applyPatch(data as Record<string, unknown>, JSON.parse(openPii(sealedData)) as Patch);
}

/**
 * Free text outside documents (case facts, review comments, evidence names and notes, transition
 * reasons) stored the same way: the value with the personal data in its texts masked, and the
 * texts the masks changed sealed (null when none).
 *
 * @example
 * sealTexts({ reason: '电话13812345678' }) // { masked: { reason: '电话138****5678' }, sealed: 'sm4:…' }
 */
export function sealTexts<T>(value: T): { masked: T; sealed: string | null } {
  const masked = maskPersonalTexts(value);
  const patch = replaced(value, masked);
  return { masked, sealed: patch.length > 0 ? sealPii(JSON.stringify(patch)) : null };
}

/** A value stored by sealTexts whole again. */
export function openTexts<T>(masked: T, sealed: string | null): T {
  return sealed ? applyPatch(masked, JSON.parse(openPii(sealed)) as Patch) : masked;
}

/** A stored document row with its data and its correction reason whole again. */
export function openRow(row: DocumentRow): DocumentRow {
  const opened = row.sealedData ? { ...row, data: openData(row.data, row.sealedData) } : row;
  return row.sealedCorrectionReason
    ? { ...opened, correctionReason: openTexts(row.correctionReason, row.sealedCorrectionReason) }
    : opened;
}
