/**
 * 公示 on the officers' side (#16): a case's disclosure (what the pack requires, by when, the
 * record), publishing its issued decision, correcting or withdrawing the disclosure after the
 * decision was changed or revoked (行政处罚法第四十八条) — with the reason and, when it comes from
 * a 复议 or 应诉 case linked to the decision, that case — and the 公示 list of the actor's scope:
 * records and decisions issued but not yet published. Writing needs `disclosure.publish` over the
 * case (pack data: cn-national gives it to the department and agency heads); reading a case's
 * disclosure needs `case.read`. The public pages are routes/public.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { and, desc, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import { evaluateCases } from '../alerts/evaluate.ts';
import { requirePermission } from '../auth/access.ts';
import { type CaseRow, cases, type DisclosureRow, disclosures, documents } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import {
  changeDisclosure,
  disclosureOf,
  disclosureRules,
  publicationDue,
  publishDecision,
} from '../public/disclosures.ts';
import { scopedCase } from '../storage/case-view.ts';
import { permissionScope } from '../storage/scope.ts';
import { plainText } from '../validation.ts';
import { dayOf } from './case-views.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('DisclosureCaseId');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ChangeBody = z
  .object({
    reason: plainText(z.string().trim().min(1).max(1000)),
    version: z.number().int().min(1),
    /** The 复议 or 应诉 case (number or id) that changed or revoked the decision; it must link to this case. */
    cause: z.string().trim().min(1).max(100).optional(),
    /** The day the decision was changed or revoked; the workflow's days to act count from it. */
    changedOn: Day.optional(),
  })
  .strict()
  .openapi('DisclosureChange');
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** A record as the officer's side shows it. */
function recordView(r: DisclosureRow) {
  return {
    id: r.id,
    state: r.state,
    documentNumber: r.documentNumber,
    partyName: r.partyName,
    authority: r.authority,
    decidedOn: r.decidedOn,
    dueOn: r.dueOn,
    publishedOn: r.publishedOn,
    late: r.dueOn !== null && r.publishedOn > r.dueOn,
    content: r.content,
    reason: r.reason,
    changedOn: r.changedOn,
    version: r.version,
    publicPath: `/public/decisions/${r.id}`,
  };
}

/** The pack's disclosure rules for a case, or null when its decisions are not disclosed. */
function rulesOf(pack: ResolvedPack, row: CaseRow) {
  try {
    return disclosureRules(pack, row);
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation') return null;
    throw e;
  }
}

