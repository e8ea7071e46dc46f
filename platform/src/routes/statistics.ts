/**
 * 执法统计 (statistics.read): the table of cases grouped by district, subject, unit, officer,
 * matter, power type, sector, state, month or year, filtered, sorted, searched and paged, with the
 * first screen's figures (records by kind, 履职率, 参与率, 人均办案率); the cases behind a row (the
 * drill-down's last level); and the same table as an .xlsx workbook (audited as
 * statistics.export). Read from the rollups the case triggers keep (migrations 0028–0032), so the
 * figures include every committed event; the actor's data scope is a condition of every query, and
 * an organisation filter outside it is refused (403), not answered with nothing.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { appendEvent } from '../audit/chain.ts';
import { requirePermission } from '../auth/access.ts';
import { statisticsCases } from '../statistics/case-list.ts';
import { type FilterInput, refuseOutOfScope, resolveFilters } from '../statistics/filters.ts';
import { ensureLegalMonths } from '../statistics/month.ts';
import { GROUP_BYS, SORTS, statisticsTable } from '../statistics/table.ts';
import { FILTER_NAMES, GROUP_NAMES, SCOPE_NAMES, sheetWords } from '../statistics/words.ts';
import { statisticsWorkbook } from '../statistics/xlsx.ts';
import { plainText } from '../validation.ts';
import { dayOf } from './case-views.ts';
import { OK as ok, router } from './router.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month written YYYY-MM, refused with a message in both languages otherwise. */
const month = () =>
  z
    .string()
    .superRefine((v, ctx) => {
      if (MONTH.test(v)) return;
      const message = {
        zh: '应为年月，格式 YYYY-MM（如 2026-03）',
        en: 'must be a month written YYYY-MM (e.g. 2026-03)',
      };
      ctx.addIssue({ code: 'custom', message: message.en, params: { code: 'month', message } });
    })
    .optional();

const code = () => plainText(z.string().trim().min(1).max(200)).optional();

const Filters = {
  district: code(),
  subject: code(),
  unit: code(),
  officer: code(),
  matter: code(),
  powerType: code(),
  sector: code(),
  state: code(),
  from: month(),
  to: month(),
};

/** The period must not end before it begins. */
function periodInOrder(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && MONTH.test(q.from) && MONTH.test(q.to) && q.from > q.to) {
    const message = { zh: '截止月份不能早于起始月份', en: 'the last month cannot be before the first' };
    ctx.addIssue({ code: 'custom', path: ['to'], message: message.en, params: { code: 'period-order', message } });
  }
}

const SORT_VALUES = [...SORTS, ...SORTS.map((s) => `-${s}`)] as [string, ...string[]];

const TableQuery = z
  .object({
    groupBy: z.enum(GROUP_BYS).default('district'),
    ...Filters,
    sort: z.enum(SORT_VALUES).default('-cases'),
    search: plainText(z.string().trim().max(100)).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .superRefine(periodInOrder)
  .openapi('StatisticsQuery');

const ExportQuery = z
  .object({
    groupBy: z.enum(GROUP_BYS).default('district'),
    ...Filters,
    sort: z.enum(SORT_VALUES).default('-cases'),
    search: plainText(z.string().trim().max(100)).optional(),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .superRefine(periodInOrder)
  .openapi('StatisticsExportQuery');

const CasesQuery = z
  .object({
    ...Filters,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .superRefine(periodInOrder)
  .openapi('StatisticsCasesQuery');

/** The filters of a parsed query. */
function filterInput(q: FilterInput): FilterInput {
  const out: FilterInput = {};
  for (const k of Object.keys(FILTER_NAMES) as (keyof FilterInput)[]) if (q[k] !== undefined) out[k] = q[k];
  return out;
}

/** The most rows a workbook holds (every group of the largest grouping, officers, fits). */
const EXPORT_ROWS = 100_000;

/** The statistics routes, mounted at /api/v1. */
export function statisticsRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/statistics',
      tags: ['statistics'],
      summary: '执法统计 / statistics grouped, filtered, sorted and paged, with the first screen figures',
      request: { query: TableQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'statistics.read');
      const q = c.req.valid('query');
      await ensureLegalMonths(s.db);
      const { pack } = await s.packs.active();
      const { filters, applied } = await resolveFilters(s.db, pack, filterInput(q));
      await refuseOutOfScope(s.db, actor, scope, filterInput(q));
      const now = s.now();
      const table = await statisticsTable(s.db, pack, actor, scope, {
        groupBy: q.groupBy,
        filters,
        sort: q.sort,
        ...(q.search ? { search: q.search } : {}),
        page: q.page,
        pageSize: q.pageSize,
        today: dayOf(now),
      });
      return c.json({ scope, asOf: now.toISOString(), today: dayOf(now), filters: applied, ...table });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/statistics/cases',
      tags: ['statistics'],
      summary: '执法统计的案件 / the cases behind a statistics row, newest first',
      request: { query: CasesQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'statistics.read');
      requirePermission(actor, 'case.read');
      const q = c.req.valid('query');
      await ensureLegalMonths(s.db);
      const { pack } = await s.packs.active();
      const { filters, applied } = await resolveFilters(s.db, pack, filterInput(q));
      await refuseOutOfScope(s.db, actor, scope, filterInput(q));
      const list = await statisticsCases(s.db, pack, actor, scope, filters, q.page, q.pageSize);
      return c.json({ scope, filters: applied, ...list });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/statistics.xlsx',
      tags: ['statistics'],
      summary: '导出执法统计 / the statistics table as an .xlsx workbook (audited)',
      request: { query: ExportQuery },
      responses: { 200: { description: '.xlsx workbook' } },
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'statistics.read');
      const q = c.req.valid('query');
      await ensureLegalMonths(s.db);
      const { pack } = await s.packs.active();
      const { filters, applied } = await resolveFilters(s.db, pack, filterInput(q));
      await refuseOutOfScope(s.db, actor, scope, filterInput(q));
      const now = s.now();
      const table = await statisticsTable(s.db, pack, actor, scope, {
        groupBy: q.groupBy,
        filters,
        sort: q.sort,
        ...(q.search ? { search: q.search } : {}),
        page: 1,
        pageSize: EXPORT_ROWS,
        today: dayOf(now),
      });
      const en = q.lang === 'en';
      const lines = applied.map((f) => ({
        label: en ? f.label.en : f.label.zh,
        value: `${en ? (f.nameEn ?? f.name) : f.name}${f.name === f.value ? '' : ` (${f.value})`}`,
      }));
      if (q.search) lines.push({ label: en ? FILTER_NAMES.search.en : FILTER_NAMES.search.zh, value: q.search });
      const body = await statisticsWorkbook(table, sheetWords(q.lang), {
        groupBy: GROUP_NAMES[q.groupBy][q.lang],
        scope: SCOPE_NAMES[scope][q.lang],
        asOf: now.toISOString(),
        filters: lines,
      });
      await s.db.transaction((tx) =>
        appendEvent(
          tx,
          {
            actor: actor.user.id,
            action: 'statistics.export',
            target: `statistics:${q.groupBy}`,
            after: {
              groupBy: q.groupBy,
              scope,
              filters: Object.fromEntries(applied.map((f) => [f.field, f.value])),
              ...(q.search ? { search: q.search } : {}),
              rows: table.rows.length,
            },
          },
          now.toISOString(),
        ),
      );
      const filename = `${en ? 'statistics' : '执法统计'}-${q.groupBy}-${dayOf(now)}.xlsx`;
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      });
    },
  );
  return r;
}
