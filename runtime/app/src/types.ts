/**
 * The shapes of the platform's answers the app reads (the app may not import the platform's
 * code, so these mirror its routes: cases.ts, matters.ts, documents.ts, reviews.ts, attachments.ts).
 */
import type { PrintContext } from '@yifa/engine';
import type { Bilingual } from './api.ts';

/** A workflow state. */
export interface StateView {
  code: string;
  name: string;
  nameEn?: string | null;
  kind?: string;
  terminal?: boolean;
}

/** A legal basis with the text in force. */
export interface BasisView {
  code: string;
  law: string | null;
  level?: string;
  article: string | null;
  title?: string | null;
  text: string | null;
  effectiveFrom?: string | null;
  /** Parts not yet known or verified (article, text, effectiveFrom …); non-empty: shown 待核实. */
  unverified?: string[];
}

/** A codelist entry. */
export interface Entry {
  code: string;
  name: string;
  nameEn: string | null;
}

/** An amount of a benchmark: a number, or a pack expression the server does not evaluate here. */
export type Amount = number | Record<string, unknown>;

/** What an officer sees of a matter. */
export interface MatterView {
  code: string;
  name: string;
  nameEn: string | null;
  category: string;
  sector: Entry | null;
  cause: string;
  authorityItem: { code: string; name: string; nameEn?: string | null; powerType: Entry; legalReview: boolean } | null;
  legalBasis: { violated: BasisView[]; penalty: BasisView[] };
  penaltyKinds: Entry[];
  discretion: {
    code: string;
    name: string;
    nameEn?: string | null;
    version: { label: string; effectiveFrom: string; effectiveTo: string | null } | null;
    legalRange: { min: Amount; max: Amount; unit?: string } | null;
    tiers: {
      code: string;
      name: string;
      nameEn?: string | null;
      /** null for a tier without a fine (警告 alone). */
      fine: { min: Amount; max: Amount } | null;
      measures: string[];
      description: string | null;
    }[];
    noPenalty: { code: string; name: string; nameEn?: string | null; mandatory: boolean }[];
  } | null;
  workflow: { code: string; name: string; nameEn?: string | null };
  documents: { code: string; name: string; nameEn?: string | null; issued: boolean }[];
  keywords: string[];
  /** In a search's answer: the legal bases (codes) a word of the query was found in. */
  matchedBasis?: string[];
  /** Whether the user's subject may open a case of it (权责清单); the server refuses it otherwise. */
  allowed?: boolean;
  /** Why not, when not allowed. */
  refusal?: Bilingual | null;
  facts?: FactDefinitionView[];
}

/** A fact a case records. */
export interface FactDefinitionView {
  name: string;
  label: string;
  labelEn?: string;
  type: string;
  unit?: string;
  enum?: string[];
  /** English labels of the enum values, in the same order (the value stays the Chinese one). */
  enumEn?: string[];
  minimum?: number;
  maximum?: number;
  description?: string;
  required?: boolean;
  /** The documents whose issue records this fact: shown read-only, never typed. */
  setBy?: { code: string; name: string; nameEn: string }[];
  source: 'matter' | 'platform';
}

/** The party of a case. */
export interface PartyView {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  representative: string | null;
  masked: boolean;
}

/** A reason an action is refused. */
export interface RefusalView {
  code: string;
  message: Bilingual;
  detail?: Bilingual;
  params: Record<string, unknown>;
}

/** An action of the workflow from the case's state. */
export interface ActionView {
  action: string;
  /** The transition's name in both languages (the pack's name and nameEn). */
  name: Bilingual;
  to: StateView;
  reasonRequired: boolean;
  allowed: boolean;
  refusals?: RefusalView[];
}

/** A deadline of a case. */
export interface DeadlineView {
  code: string;
  name: string;
  nameEn?: string | null;
  due: string;
  daysLeft: number;
  status: 'running' | 'near' | 'overdue' | 'met' | 'missed' | string;
}

