/**
 * The next steps of one case for one user (我的待办), decided from the pack: the workflow's
 * transitions out of the case's state that are tasks (a transition with `task: false` — 撤销案件,
 * 撤销立案, 终止 — is an exceptional action of the case's page, never a next step), the documents
 * those transitions need and who fills and issues them (a form's sections by role; a form without
 * sections by the case's officers; an issued form by its `issuedBy` roles, or in a decision step
 * by the roles that take the decision), and the legal review waiting for its opinion.
 */
import { type CaseSnapshot, checkDocument } from '@yifa/engine';
import type { DocumentForm, ResolvedPack, WorkflowTransition } from '@yifa/metamodel';
import type { RuleEnv } from '@yifa/rules';
import { openData } from '../documents/sealed.ts';
import type { ActionView } from './case-views.ts';

/** A thing to do on a case: its kind, its name (zh/en), what it concerns and where it is done. */
export interface TaskStep {
  /**
   * action: a transition the user may take now; approve: a transition that waits only on the
   * user's own part of a form (the head's 批准立案 on the 立案审批表); fill: a form (or the user's
   * part of it) to fill; issue: a completed form to issue (出具) or sign and issue (签发); review:
   * the 法制审核 waiting for the reviewer's opinion; deadline: a limit of the officer's own case
   * near or past while the case waits on someone else (法制审核, 负责人审批).
   */
  kind: 'action' | 'approve' | 'fill' | 'issue' | 'review' | 'deadline';
  name: { zh: string; en: string };
  /** The workflow action the step takes or prepares. */
  action?: string;
  /** The form the step fills or issues, and its latest version's id if it exists. */
  document?: { code: string; name: { zh: string; en: string }; id: string | null };
  /** The app's path where the step is done. */
  href: string;
}

/** What the steps are computed from: the case as loaded, and what the task query read with it. */
export interface StepInput {
  caseId: string;
  snapshot: CaseSnapshot;
  pack: ResolvedPack;
  env: RuleEnv;
  /** The user's role codes. */
  roles: readonly string[];
  /** Whether the user is one of the case's officers (承办人). */
  caseOfficer: boolean;
  /** Whether the user may act on the case at all (permission in its state, valid 执法证). */
  mayAct: boolean;
  /** Whether review.perform covers the case. */
  reviews: boolean;
  /** Whether the user holds document.issue (出具, 签发). */
  issues: boolean;
  /** The user's allowed and refused actions, as the case's page computes them. */
  actions: readonly ActionView[];
  /** The latest version's id of each form of the case. */
  documentIds: ReadonlyMap<string, string>;
  /** The stored versions of the case's documents (data as stored, personal values sealed). */
  documents: readonly StoredDocument[];
  pendingReview: string | null;
  /** The case's deadline closest to running out, if any. */
  deadline: { name: string; status: string; daysLeft: number } | null;
}

/** A document version as the task query read it. */
export interface StoredDocument {
  formCode: string;
  version: number;
  status: 'draft' | 'issued';
  data: Record<string, unknown>;
  sealed: string | null;
}

const fromOf = (t: WorkflowTransition) => (Array.isArray(t.from) ? t.from : [t.from]) as string[];

/**
 * The facts a guard requires to hold: its own fact, or those of its top-level `all` — not those
 * offered as alternatives (`any`: a written waiver instead of the period running out).
 */
function requiredFacts(cond: unknown): string[] {
  if (!cond || typeof cond !== 'object') return [];
  const c = cond as { fact?: unknown; all?: unknown };
  if (typeof c.fact === 'string') return [c.fact];
  return Array.isArray(c.all) ? c.all.flatMap(requiredFacts) : [];
}
const enOf = (zh: string, en: string | undefined) => en ?? zh;

/** The required fields still empty in the latest draft of a form; undefined when there is no draft. */
function missingFields(form: DocumentForm, input: StepInput): Set<string> | undefined {
  let latest: StoredDocument | undefined;
  for (const d of input.documents) if (d.formCode === form.code && (latest?.version ?? 0) < d.version) latest = d;
  if (latest?.status !== 'draft') return undefined;
  const check = checkDocument(form, openData(latest.data, latest.sealed), { facts: input.snapshot.facts }, input.env);
  return new Set(check.missing.map((m) => m.field));
}

/**
 * The roles whose part of a sectioned form is next: those of the first section with a required
 * field still empty (every section's, in order, when there is no draft yet); none when all are filled.
 */
function nextSectionRoles(form: DocumentForm, missing: Set<string> | undefined): readonly string[] {
  for (const section of form.sections ?? [])
    if (!missing || section.fields.some((f) => missing.has(f))) {
      // A section with no required field (承办机构负责人意见) never holds the form up.
      const required = form.fields.some((f) => section.fields.includes(f.name) && f.required);
      if (required) return section.roles;
    }
  return [];
}

/**
 * The next steps of the case for the user, in the workflow's order, without duplicates.
 *
 * @example
 * taskSteps({ caseId, snapshot, pack, env, roles: ['officer'], caseOfficer: true, mayAct: true, … })
 * // [{ kind: 'fill', name: { zh: '填写《立案审批表》', … }, document: { code: 'case-filing-approval', … }, href: '/cases/…' }]
 */
