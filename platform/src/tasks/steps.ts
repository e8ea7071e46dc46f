/**
 * The next steps of one case for everyone at once (我的待办 as a read): the steps the pack gives
 * the case now — the workflow's transitions out of its state that are tasks (never `task: false`:
 * 撤销案件, 撤销立案, 终止), the forms they need and who fills and issues them (a form's sections
 * by role; a form without sections by the case's officers; an issued form by its `issuedBy` roles,
 * or in a decision step by the roles that decide), the 法制审核 waiting for its opinion — each with
 * who may take it, so that the read picks a user's steps with a condition on their roles, whether
 * they are the case's officer, hold document.issue, and review.perform covers the case.
 *
 * The guards are judged once, as if the user held every role the workflow names: a guard's only
 * reference to the user is the transition's `roles` (rules/src/guards.ts), which each step keeps
 * as its own condition. What depends on the day (the guards' dates, the parameters in force,
 * how near a deadline is) is judged for the day computed; the store recomputes each day.
 */
import { type CaseSnapshot, caseActions, checkDocument } from '@yifa/engine';
import type { DocumentForm, ResolvedPack, Workflow, WorkflowTransition } from '@yifa/metamodel';
import type { RuleEnv } from '@yifa/rules';
import { openData } from '../documents/sealed.ts';
import { stateOf } from '../routes/case-views.ts';

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

/** A step with who may take it (the columns of task_steps). */
export interface CandidateStep {
  /** Of the steps sharing a key, a user takes the first they may. */
  key: string;
  step: TaskStep;
  /** One of these roles (null: any role). */
  rolesAny: readonly string[] | null;
  /** And one of these (null: no further condition). */
  rolesAlso: readonly string[] | null;
  /** And none of these (null: no condition). */
  rolesNot: readonly string[] | null;
  /** Only a case officer (承办人). */
  officersOnly: boolean;
  /** Only a holder of document.issue. */
  needsIssue: boolean;
}

/** A transition the guards allow now, with the roles it needs (empty: anyone who may act). */
export interface AllowedAction {
  action: string;
  name: { zh: string; en: string };
  to: ReturnType<typeof stateOf>;
  reasonRequired: boolean;
  roles: readonly string[];
}

/** A document version as the task query reads it. */
export interface StoredDocument {
  formCode: string;
  version: number;
  status: 'draft' | 'issued';
  data: Record<string, unknown>;
  sealed: string | null;
}

/** What the candidates are computed from: the case as loaded, with what the query read beside it. */
export interface CaseInput {
  caseId: string;
  snapshot: CaseSnapshot;
  pack: ResolvedPack;
  env: RuleEnv;
  today: string;
  /** The latest version's id of each form of the case. */
  documentIds: ReadonlyMap<string, string>;
  /** The stored versions of the case's documents (data as stored, personal values sealed). */
  documents: readonly StoredDocument[];
  /** Its legal review waiting for an opinion, if any. */
  pendingReview: string | null;
}

export const fromOf = (t: WorkflowTransition) => (Array.isArray(t.from) ? t.from : [t.from]) as string[];

/**
 * The facts a guard requires to hold: its own fact, or those of its top-level `all` — not those
 * offered as alternatives (`any`: a written waiver instead of the period running out).
 */
export function requiredFacts(cond: unknown): string[] {
  if (!cond || typeof cond !== 'object') return [];
  const c = cond as { fact?: unknown; all?: unknown };
  if (typeof c.fact === 'string') return [c.fact];
  return Array.isArray(c.all) ? c.all.flatMap(requiredFacts) : [];
}
export const enOf = (zh: string, en: string | undefined) => en ?? zh;

