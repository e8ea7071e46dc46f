/**
 * 抽查计划: created for a sector, a period and an organisation; drawn once (a plan redrawn until
 * its result pleases is not random), from a fresh seed recorded with the algorithm's name and
 * the draw's inputs in the audit chain, so `verifyDraw` can draw it again and compare; then its
 * inspections are opened as cases of the matter's inspection workflow, all in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Matter, ResolvedPack } from '@yifa/metamodel';
import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, requirePermission, type Scope } from '../auth/access.ts';
import { powerRefusal } from '../auth/authority-list.ts';
import type { Db } from '../db/client.ts';
import {
  auditEvents,
  entityConflicts,
  type InspectionPlanRow,
  inspectionPlans,
  marketEntities,
  planInspections,
  users,
} from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newSeed } from '../random/seeded-sample.ts';
import { openingProblems } from '../routes/opening-officers.ts';
import { organisationOf } from '../storage/case-view.ts';
import { openCase } from '../storage/case-write.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import { localDate } from '../time.ts';
import type { FieldProblem } from '../validation.ts';
import { classify, countRecords, schemeFor } from './classify.ts';
import { DRAW_ALGORITHM, type DrawInput, drawPlan, periodDays } from './draw.ts';

/** What a new plan names. */
export interface NewPlan {
  name: string;
  sector: string;
  orgCode: string;
  periodFrom: string;
  periodTo: string;
  matter: string;
}

/** What reads inside a transaction as well as outside one. */
type Reader = Pick<Db, 'select'>;

const validation = (problems: FieldProblem[]) =>
  new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

function planScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  const s = scope === 'own' ? 'subject' : scope;
  return subjectCondition(s, scopeValues(actor), { code: inspectionPlans.orgCode, path: inspectionPlans.orgPath });
}

/** The workflow a plan's inspections are opened in: the first of the scheme's inspection workflows the matter offers. */
export function inspectionWorkflow(pack: ResolvedPack, matter: Matter, sector: string): string | undefined {
  const offered = [matter.workflow, ...(matter.alternativeWorkflows ?? [])];
  return schemeFor(pack, sector).inspectionWorkflows.find((w) => offered.includes(w));
}

/** Checks and stores a new plan (draft), audited. */
export async function createPlan(
  db: Db,
  actor: Actor,
  pack: { pack: ResolvedPack; hash: string },
  n: NewPlan,
  at: string,
): Promise<InspectionPlanRow> {
  const scope = requirePermission(actor, 'inspection-plan.draw');
  const problems: FieldProblem[] = [];
  const sectors = pack.pack.items.codelist.get('sectors')?.entries ?? [];
  if (!sectors.some((s) => s.code === n.sector))
    problems.push({
      path: '/sector',
      code: 'unknown-sector',
      message: { zh: `没有行业领域“${n.sector}”`, en: `there is no sector "${n.sector}"` },
    });
  if (n.periodTo < n.periodFrom)
    problems.push({
      path: '/periodTo',
      code: 'period-order',
      message: { zh: '结束日期不能早于开始日期', en: 'the period cannot end before it starts' },
    });
  else if (periodDays(n.periodFrom, n.periodTo) > 366)
    problems.push({
      path: '/periodTo',
      code: 'period-too-long',
      message: { zh: '抽查期间不能超过一年', en: 'the period cannot be longer than a year' },
    });
  const org = await organisationOf(db, n.orgCode);
  const inScope =
    org &&
    (scope === 'all' ||
      (scope === 'own' || scope === 'subject'
        ? org.code === actor.user.orgCode
        : org.path === actor.orgPath || org.path.startsWith(`${actor.orgPath}/`)));
  if (!org || !inScope || !org.enforcementSubject)
    problems.push({
      path: '/orgCode',
      code: 'org-not-subject',
      message: {
        zh: '抽查机构须为您管理范围内的执法主体',
        en: 'the organisation must be an enforcement subject within your scope',
      },
    });
  const matter = pack.pack.items.matter.get(n.matter);
  let schemeCode = '';
  if (!matter)
    problems.push({
      path: '/matter',
      code: 'unknown-matter',
      message: { zh: `没有执法事项“${n.matter}”`, en: `there is no matter "${n.matter}"` },
    });
  else if (!problems.some((p) => p.path === '/sector')) {
    schemeCode = schemeFor(pack.pack, n.sector).code;
    if (!inspectionWorkflow(pack.pack, matter, n.sector))
      problems.push({
        path: '/matter',
        code: 'not-inspection',
        message: {
          zh: `事项“${matter.name}”不是检查类事项（其流程不是风险分类方案所列的检查流程）`,
          en: `the matter ${matter.code} is not an inspection (its workflow is not one of the risk scheme's inspection workflows)`,
        },
      });
    else if (org) {
      const refused = powerRefusal(pack.pack, org, matter);
      if (refused) problems.push({ path: '/matter', code: 'authority-list', message: refused.message });
    }
  }
  if (problems.length) throw validation(problems);
  const row = {
    id: randomUUID(),
    name: n.name,
    sector: n.sector,
    orgCode: org?.code as string,
    orgPath: org?.path as string,
    periodFrom: n.periodFrom,
    periodTo: n.periodTo,
    matterCode: n.matter,
    schemeCode,
    packHash: pack.hash,
    createdBy: actor.user.id,
    createdAt: at,
  };
  return db.transaction(async (tx) => {
    const [stored] = await tx.insert(inspectionPlans).values(row).returning();
    await appendEvent(tx, { actor: actor.user.id, action: 'inspection-plan.create', target: row.id, after: n }, at);
    return stored as InspectionPlanRow;
  });
}