/** The disclosure routes, mounted at /api/v1. */
export function disclosureRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}/disclosure',
      tags: ['disclosure'],
      summary: '案件公示情况 / the disclosure of a case',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const { row, covering } = await scopedCase(s.db, actor, id, ['case.read', 'disclosure.publish']);
      const pack = await s.packs.byHash(row.packHash);
      const rules = rulesOf(pack, row);
      const record = await disclosureOf(s.db, id);
      const canPublish = covering.includes('disclosure.publish');
      return c.json({
        required: rules !== null,
        document: rules ? rules.workflow.disclosure.document : null,
        within: rules?.matter.disclosure.within ?? null,
        dueOn: rules ? publicationDue(pack, row, rules.matter) : null,
        fields: rules?.matter.disclosure.fields ?? [],
        record: record ? recordView(record) : null,
        canPublish,
      });
    },
  );

  /** The case, if the actor may publish its disclosure (disclosure.publish over it). */
  const publishable = async (c: Parameters<Parameters<typeof r.openapi>[1]>[0], id: string) => {
    const s = c.get('services');
    const actor = c.get('actor');
    requirePermission(actor, 'disclosure.publish');
    const { row } = await scopedCase(s.db, actor, id, ['disclosure.publish']);
    return { row, pack: await s.packs.byHash(row.packHash) };
  };

  r.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/disclosure',
      tags: ['disclosure'],
      summary: '公示决定 / publish the case’s issued decision',
      request: { params: IdParam },
      responses: { 201: { description: 'published / 已公示' } },
    }),
    async (c) => {
      const s = c.get('services');
      const { id } = c.req.valid('param');
      const { row, pack } = await publishable(c, id);
      const record = await publishDecision(s.db, {
        row,
        pack,
        actorId: c.get('actor').user.id,
        at: s.now().toISOString(),
      });
      return c.json(recordView(record), 201);
    },
  );

  for (const kind of ['withdraw', 'correct'] as const)
    r.openapi(
      createRoute({
        method: 'post',
        path: `/cases/{id}/disclosure/${kind}`,
        tags: ['disclosure'],
        summary: kind === 'withdraw' ? '撤回公示 / withdraw the disclosure' : '更正公示 / correct the disclosure',
        request: { params: IdParam, body: json(ChangeBody) },
        responses: ok,
      }),
      async (c) => {
        const s = c.get('services');
        const actor = c.get('actor');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const { row, pack } = await publishable(c, id);
        let cause: { id: string; number: string } | null = null;
        if (body.cause) {
          const [found] = await s.db
            .select({ id: cases.id, number: cases.number })
            .from(cases)
            .where(and(or(eq(cases.id, body.cause), eq(cases.number, body.cause)), eq(cases.linkedCaseId, id)))
            .limit(1);
          const readable = found && (await scopedCase(s.db, actor, found.id, ['case.read']).catch(() => null));
          if (!found || !readable) {
            const zh = `案件“${body.cause}”不是关联本案的复议或者应诉案件（或您无权查看）`;
            const en = `case "${body.cause}" is not a case linked to this decision that you may read`;
            throw new AppError(
              'validation',
              { problems: [{ path: '/cause', code: 'cause-not-linked', message: { zh, en } }] },
              { zh, en },
            );
          }
          cause = found;
        }
        const at = s.now().toISOString();
        if (body.changedOn && body.changedOn > dayOf(new Date(at))) {
          const zh = '决定变更或者撤销的日期不能晚于今天';
          const en = 'the day the decision was changed or revoked cannot be later than today';
          throw new AppError(
            'validation',
            { problems: [{ path: '/changedOn', code: 'date-future', message: { zh, en } }] },
            { zh, en },
          );
        }
        const record = await changeDisclosure(s.db, {
          row,
          pack,
          kind,
          reason: body.reason,
          cause,
          changedOn: body.changedOn ?? null,
          version: body.version,
          actorId: actor.user.id,
          at,
        });
        // The cases that link to this decision judge linked.disclosed (revoked-decision-disclosure):
        // their alerts follow the withdrawal now, not at the scheduler's next pass.
        const linking = await s.db.select({ id: cases.id }).from(cases).where(eq(cases.linkedCaseId, id));
        await evaluateCases(
          s,
          linking.map((l) => l.id),
        ).catch((e) => console.error('alerts after a disclosure change', e));
        return c.json(recordView(record));
      },
    );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/disclosures',
      tags: ['disclosure'],
      summary: '公示列表 / the disclosures of the actor’s scope and the decisions awaiting publication',
      request: { query: ListQuery },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { limit } = c.req.valid('query');
      requirePermission(actor, 'disclosure.publish');
      const scope = permissionScope(actor, 'disclosure.publish');
      const records = await s.db
        .select({ d: disclosures, caseNumber: cases.number })
        .from(disclosures)
        .innerJoin(cases, eq(cases.id, disclosures.caseId))
        .where(scope)
        .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
        .limit(limit);
      // Issued decisions of the forms the active pack's workflows publish, with no record yet.
      const { pack } = c.get('pack');
      const forms = [
        ...new Set([...pack.items.workflow.values()].flatMap((w) => (w.disclosure ? [w.disclosure.document] : []))),
      ];
      const candidates = forms.length
        ? await s.db
            .selectDistinct({ c: cases })
            .from(cases)
            .innerJoin(
              documents,
              and(eq(documents.caseId, cases.id), inArray(documents.formCode, forms), eq(documents.status, 'issued')),
            )
            .where(
              and(
                scope,
                notExists(s.db.select({ one: sql`1` }).from(disclosures).where(eq(disclosures.caseId, cases.id))),
              ),
            )
            .orderBy(desc(cases.updatedAt))
            .limit(limit)
        : [];
      const pending = [];
      for (const { c: row } of candidates) {
        const casePack = await s.packs.byHash(row.packHash);
        const rules = rulesOf(casePack, row);
        if (!rules || rules.workflow.disclosure.document === undefined) continue;
        pending.push({
          caseId: row.id,
          caseNumber: row.number,
          matter: rules.matter.name,
          partyName: row.party.name,
          dueOn: publicationDue(casePack, row, rules.matter),
        });
      }
      return c.json({
        pending,
        records: records.map(({ d, caseNumber }) => ({ ...recordView(d), caseId: d.caseId, caseNumber })),
      });
    },
  );
  return r;
}
