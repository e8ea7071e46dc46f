/**
 * The document a legal review fills (法制审核意见书): the form of the case's legal-review state
 * whose fields take `review.*` sources, and the values the reviewer's opinion gives them — the
 * opinion, the comment, the checklist items, the reviewer and the dates — so the reviewer enters
 * the opinion once, on the review page, and never types it again into the document.
 */
import type { DocumentForm, Field } from '@yifa/metamodel';
import { legalDateOf } from '../time.ts';

/** The opinion in the words of the 法制审核意见书. */
export const OPINION_WORDS = { agree: '同意', 'agree-after-change': '修改后同意', disagree: '不同意' } as const;

/** What a review's opinion gives its document. */
export interface ReviewEntry {
  opinion: keyof typeof OPINION_WORDS;
  checklist: Readonly<Record<string, boolean>>;
  comment: string | null;
  reviewerName: string;
  requestedAt: string;
  decidedAt: string;
}

const REVIEW = 'review.';

/** Whether a field takes its value from the review. */
export const fromReview = (f: Field): boolean => f.source?.startsWith(REVIEW) ?? false;

/**
 * The form the review of a case in this state fills: the first of the state's documents with a
 * field sourced from the review, if any (a pack without such a form keeps its review apart).
 */
export function reviewFormOf(
  workflow: { states: readonly { code: string; documents?: string[] | undefined }[] },
  state: string,
  forms: ReadonlyMap<string, DocumentForm>,
): DocumentForm | undefined {
  for (const code of workflow.states.find((s) => s.code === state)?.documents ?? []) {
    const form = forms.get(code);
    if (form?.fields.some(fromReview)) return form;
  }
  return undefined;
}

/** The review's value for a `review.*` source, before it is fitted to a field. */
function sourceValue(source: string, r: ReviewEntry): unknown {
  const key = source.slice(REVIEW.length);
  if (key.startsWith('check.')) return r.checklist[key.slice('check.'.length)];
  switch (key) {
    case 'opinion':
      return OPINION_WORDS[r.opinion];
    case 'comment':
      return r.comment ?? undefined;
    case 'reviewer':
      return r.reviewerName;
    case 'requestedAt':
      return legalDateOf(r.requestedAt);
    case 'decidedAt':
      return legalDateOf(r.decidedAt);
    default:
      return undefined;
  }
}

/** A review value in the shape of the field, or undefined (the field then stays empty and is reported missing). */
function fit(field: Field, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') {
    if (field.type === 'boolean') return value;
    // A checklist item in a field of two options (符合 / 不符合): the first is the item holding.
    if (field.type === 'enum' && field.options?.length === 2) return value ? field.options[0] : field.options[1];
    return undefined;
  }
  if (field.type === 'enum') return field.options?.includes(String(value)) ? String(value) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The fields of the form the review fills, with the review's values (a field the review leaves
 * empty — a comment not given — is set to undefined, so no earlier value survives it).
 *
 * @example
 * reviewValues(opinionForm, { opinion: 'agree', checklist: { factsClear: true, … }, reviewerName: '孙审核', … })
 * // { opinion: '同意', factsClear: '符合', crimeSuspected: false, reviewer: '孙审核', reviewedAt: '2026-06-12', reasons: undefined, … }
 */
export function reviewValues(form: DocumentForm, r: ReviewEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of form.fields) if (f.source && fromReview(f)) out[f.name] = fit(f, sourceValue(f.source, r));
  return out;
}

/** Where the opinion's body carries a review-sourced field (for problems shown on the review page). */
export function bodyPointer(field: Field): string | undefined {
  const key = field.source?.startsWith(REVIEW) ? field.source.slice(REVIEW.length) : undefined;
  if (!key) return undefined;
  if (key.startsWith('check.')) return `/checklist/${key.slice('check.'.length)}`;
  return key === 'opinion' ? '/opinion' : key === 'comment' ? '/comment' : undefined;
}
