/**
 * The audit administrator (安全审计员, 三员分立): searches the audit chain by person, case, action
 * and time, newest first; exports what it found as .xlsx (the export is itself an audit event);
 * verifies the chain against its last signed checkpoint with the same code as `yifa audit verify`;
 * sees that checkpoint. Nothing else is written. audit.read (search, export, checkpoint) and
 * audit.verify (verify) over the whole log: a role granting them over less than `all` is refused,
 * since the log is the whole copy's.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { appendEvent, verifyChain } from '../audit/chain.ts';
import { checkpointSettings, readAnchor } from '../audit/checkpoint.ts';
import { auditWorkbook, type ExportFilterLine } from '../audit/export-xlsx.ts';
import { ACTION_FILTER, type AuditFilters, auditActions, auditCount, auditEntries } from '../audit/search.ts';
import { type Permission, requirePermission } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { databaseUrlFrom } from '../home.ts';
import { OK as ok, router } from './router.ts';

/** Most events one export holds (newest first); the sheet says when more matched. */
export const AUDIT_EXPORT_ROWS = 50_000;

const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), {
    params: {
      code: 'instant',
      message: {
        zh: '应为带时区的 ISO 时间，如 2026-12-01T00:00:00+08:00',
        en: 'an ISO time with its zone, e.g. 2026-12-01T00:00:00+08:00',
      },
    },
  });

const filterFields = {
  person: z.string().trim().min(1).max(100).optional(),
  case: z.string().trim().min(1).max(100).optional(),
  action: z
    .string()
    .trim()
    .max(100)
    .refine((s) => ACTION_FILTER.test(s), {
      params: {
        code: 'action',
        message: {
          zh: '动作应如 user.create，或以 .* 结尾表示一组（user.*）',
          en: 'an action such as user.create, or a group ending in .* (user.*)',
        },
      },
    })
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
};

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const rangeProblem = {
  path: ['to'],
  params: {
    code: 'range',
    message: { zh: '结束时间应晚于开始时间', en: 'the end of the time range comes after its start' },
  },
};

const EventQuery = z
  .object({
    ...filterFields,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine(fromBeforeTo, rangeProblem)
  .openapi('AuditEventQuery');

const ExportQuery = z
  .object({ ...filterFields, lang: z.enum(['zh', 'en']).default('zh') })
  .strict()
  .refine(fromBeforeTo, rangeProblem)
  .openapi('AuditExportQuery');

/** The filters of a query, the times in UTC as the chain stores them. */
function filtersOf(q: z.infer<typeof EventQuery> | z.infer<typeof ExportQuery>): AuditFilters {
  return {
    ...(q.person ? { person: q.person } : {}),
    ...(q.case ? { caseRef: q.case } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
    ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
  };
}

/** The actor, who must hold the permission over the whole log. */
function auditor(c: Context<AppEnv>, permission: Permission) {
  const actor = c.get('actor');
  const scope = requirePermission(actor, permission);
  if (scope !== 'all')
    throw new AppError(
      'forbidden',
      { permission, scope, required: 'all' },
      {
        zh: '审计日志只向数据范围为“全部”的审计角色开放',
        en: 'the audit log is open only to an audit role whose data scope is all',
      },
    );
  return actor;
}

/** Where this copy's checkpoint is (the server passes it; else as `yifa audit verify` finds it). */
const settingsOf = (c: Context<AppEnv>) => c.get('services').auditCheckpoint ?? checkpointSettings(databaseUrlFrom());

const FILTER_LABELS: Record<keyof AuditFilters, { zh: string; en: string }> = {
  person: { zh: '操作人', en: 'Person' },
  caseRef: { zh: '案件', en: 'Case' },
  action: { zh: '动作', en: 'Action' },
  from: { zh: '起始时间', en: 'From' },
  to: { zh: '截止时间', en: 'Before' },
};

/** The audit administrator's routes, under /api/v1/admin/audit. */
export function adminAuditRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      tags: ['admin'],
      summary: '检索审计日志 / search the audit log, newest first',
      request: { query: EventQuery },
      responses: ok,
    }),
    async (c) => {
      auditor(c, 'audit.read');
      const q = c.req.valid('query');
      const db = c.get('services').db;
      const filters = filtersOf(q);
      const [items, total] = await Promise.all([
        auditEntries(db, filters, q.pageSize, (q.page - 1) * q.pageSize),
        auditCount(db, filters),
      ]);
      return c.json({ items, total, page: q.page, pageSize: q.pageSize });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/actions',
      tags: ['admin'],
      summary: '审计日志中出现的动作 / the actions the audit log holds',
      responses: ok,
    }),
    async (c) => {
      auditor(c, 'audit.read');
      return c.json({ actions: await auditActions(c.get('services').db) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events.xlsx',
      tags: ['admin'],
      summary: '导出审计日志（本次导出亦记入审计日志） / export the filtered audit log as .xlsx (audited)',
      request: { query: ExportQuery },
      responses: { 200: { description: '.xlsx workbook' } },
    }),
    async (c) => {
      const actor = auditor(c, 'audit.read');
      const q = c.req.valid('query');
      const s = c.get('services');
      const filters = filtersOf(q);
      const now = s.now().toISOString();
      const [entries, matched] = await Promise.all([
        auditEntries(s.db, filters, AUDIT_EXPORT_ROWS),
        auditCount(s.db, filters),
      ]);
      const lines: ExportFilterLine[] = (Object.keys(FILTER_LABELS) as (keyof AuditFilters)[])
        .filter((k) => filters[k] !== undefined)
        .map((k) => ({ label: FILTER_LABELS[k][q.lang], value: filters[k] as string }));
      const body = await auditWorkbook(entries, {
        lang: q.lang,
        asOf: now,
        by: `${actor.user.displayName} (${actor.user.username})`,
        filters: lines,
        matched,
      });
      await s.db.transaction((tx) =>
        appendEvent(
          tx,
          {
            actor: actor.user.id,
            action: 'audit.export',
            target: 'audit-log',
            after: { filters, rows: entries.length, matched },
          },
          now,
        ),
      );
      const filename = `${q.lang === 'en' ? 'audit-log' : '审计日志'}-${now.slice(0, 10)}.xlsx`;
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/checkpoint',
      tags: ['admin'],
      summary: '最近的审计链检查点 / the latest signed checkpoint of the chain head',
      responses: ok,
    }),
    (c) => {
      auditor(c, 'audit.read');
      return c.json(readAnchor(settingsOf(c)));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/verify',
      tags: ['admin'],
      summary: '核验审计链及其检查点（同 yifa audit verify） / verify the chain against its checkpoint',
      responses: ok,
    }),
    async (c) => {
      auditor(c, 'audit.verify');
      const s = c.get('services');
      const anchor = readAnchor(settingsOf(c));
      const report = await verifyChain(s.db, anchor);
      return c.json({ report, checkpoint: anchor, verifiedAt: s.now().toISOString() });
    },
  );
  return r;
}