export function taskSteps(input: StepInput): TaskStep[] {
  if (!input.mayAct) return [];
  const { snapshot, pack, roles, caseId } = input;
  const { workflow } = snapshot;
  const state = workflow.states.find((s) => s.code === snapshot.state);
  if (!state || state.terminal) return [];
  const caseHref = `/cases/${caseId}`;
  const has = (list: readonly string[] | undefined) => (list ?? []).some((r) => roles.includes(r));
  const steps: TaskStep[] = [];
  const seen = new Set<string>();
  const push = (key: string, step: TaskStep) => {
    if (seen.has(key)) return;
    seen.add(key);
    steps.push(step);
  };

  // 法制审核: the reviewer's step is the opinion on the review page, which also takes the transition.
  const reviewing = state.kind === 'legal-review' && input.reviews && input.pendingReview !== null;
  if (reviewing)
    push('review', {
      kind: 'review',
      name: { zh: '出具法制审核意见', en: 'Give the legal review opinion' },
      href: `/reviews/${input.pendingReview}`,
    });

  const views = new Map(input.actions.map((a) => [a.action, a]));
  const tasks = workflow.transitions.filter((t) => t.task !== false && fromOf(t).includes(snapshot.state));
  for (const t of tasks) {
    const view = views.get(t.action);
    const name = { zh: t.name, en: enOf(t.name, t.nameEn) };
    if (view?.allowed && !reviewing)
      push(`action:${t.action}`, { kind: 'action', name, action: t.action, href: caseHref });
    // The reviewer fills the 法制审核意见书 on the review page, with the opinion: one step, not two.
    if (reviewing) continue;
    // The forms it needs, and the forms of the step whose issue records a fact its guard requires and
    // the case lacks (the 送达回证 recording that the party was told: 已告知陈述申辩权).
    const required = requiredFacts(t.when).filter(
      (f) => snapshot.facts[f] === undefined || snapshot.facts[f] === false,
    );
    const setters = (state.documents ?? []).filter((code) =>
      pack.items.document.get(code)?.sets?.some((x) => required.includes(x.fact)),
    );
    for (const code of [...(t.documents ?? []), ...setters]) {
      const form = pack.items.document.get(code);
      if (!form) continue;
      const status = snapshot.documents.find((d) => d.form === code)?.status;
      // Done: issued, or complete for an internal form — unless its issue (定稿) records facts.
      if (status === 'issued' || (status === 'complete' && !form.issued && !form.sets?.length)) continue;
      const id = input.documentIds.get(code) ?? null;
      const document = { code, name: { zh: form.name, en: enOf(form.name, form.nameEn) }, id };
      const docHref = id ? `/documents/${id}` : caseHref;
      if (status === 'complete') {
        // Complete and to be issued: by the roles the form names to issue it (签发, issuedBy), else in a
        // decision step by those who decide, else by the officers.
        const issuers = form.issuedBy ?? (state.kind === 'decision' ? t.roles : undefined);
        const mine = input.issues && (issuers ? has(issuers) : input.caseOfficer && has(state.roles ?? roles));
        if (mine) {
          const sign = issuers !== undefined;
          push(`issue:${code}`, {
            kind: 'issue',
            name: !form.issued
              ? { zh: `定稿《${form.name}》`, en: `Finalise the ${document.name.en}` }
              : sign
                ? { zh: `签发《${form.name}》`, en: `Sign and issue the ${document.name.en}` }
                : { zh: `出具《${form.name}》`, en: `Issue the ${document.name.en}` },
            action: t.action,
            document,
            href: docHref,
          });
        }
        continue;
      }
      if (form.sections?.length) {
        if (!has(nextSectionRoles(form, missingFields(form, input)))) continue;
        // The user's own part is what holds their own action up: approving is filling it.
        // (the form not complete, or its field the action reads — 同意立案 — not yet written).
        const onlyDocuments =
          view && !view.allowed && view.refusals.every((r) => r.code === 'documents' || r.code === 'document-field');
        if (onlyDocuments && id && has(t.roles))
          push(`approve:${t.action}`, { kind: 'approve', name, action: t.action, document, href: docHref });
        // Not the user's action (the officer's part before the head's approval), or not begun yet.
        else if (!has(t.roles) || !id) push(`fill:${code}`, fillStep(document, t.action, docHref));
        continue;
      }
      // A form without sections is the case officers' (承办人制作), in a step their roles work.
      if (input.caseOfficer && has(state.roles ?? roles) && state.kind !== 'legal-review')
        push(`fill:${code}`, fillStep(document, t.action, docHref));
    }
  }
  // Nothing for the officer to do now, but a limit of their case is near or past: they follow it up.
  const d = input.deadline;
  if (steps.length === 0 && input.caseOfficer && d && (d.status === 'near' || d.status === 'overdue'))
    steps.push({
      kind: 'deadline',
      name:
        d.status === 'overdue'
          ? { zh: `已逾期：${d.name}`, en: `Overdue: ${d.name}` }
          : {
              zh: `期限将至：${d.name}（剩${d.daysLeft}天）`,
              en: `Deadline near: ${d.name} (${d.daysLeft} days left)`,
            },
      href: caseHref,
    });
  return steps;
}

function fillStep(document: NonNullable<TaskStep['document']>, action: string, href: string): TaskStep {
  return {
    kind: 'fill',
    name: { zh: `填写《${document.name.zh}》`, en: `Fill in the ${document.name.en}` },
    action,
    document,
    href,
  };
}