/** Plans in scope, newest first. */
export async function listPlans(db: Db, actor: Actor): Promise<InspectionPlanRow[]> {
  const scope = requirePermission(actor, 'inspection-plan.read');
  return db
    .select()
    .from(inspectionPlans)
    .where(planScope(actor, scope))
    .orderBy(desc(inspectionPlans.createdAt))
    .limit(500);
}

/** A plan in scope for the permission, or not-found. */
export async function scopedPlan(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'inspection-plan.read' | 'inspection-plan.draw',
): Promise<InspectionPlanRow> {
  const scope = requirePermission(actor, permission);
  const [row] = await db
    .select()
    .from(inspectionPlans)
    .where(and(eq(inspectionPlans.id, id), planScope(actor, scope)));
  if (!row) throw new AppError('not-found', { plan: id });
  return row;
}

function requireVersion(plan: InspectionPlanRow, version: number) {
  if (plan.version !== version) throw new AppError('conflict', { plan: plan.id, version: plan.version });
}

/** The certified officers of the plan's organisation: active, 执法证 valid through the period, in a role that requires one. */
async function officerPool(db: Reader, pack: ResolvedPack, plan: InspectionPlanRow): Promise<string[]> {
  const certifiedRoles = new Set([...pack.items.role.values()].filter((r) => r.requiresCertificate).map((r) => r.code));
  const rows = await db
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(
      and(
        eq(users.orgCode, plan.orgCode),
        eq(users.disabled, false),
        isNull(users.lockedAt),
        sql`${users.certificateNo} is not null and ${users.certificateValidUntil} >= ${plan.periodTo}`,
      ),
    );
  return rows.filter((u) => u.roles.some((r) => certifiedRoles.has(r))).map((u) => u.id);
}

/** Per entity, the officers it may not have: its declared conflicts and the officers of its last drawn inspection. */
async function exclusions(db: Reader, entityIds: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, Set<string>> = {};
  const add = (e: string, o: string) => {
    out[e] ??= new Set();
    out[e].add(o);
  };
  for (let i = 0; i < entityIds.length; i += 500) {
    const part = entityIds.slice(i, i + 500);
    for (const c of await db
      .select({ e: entityConflicts.entityId, u: entityConflicts.userId })
      .from(entityConflicts)
      .where(inArray(entityConflicts.entityId, part)))
      add(c.e, c.u);
    const last = new Set<string>();
    for (const p of await db
      .select({ e: planInspections.entityId, officers: planInspections.officers })
      .from(planInspections)
      .innerJoin(inspectionPlans, eq(inspectionPlans.id, planInspections.planId))
      .where(and(inArray(planInspections.entityId, part), ne(inspectionPlans.state, 'draft')))
      // The latest draw first: by its time, and among draws in the same millisecond (a clock held
      // still, or two quick draws) by insertion — draws are written one transaction at a time.
      .orderBy(desc(inspectionPlans.drawnAt), desc(sql`${planInspections}.rowid`))) {
      if (last.has(p.e)) continue;
      last.add(p.e);
      for (const o of p.officers) add(p.e, o);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([e, s]) => [e, [...s].sort()]));
}

