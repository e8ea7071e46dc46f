/**
 * The register of market entities (检查对象名录库): rows judged field by field, imported as a
 * whole or not at all, listed and searched in the actor's scope (in the query), and declared
 * conflicts of interest (回避) between an officer and an entity. Every write is audited.
 */
import { randomUUID } from 'node:crypto';
import { checkCreditCode } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, requirePermission, type Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { entityConflicts, type MarketEntityRow, marketEntities, organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import type { EntityField, SheetRow } from './entities-xlsx.ts';

/** Why one field of one row is refused. */
export interface RowProblem {
  field: EntityField;
  reason: { zh: string; en: string };
}

/** What an import does with one row. */
export interface RowPlan {
  row: number;
  creditCode: string;
  name: string;
  action: 'add' | 'change' | 'unchanged' | 'reject';
  problems: RowProblem[];
}

/** A checked row, ready to store. */
interface Ready {
  creditCode: string;
  name: string;
  address: string;
  sector: string;
  org: { code: string; path: string };
}

/** The condition scope puts on entity rows (own and subject: the organisation in charge is the actor's). */
export function entityScope(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  const s = scope === 'own' ? 'subject' : scope;
  return subjectCondition(s, scopeValues(actor), { code: marketEntities.orgCode, path: marketEntities.orgPath });
}

/** Whether an organisation is one the scope reaches. */
function orgInScope(actor: Actor, scope: Scope, org: { code: string; path: string }): boolean {
  if (scope === 'all') return true;
  if (scope === 'own' || scope === 'subject') return org.code === actor.user.orgCode;
  return org.path === actor.orgPath || org.path.startsWith(`${actor.orgPath}/`);
}

const problem = (field: EntityField, zh: string, en: string): RowProblem => ({ field, reason: { zh, en } });

/** Judges every row of a sheet against the pack, the organisations and the register. */
export async function planImport(
  db: Db,
  actor: Actor,
  pack: ResolvedPack,
  rows: readonly SheetRow[],
): Promise<{ rows: RowPlan[]; ready: Map<number, Ready>; counts: Record<RowPlan['action'], number> }> {
  const scope = requirePermission(actor, 'entity.manage');
  const sectors = pack.items.codelist.get('sectors')?.entries ?? [];
  const orgs = await db
    .select({ code: organisations.code, name: organisations.name, path: organisations.path })
    .from(organisations);
  const orgBy = new Map<string, (typeof orgs)[number]>();
  for (const o of orgs) {
    orgBy.set(o.code, o);
    orgBy.set(o.name, o);
  }
  const codes = rows.map((r) => r.cells.creditCode.toUpperCase());
  const existing = new Map<string, MarketEntityRow>();
  for (let i = 0; i < codes.length; i += 500)
    for (const e of await db
      .select()
      .from(marketEntities)
      .where(inArray(marketEntities.creditCode, codes.slice(i, i + 500))))
      existing.set(e.creditCode, e);
  const seen = new Map<string, number>();
  const ready = new Map<number, Ready>();
  const plans: RowPlan[] = rows.map(({ row, cells }) => {
    const problems: RowProblem[] = [];
    const creditCode = cells.creditCode.toUpperCase();
    const bad = checkCreditCode(creditCode);
    if (bad) problems.push({ field: 'creditCode', reason: bad });
    const first = seen.get(creditCode);
    if (first !== undefined)
      problems.push(
        problem('creditCode', `与第${first}行的统一社会信用代码重复`, `the same credit code as row ${first}`),
      );
    else seen.set(creditCode, row);
    if (!cells.name) problems.push(problem('name', '名称不能为空', 'the name is empty'));
    else if (cells.name.length > 200)
      problems.push(problem('name', '名称超过200字', 'the name is longer than 200 characters'));
    if (!cells.address) problems.push(problem('address', '住所不能为空', 'the address is empty'));
    else if (cells.address.length > 300)
      problems.push(problem('address', '住所超过300字', 'the address is longer than 300 characters'));
    const sector = sectors.find((s) => s.code === cells.sector || s.name === cells.sector);
    if (!sector)
      problems.push(
        problem(
          'sector',
          `没有行业领域“${cells.sector}”，应为：${sectors.map((s) => s.name).join('、')}`,
          `there is no sector "${cells.sector}"; use one of ${sectors.map((s) => s.code).join(', ')}`,
        ),
      );
    const org = orgBy.get(cells.org);
    if (!org) problems.push(problem('org', `没有机构“${cells.org}”`, `there is no organisation "${cells.org}"`));
    else if (!orgInScope(actor, scope, org))
      problems.push(
        problem('org', `机构“${org.name}”不在您的管理范围内`, `the organisation "${org.code}" is outside your scope`),
      );
    const before = existing.get(creditCode);
    if (before && !orgInScope(actor, scope, { code: before.orgCode, path: before.orgPath }))
      problems.push(
        problem(
          'creditCode',
          '该主体已由您管理范围以外的机构登记',
          'the entity is registered by an organisation outside your scope',
        ),
      );
    if (problems.length) return { row, creditCode, name: cells.name, action: 'reject', problems };
    const value: Ready = {
      creditCode,
      name: cells.name,
      address: cells.address,
      sector: sector?.code as string,
      org: { code: org?.code as string, path: org?.path as string },
    };
    ready.set(row, value);
    const same =
      before &&
      before.name === value.name &&
      before.address === value.address &&
      before.sector === value.sector &&
      before.orgCode === value.org.code;
    return { row, creditCode, name: cells.name, action: before ? (same ? 'unchanged' : 'change') : 'add', problems };
  });
  const counts = { add: 0, change: 0, unchanged: 0, reject: 0 };
  for (const p of plans) counts[p.action]++;
  return { rows: plans, ready, counts };
}

/** Stores the rows of a plan with no rejected row, in one transaction with its audit event. */
export async function applyImport(
  db: Db,
  actor: Actor,
  plan: Awaited<ReturnType<typeof planImport>>,
  at: string,
): Promise<void> {
  if (plan.counts.reject > 0) throw new AppError('internal', { reason: 'a plan with rejected rows is never applied' });
  const changes = plan.rows.filter((r) => r.action === 'add' || r.action === 'change');
  await db.transaction(async (tx) => {
    for (const p of changes) {
      const v = plan.ready.get(p.row) as Ready;
      const set = {
        name: v.name,
        address: v.address,
        sector: v.sector,
        orgCode: v.org.code,
        orgPath: v.org.path,
        updatedAt: at,
      };
      await tx
        .insert(marketEntities)
        .values({ id: randomUUID(), creditCode: v.creditCode, ...set, createdBy: actor.user.id, createdAt: at })
        .onConflictDoUpdate({ target: marketEntities.creditCode, set });
    }
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'entity.import',
        after: {
          added: plan.rows.filter((r) => r.action === 'add').map((r) => r.creditCode),
          changed: plan.rows.filter((r) => r.action === 'change').map((r) => r.creditCode),
          unchanged: plan.counts.unchanged,
        },
      },
      at,
    );
  });
}

