/**
 * Payments of a decision, recorded in the execution state (执行) with their audit event in the same
 * transaction; a closed case takes none (open-case.ts).
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { type PaymentRow, payments } from '../db/schema.ts';
import { requireOpenCase } from './open-case.ts';

/** A payment as an officer records it: amount in fen, the day paid, the code or receipt it was paid under. */
export interface NewPayment {
  caseId: string;
  amount: number;
  paidOn: string;
  reference: string | null;
  actorId: string;
  at: string;
}

/** Records a payment and its `case.payment` event; answers the stored row. */
export async function recordPayment(db: Db, p: NewPayment): Promise<PaymentRow> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, p.caseId);
    const [row] = await tx
      .insert(payments)
      .values({
        id: randomUUID(),
        caseId: p.caseId,
        amount: p.amount,
        paidOn: p.paidOn,
        reference: p.reference,
        recordedBy: p.actorId,
        recordedAt: p.at,
      })
      .returning();
    const stored = row as PaymentRow;
    await appendEvent(
      tx,
      {
        actor: p.actorId,
        action: 'case.payment',
        caseId: p.caseId,
        target: stored.id,
        after: { amount: p.amount, paidOn: p.paidOn, reference: p.reference },
      },
      p.at,
    );
    return stored;
  });
}

/** The payments of a case, in the order they were paid. */
export function paymentsOf(db: Db, caseId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.paidOn));
}
