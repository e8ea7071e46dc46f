/**
 * What makes an issued document durable: the SM3 hash of the form definition it was filled
 * against (the template version) and the SM3 hash of its issued snapshot (its data, number and
 * the print context frozen with it). Reprinting checks both, so a document printed years later
 * is provably the one that was issued.
 */
import { createHash } from 'node:crypto';
import type { DocumentForm } from '@yifa/metamodel';
import { CHAIN_ALGORITHM } from '../audit/chain.ts';
import { canonicalJson } from '../canonical.ts';
import type { StoredPrintContext } from '../db/schema.ts';

const sm3 = (text: string) => createHash(CHAIN_ALGORITHM).update(text).digest('hex');
const formHashes = new WeakMap<DocumentForm, string>();

/**
 * The template version of a form: SM3 over its canonical JSON.
 *
 * @example
 * formHash(pack.items.document.get('penalty-decision')!) // '6f1c…' (64 hex digits)
 */
export function formHash(form: DocumentForm): string {
  let hash = formHashes.get(form);
  if (!hash) {
    hash = sm3(canonicalJson(form));
    formHashes.set(form, hash);
  }
  return hash;
}

/** What an issued document's hash covers. */
export interface DocumentSnapshot {
  form: string;
  version: number;
  number: string | null;
  data: Readonly<Record<string, unknown>>;
  formHash: string;
  issuedAt: string;
  /** The print context frozen at issue (documents issued before contexts were frozen have none). */
  print?: StoredPrintContext | null;
}

/**
 * The hash of an issued document: SM3 over the canonical JSON of its snapshot.
 *
 * @example
 * snapshotHash({ form: 'penalty-decision', version: 1, number: '津滨市监罚〔2026〕0001号', data, formHash, issuedAt })
 */
export function snapshotHash(s: DocumentSnapshot): string {
  return sm3(
    canonicalJson({
      form: s.form,
      version: s.version,
      number: s.number,
      data: s.data,
      formHash: s.formHash,
      issuedAt: s.issuedAt,
      ...(s.print ? { print: s.print } : {}),
    }),
  );
}
