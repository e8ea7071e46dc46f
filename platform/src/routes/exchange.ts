/**
 * 数据报送 (#16): the pack's reporting formats (report-format items), their records in the actor's
 * scope exported as JSON or .xlsx for a period (exchange.export), and the feed of changed records
 * since a cursor for the platform above to pull (exchange.feed). Every export and every feed page
 * is appended to the audit chain with what it covered.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ReportFormat, ResolvedPack } from '@yifa/metamodel';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, requirePermission, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { formatRow } from '../exchange/columns.ts';
import { decodeCursor, feedPage } from '../exchange/feed.ts';
import { formatConditions, periodConditions, readRecords } from '../exchange/records.ts';
import { exchangeWorkbook } from '../exchange/xlsx.ts';
import { startOfLegalDay } from '../time.ts';
import { plainText } from '../validation.ts';
import { OK as ok, router } from './router.ts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A day written YYYY-MM-DD, refused with a message in both languages otherwise. */
const day = () =>
  z
    .string()
    .superRefine((v, ctx) => {
      if (DATE.test(v)) return;
      const message = {
        zh: '应为日期，格式 YYYY-MM-DD（如 2026-03-01）',
        en: 'must be a date written YYYY-MM-DD (e.g. 2026-03-01)',
      };
      ctx.addIssue({ code: 'custom', message: message.en, params: { code: 'date', message } });
    })
    .optional();

const Period = z.object({ from: day(), to: day(), lang: z.enum(['zh', 'en']).default('zh') }).superRefine((q, ctx) => {
  if (q.from && q.to && DATE.test(q.from) && DATE.test(q.to) && q.from > q.to) {
    const message = { zh: '截止日期不能早于起始日期', en: 'the last day cannot be before the first' };
    ctx.addIssue({ code: 'custom', path: ['to'], message: message.en, params: { code: 'period-order', message } });
  }
});

const FormatParam = z.object({ code: plainText(z.string().min(1).max(64)) });

const FeedQuery = z.object({
  cursor: plainText(z.string().max(200)).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The format of the active pack, or not-found naming it. */
function formatOf(pack: ResolvedPack, code: string): ReportFormat {
  const format = pack.items['report-format'].get(code);
  if (!format) throw new AppError('not-found', { field: 'code', format: code });
  return format;
}

/** The day after a date, for a period's exclusive end. */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The rows of a format over the actor's records in a period. */
async function exportRows(
  db: Db,
  pack: ResolvedPack,
  format: ReportFormat,
  actor: Actor,
  q: { from?: string | undefined; to?: string | undefined },
) {
  const scope = requirePermission(actor, 'exchange.export');
  const where = [
    ...formatConditions(format, actor, scope),
    ...periodConditions(
      q.from ? startOfLegalDay(q.from) : undefined,
      q.to ? startOfLegalDay(dayAfter(q.to)) : undefined,
    ),
  ];
  const form = pack.items.document.get(format.records.document);
  const rows = (await readRecords(db, pack, where)).map((r) => formatRow(format, form, r));
  return { scope, rows };
}

/** Appends an export to the chain. */
async function audit(db: Db, actor: Actor, at: Date, action: string, format: string, after: Record<string, unknown>) {
  await db.transaction((tx) =>
    appendEvent(tx, { actor: actor.user.id, action, target: `report-format:${format}`, after }, at.toISOString()),
  );
}

/** The exchange routes, mounted at /api/v1/exchange. */
export function exchangeRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/formats',
      tags: ['exchange'],
      summary: '报送格式 / the reporting formats of the active pack',
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      if (!scopeFor(actor, 'exchange.export') && !scopeFor(actor, 'exchange.feed'))
        throw new AppError('forbidden', { permission: 'exchange.export' });
      const { pack } = await c.get('services').packs.active();
      const formats = [...pack.items['report-format'].values()].map((f) => ({
        code: f.code,
        name: f.name,
        nameEn: f.nameEn ?? null,
        standard: f.standard,
        status: f.source.status,
        document: f.records.document,
        columns: f.columns.map((col) => ({
          code: col.code,
          name: col.name,
          nameEn: col.nameEn ?? null,
          type: col.type,
        })),
      }));
      return c.json({ formats });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/formats/{code}/records',
      tags: ['exchange'],
      summary: '导出报送数据 / the records of a format in a period as JSON (audited)',
      request: { params: FormatParam, query: Period },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const q = c.req.valid('query');
      const { pack } = await s.packs.active();
      const format = formatOf(pack, c.req.valid('param').code);
      const { scope, rows } = await exportRows(s.db, pack, format, actor, q);
      const now = s.now();
      await audit(s.db, actor, now, 'exchange.export', format.code, {
        format: format.code,
        as: 'json',
        scope,
        from: q.from ?? null,
        to: q.to ?? null,
        rows: rows.length,
      });
      return c.json({
        format: format.code,
        scope,
        from: q.from ?? null,
        to: q.to ?? null,
        asOf: now.toISOString(),
        columns: format.columns.map((col) => col.code),
        rows,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/formats/{code}/records.xlsx',
      tags: ['exchange'],
      summary: '导出报送数据 / the records of a format in a period as an .xlsx workbook (audited)',
      request: { params: FormatParam, query: Period },
      responses: { 200: { description: '.xlsx workbook' } },
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const q = c.req.valid('query');
      const { pack } = await s.packs.active();
      const format = formatOf(pack, c.req.valid('param').code);
      const { scope, rows } = await exportRows(s.db, pack, format, actor, q);
      const body = await exchangeWorkbook(format, rows, q.lang);
      await audit(s.db, actor, s.now(), 'exchange.export', format.code, {
        format: format.code,
        as: 'xlsx',
        scope,
        from: q.from ?? null,
        to: q.to ?? null,
        rows: rows.length,
      });
      const filename = `${q.lang === 'en' ? format.code : format.name}-${q.from ?? ''}-${q.to ?? ''}.xlsx`;
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${format.code}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/formats/{code}/feed',
      tags: ['exchange'],
      summary: '变更数据订阅 / records changed since a cursor, in the chain order, a page at a time (audited)',
      request: { params: FormatParam, query: FeedQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'exchange.feed');
      const q = c.req.valid('query');
      const after = decodeCursor(q.cursor);
      const { pack } = await s.packs.active();
      const format = formatOf(pack, c.req.valid('param').code);
      const page = await feedPage(s.db, pack, format, actor, scope, after, q.limit);
      const form = pack.items.document.get(format.records.document);
      await audit(s.db, actor, s.now(), 'exchange.feed', format.code, {
        format: format.code,
        scope,
        after,
        records: page.records.length,
      });
      return c.json({
        format: format.code,
        cursor: page.cursor,
        more: page.more,
        records: page.records.map((r) => ({ position: r.position, ...formatRow(format, form, r) })),
      });
    },
  );
  return r;
}