/** The required fields still empty in the latest draft of a form; undefined when there is no draft. */
export function missingFields(
  form: DocumentForm,
  input: { documents: readonly StoredDocument[]; snapshot: CaseSnapshot; env: RuleEnv },
): Set<string> | undefined {
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
export function nextSectionRoles(form: DocumentForm, missing: Set<string> | undefined): readonly string[] {
  for (const section of form.sections ?? [])
    if (!missing || section.fields.some((f) => missing.has(f))) {
      // A section with no required field (承办机构负责人意见) never holds the form up.
      const required = form.fields.some((f) => section.fields.includes(f.name) && f.required);
      if (required) return section.roles;
    }
  return [];
}

/** Every role a workflow's transitions name: judged with all of them, a guard refuses on the case alone. */
function everyRole(workflow: Workflow): string[] {
  return [...new Set(workflow.transitions.flatMap((t) => t.roles ?? []))];
}

const nonEmpty = (list: readonly string[] | undefined) => (list?.length ? list : null);

export function fillStep(document: NonNullable<TaskStep['document']>, action: string, href: string): TaskStep {
  return {
    kind: 'fill',
    name: { zh: `填写《${document.name.zh}》`, en: `Fill in the ${document.name.en}` },
    action,
    document,
    href,
  };
}

/**
 * The case's candidate next steps in the workflow's order, and the transitions its guards allow.
 *
 * @example
 * candidateSteps({ caseId, snapshot, pack, env, today, documentIds, documents, pendingReview: null }).steps
 * // [{ key: 'fill:case-filing-approval', step: { kind: 'fill', … }, rolesAny: ['officer'], rolesNot: ['agency-head'], … }]
 */
export function candidateSteps(input: CaseInput): { steps: CandidateStep[]; actions: AllowedAction[] } {
  const { snapshot, pack, caseId } = input;
  const { workflow } = snapshot;
  const state = workflow.states.find((s) => s.code === snapshot.state);
  if (!state || state.terminal) return { steps: [], actions: [] };
  const caseHref = `/cases/${caseId}`;
  const steps: CandidateStep[] = [];
  const push = (key: string, step: TaskStep, who: Partial<Omit<CandidateStep, 'key' | 'step'>>) =>
    steps.push({
      rolesAny: null,
      rolesAlso: null,
      rolesNot: null,
      officersOnly: false,
      needsIssue: false,
      ...who,
      key,
      step,
    });

  // The guards as for a user with every role: what is refused then is refused to everyone.
  const report = caseActions(snapshot, everyRole(workflow), input.today, input.env);
  const rolesOf = (action: string) =>
    workflow.transitions.find((x) => x.action === action && fromOf(x).includes(snapshot.state))?.roles ?? [];
  const views = new Map(report.transitions.map((t) => [t.action, t]));
  const actions: AllowedAction[] = report.transitions
    .filter((t) => t.allowed)
    .map((t) => ({
      action: t.action,
      name: t.name,
      to: stateOf(workflow, t.to),
      reasonRequired: t.reasonRequired,
      roles: rolesOf(t.action),
    }));

  // 法制审核: the reviewer's step is the opinion on the review page, which also takes the transition;
  // a user review.perform covers has only this step (the read leaves the others out for them).
  if (state.kind === 'legal-review' && input.pendingReview !== null)
    push(
      'review',
      {
        kind: 'review',
        name: { zh: '出具法制审核意见', en: 'Give the legal review opinion' },
        href: `/reviews/${input.pendingReview}`,
      },
      {},
    );

  const tasks = workflow.transitions.filter((t) => t.task !== false && fromOf(t).includes(snapshot.state));
  for (const t of tasks) {
    const view = views.get(t.action);
    const name = { zh: t.name, en: enOf(t.name, t.nameEn) };
    if (view?.allowed)
      push(
        `action:${t.action}`,
        { kind: 'action', name, action: t.action, href: caseHref },
        { rolesAny: nonEmpty(rolesOf(t.action)) },
      );
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
        // decision step by those who decide, else by the officers in the roles the state names.
        const issuers = form.issuedBy ?? (state.kind === 'decision' ? t.roles : undefined);
        const sign = issuers !== undefined;
        push(
          `issue:${code}`,
          {
            kind: 'issue',
            name: !form.issued
              ? { zh: `定稿《${form.name}》`, en: `Finalise the ${document.name.en}` }
              : sign
                ? { zh: `签发《${form.name}》`, en: `Sign and issue the ${document.name.en}` }
                : { zh: `出具《${form.name}》`, en: `Issue the ${document.name.en}` },
            action: t.action,
            document,
            href: docHref,
          },
          { needsIssue: true, rolesAny: issuers ?? state.roles ?? null, officersOnly: !sign },
        );
        continue;
      }
      if (form.sections?.length) {
        const next = nextSectionRoles(form, missingFields(form, input));
        if (next.length === 0) continue;
        // The user's own part is what holds their own action up: approving is filling it (the form not
        // complete, or its field the action reads — 同意立案 — not yet written). To a user of the
        // action's roles the refusals are the guards' alone.
        const onlyDocuments =
          view && !view.allowed && view.refusals.every((r) => r.code === 'documents' || r.code === 'document-field');
        const deciders = nonEmpty(t.roles);
        if (onlyDocuments && id && deciders)
          push(
            `approve:${t.action}`,
            { kind: 'approve', name, action: t.action, document, href: docHref },
            {
              rolesAny: next,
              rolesAlso: deciders,
            },
          );
        // Not the user's action (the officer's part before the head's approval), or not begun yet.
        push(`fill:${code}`, fillStep(document, t.action, docHref), { rolesAny: next, rolesNot: id ? deciders : null });
        continue;
      }
      // A form without sections is the case officers' (承办人制作), in a step their roles work.
      if (state.kind !== 'legal-review')
        push(`fill:${code}`, fillStep(document, t.action, docHref), {
          officersOnly: true,
          rolesAny: state.roles ?? null,
        });
    }
  }
  return { steps, actions };
}
