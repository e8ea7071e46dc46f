/**
 * Giving a review opinion once (行政处罚法第五十八条): the opinion and checklist fill the review's
 * document (the 法制审核意见书, fields with `review.*` sources) with the document's other fields the
 * reviewer sends from the same page; the document is checked as issuing would check it, issued
 * if its form is issued, and the opinion takes the reviewer's transition the pack marks for it
 * (`reviewOpinion`): 审核同意 when it agrees, 退回补充调查 when it disagrees, with the comment as the
 * reason. The opinion, the document and the transition are written in one transaction: if any part
 * is refused, nothing is.
 */
import { randomUUID } from 'node:crypto';
import { checkDocument, takeAction } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import { eq } from 'drizzle-orm';
import { type Actor, requireCertificate } from '../auth/access.ts';
import type { Services } from '../context.ts';
import type { Db } from '../db/client.ts';
import { cases, type DocumentRow, type ReviewRow } from '../db/schema.ts';
import { type DocumentContext, documentContext } from '../documents/context.ts';
import { formHash } from '../documents/hash.ts';
import { issueInCase } from '../documents/issue-in-case.ts';
import { maskPersonalData } from '../documents/pii.ts';
import { prefill } from '../documents/prefill.ts';
import { requireEditableState, requireOwnSections } from '../documents/procedure.ts';
import { bodyPointer, fromReview, type ReviewEntry, reviewFormOf, reviewValues } from '../documents/review-document.ts';
import { insertDraft, laterThan, latestVersion, updateDraft } from '../documents/store.ts';
import { AppError } from '../errors.ts';
import { type Opinion, writeOpinion, writeTransition } from '../storage/case-write.ts';
import { openCaseRow } from '../storage/sealed-rows.ts';
import { type LoadedCase, loadCase } from '../storage/snapshot.ts';
import type { FieldProblem } from '../validation.ts';
import { refusalView, stateOf } from './case-views.ts';

/** The review document to write with the opinion, already checked. */
interface DocumentPlan {
  form: DocumentForm;
  dc: DocumentContext;
  latest: DocumentRow | undefined;
  values: Record<string, unknown>;
}

/** The review's document of a loaded case, if its state has one. */
export function reviewDocumentOf(l: LoadedCase): DocumentForm | undefined {
  return reviewFormOf(l.snapshot.workflow, l.snapshot.state, l.pack.items.document);
}

/** A field problem on the review page: a review-sourced field on the opinion's part, others on /document. */
function problemAt(form: DocumentForm, field: string, code: string, message: { zh: string; en: string }) {
  const f = form.fields.find((x) => x.name === field);
  const pointer = (f && bodyPointer(f)) ?? `/document/${field}`;
  return { path: pointer, field, code, message } satisfies FieldProblem & { field: string };
}

/**
 * The document data the opinion writes, checked: the draft's (or the case's pre-filled) values,
 * the reviewer's entries, then the review's values. Refuses (422) entries for fields the review
 * fills or the form lacks, and a document that could not be issued as it stands, naming each field.
 */
