/**
 * Evidence attachments of a case: upload a file as the raw request body (its type checked
 * against its magic bytes, at most 20 MB), list a case's files with their hashes, and
 * download one, its bytes re-hashed before they are sent.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requireCertificate } from '../auth/access.ts';
import { attachmentFor, attachmentsOfCase, insertAttachment } from '../documents/attachments.ts';
import { EVIDENCE_LIMIT, EVIDENCE_TYPES, evidenceType, readEvidence, storeEvidence } from '../documents/evidence.ts';
import { maskPersonalText } from '../documents/pii.ts';
import { mayReadPersonalData } from '../documents/view.ts';
import { AppError } from '../errors.ts';
import { caseFor } from '../storage/cases.ts';
import { refuseClosed } from '../storage/open-case.ts';
import { localDate } from '../time.ts';
import { plainText } from '../validation.ts';
import { OK as ok, router } from './router.ts';

/** Paths of the upload route under the app, which applies EVIDENCE_LIMIT instead of JSON_LIMIT. */
export const UPLOAD_PATH = /^\/api\/v1\/cases\/[^/]+\/attachments$/;

const Id = z.object({ id: z.string().min(1).max(100) }).strict();

const UploadQuery = z
  .object({
    // No control or bidirectional characters: “报告\u202Efdp.exe” would list as “报告exe.pdf”.
    filename: plainText(z.string().min(1).max(255)).refine((s) => !/[/\\]/.test(s), {
      params: {
        code: 'path-separator',
        message: { zh: '文件名不能包含路径分隔符', en: 'the file name may not contain path separators' },
      },
    }),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi('AttachmentUpload');

/** The upload limit, applied by the route itself, after the session check. */
const evidenceLimit = bodyLimit({
  maxSize: EVIDENCE_LIMIT,
  onError: () => {
    throw new AppError('too-large', { limit: EVIDENCE_LIMIT });
  },
});

/** A Content-Disposition naming the file, with an ASCII fallback for old clients. */
function disposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** An attachment as listed; a reader who sees masked data sees the personal data in its name and note masked. */
const listed = (a: Awaited<ReturnType<typeof attachmentsOfCase>>[number], full: boolean) => ({
  id: a.id,
  caseId: a.caseId,
  sha256: a.sha256,
  size: a.size,
  mime: a.mime,
  filename: full ? a.filename : maskPersonalText(a.filename),
  note: full || a.note === null ? a.note : maskPersonalText(a.note),
  uploadedBy: a.uploadedBy,
  uploadedAt: a.uploadedAt,
});

/** The attachment routes, mounted at /api/v1. */
export function attachmentRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/attachments',
      tags: ['attachments'],
      summary: '上传证据材料 / upload evidence (the raw file as the body)',
      middleware: [evidenceLimit],
      request: {
        params: Id,
        query: UploadQuery,
        body: {
          required: true,
          content: Object.fromEntries(
            EVIDENCE_TYPES.map((t) => [t, { schema: z.string().openapi({ type: 'string', format: 'binary' }) }]),
          ),
        },
      },
      responses: { 201: { description: 'Created / 已上传' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const row = await caseFor(s.db, actor, c.req.valid('param').id, 'evidence.upload');
      const now = s.now().toISOString();
      requireCertificate(actor, localDate(s.now()));
      // A closed case is refused before its body is read and its file stored.
      refuseClosed(row);
      const { filename, note } = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new AppError('bad-request', { size: 0 }, { zh: '上传的文件为空', en: 'the uploaded file is empty' });
      const mime = evidenceType(c.req.header('content-type'), bytes);
      const sha256 = await storeEvidence(s.filesDir, bytes);
      const id = randomUUID();
      const created = await insertAttachment(
        s.db,
        {
          id,
          caseId: row.id,
          sha256,
          size: bytes.length,
          mime,
          filename,
          note: note ?? null,
          uploadedBy: actor.user.id,
          uploadedAt: now,
        },
        {
          actor: actor.user.id,
          action: 'attachment.add',
          caseId: row.id,
          target: id,
          after: { sha256, size: bytes.length, mime, filename: maskPersonalText(filename) },
        },
        now,
      );
      return c.json(listed(created, true), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}/attachments',
      tags: ['attachments'],
      summary: '案件证据材料 / evidence of a case',
      request: { params: Id },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const row = await caseFor(s.db, c.get('actor'), c.req.valid('param').id, 'case.read');
      const full = await mayReadPersonalData(s.db, c.get('actor'), row.id);
      return c.json({ attachments: (await attachmentsOfCase(s.db, row.id)).map((a) => listed(a, full)) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/attachments/{id}',
      tags: ['attachments'],
      summary: '下载证据材料（校验哈希） / download evidence (hash verified)',
      request: { params: Id },
      responses: { 200: { description: 'the file / 文件' } },
    }),
    async (c) => {
      const s = c.get('services');
      const a = await attachmentFor(s.db, c.get('actor'), c.req.valid('param').id, 'case.read');
      const bytes = await readEvidence(s.filesDir, a.sha256);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': a.mime,
        'content-disposition': disposition(a.filename),
        'cache-control': 'no-store',
        etag: `"${a.sha256}"`,
      });
    },
  );
  return r;
}
