/**
 * The platform's rule-bench and live-validation routes (#14), as the studio calls them:
 * `POST …/bench` (the facts an item reads; with `input`, its result, explanation and golden
 * case, on the copy with the edited item unsaved), `…/bench/golden` and `…/validate-draft`.
 */
import { type Bilingual, call, type WorkspaceIssue } from '../api.ts';

/** A fact the item reads, as the bench's form asks for it. */
export interface BenchFact {
  name: string;
  label: Bilingual;
  type: 'number' | 'integer' | 'string' | 'boolean' | 'date' | 'array';
  values?: string[];
  unit?: string;
  from: 'matter' | 'platform' | 'conditions';
}

/** What the bench is given. */
export interface BenchInput {
  facts?: Record<string, unknown>;
  violationDate?: string;
  proposedFine?: number;
  state?: string;
  roles?: string[];
  date?: string;
  today?: string;
  metrics?: Record<string, number>;
}

type Named = { code: string; name: string; nameEn?: string };

/** The platform's answer: what to ask for and, once evaluated, the result. */
export interface BenchAnswer {
  kind: string;
  code: string;
  facts?: BenchFact[];
  metrics?: string[];
  states?: Named[];
  start?: string;
  roles?: Named[];
  result?: Record<string, unknown>;
  explanation?: { zh: string[]; en: string[] };
  golden?: Record<string, unknown>;
  goldenProblems?: Bilingual[];
}

const base = (id: string) => `/studio/workspaces/${encodeURIComponent(id)}`;

export const benchApi = {
  bench: (id: string, body: { kind: string; code: string; value?: Record<string, unknown>; input?: BenchInput }) =>
    call<BenchAnswer>('POST', `${base(id)}/bench`, body),
  saveGolden: (id: string, golden: Record<string, unknown>, revision: number) =>
    call<{ revision: number; suite: string; index: number; file: string }>('POST', `${base(id)}/bench/golden`, {
      case: golden,
      revision,
    }),
  validateDraft: (id: string, kind: string, code: string, value: Record<string, unknown>) =>
    call<{ issues: WorkspaceIssue[]; item: WorkspaceIssue[]; ms: number }>('POST', `${base(id)}/validate-draft`, {
      kind,
      code,
      value,
    }),
};