/** Draws a draft plan: classes, entities and officers, stored with the seed and audited with the inputs. */
export async function drawInspectionPlan(
  db: Db,
  actor: Actor,
  pack: ResolvedPack,
  plan: InspectionPlanRow,
  version: number,
  at: string,
): Promise<InspectionPlanRow> {
  requirePermission(actor, 'inspection-plan.draw');
  requireVersion(plan, version);
  if (plan.state !== 'draft')
    throw new AppError(
      'conflict',
      { plan: plan.id, state: plan.state },
      { zh: '计划已抽取，不能重新抽取', en: 'the plan is already drawn and cannot be drawn again' },
    );
  const scheme = schemeFor(pack, plan.sector);
  const today = localDate(new Date(at));
  // Read and drawn before the write: a district's count reads its cases of three years, which must
  // not hold the database's one writer. The draw is made from exactly the inputs it records, and the
  // write below takes the plan only while it is still this version's draft.
  const entities = await db
    .select({
      id: marketEntities.id,
      creditCode: marketEntities.creditCode,
      name: marketEntities.name,
      sector: marketEntities.sector,
    })
    .from(marketEntities)
    .where(
      and(
        eq(marketEntities.sector, plan.sector),
        or(
          eq(marketEntities.orgPath, plan.orgPath),
          sql`substr(${marketEntities.orgPath}, 1, ${plan.orgPath.length + 1}) = ${`${plan.orgPath}/`}`,
        ),
      ),
    );
  if (entities.length === 0)
    throw new AppError(
      'validation',
      { plan: plan.id },
      {
        zh: '本机构在该行业领域没有登记的检查对象，无从抽取',
        en: 'no entities of this sector are registered for the organisation',
      },
    );
  const records = await countRecords(db, scheme, today);
  const byClass = new Map(scheme.classes.map((k) => [k.code, [] as { id: string; creditCode: string }[]]));
  for (const e of entities)
    byClass.get(classify(pack, scheme, records, e, today).code)?.push({ id: e.id, creditCode: e.creditCode });
  const officers = await officerPool(db, pack, plan);
  const input: DrawInput = {
    seed: newSeed(),
    periodDays: periodDays(plan.periodFrom, plan.periodTo),
    classes: scheme.classes.map((k) => ({
      code: k.code,
      ratePerYear: k.ratePerYear,
      entities: byClass.get(k.code) ?? [],
    })),
    officers,
    excluded: await exclusions(
      db,
      entities.map((e) => e.id),
    ),
  };
  const result = drawPlan(input);
  if (!result.ok) {
    const e = entities.find((x) => x.id === result.entityId);
    throw new AppError(
      'validation',
      { entity: e?.creditCode, eligible: result.eligible, officers: officers.length },
      {
        zh: `抽中的“${e?.name}”可派执法人员不足两名（本机构持证执法人员${officers.length}名，除去回避和上次检查的人员后剩${result.eligible}名），未抽取`,
        en: `fewer than two officers may inspect "${e?.name}" (${officers.length} certified, ${result.eligible} left after conflicts and last time's officers); nothing was drawn`,
      },
    );
  }
  return db.transaction(async (tx) => {
    // The plan first: a second draw of it racing this one finds it drawn and is refused (409).
    const [updated] = await tx
      .update(inspectionPlans)
      .set({
        state: 'drawn',
        seed: String(input.seed),
        algorithm: DRAW_ALGORITHM,
        classes: result.counts,
        drawnBy: actor.user.id,
        drawnAt: at,
        version: sql`${inspectionPlans.version} + 1`,
      })
      .where(
        and(eq(inspectionPlans.id, plan.id), eq(inspectionPlans.version, version), eq(inspectionPlans.state, 'draft')),
      )
      .returning();
    if (!updated) throw new AppError('conflict', { plan: plan.id });
    if (result.inspections.length)
      await tx.insert(planInspections).values(
        result.inspections.map((d, i) => ({
          id: randomUUID(),
          planId: plan.id,
          ordinal: i + 1,
          entityId: d.entityId,
          riskClass: d.riskClass,
          officers: d.officers,
        })),
      );
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'inspection-plan.draw',
        target: plan.id,
        after: {
          seed: input.seed,
          algorithm: DRAW_ALGORITHM,
          scheme: scheme.code,
          input,
          drawn: result.inspections,
        },
      },
      at,
    );
    return updated;
  });
}