async function planDocument(
  s: Services,
  actor: Actor,
  l: LoadedCase,
  form: DocumentForm,
  entry: ReviewEntry,
  entered: Readonly<Record<string, unknown>>,
  today: string,
): Promise<DocumentPlan> {
  const dc = await documentContext(s.db, l, today);
  requireEditableState(form, dc);
  const bad: FieldProblem[] = [];
  for (const name of Object.keys(entered)) {
    const f = form.fields.find((x) => x.name === name);
    if (!f)
      bad.push({
        path: `/document/${name}`,
        code: 'unknown-field',
        message: { zh: `${form.name}没有栏目“${name}”`, en: `${form.nameEn ?? form.name} has no field "${name}"` },
      });
    else if (fromReview(f))
      bad.push({
        path: `/document/${name}`,
        code: 'filled-by-review',
        message: {
          zh: `${f.title}：由审核意见填写，不能另行填写`,
          en: `${f.titleEn ?? f.name}: filled from the review opinion, not entered separately`,
        },
      });
  }
  if (bad.length) throw new AppError('validation', { problems: bad }, bad.length === 1 ? bad[0]?.message : undefined);
  const latest = await latestVersion(s.db, l.row.id, form.code);
  // A draft goes on from its values; an issued version (an earlier review's) is superseded by a new one.
  const before = latest ? { ...latest.data } : prefill(form, {}, dc);
  const data = prefill(form, { ...before, ...entered, ...reviewValues(form, entry) }, dc);
  for (const [k, v] of Object.entries(data)) if (v === undefined) delete data[k];
  requireOwnSections(form, dc, actor, latest?.status === 'draft' ? latest.data : prefill(form, {}, dc), data);
  const check = checkDocument(form, data, dc.facts, dc.loaded.env);
  const problems = [...check.problems, ...check.missing].map((p) => {
    const f = form.fields.find((x) => x.name === p.field);
    const title = { zh: f?.title ?? p.field, en: f?.titleEn ?? p.field };
    const message =
      p.code === 'required'
        ? {
            zh: `${form.name}：“${title.zh}”必填`,
            en: `${form.nameEn ?? form.name}: "${title.en}" is required`,
          }
        : { zh: `${form.name}：${p.message.zh}`, en: `${form.nameEn ?? form.name}: ${p.message.en}` };
    return problemAt(form, p.field, p.code, message);
  });
  if (problems.length)
    throw new AppError(
      'validation',
      { problems, form: form.code },
      {
        zh: `审核意见未提交：${problems.map((p) => p.message.zh).join('；')}`,
        en: `the opinion was not given: ${problems.map((p) => p.message.en).join('; ')}`,
      },
    );
  return { form, dc, latest, values: check.values };
}

/** Writes the planned document in the opinion's transaction: a new draft (or version), or the draft updated; issued if the form is. */
async function writeDocument(db: Db, p: DocumentPlan, actor: Actor, reviewId: string, now: Date) {
  const { form, dc, latest, values } = p;
  const caseId = dc.loaded.row.id;
  let doc: DocumentRow;
  if (latest?.status === 'draft') {
    const at = laterThan(latest.updatedAt, now);
    doc = await updateDraft(db, form, latest, values, at, {
      actor: actor.user.id,
      action: 'document.update',
      caseId,
      target: latest.id,
      before: { data: maskPersonalData(form, latest.data) },
      after: { data: maskPersonalData(form, values), review: reviewId },
    });
  } else {
    const at = latest ? laterThan(latest.updatedAt, now) : now.toISOString();
    const id = randomUUID();
    const version = (latest?.version ?? 0) + 1;
    const fHash = formHash(form);
    doc = await insertDraft(
      db,
      form,
      {
        id,
        caseId,
        formCode: form.code,
        version,
        status: 'draft',
        data: values,
        formHash: fHash,
        ...(latest ? { supersedes: latest.id } : {}),
        createdBy: actor.user.id,
        updatedAt: at,
      },
      {
        actor: actor.user.id,
        action: 'document.create',
        caseId,
        target: id,
        after: {
          form: form.code,
          version,
          formHash: fHash,
          review: reviewId,
          ...(latest ? { supersedes: latest.id } : {}),
          data: maskPersonalData(form, values),
        },
      },
      at,
    );
  }
  if (!form.issued) return doc;
  return issueInCase(db, dc, form, doc, values, {
    actor: actor.user.id,
    issuedAt: laterThan(doc.updatedAt, now),
    review: reviewId,
  });
}

/**
 * The reviewer's transition the opinion completes, taken in its transaction: of the transitions
 * out of the case's state that the reviewer's roles may take and that the pack marks with the
 * opinion's `reviewOpinion` (agree: 审核同意; disagree: 退回补充调查, the comment as its reason), the
 * first the engine allows on the case as the opinion leaves it. A workflow that marks no agreeing
 * action has it found as before: the reviewer's actions that require the review's document. One
 * excluded by its `unless` (审核同意 of a case already notified: the head decides next) is not
 * taken; any other refusal refuses the opinion.
 */