/** A document of a case, as listed. */
export interface DocumentRef {
  id: string;
  form: string;
  name?: string;
  nameEn?: string | null;
  version: number;
  status: 'draft' | 'issued';
  number: string | null;
  updatedAt: string;
  issuedAt: string | null;
}

/** A review of a case. */
export interface ReviewView {
  id: string;
  caseId: string;
  status: 'pending' | 'decided' | 'closed';
  requestedAt: string;
  dueDate: string | null;
  reviewer: { id: string; name: string } | null;
  opinion: 'agree' | 'disagree' | 'agree-after-change' | null;
  checklist: Record<string, boolean> | null;
  comment: string | null;
  decidedAt: string | null;
}

/** An event of the case's record. */
export interface TimelineEvent {
  seq: number;
  at: string;
  action: string;
  actor: { id: string; name: string };
  target: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** A case in full. */
export interface CaseDetail {
  id: string;
  number: string;
  category: string;
  state: StateView;
  states: StateView[];
  workflow: { code: string; name: string; nameEn?: string | null };
  matter: MatterView;
  subject: { code: string; name: string; type: string };
  packHash: string;
  party: PartyView;
  facts: Record<string, unknown>;
  violationDate: string | null;
  officers: { id: string; name: string; certificateValid: boolean }[];
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
  actions: { allowed: ActionView[]; refused: ActionView[] };
  deadlines: DeadlineView[];
  documents: DocumentRef[];
  reviews: ReviewView[];
  timeline: TimelineEvent[];
  /** The case this one concerns (a 复议 or 应诉 case's decision case), and the cases that concern it. */
  linkedCase: LinkView | null;
  linkedFrom: LinkView[];
}

/** A linked case as a case shows it: its id only when the user may read that case. */
export interface LinkView {
  id: string | null;
  number: string;
  matter: { code: string; name: string; nameEn?: string | null };
  state: { code: string; name: string; nameEn?: string | null };
  closed: boolean;
}

/** A case in a list. */
export interface CaseRow {
  id: string;
  number: string;
  matter: { code: string; name: string; nameEn?: string | null };
  state: StateView;
  subject: { code: string; name: string; nameEn?: string | null };
  party: PartyView;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
  nearestDeadline: (Omit<DeadlineView, 'status'> & { status: string }) | null;
}

/** A page of a list. */
export interface Page<T> {
  total: number;
  page?: number;
  pageSize?: number;
  items: T[];
}

/** An evidence file. */
export interface AttachmentView {
  id: string;
  caseId: string;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
  note: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

/** A field problem of a document. */
export interface DocProblem {
  path: string;
  field: string;
  code: string;
  message: Bilingual;
}

/** A document as the platform answers it. */
export interface DocumentView {
  id: string;
  caseId: string;
  caseNumber: string;
  form: { code: string; name: string; nameEn?: string | null; numbered: boolean; issued: boolean };
  version: number;
  status: 'draft' | 'issued';
  number: string | null;
  data: Record<string, unknown>;
  personalData: 'full' | 'masked';
  fields: Record<string, { visible: boolean; required: boolean; readOnly: boolean }>;
  missing: DocProblem[];
  problems: DocProblem[];
  formHash: string;
  hash: string | null;
  intact: boolean;
  supersedes: string | null;
  createdBy: string;
  updatedAt: string;
  issuedAt: string | null;
  issuedBy: string | null;
  /** Why this version corrects the one it supersedes (更正理由), masked as the data is for the reader. */
  correctionReason: string | null;
  /** The roles that issue (签发) the form, when the pack names them; null when any issuing role may. */
  issuers: { roles: string[]; names: { zh: string; en: string } } | null;
  /** Whether the reader's roles issue this form. */
  mayIssue: boolean;
  /** The fields the reader may change in this version now, as the server decides (its step, its sections, the reader's roles). */
  editableFields: string[];
  /** Why the reader can change nothing of this draft (not its step, a closed case, no permission); null otherwise. */
  notEditable: { zh: string; en: string } | null;
  /** The form's sections: each with its title, who fills it, its fields and whether it is the reader's. */
  parts: {
    code: string;
    title: { zh: string; en: string };
    filledBy: { zh: string; en: string };
    fields: string[];
    mine: boolean;
  }[];
  /** What the document prints with besides its data and number (an issued one's, frozen at issue). */
  print: Omit<PrintContext, 'citeBasis' | 'number'>;
}

/** A review in the queue, with what the reviewer checks. */
/** The document a review's opinion fills (GET /reviews, pending items): its form and what is entered so far. */
export interface ReviewDocumentView {
  form: string;
  name: string;
  nameEn: string;
  /** The fields the opinion fills (`source: review.*`): not entered on the page. */
  fromReview: string[];
  data: Record<string, unknown>;
}

export interface ReviewItem extends ReviewView {
  /** The document the opinion fills, for a pending review whose step has one. */
  document?: ReviewDocumentView | null;
  case: {
    id: string;
    number: string;
    state: StateView;
    subject: { code: string; name: string; nameEn?: string | null };
    matter: { code: string; name: string; nameEn?: string | null; cause: string };
    party: PartyView;
    violationDate: string | null;
    openedAt: string;
    proposedFine: number | null;
    proposedPenalties: string[];
    /** The proposed penalties with their names from the pack's codelist. */
    proposedPenaltyKinds: Entry[];
    /** An enumerated fact's English label of its value comes as valueEn. */
    facts: {
      name: string;
      label: string;
      labelEn?: string | null;
      value: unknown;
      valueEn?: string;
      unit?: string;
    }[];
    discretion: {
      outcome: string;
      /** fine is null for a tier of 警告 alone. */
      tier: {
        code: string;
        name: string;
        nameEn?: string | null;
        fine: { min: number | null; max: number | null } | null;
      } | null;
      noPenalty: { name: string; reason: string } | null;
      legalRange: { min: number | null; max: number | null };
      proposedFine: number | null;
      proposedFineOutsideTier: boolean | null;
      proposedFineOutsideLegalRange: boolean | null;
      explanation: Bilingual<string[]>;
    } | null;
    documents: (DocumentRef & { name: string })[];
    /** A fine outside its tier: as recorded with the officer's reason, or the proposal without one. */
    fineOutsideTier: FineOutsideTierView | null;
    version: number;
  };
}

/** A proposed fine outside its discretion tier, as the server recorded it. */
export interface FineOutsideTierView {
  fine: number;
  reason: string | null;
  recorded: boolean;
  /** fine is null for a tier of 警告 alone. */
  tier: {
    code: string;
    name: string;
    nameEn?: string | null;
    fine: { min: number | null; max: number | null } | null;
  } | null;
  noPenalty: string | null;
}

/** A case where I may act now (GET /tasks), with the actions allowed. */
export interface TaskView {
  id: string;
  number: string;
  version: number;
  matter: { code: string; name: string; nameEn?: string | null };
  state: StateView;
  subject: { code: string; name: string; nameEn?: string | null };
  party: { kind: 'person' | 'organisation'; name: string };
  nearestDeadline: (Omit<DeadlineView, 'status'> & { status: string }) | null;
  /** What I am to do next on the case, in the workflow's order (platform/src/tasks/steps.ts). */
  steps: TaskStepView[];
  /** The transitions I may take now that are next steps (never 撤销案件 and the like). */
  actions: Omit<ActionView, 'allowed' | 'refusals'>[];
}

/** One next step of a task: a transition, an approval on a form, a form to fill or issue, a review. */
export interface TaskStepView {
  kind: 'action' | 'approve' | 'fill' | 'issue' | 'review' | 'deadline';
  name: Bilingual;
  action?: string;
  document?: { code: string; name: Bilingual; id: string | null };
  /** The app's path where the step is done. */
  href: string;
}

/** My tasks: the most urgent first, up to the limit asked for. */
export interface TaskPage {
  total: number;
  /** Always false: every open case in scope is looked at (kept for older servers, which looked at 500). */
  truncated: boolean;
  limit: number;
  items: TaskView[];
}
