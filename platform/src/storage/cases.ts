/** Reading cases as an actor: by id within the actor's scope for a permission. */
import { and, eq } from 'drizzle-orm';
import { type Actor, type Permission, requirePermission } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { caseScope } from './scope.ts';
import { openCaseRow } from './sealed-rows.ts';

/**
 * The case with this id if the actor's scope for the permission covers it. Out of scope
 * and missing answer the same 404, so ids of other subjects' cases cannot be probed.
 */
export async function caseFor(db: Db, actor: Actor, id: string, permission: Permission): Promise<CaseRow> {
  const scope = requirePermission(actor, permission);
  const filter = caseScope(actor, scope);
  const [row] = await db
    .select()
    .from(cases)
    .where(filter ? and(eq(cases.id, id), filter) : eq(cases.id, id));
  if (!row) throw new AppError('not-found', { case: id });
  return openCaseRow(row);
}
