/**
 * Cases: open one for a matter, list and read them within the actor's data scope, record
 * facts and take workflow actions. Every write is checked on the server (permission, scope,
 * 执法证, the engine's guards) and stored under optimistic concurrency: a stale `version`
 * answers 409 with the current one, so nothing is silently overwritten.
 */

import { createRoute, z } from '@hono/zod-openapi';
import { caseDeadlines, takeAction } from '@yifa/engine';
import type { Matter, ResolvedPack, Workflow } from '@yifa/metamodel';
import type { RuleEnv } from '@yifa/rules';
import { noteWrittenCase, transitionedCase } from '../alerts/after-write.ts';
import { requireCertificate, requirePermission } from '../auth/access.ts';
import { powerRefusal } from '../auth/authority-list.ts';
import { maskPersonalTexts } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { sourceToFile } from '../storage/case-sources.ts';
import {
  covering,
  documentsOf,
  listCases,
  organisationOf,
  partyView,
  reviewsOf,
  scopedCase,
  timelineOf,
  usersById,
} from '../storage/case-view.ts';
import { checkFacts, mergeFacts, openCase, partyProblems, writeFacts, writeTransition } from '../storage/case-write.ts';
import { possibleDuplicates, requireConfirmed } from '../storage/duplicates.ts';
import { linksOf, linkTarget } from '../storage/linked-cases.ts';
import { envOf, loadCase } from '../storage/snapshot.ts';
import { legalDateOf } from '../time.ts';
import { type FieldProblem, plainText } from '../validation.ts';
import { actionsFor, dayOf, mayAct, nearestDeadline, refusalView, stateOf } from './case-views.ts';
import { matterSummary } from './matters.ts';
import { openingProblems } from './opening-officers.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const NO_CERTIFICATE = { certificateNo: null, certificateValidUntil: null };

/** Visible characters only: no control or bidirectional characters in names and addresses. */
const text = (max: number) => plainText(z.string().trim().min(1).max(max));

const Party = z
  .object({
    kind: z.enum(['person', 'organisation']),
    name: text(200),
    idNumber: z.string().trim().min(1).max(30),
    address: text(300).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,30}$/)
      .optional(),
    representative: text(100).optional(),
  })
  .strict()
  .openapi('Party');

const Facts = z.record(z.string().min(1).max(64), z.unknown()).openapi('Facts');