/** Draws the plan again from the seed and inputs its audit event recorded, and compares with what is stored. */
export async function verifyDraw(
  db: Db,
  plan: InspectionPlanRow,
): Promise<{ same: boolean; seed: number; algorithm: string }> {
  const [event] = await db
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'inspection-plan.draw'), eq(auditEvents.target, plan.id)));
  if (!event) throw new AppError('not-found', { plan: plan.id, draw: null });
  const recorded = event.after as { seed: number; algorithm: string; input: DrawInput };
  if (recorded.algorithm !== DRAW_ALGORITHM)
    throw new AppError(
      'conflict',
      { algorithm: recorded.algorithm },
      {
        zh: `该计划由“${recorded.algorithm}”抽取，本版本不能复算`,
        en: `drawn by "${recorded.algorithm}", which this version cannot replay`,
      },
    );
  const again = drawPlan(recorded.input);
  const stored = await db
    .select({
      entityId: planInspections.entityId,
      riskClass: planInspections.riskClass,
      officers: planInspections.officers,
    })
    .from(planInspections)
    .where(eq(planInspections.planId, plan.id))
    .orderBy(asc(planInspections.ordinal));
  const same = again.ok && JSON.stringify(again.inspections) === JSON.stringify(stored);
  return { same, seed: recorded.seed, algorithm: recorded.algorithm };
}

/** Opens every drawn inspection of the plan as a case, in one transaction, and marks the plan opened. */
export async function openInspections(
  db: Db,
  actor: Actor,
  pack: { pack: ResolvedPack; hash: string },
  plan: InspectionPlanRow,
  version: number,
  at: string,
): Promise<{ opened: number }> {
  requirePermission(actor, 'inspection-plan.draw');
  requireVersion(plan, version);
  if (plan.state !== 'drawn')
    throw new AppError(
      'conflict',
      { plan: plan.id, state: plan.state },
      plan.state === 'draft'
        ? { zh: '计划尚未抽取', en: 'the plan is not drawn yet' }
        : { zh: '计划的检查已立案', en: 'the plan’s inspections are already opened' },
    );
  const matter = pack.pack.items.matter.get(plan.matterCode);
  const wfCode = matter && inspectionWorkflow(pack.pack, matter, plan.sector);
  const workflow = wfCode ? pack.pack.items.workflow.get(wfCode) : undefined;
  const org = await organisationOf(db, plan.orgCode);
  if (!matter || !workflow || !org)
    throw new AppError(
      'conflict',
      { matter: plan.matterCode },
      {
        zh: '现行配置包已没有该计划的检查事项或流程',
        en: 'the pack in force no longer has the plan’s matter or its workflow',
      },
    );
  const refused = powerRefusal(pack.pack, org, matter);
  if (refused) throw new AppError('forbidden', refused.details, refused.message);
  const rows = await db
    .select({ i: planInspections, e: marketEntities })
    .from(planInspections)
    .innerJoin(marketEntities, eq(marketEntities.id, planInspections.entityId))
    .where(eq(planInspections.planId, plan.id))
    .orderBy(asc(planInspections.ordinal));
  const today = localDate(new Date(at));
  const people = new Map(
    (
      await db
        .select()
        .from(users)
        .where(inArray(users.id, [...new Set(rows.flatMap((r) => r.i.officers))]))
    ).map((u) => [u.id, u]),
  );
  // 第四十二条 again at opening: a certificate may have lapsed since the draw.
  for (const r of rows) {
    const problems = openingProblems(
      pack.pack,
      workflow,
      r.i.officers.map((id) => people.get(id) ?? { certificateNo: null, certificateValidUntil: null }),
      today,
    );
    if (problems.length) throw new AppError('validation', { entity: r.e.creditCode, problems }, problems[0]?.message);
  }
  await db.transaction(async (tx) => {
    for (const r of rows) {
      // openCase writes in a transaction of its own: inside this one it is a savepoint, so one failure undoes every case.
      const c = await openCase(tx as unknown as Db, {
        actorId: actor.user.id,
        org,
        matter,
        workflowCode: workflow.code,
        workflowStart: workflow.start,
        packHash: pack.hash,
        party: { kind: 'organisation', name: r.e.name, idNumber: r.e.creditCode, address: r.e.address },
        facts: {},
        violationDate: null,
        officers: r.i.officers,
        at,
      });
      await tx
        .update(planInspections)
        .set({ caseId: c.id, caseNumber: c.number })
        .where(eq(planInspections.id, r.i.id));
    }
    const [updated] = await tx
      .update(inspectionPlans)
      .set({ state: 'opened', openedAt: at, version: sql`${inspectionPlans.version} + 1` })
      .where(
        and(eq(inspectionPlans.id, plan.id), eq(inspectionPlans.version, version), eq(inspectionPlans.state, 'drawn')),
      )
      .returning({ id: inspectionPlans.id });
    if (!updated) throw new AppError('conflict', { plan: plan.id });
    await appendEvent(
      tx,
      { actor: actor.user.id, action: 'inspection-plan.open', target: plan.id, after: { cases: rows.length } },
      at,
    );
  });
  return { opened: rows.length };
}
