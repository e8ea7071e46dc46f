/**
 * 抽查计划 (双随机、一公开): create a plan (sector, period, organisation, inspection matter), draw
 * it once — entities at the risk scheme's rates, two certified officers each with 回避 — with the
 * seed and algorithm shown, verify the draw by making it again from the audit record, open its
 * inspections as cases, and read its results (entity, date, result) for disclosure (一公开).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { type Actor, scopeFor } from '../auth/access.ts';
import type { InspectionPlanRow } from '../db/schema.ts';
import { schemeFor } from '../inspection-plans/classify.ts';
import {
  createPlan,
  drawInspectionPlan,
  inspectionWorkflow,
  listPlans,
  openInspections,
  scopedPlan,
  verifyDraw,
} from '../inspection-plans/plans.ts';
import { inspectionsOf, planResults } from '../inspection-plans/results.ts';
import { plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('InspectionPlanId');
const PlanInput = z
  .object({
    name: plainText(z.string().trim().min(1).max(200)),
    sector: z.string().min(1).max(64),
    /** The organisation that inspects; the user's own when absent. */
    orgCode: z.string().min(1).max(100).optional(),
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    /** An inspection matter (its workflow is one of the risk scheme's inspection workflows). */
    matter: z.string().min(1).max(100),
  })
  .strict()
  .openapi('InspectionPlanInput');
const VersionInput = z
  .object({ version: z.number().int().min(1) })
  .strict()
  .openapi('InspectionPlanVersion');

const mayDo = (actor: Actor) => ({
  draw: scopeFor(actor, 'inspection-plan.draw') !== undefined,
});

function sectorName(pack: ResolvedPack, code: string) {
  const e = pack.items.codelist.get('sectors')?.entries.find((x) => x.code === code);
  return { code, name: e?.name ?? code, nameEn: e?.nameEn ?? null };
}

function summary(pack: ResolvedPack, p: InspectionPlanRow) {
  const matter = pack.items.matter.get(p.matterCode);
  const scheme = pack.items['risk-scheme'].get(p.schemeCode);
  return {
    id: p.id,
    name: p.name,
    sector: sectorName(pack, p.sector),
    org: p.orgCode,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    matter: { code: p.matterCode, name: matter?.name ?? p.matterCode, nameEn: matter?.nameEn ?? null },
    scheme: { code: p.schemeCode, name: scheme?.name ?? p.schemeCode, nameEn: scheme?.nameEn ?? null },
    state: p.state,
    seed: p.seed,
    algorithm: p.algorithm,
    classes: (p.classes ?? []).map((k) => {
      const def = scheme?.classes.find((x) => x.code === k.code);
      return { ...k, name: def?.name ?? k.code, nameEn: def?.nameEn ?? null };
    }),
    createdAt: p.createdAt,
    drawnAt: p.drawnAt,
    openedAt: p.openedAt,
    version: p.version,
  };
}

/** The inspection-plan routes, mounted at /api/v1/inspection-plans. */
export function inspectionPlanRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['inspection-plans'],
      summary: '抽查计划列表 / inspection plans in scope, newest first',
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const plans = await listPlans(s.db, actor);
      // What a new plan may name: sectors with a risk scheme, and the inspection matters for each.
      const sectors = (pack.items.codelist.get('sectors')?.entries ?? []).flatMap((e) => {
        try {
          schemeFor(pack, e.code);
        } catch {
          return [];
        }
        const matters = [...pack.items.matter.values()]
          .filter((m) => (!m.sector || m.sector === e.code) && inspectionWorkflow(pack, m, e.code))
          .map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn ?? null }));
        return [{ ...sectorName(pack, e.code), matters }];
      });
      return c.json({ items: plans.map((p) => summary(pack, p)), sectors, may: mayDo(actor), org: actor.user.orgCode });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['inspection-plans'],
      summary: '制定抽查计划 / create an inspection plan (draft)',
      request: { body: json(PlanInput) },
      responses: { 201: { description: 'Created / 已创建' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const body = c.req.valid('json');
      const row = await createPlan(
        s.db,
        actor,
        c.get('pack'),
        { ...body, orgCode: body.orgCode ?? actor.user.orgCode },
        s.now().toISOString(),
      );
      return c.json(summary(c.get('pack').pack, row), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['inspection-plans'],
      summary: '抽查计划 / one plan: its draw, seed and algorithm, inspections and results',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const plan = await scopedPlan(s.db, actor, c.req.valid('param').id, 'inspection-plan.read');
      return c.json({ ...summary(pack, plan), inspections: await inspectionsOf(s.db, pack, plan), may: mayDo(actor) });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/draw',
      tags: ['inspection-plans'],
      summary: '随机抽取 / draw the plan (once): entities by risk class, two officers each, seed recorded',
      request: { params: IdParam, body: json(VersionInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const plan = await scopedPlan(s.db, actor, c.req.valid('param').id, 'inspection-plan.draw');
      const drawn = await drawInspectionPlan(
        s.db,
        actor,
        pack,
        plan,
        c.req.valid('json').version,
        s.now().toISOString(),
      );
      return c.json({
        ...summary(pack, drawn),
        inspections: await inspectionsOf(s.db, pack, drawn),
        may: mayDo(actor),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/verify',
      tags: ['inspection-plans'],
      summary: '复核抽取 / draw again from the recorded seed and inputs and compare',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const plan = await scopedPlan(s.db, c.get('actor'), c.req.valid('param').id, 'inspection-plan.read');
      return c.json(await verifyDraw(s.db, plan));
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/open',
      tags: ['inspection-plans'],
      summary: '检查立案 / open every drawn inspection as a case, in one transaction',
      request: { params: IdParam, body: json(VersionInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const plan = await scopedPlan(s.db, actor, c.req.valid('param').id, 'inspection-plan.draw');
      const out = await openInspections(
        s.db,
        actor,
        c.get('pack'),
        plan,
        c.req.valid('json').version,
        s.now().toISOString(),
      );
      return c.json(out);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/results',
      tags: ['inspection-plans'],
      summary: '抽查结果 / the results to disclose: entity, date, result of each finished inspection',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { pack } = c.get('pack');
      const plan = await scopedPlan(s.db, c.get('actor'), c.req.valid('param').id, 'inspection-plan.read');
      return c.json({
        plan: { id: plan.id, name: plan.name, org: plan.orgCode },
        items: await planResults(s.db, pack, plan),
      });
    },
  );

  return r;
}
