/**
 * A plan's inspections as people read them — entity, risk class, officers by name, the case and
 * the result so far (its state's name) — and the results to disclose (一公开): the finished
 * inspections with entity, date and result, nothing else (no officer, no address). The app's plan
 * page and a public page can both read them; the caller checks who may.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases, type InspectionPlanRow, marketEntities, planInspections, users } from '../db/schema.ts';

/** The plan's inspections with entity, officers, case and the result so far (the case's state). */
export async function inspectionsOf(db: Db, pack: ResolvedPack, plan: InspectionPlanRow) {
  const rows = await db
    .select({
      ordinal: planInspections.ordinal,
      riskClass: planInspections.riskClass,
      officers: planInspections.officers,
      caseId: planInspections.caseId,
      caseNumber: planInspections.caseNumber,
      entityId: marketEntities.id,
      creditCode: marketEntities.creditCode,
      name: marketEntities.name,
      address: marketEntities.address,
      state: cases.state,
      workflow: cases.workflowCode,
      closedAt: cases.closedAt,
    })
    .from(planInspections)
    .innerJoin(marketEntities, eq(marketEntities.id, planInspections.entityId))
    .leftJoin(cases, eq(cases.id, planInspections.caseId))
    .where(eq(planInspections.planId, plan.id))
    .orderBy(asc(planInspections.ordinal));
  const ids = [...new Set(rows.flatMap((r) => r.officers))];
  const names = new Map(
    ids.length
      ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map(
          (u) => [u.id, u.name],
        )
      : [],
  );
  return rows.map((r) => {
    const wf = r.workflow ? pack.items.workflow.get(r.workflow) : undefined;
    const state = wf?.states.find((s) => s.code === r.state);
    return {
      ordinal: r.ordinal,
      entity: { id: r.entityId, creditCode: r.creditCode, name: r.name, address: r.address },
      riskClass: r.riskClass,
      officers: r.officers.map((id) => ({ id, name: names.get(id) ?? id })),
      case: r.caseId ? { id: r.caseId, number: r.caseNumber } : null,
      result: state
        ? {
            state: state.code,
            name: state.name,
            nameEn: state.nameEn ?? null,
            final: state.terminal === true,
            date: r.closedAt?.slice(0, 10) ?? null,
          }
        : null,
    };
  });
}

/** The finished inspections of a plan, for disclosure: entity (name, credit code), the day it ended and its result. */
export async function planResults(db: Db, pack: ResolvedPack, plan: InspectionPlanRow) {
  return (await inspectionsOf(db, pack, plan))
    .filter((i) => i.result?.final)
    .map((i) => ({
      entity: { name: i.entity.name, creditCode: i.entity.creditCode },
      date: i.result?.date ?? null,
      result: { name: i.result?.name ?? '', nameEn: i.result?.nameEn ?? null },
    }));
}
