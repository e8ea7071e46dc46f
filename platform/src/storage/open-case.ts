/**
 * A closed case (办结, its workflow at a terminal state) takes no more writes: not its facts, nor
 * its documents, corrections or evidence. Every write that belongs to a case reads the case's
 * state inside its own transaction, so a write racing the closing transition either commits
 * before the case closes or is refused after: SQLite runs one write transaction at a time.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** Throws `case-closed` (409) when the case is closed, `not-found` when it is gone; call it inside the write's transaction. */
export async function requireOpenCase(tx: Pick<Db, 'select'>, caseId: string): Promise<void> {
  const [row] = await tx.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId));
  if (!row) throw new AppError('not-found', { case: caseId });
  if (row.closedAt) throw new AppError('case-closed', { case: caseId, closedAt: row.closedAt });
}

/**
 * Throws `case-closed` for a case row read before the write, so a closed case is refused with
 * that reason before its data is checked; the write's own transaction checks again.
 */
export function refuseClosed(row: { id: string; closedAt: string | null }): void {
  if (row.closedAt) throw new AppError('case-closed', { case: row.id, closedAt: row.closedAt });
}
