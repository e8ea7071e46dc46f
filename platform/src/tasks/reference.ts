/**
 * The next steps computed per request, case by case and user by user — what GET /api/v1/tasks did
 * before the steps were stored (tasks/refresh.ts, tasks/read.ts). No route uses it: it is the
 * reference the stored steps are tested against (read.test.ts), kept as it was.
 */

import type { CaseSnapshot } from '@yifa/engine';
import { caseDeadlines } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import type { RuleEnv } from '@yifa/rules';
import type { Actor } from '../auth/access.ts';
import { scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import type { ActionView } from '../routes/case-views.ts';
import { actionsFor, certified, dayOf, mayAct, nearestDeadline, stateOf } from '../routes/case-views.ts';
import { loadCase } from '../storage/snapshot.ts';
import { actionableCases } from '../storage/tasks.ts';
import { legalDateOf } from '../time.ts';
import {
  enOf,
  fillStep,
  fromOf,
  missingFields,
  nextSectionRoles,
  requiredFacts,
  type StoredDocument,
  type TaskStep,
} from './steps.ts';

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

/**
 * Every task of the actor, computed per request as the route did: each open case in scope loaded,
 * its guards judged for the actor, most urgent first (no limit).
 *
 * @example
 * await referenceTasks({ db, packs, now }, actor) // [{ id, number, steps, actions, … }]
 */
export async function referenceTasks(
  s: { db: Db; packs: { byHash(hash: string): Promise<ResolvedPack> }; now: () => Date },
  actor: Actor,
) {
  const today = dayOf(s.now());
  const found = await actionableCases(s.db, actor, { limit: 1_000_000 });
  const tasks = [];
  const roles = actor.roles.map((x) => x.code);
  const issues = scopeFor(actor, 'document.issue') !== undefined;
  for (const { row, around, covering, documentIds, pendingReview } of found) {
    const { env, snapshot, pack } = await loadCase(s.db, s.packs, row, today, around);
    const actions = actionsFor(snapshot, actor, covering, today, env);
    const deadline = nearestDeadline(
      caseDeadlines(snapshot.workflow, row.stateEntered, row.extensions, today, env, legalDateOf),
    );
    const steps = taskSteps({
      caseId: row.id,
      snapshot,
      pack,
      env,
      roles,
      caseOfficer: row.officers.includes(actor.user.id),
      mayAct: mayAct(snapshot.workflow, row.state, covering) && certified(actor, today),
      reviews: covering.includes('review.perform'),
      issues,
      actions,
      documentIds,
      documents: JSON.parse(around.docs) as StoredDocument[],
      pendingReview,
      deadline,
    });
    if (steps.length === 0) continue;
    tasks.push({
      id: row.id,
      number: row.number,
      version: row.version,
      matter: { code: row.matterCode, name: snapshot.matter.name, nameEn: snapshot.matter.nameEn ?? null },
      state: stateOf(snapshot.workflow, row.state),
      subject: { code: snapshot.subject.code, name: snapshot.subject.name },
      party: { kind: row.party.kind, name: row.party.name },
      nearestDeadline: deadline,
      steps,
      actions: actions
        .filter((a) => a.allowed && steps.some((x) => x.action === a.action))
        .map(({ action, name, to, reasonRequired }) => ({ action, name, to, reasonRequired })),
    });
  }
  tasks.sort((a, b) => {
    const da = a.nearestDeadline?.daysLeft ?? Number.POSITIVE_INFINITY;
    const db = b.nearestDeadline?.daysLeft ?? Number.POSITIVE_INFINITY;
    return da === db ? a.number.localeCompare(b.number) : da - db;
  });
  return tasks;
}
