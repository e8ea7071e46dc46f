/**
 * Documents (执法文书) of a case: list, create a draft pre-filled from the case, read with
 * its field states and what still blocks issuing, edit a draft, issue it (numbered and
 * hashed in one transaction), correct an issued one by a new version, and print it as the
 * official A4 HTML or a PDF. The form that renders a document also checks it here: the
 * client is never trusted, and an issued document is never changed.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { checkDocument, mayIssue, printHtml } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import type { Context } from 'hono';
import { requireCertificate } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { PRINT_CSP } from '../csp.ts';
import type { CaseRow, DocumentRow } from '../db/schema.ts';
import { checkedData, keepReadOnly } from '../documents/checks.ts';
import { type DocumentContext, documentContext } from '../documents/context.ts';
import { formHash } from '../documents/hash.ts';
import { issueInCase } from '../documents/issue-in-case.ts';
import { printPdf } from '../documents/pdf.ts';
import { maskPersonalData } from '../documents/pii.ts';
import { prefill } from '../documents/prefill.ts';
import { printDocument } from '../documents/print.ts';
import {
  documentEditing,
  issuersOf,
  requireEditableState,
  requireIssuer,
  requireOwnSections,
} from '../documents/procedure.ts';
import {
  documentFor,
  documentsOfCase,
  insertDraft,
  laterThan,
  latestVersion,
  updateDraft,
} from '../documents/store.ts';
import { documentView, mayEditDocuments, mayReadPersonalData, problem } from '../documents/view.ts';
import { AppError } from '../errors.ts';
import { caseFor } from '../storage/cases.ts';
import { refuseClosed } from '../storage/open-case.ts';
import { reasonOf, sealCorrectionReason } from '../storage/sealed-rows.ts';
import { loadCase } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { checkDocumentFine, FineReason } from './fine-outside-tier.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const Id = z.object({ id: z.string().min(1).max(100) }).strict();
/** Document data: field name → value; the form's own schema checks the values. */
const DocumentData = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/), z.unknown());
const NewDocument = z
  .object({
    form: z.string().min(1).max(100),
    data: DocumentData.optional(),
    /** Why a proposed fine lies outside its discretion tier (fine-outside-tier.ts). */
    fineOutsideTierReason: FineReason.optional(),
  })
  .strict()
  .openapi('NewDocument');
const DocumentUpdate = z
  .object({
    data: DocumentData,
    updatedAt: z.string().min(1).max(40).optional(),
    /** Why a proposed fine lies outside its discretion tier (fine-outside-tier.ts). */
    fineOutsideTierReason: FineReason.optional(),
  })
  .strict()
  .openapi('DocumentUpdate');

/** Why an issued document is corrected (更正理由): recorded with the new version and in the audit event. */
const Correction = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .openapi('DocumentCorrection');

type Ctx = Context<AppEnv>;
/** Today's legal date (in China, not UTC). */
const todayOf = (c: Ctx) => localDate(c.get('services').now());

/** The loaded case and its document context. */
async function contextOf(c: Ctx, row: CaseRow): Promise<DocumentContext> {
  const s = c.get('services');
  const today = todayOf(c);
  return documentContext(s.db, await loadCase(s.db, s.packs, row, today), today);
}

/** The form of a document in the case's pinned pack. */
function formOf(dc: DocumentContext, code: string): DocumentForm {
  const form = dc.loaded.pack.items.document.get(code);
  if (!form) throw new AppError('internal', { form: code, reason: 'form missing from the pinned pack' });
  return form;
}

/**
 * The document view for the requesting actor, with who issues it and whether the actor may, and
 * which fields the actor may edit now (the server's rules, so the page does not repeat them).
 */
async function viewFor(c: Ctx, form: DocumentForm, doc: DocumentRow, dc: DocumentContext) {
  const actor = c.get('actor');
  const db = c.get('services').db;
  const view = documentView(form, doc, dc, await mayReadPersonalData(db, actor, doc.caseId));
  const roles = actor.roles.map((r) => r.code);
  const editing = documentEditing(form, dc, actor, doc.status, await mayEditDocuments(db, actor, doc.caseId));
  return { ...view, issuers: issuersOf(dc.loaded.pack, form), mayIssue: mayIssue(form, roles), ...editing };
}