async function takeReviewTransition(db: Db, s: Services, actor: Actor, o: Opinion, form: DocumentForm, today: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, o.caseId));
  if (!row) throw new AppError('not-found', { case: o.caseId });
  const { snapshot, env } = await loadCase(db, s.packs, openCaseRow(row), today);
  const roles = actor.roles.map((r) => r.code);
  const kind = o.opinion === 'disagree' ? 'disagree' : 'agree';
  const reviewers = snapshot.workflow.transitions.filter(
    (t) =>
      (typeof t.from === 'string' ? t.from === row.state : t.from.includes(row.state)) &&
      (t.roles ?? []).some((r) => roles.includes(r)),
  );
  const marked = reviewers.filter((t) => t.reviewOpinion === kind);
  const candidates =
    marked.length || kind === 'disagree' || reviewers.some((t) => t.reviewOpinion)
      ? marked
      : reviewers.filter((t) => (t.documents ?? []).includes(form.code));
  const at = o.at;
  for (const t of candidates) {
    const outcome = takeAction(snapshot, t.action, roles, at, env, today);
    if (!outcome.ok) {
      if (outcome.refusals.every((r) => r.code === 'unless')) continue;
      throw new AppError(
        'transition-refused',
        { action: t.action, refusals: outcome.refusals.map(refusalView) },
        {
          zh: `审核意见未提交：当前不能“${t.name}”：${outcome.refusals.map((x) => x.message.zh).join('；')}`,
          en: `the opinion was not given: "${t.nameEn ?? t.name}" is not allowed now: ${outcome.refusals.map((x) => x.message.en).join('; ')}`,
        },
      );
    }
    const { row: moved } = await writeTransition(db, {
      id: o.caseId,
      version: row.version,
      action: outcome.action,
      from: outcome.from,
      to: outcome.to,
      reason: kind === 'disagree' ? o.comment : null,
      stateEntered: outcome.stateEntered,
      extensions: outcome.extensions,
      terminal: outcome.terminal,
      leavesReview: stateOf(snapshot.workflow, outcome.from).kind === 'legal-review',
      opensReview: null,
      actorId: actor.user.id,
      at,
    });
    return {
      action: t.action,
      name: { zh: t.name, en: t.nameEn ?? t.name },
      state: stateOf(snapshot.workflow, moved.state),
    };
  }
  return null;
}

/** Everything an opinion writes, in one transaction; refused as a whole. */
export async function giveOpinion(
  s: Services,
  actor: Actor,
  l: LoadedCase,
  o: Opinion,
  review: ReviewRow,
  entered: Readonly<Record<string, unknown>>,
  today: string,
) {
  const now = new Date(o.at);
  const form = reviewDocumentOf(l);
  if (!form && Object.keys(entered).length)
    throw new AppError('validation', {
      problems: [
        {
          path: '/document',
          code: 'no-review-document',
          message: {
            zh: '本环节没有由审核意见填写的文书',
            en: 'this step has no document the review opinion fills',
          },
        },
      ],
    });
  const entry: ReviewEntry = {
    opinion: o.opinion,
    checklist: o.checklist,
    comment: o.comment,
    reviewerName: actor.user.displayName,
    requestedAt: review.requestedAt,
    decidedAt: o.at,
  };
  // Filling the document and taking the transition ask what the document and transition routes ask.
  if (form) requireCertificate(actor, today);
  const plan = form ? await planDocument(s, actor, l, form, entry, entered, today) : undefined;
  return s.db.transaction(async (tx) => {
    // The store's functions nest their transactions (savepoints) in this one.
    const db = tx as unknown as Db;
    const decided = await writeOpinion(db, o);
    const doc = plan ? await writeDocument(db, plan, actor, o.reviewId, now) : null;
    const transition = plan ? await takeReviewTransition(db, s, actor, o, plan.form, today) : null;
    return {
      decided,
      document: doc
        ? { id: doc.id, form: doc.formCode, version: doc.version, status: doc.status, number: doc.number }
        : null,
      transition,
    };
  });
}

/** What the review page shows of the review's document: its form, the fields the opinion fills, and its values so far. */
export async function reviewDocumentView(s: Services, l: LoadedCase, today: string, personalData: boolean) {
  const form = reviewDocumentOf(l);
  if (!form) return null;
  const latest = await latestVersion(s.db, l.row.id, form.code);
  const data =
    latest?.status === 'draft'
      ? latest.data
      : prefill(form, latest ? { ...latest.data } : {}, await documentContext(s.db, l, today));
  const shown = Object.fromEntries(
    Object.entries(data).filter(([k]) => !form.fields.find((f) => f.name === k && fromReview(f))),
  );
  return {
    form: form.code,
    name: form.name,
    nameEn: form.nameEn ?? form.name,
    fromReview: form.fields.filter(fromReview).map((f) => f.name),
    data: personalData ? shown : maskPersonalData(form, shown),
  };
}
