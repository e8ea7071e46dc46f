/**
 * 检查对象名录库 (双随机、一公开): the market entities in scope, searched by name or credit code,
 * each with its risk class by the pack's scheme and why; an .xlsx import judged row by row (field
 * and reason in zh and en) and saved as a whole or not at all; declared conflicts (回避).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { type Actor, requirePermission, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { inspectionPlans, type MarketEntityRow, planInspections, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { classify, countRecords, schemeFor } from '../inspection-plans/classify.ts';
import {
  applyImport,
  conflictsOf,
  declareConflict,
  listEntities,
  planImport,
  scopedEntity,
} from '../inspection-plans/entities.ts';
import { readEntitySheet } from '../inspection-plans/entities-xlsx.ts';
import { localDate } from '../time.ts';
import { plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';
import { readXlsx, xlsxBody, xlsxLimit } from './xlsx-upload.ts';

/** Largest register workbook accepted. */
export const ENTITY_XLSX_LIMIT = 10 * 1024 * 1024;
/** The import's path under the app, which applies ENTITY_XLSX_LIMIT instead of the JSON limit. */
export const ENTITY_IMPORT_PATH = '/api/v1/entities/import';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('EntityId');
const ListQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    sector: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .openapi('EntityListQuery');
const ImportQuery = z
  .object({ apply: z.enum(['0', '1']).default('0') })
  .strict()
  .openapi('EntityImportQuery');
const ConflictInput = z
  .object({ userId: z.string().min(1).max(100), reason: plainText(z.string().trim().min(1).max(500)) })
  .strict()
  .openapi('EntityConflictInput');

/** The risk classes of entities, by the scheme of each one's sector (none where the pack has no scheme). */
async function classesOf(db: Db, pack: ResolvedPack, rows: readonly MarketEntityRow[], today: string) {
  const out = new Map<string, ReturnType<typeof classify>>();
  const bySector = new Map<string, MarketEntityRow[]>();
  for (const r of rows) bySector.set(r.sector, [...(bySector.get(r.sector) ?? []), r]);
  for (const [sector, list] of bySector) {
    let scheme: ReturnType<typeof schemeFor>;
    try {
      scheme = schemeFor(pack, sector);
    } catch {
      continue;
    }
    const records = await countRecords(db, scheme, today);
    for (const r of list) out.set(r.id, classify(pack, scheme, records, r, today));
  }
  return out;
}

function sectorName(pack: ResolvedPack, code: string) {
  const e = pack.items.codelist.get('sectors')?.entries.find((x) => x.code === code);
  return { code, name: e?.name ?? code, nameEn: e?.nameEn ?? null };
}

function view(pack: ResolvedPack, r: MarketEntityRow, cls: ReturnType<typeof classify> | undefined) {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    address: r.address,
    sector: sectorName(pack, r.sector),
    org: r.orgCode,
    riskClass: cls ? { code: cls.code, name: cls.name, nameEn: cls.nameEn, why: cls.why, facts: cls.facts } : null,
    updatedAt: r.updatedAt,
  };
}

const mayDo = (actor: Actor) => ({ manage: scopeFor(actor, 'entity.manage') !== undefined });

/** The entity routes, mounted at /api/v1/entities. */
export function entityRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['entities'],
      summary: '检查对象名录 / market entities in scope, with their risk classes',
      request: { query: ListQuery },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const q = c.req.valid('query');
      const { total, rows } = await listEntities(s.db, actor, {
        search: q.q,
        sector: q.sector,
        limit: q.limit,
        offset: q.offset,
      });
      const classes = await classesOf(s.db, pack, rows, localDate(s.now()));
      return c.json({
        total,
        items: rows.map((row) => view(pack, row, classes.get(row.id))),
        sectors: (pack.items.codelist.get('sectors')?.entries ?? []).map((e) => sectorName(pack, e.code)),
        may: mayDo(actor),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/import',
      tags: ['entities'],
      summary:
        '从 Excel 导入检查对象（预览；apply=1 时整体保存） / import entities from Excel (preview; saved as a whole with apply=1)',
      middleware: [
        async (c, next) => {
          requirePermission(c.get('actor'), 'entity.manage');
          await next();
        },
        xlsxLimit(ENTITY_XLSX_LIMIT),
      ],
      request: {
        query: ImportQuery,
        body: xlsxBody,
      },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const sheet = await readEntitySheet(await readXlsx(c));
      if (!sheet.ok)
        throw new AppError('validation', { code: sheet.error.code, ...sheet.error.params }, sheet.error.message);
      const plan = await planImport(s.db, actor, pack, sheet.rows);
      const report = { rows: plan.rows, counts: plan.counts };
      if (c.req.valid('query').apply === '0') return c.json(report);
      if (plan.counts.reject > 0)
        throw new AppError('validation', report, {
          zh: `有${plan.counts.reject}行有误，未保存任何内容：请按每行列出的原因修改后重新导入`,
          en: `${plan.counts.reject} row${plan.counts.reject > 1 ? 's are' : ' is'} wrong and nothing was saved: correct each as listed and import again`,
        });
      await applyImport(s.db, actor, plan, s.now().toISOString());
      return c.json({ ...report, applied: true });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['entities'],
      summary: '检查对象 / one entity: its risk class and why, conflicts, inspections drawn',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const row = await scopedEntity(s.db, actor, c.req.valid('param').id, 'entity.read');
      const cls = (await classesOf(s.db, pack, [row], localDate(s.now()))).get(row.id);
      const drawn = await s.db
        .select({
          plan: inspectionPlans.id,
          planName: inspectionPlans.name,
          drawnAt: inspectionPlans.drawnAt,
          riskClass: planInspections.riskClass,
          officers: planInspections.officers,
          caseId: planInspections.caseId,
          caseNumber: planInspections.caseNumber,
        })
        .from(planInspections)
        .innerJoin(inspectionPlans, eq(inspectionPlans.id, planInspections.planId))
        .where(and(eq(planInspections.entityId, row.id), ne(inspectionPlans.state, 'draft')));
      const may = mayDo(actor);
      // Who a conflict may be declared for: the certified officers of the organisation in charge.
      const officers = may.manage
        ? await s.db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(and(eq(users.orgCode, row.orgCode), eq(users.disabled, false)))
        : [];
      const names = new Map(
        (
          await s.db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, [...new Set(drawn.flatMap((d) => d.officers))]))
        ).map((u) => [u.id, u.name]),
      );
      return c.json({
        ...view(pack, row, cls),
        conflicts: await conflictsOf(s.db, row.id),
        inspections: drawn.map((d) => ({
          ...d,
          officers: d.officers.map((id) => ({ id, name: names.get(id) ?? id })),
        })),
        officers,
        may,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/conflicts',
      tags: ['entities'],
      summary: '登记回避 / declare an officer’s conflict of interest with the entity',
      request: { params: IdParam, body: json(ConflictInput) },
      responses: { 201: { description: 'Declared / 已登记' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const entity = await scopedEntity(s.db, actor, c.req.valid('param').id, 'entity.manage');
      const body = c.req.valid('json');
      const made = await declareConflict(s.db, actor, {
        entity,
        userId: body.userId,
        reason: body.reason,
        at: s.now().toISOString(),
      });
      return c.json(made, 201);
    },
  );

  return r;
}