const CaseOpen = z
  .object({
    matter: z.string().min(1).max(100),
    party: Party,
    facts: Facts.optional(),
    violationDate: z.iso.date().optional(),
    officers: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    /** The matter's workflow (the default) or one of its alternatives, e.g. 简易程序. */
    workflow: z.string().min(1).max(100).optional(),
    /**
     * Asks for the duplicate check: the open cases of this subject, matter and party (ids) the
     * officer was shown and confirmed this case is not, `[]` at first. A possible duplicate not
     * listed answers 409 `possible-duplicate` with them. Left out, no check is made (imports, the demo).
     */
    confirmedDuplicates: z.array(z.string().min(1).max(100)).max(50).optional(),
    /**
     * The case this one concerns, by number or id (a 复议 or 应诉 case: the decision it concerns).
     * It must be a case the actor may read, else 404 as for any case out of scope.
     */
    linkedCase: z.string().trim().min(1).max(100).optional(),
    /**
     * The registered case source (案源登记) this case is opened from: pending, of the actor's
     * subject and in their scope, else 404 / 409 and nothing is opened. It records 立案 with the
     * case in the same transaction.
     */
    source: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .openapi('CaseOpen');

const FactsPatch = z
  .object({ version: z.number().int().min(1), facts: Facts })
  .strict()
  .openapi('FactsPatch');

const Transition = z
  .object({
    action: z.string().min(1).max(64),
    version: z.number().int().min(1),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .openapi('Transition');

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('CaseId');

const ListQuery = z
  .object({
    state: z.string().max(64).optional(),
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .openapi('CaseListQuery');

const validation = (problems: FieldProblem[]) =>
  new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

function matterOf(pack: ResolvedPack, code: string) {
  const m = pack.items.matter.get(code);
  const workflow = m ? pack.items.workflow.get(m.workflow) : undefined;
  return m && workflow ? { matter: m, workflow } : undefined;
}

/** The workflow a new case of the matter follows: its own, or one of its alternatives when asked for. */
function workflowOf(pack: ResolvedPack, matter: Matter, code: string | undefined) {
  if (code === undefined || code === matter.workflow) return pack.items.workflow.get(matter.workflow);
  return matter.alternativeWorkflows?.includes(code) ? pack.items.workflow.get(code) : undefined;
}

/** The due date of the deadline that starts when the case enters `state` now. */
function reviewDue(workflow: Workflow, state: string, at: string, extensions: Record<string, number>, env: RuleEnv) {
  const def = (workflow.deadlines ?? []).find((d) => d.start === state);
  if (!def) return null;
  // Counted from this entry: a case returned and resubmitted gets a fresh review period.
  const computed = caseDeadlines(workflow, { [state]: at }, extensions, legalDateOf(at), env, legalDateOf);
  return computed.find((d) => d.code === def.code)?.due ?? null;
}

/** The case routes. */
export function caseRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['cases'],
      summary: '立案 / open a case',
      request: { body: json(CaseOpen) },
      responses: { 201: { description: 'Created / 已立案' } },
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const now = s.now();
      const at = now.toISOString();
      const today = dayOf(now);
      requirePermission(actor, 'case.create');
      requireCertificate(actor, today);
      const body = c.req.valid('json');
      const { hash, pack } = c.get('pack');
      const found = matterOf(pack, body.matter);
      if (!found)
        throw validation([
          {
            path: '/matter',
            code: 'unknown-matter',
            message: { zh: `没有执法事项“${body.matter}”`, en: `there is no matter "${body.matter}"` },
          },
        ]);
      const { matter } = found;
      const workflow = workflowOf(pack, matter, body.workflow);
      if (!workflow)
        throw validation([
          {
            path: '/workflow',
            code: 'unknown-workflow',
            message: {
              zh: `事项“${matter.name}”不适用流程“${body.workflow}”`,
              en: `the matter ${matter.code} does not follow the workflow "${body.workflow}"`,
            },
          },
        ]);
      const org = await organisationOf(s.db, actor.user.orgCode);
      if (!org)
        throw new AppError(
          'forbidden',
          { org: actor.user.orgCode },
          { zh: '所在机构不是执法主体，不能立案', en: 'your organisation is not an enforcement subject' },
        );
      // 权责清单: the matter's authority item must be one this subject implements, by type and sector.
      const refused = powerRefusal(pack, org, matter);
      if (refused) throw new AppError('forbidden', refused.details, refused.message);
      const problems = [...partyProblems(body.party), ...checkFacts(pack, matter, body.facts ?? {})];
      if (body.violationDate && body.violationDate > today)
        problems.push({
          path: '/violationDate',
          code: 'future-date',
          message: { zh: '违法行为发生日期不能晚于今天', en: 'the date of the violation cannot be in the future' },
        });
      const officers = [...new Set(body.officers ?? [actor.user.id])];
      const known = new Map((await usersById(s.db, officers)).map((u) => [u.id, u]));
      officers.forEach((id, i) => {
        const u = known.get(id);
        if (!u || u.disabled || u.orgCode !== actor.user.orgCode)
          problems.push({
            path: `/officers/${i}`,
            code: 'officer-elsewhere',
            message: {
              zh: '承办人员须为本执法主体的在职人员',
              en: 'officers must be active members of your enforcement subject',
            },
          });
      });
      // 第四十二条: the workflow's opening names how many certified officers the case needs from the start.
      if (!problems.some((p) => p.code === 'officer-elsewhere'))
        problems.push(
          ...openingProblems(
            pack,
            workflow,
            officers.map((id) => known.get(id) ?? NO_CERTIFICATE),
            today,
          ),
        );
      if (problems.length) throw validation(problems);
      const linked = body.linkedCase ? await linkTarget(s.db, actor, body.linkedCase) : undefined;
      const source = body.source ? await sourceToFile(s.db, actor, body.source, org.code) : undefined;
      const duplicatesConfirmed = body.confirmedDuplicates
        ? requireConfirmed(
            await possibleDuplicates(s.db, pack, {
              subjectOrg: org.code,
              matterCode: matter.code,
              idNumber: body.party.idNumber,
            }),
            body.confirmedDuplicates,
          )
        : [];
      const facts = Object.fromEntries(Object.entries(body.facts ?? {}).filter(([, v]) => v !== null));
      const row = await openCase(s.db, {
        actorId: actor.user.id,
        org,
        matter,
        workflowCode: workflow.code,
        workflowStart: workflow.start,
        packHash: hash,
        party: body.party,
        facts,
        violationDate: body.violationDate ?? null,
        officers,
        at,
        duplicatesConfirmed,
        ...(linked ? { linked: { id: linked.id, number: linked.number } } : {}),
        ...(source ? { source } : {}),
      });
      return c.json(
        {
          id: row.id,
          number: row.number,
          matter: matter.code,
          linkedCase: linked ? { id: linked.id, number: linked.number } : null,
          workflow: { code: workflow.code, name: workflow.name },
          state: stateOf(workflow, row.state),
          subject: { code: org.code, name: org.name },
          packHash: row.packHash,
          officers: row.officers,
          version: row.version,
        },
        201,
      );
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['cases'],
      summary: '案件列表 / cases in my scope',
      request: { query: ListQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const today = dayOf(s.now());
      const query = c.req.valid('query');
      const q = query.q?.trim();
      const { total, rows } = await listCases(s.db, actor, { ...query, q: q || undefined });
      const items = [];
      for (const { c: row, subjectName } of rows) {
        const pack = await s.packs.byHash(row.packHash);
        const matter = pack.items.matter.get(row.matterCode);
        const workflow = pack.items.workflow.get(row.workflowCode);
        const env = envOf(pack);
        items.push({
          id: row.id,
          number: row.number,
          matter: { code: row.matterCode, name: matter?.name ?? row.matterCode, nameEn: matter?.nameEn ?? null },
          state: workflow ? stateOf(workflow, row.state) : { code: row.state, name: row.state, nameEn: null },
          subject: { code: row.subjectOrg, name: subjectName ?? row.subjectOrg },
          party: partyView(row.party, false),
          openedAt: row.openedAt,
          updatedAt: row.updatedAt,
          closedAt: row.closedAt,
          version: row.version,
          nearestDeadline: workflow
            ? nearestDeadline(caseDeadlines(workflow, row.stateEntered, row.extensions, today, env, legalDateOf))
            : null,
        });
      }
      return c.json({ total, page: query.page, pageSize: query.pageSize, items });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['cases'],
      summary: '案件详情 / a case',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const today = dayOf(s.now());
      const { id } = c.req.valid('param');
      const { row } = await scopedCase(s.db, actor, id, ['case.read']);
      const { pack, env, snapshot } = await loadCase(s.db, s.packs, row, today);
      const { covering: perms } = await covering(s.db, actor, id, [
        'case.transition',
        'review.perform',
        'personal-data.read',
      ]);
      const workflow = snapshot.workflow;
      const actions = actionsFor(snapshot, actor, perms, today, env);
      const officers = await usersById(s.db, row.officers);
      const docs = await documentsOf(s.db, id);
      const legalDate = row.violationDate ?? legalDateOf(row.openedAt);
      // Free text (a fact such as a reason, a review's comment) may name someone's ID, phone or address.
      const full = perms.includes('personal-data.read');
      const reviews = await reviewsOf(s.db, id);
      const links = await linksOf(s.db, s.packs, actor, row);
      return c.json({
        id: row.id,
        number: row.number,
        category: row.category,
        state: stateOf(workflow, row.state),
        states: workflow.states.map((x) => stateOf(workflow, x.code)),
        workflow: { code: workflow.code, name: workflow.name, nameEn: workflow.nameEn ?? null },
        matter: matterSummary(pack, snapshot.matter, legalDate),
        subject: snapshot.subject,
        packHash: row.packHash,
        party: partyView(row.party, full),
        facts: full ? row.facts : maskPersonalTexts(row.facts),
        violationDate: row.violationDate,
        officers: officers.map((o) => ({
          id: o.id,
          name: o.name,
          certificateValid: !!o.certificateNo && !!o.certificateValidUntil && o.certificateValidUntil >= today,
        })),
        openedAt: row.openedAt,
        updatedAt: row.updatedAt,
        closedAt: row.closedAt,
        createdBy: row.createdBy,
        version: row.version,
        linkedCase: links.linkedCase,
        linkedFrom: links.linkedFrom,
        actions: {
          allowed: actions.filter((a) => a.allowed).map(({ refusals: _, ...a }) => a),
          refused: actions.filter((a) => !a.allowed),
        },
        deadlines: caseDeadlines(workflow, row.stateEntered, row.extensions, today, env, legalDateOf),
        documents: docs.map((d) => {
          const form = pack.items.document.get(d.form);
          return { ...d, name: form?.name ?? d.form, nameEn: form?.nameEn ?? null };
        }),
        reviews: full ? reviews : reviews.map((r) => ({ ...r, comment: maskPersonalTexts(r.comment) })),
        timeline: await timelineOf(s.db, id, full),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/facts',
      tags: ['cases'],
      summary: '记录案件事实 / record case facts',
      request: { params: IdParam, body: json(FactsPatch) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const now = s.now();
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      // Facts are the handling officers' to record (and their superiors'): the legal reviewer, who holds
      // document.edit for the 法制审核意见书, reviews the facts and never changes them (separation of duties).
      const { row } = await scopedCase(s.db, actor, id, ['case.transition']);
      requireCertificate(actor, dayOf(now));
      if (row.closedAt) throw new AppError('case-closed', { case: id });
      if (row.version !== body.version) throw new AppError('conflict', { case: id, currentVersion: row.version });
      const pack = await s.packs.byHash(row.packHash);
      const matter = pack.items.matter.get(row.matterCode);
      if (!matter) throw new AppError('internal', { case: id, reason: 'matter missing from its pinned pack' });
      const problems = checkFacts(pack, matter, body.facts);
      if (problems.length) throw validation(problems);
      const { facts, before, after } = mergeFacts(row.facts, body.facts);
      if (Object.keys(after).length === 0) return c.json({ id, version: row.version, facts: row.facts });
      const updated = await writeFacts(s.db, {
        id,
        version: body.version,
        facts,
        before,
        after,
        actorId: actor.user.id,
        at: now.toISOString(),
      });
      return c.json({ id, version: updated.version, facts: updated.facts });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/transitions',
      tags: ['cases'],
      summary: '办理环节流转 / take a workflow action',
      request: { params: IdParam, body: json(Transition) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const now = s.now();
      const at = now.toISOString();
      const today = dayOf(now);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const {
        row,
        covering: perms,
        around,
      } = await scopedCase(s.db, actor, id, ['case.transition', 'review.perform'], { surroundings: true });
      const loaded = await loadCase(s.db, s.packs, row, today, around);
      const { env, snapshot } = loaded;
      const workflow = snapshot.workflow;
      if (!mayAct(workflow, row.state, perms)) throw new AppError('forbidden', { permission: 'case.transition' });
      requireCertificate(actor, today);
      if (row.version !== body.version) throw new AppError('conflict', { case: id, currentVersion: row.version });
      const def = workflow.transitions.find(
        (t) =>
          t.action === body.action && (typeof t.from === 'string' ? t.from === row.state : t.from.includes(row.state)),
      );
      if (!def)
        throw validation([
          {
            path: '/action',
            code: 'unknown-action',
            message: {
              zh: `当前环节“${stateOf(workflow, row.state).name}”没有操作“${body.action}”`,
              en: `there is no action "${body.action}" in the state "${row.state}"`,
            },
          },
        ]);
      if (def.reasonRequired && !body.reason)
        throw validation([
          {
            path: '/reason',
            code: 'reason-required',
            message: { zh: `“${def.name}”须填写理由`, en: `"${def.nameEn ?? def.name}" needs a reason` },
          },
        ]);
      const outcome = takeAction(
        snapshot,
        body.action,
        actor.roles.map((x) => x.code),
        at,
        env,
        today,
      );
      if (!outcome.ok)
        throw new AppError(
          // Refused only by what a document of the case says (the 立案审批表's 同意立案 against 不予立案):
          // the case data contradicts the action, 422 citing the form's field.
          outcome.refusals.length > 0 && outcome.refusals.every((x) => x.code === 'document-field')
            ? 'document-field-refused'
            : 'transition-refused',
          { action: body.action, refusals: outcome.refusals.map(refusalView) },
          {
            zh: `当前不能“${def.name}”：${outcome.refusals.map((x) => x.message.zh).join('；')}`,
            en: `"${def.nameEn ?? def.name}" is not allowed now: ${outcome.refusals.map((x) => x.message.en).join('; ')}`,
          },
        );
      const entering = stateOf(workflow, outcome.to);
      const { row: updated, review } = await writeTransition(s.db, {
        id,
        version: body.version,
        action: outcome.action,
        from: outcome.from,
        to: outcome.to,
        reason: body.reason ?? null,
        stateEntered: outcome.stateEntered,
        extensions: outcome.extensions,
        terminal: outcome.terminal,
        leavesReview: stateOf(workflow, outcome.from).kind === 'legal-review',
        opensReview:
          entering.kind === 'legal-review'
            ? { dueDate: reviewDue(workflow, outcome.to, at, outcome.extensions, env) }
            : null,
        actorId: actor.user.id,
        at,
      });
      // The alerts after this write judge the case as written, without reading it again.
      if (around)
        noteWrittenCase(
          c,
          transitionedCase(
            row,
            around,
            {
              ...updated,
              stateEntered: outcome.stateEntered,
              extensions: outcome.extensions,
              at,
              reviewOpened: review !== null,
            },
            { today, loaded },
          ),
        );
      return c.json({
        id,
        state: stateOf(workflow, updated.state),
        version: updated.version,
        closedAt: updated.closedAt,
        review: review ? { id: review.id, dueDate: review.dueDate } : null,
      });
    },
  );
  return r;
}