/** A page of the entities in scope, searched by name or credit code, optionally of one sector. */
export async function listEntities(
  db: Db,
  actor: Actor,
  q: { search?: string | undefined; sector?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: MarketEntityRow[] }> {
  const scope = requirePermission(actor, 'entity.read');
  const conds = [entityScope(actor, scope)];
  if (q.sector) conds.push(eq(marketEntities.sector, q.sector));
  if (q.search) {
    const pattern = `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(or(like(marketEntities.name, pattern), like(marketEntities.creditCode, pattern.toUpperCase())));
  }
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(marketEntities).where(where);
  const rows = await db
    .select()
    .from(marketEntities)
    .where(where)
    .orderBy(asc(marketEntities.creditCode))
    .limit(q.limit)
    .offset(q.offset);
  return { total: total?.n ?? 0, rows };
}

/** One entity in the actor's scope for a permission, or not-found (never "forbidden": no hint it exists). */
export async function scopedEntity(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'entity.read' | 'entity.manage',
): Promise<MarketEntityRow> {
  const scope = requirePermission(actor, permission);
  const [row] = await db
    .select()
    .from(marketEntities)
    .where(and(eq(marketEntities.id, id), entityScope(actor, scope)));
  if (!row) throw new AppError('not-found', { entity: id });
  return row;
}

/** The conflicts declared for an entity, with the officers' names. */
export async function conflictsOf(db: Db, entityId: string) {
  return db
    .select({
      id: entityConflicts.id,
      userId: entityConflicts.userId,
      name: users.displayName,
      reason: entityConflicts.reason,
      declaredAt: entityConflicts.declaredAt,
    })
    .from(entityConflicts)
    .innerJoin(users, eq(users.id, entityConflicts.userId))
    .where(eq(entityConflicts.entityId, entityId))
    .orderBy(asc(entityConflicts.declaredAt));
}

/** Declares that an officer must not inspect an entity (回避), audited; a second declaration of the pair is a conflict. */
export async function declareConflict(
  db: Db,
  actor: Actor,
  d: { entity: MarketEntityRow; userId: string; reason: string; at: string },
): Promise<{ id: string }> {
  const [officer] = await db.select().from(users).where(eq(users.id, d.userId));
  if (!officer)
    throw new AppError(
      'validation',
      {
        problems: [
          { path: '/userId', code: 'unknown-user', message: { zh: '没有该执法人员', en: 'there is no such officer' } },
        ],
      },
      { zh: '没有该执法人员', en: 'there is no such officer' },
    );
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: entityConflicts.id })
      .from(entityConflicts)
      .where(and(eq(entityConflicts.entityId, d.entity.id), eq(entityConflicts.userId, d.userId)));
    if (dup)
      throw new AppError(
        'conflict',
        { conflict: dup.id },
        { zh: '该执法人员与该主体的回避已登记', en: 'this officer’s conflict with this entity is already declared' },
      );
    await tx.insert(entityConflicts).values({
      id,
      entityId: d.entity.id,
      userId: d.userId,
      reason: d.reason,
      declaredBy: actor.user.id,
      declaredAt: d.at,
    });
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'entity.conflict',
        target: d.entity.id,
        after: { entity: d.entity.creditCode, officer: d.userId, reason: d.reason },
      },
      d.at,
    );
    return { id };
  });
}