/** Names the PDF by form and number (or draft version), with an ASCII fallback. */
function contentDisposition(form: DocumentForm, doc: DocumentRow): string {
  const name = `${form.name}${doc.number ? `-${doc.number}` : `-第${doc.version}版草稿`}.pdf`;
  return `inline; filename="${form.code}-v${doc.version}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The document routes, mounted at /api/v1. */
export function documentRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}/documents',
      tags: ['documents'],
      summary: '案件文书 / documents of a case',
      request: { params: Id },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const row = await caseFor(s.db, c.get('actor'), c.req.valid('param').id, 'case.read');
      const pack = await s.packs.byHash(row.packHash);
      const docs = await documentsOfCase(s.db, row.id);
      const name = (code: string) => pack.items.document.get(code)?.name ?? code;
      const present = new Set(docs.map((d) => d.formCode));
      return c.json({
        documents: docs.map((d) => ({
          id: d.id,
          form: d.formCode,
          formName: name(d.formCode),
          version: d.version,
          status: d.status,
          number: d.number,
          supersedes: d.supersedes,
          updatedAt: d.updatedAt,
          issuedAt: d.issuedAt,
        })),
        // The matter's documents and those of the case's current step (a receipt, a waiver).
        lacking: [
          ...new Set([
            ...(pack.items.matter.get(row.matterCode)?.documents ?? []),
            ...(pack.items.workflow.get(row.workflowCode)?.states.find((st) => st.code === row.state)?.documents ?? []),
          ]),
        ]
          .filter((code) => !present.has(code))
          .map((code) => ({ form: code, formName: name(code) })),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/documents',
      tags: ['documents'],
      summary: '新建文书草稿 / create a draft document',
      request: { params: Id, body: json(NewDocument) },
      responses: { 201: { description: 'Created / 已创建' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const row = await caseFor(s.db, actor, c.req.valid('param').id, 'document.edit');
      requireCertificate(actor, todayOf(c));
      refuseClosed(row);
      const body = c.req.valid('json');
      const dc = await contextOf(c, row);
      // The matter's documents, and those its workflow's steps name (a step's receipt or waiver).
      const { matter, workflow } = dc.loaded.snapshot;
      const ofStep = workflow.states.some((st) => st.documents?.includes(body.form));
      if (!matter.documents.includes(body.form) && !ofStep) {
        const message = {
          zh: `本案事项不使用文书 ${body.form}`,
          en: `the case's matter has no document form ${body.form}`,
        };
        throw new AppError('validation', {
          problems: [{ path: '/form', field: 'form', code: 'unknown-form', message }],
        });
      }
      const form = formOf(dc, body.form);
      const existing = await latestVersion(s.db, row.id, form.code);
      if (existing)
        throw new AppError('document-exists', {
          document: existing.id,
          version: existing.version,
          status: existing.status,
        });
      requireEditableState(form, dc);
      const data = checkedData(form, prefill(form, body.data ?? {}, dc), dc);
      // What the case would pre-fill is nobody's entry; a value sent for another role's section is.
      requireOwnSections(form, dc, actor, checkedData(form, prefill(form, {}, dc), dc), data);
      await checkDocumentFine(c, dc, form, data, body.fineOutsideTierReason);
      const now = s.now().toISOString();
      const id = randomUUID();
      const fHash = formHash(form);
      const doc = await insertDraft(
        s.db,
        form,
        {
          id,
          caseId: row.id,
          formCode: form.code,
          version: 1,
          status: 'draft',
          data,
          formHash: fHash,
          createdBy: actor.user.id,
          updatedAt: now,
        },
        {
          actor: actor.user.id,
          action: 'document.create',
          caseId: row.id,
          target: id,
          after: { form: form.code, version: 1, formHash: fHash, data: maskPersonalData(form, data) },
        },
        now,
      );
      return c.json(await viewFor(c, form, doc, dc), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}',
      tags: ['documents'],
      summary: '文书详情 / a document',
      request: { params: Id },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const { doc, caseRow } = await documentFor(c.get('services').db, actor, c.req.valid('param').id, 'case.read');
      const dc = await contextOf(c, caseRow);
      return c.json(await viewFor(c, formOf(dc, doc.formCode), doc, dc));
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/documents/{id}',
      tags: ['documents'],
      summary: '修改文书草稿 / edit a draft',
      request: { params: Id, body: json(DocumentUpdate) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { doc, caseRow } = await documentFor(s.db, actor, c.req.valid('param').id, 'document.edit');
      requireCertificate(actor, todayOf(c));
      refuseClosed(caseRow);
      const body = c.req.valid('json');
      if (doc.status === 'issued') throw new AppError('document-issued', { document: doc.id, number: doc.number });
      if (body.updatedAt !== undefined && body.updatedAt !== doc.updatedAt)
        throw new AppError('conflict', { document: doc.id, updatedAt: doc.updatedAt });
      const dc = await contextOf(c, caseRow);
      const form = formOf(dc, doc.formCode);
      requireEditableState(form, dc);
      const data = checkedData(form, keepReadOnly(form, doc.data, body.data, dc), dc);
      requireOwnSections(form, dc, actor, doc.data, data);
      await checkDocumentFine(c, dc, form, data, body.fineOutsideTierReason);
      const at = laterThan(doc.updatedAt, s.now());
      const updated = await updateDraft(s.db, form, doc, data, at, {
        actor: actor.user.id,
        action: 'document.update',
        caseId: caseRow.id,
        target: doc.id,
        before: { data: maskPersonalData(form, doc.data) },
        after: { data: maskPersonalData(form, data) },
      });
      return c.json(await viewFor(c, form, updated, dc));
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/documents/{id}/issue',
      tags: ['documents'],
      summary: '出具文书（编号、定稿） / issue a document',
      request: { params: Id },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { doc, caseRow } = await documentFor(s.db, actor, c.req.valid('param').id, 'document.issue');
      requireCertificate(actor, todayOf(c));
      refuseClosed(caseRow);
      if (doc.status === 'issued') throw new AppError('document-issued', { document: doc.id, number: doc.number });
      const dc = await contextOf(c, caseRow);
      const form = formOf(dc, doc.formCode);
      // 签发: the roles the pack names issue (and number) the document, never the officer who drafted a decision.
      requireIssuer(form, dc, actor);
      requireEditableState(form, dc);
      const check = checkDocument(form, doc.data, dc.facts, dc.loaded.env);
      const blocking = [...check.problems, ...check.missing];
      if (blocking.length > 0)
        throw new AppError(
          'validation',
          { problems: blocking.map(problem), missing: check.missing.map((m) => m.field) },
          {
            zh: `文书不能出具：${blocking.map((p) => p.message.zh).join('；')}`,
            en: `the document cannot be issued: ${blocking.map((p) => p.message.en).join('; ')}`,
          },
        );
      await checkDocumentFine(c, dc, form, check.values);
      const issued = await issueInCase(s.db, dc, form, doc, check.values, {
        actor: actor.user.id,
        issuedAt: laterThan(doc.updatedAt, s.now()),
      });
      return c.json(await viewFor(c, form, issued, dc));
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/documents/{id}/correct',
      tags: ['documents'],
      summary: '更正已出具的文书（新建版本，须写明理由） / correct an issued document with a new version and a reason',
      request: { params: Id, body: json(Correction) },
      responses: { 201: { description: 'Created / 已创建' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { doc, caseRow } = await documentFor(s.db, actor, c.req.valid('param').id, 'document.edit');
      requireCertificate(actor, todayOf(c));
      refuseClosed(caseRow);
      if (doc.status === 'draft') throw new AppError('document-draft', { document: doc.id });
      const { reason } = c.req.valid('json');
      const latest = await latestVersion(s.db, caseRow.id, doc.formCode);
      if (latest && latest.version !== doc.version)
        throw new AppError('document-exists', { document: latest.id, version: latest.version, status: latest.status });
      const dc = await contextOf(c, caseRow);
      const form = formOf(dc, doc.formCode);
      const now = laterThan(doc.updatedAt, s.now());
      const id = randomUUID();
      const version = doc.version + 1;
      const created = await insertDraft(
        s.db,
        form,
        {
          id,
          caseId: caseRow.id,
          formCode: doc.formCode,
          version,
          status: 'draft',
          data: doc.data,
          formHash: formHash(form),
          supersedes: doc.id,
          // The reason may name the party or a phone number: stored masked, the original sealed.
          ...sealCorrectionReason(reason),
          createdBy: actor.user.id,
          updatedAt: now,
        },
        {
          actor: actor.user.id,
          action: 'document.correct',
          caseId: caseRow.id,
          target: id,
          before: { document: doc.id, version: doc.version, number: doc.number, hash: doc.hash },
          after: { document: id, version, supersedes: doc.id, ...reasonOf(reason) },
        },
        now,
      );
      return c.json(await viewFor(c, form, created, dc), 201);
    },
  );

  /** The resolved print layout of a document the actor may read. */
  const layoutOf = async (c: Ctx, id: string) => {
    const actor = c.get('actor');
    const { doc, caseRow } = await documentFor(c.get('services').db, actor, id, 'case.read');
    const dc = await contextOf(c, caseRow);
    const form = formOf(dc, doc.formCode);
    const personalData = await mayReadPersonalData(c.get('services').db, actor, caseRow.id);
    return { doc, form, layout: printDocument(form, doc, dc, { personalData }) };
  };

  r.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/print',
      tags: ['documents'],
      summary: '文书打印（A4 HTML） / the document as official A4 HTML',
      request: { params: Id },
      responses: { 200: { description: 'text/html' } },
    }),
    async (c) => {
      const { layout } = await layoutOf(c, c.req.valid('param').id);
      c.header('cache-control', 'no-store');
      c.header('content-security-policy', PRINT_CSP);
      return c.html(printHtml(layout));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/pdf',
      tags: ['documents'],
      summary: '文书 PDF / the document as PDF',
      request: { params: Id },
      responses: { 200: { description: 'application/pdf' } },
    }),
    async (c) => {
      const { doc, form, layout } = await layoutOf(c, c.req.valid('param').id);
      // An issued document prints with its issue date, so its PDF is the same bytes every time.
      const pdf = await printPdf(layout, doc.issuedAt ? new Date(doc.issuedAt) : c.get('services').now());
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(form, doc),
        'cache-control': 'no-store',
      });
    },
  );
  return r;
}
