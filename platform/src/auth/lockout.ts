/**
 * 登录失败处理 (等保 三级 身份鉴别): failed sign-ins are counted per user name typed, known or
 * not, in the database. Each failure is one atomic upsert that increments the count and sets the
 * lock in the same statement, so twenty concurrent guesses count twenty, in one process or in
 * several; nothing is read first and written back. An expired lock starts a new count in that
 * same statement.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInFailures } from '../db/schema.ts';
import type { AuthPolicy } from './policy.ts';

/** Anything drizzle can run statements with: the database or a transaction. */
type Executor = Pick<Db, 'insert' | 'select' | 'delete'>;

/** The count after a failure, and the lock it set or that already held. */
export interface FailureCount {
  failures: number;
  /** When the lock ends, if the name is locked now. */
  lockedUntil: string | null;
}

const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Counts one failed sign-in (or wrong current password) of a user name, atomically. */
export async function countFailure(
  db: Executor,
  username: string,
  policy: AuthPolicy,
  now: string,
): Promise<FailureCount> {
  const lock = addMinutes(now, policy.lockMinutes);
  const t = signInFailures;
  // An expired lock restarts the count at 1; a running lock stays as it is; otherwise the
  // failure that reaches the limit sets the lock. SET expressions read the row as it was.
  const expired = sql`${t.lockedUntil} IS NOT NULL AND ${t.lockedUntil} <= ${now}`;
  const [row] = await db
    .insert(t)
    .values({ username, failures: 1, lockedUntil: policy.maxFailures <= 1 ? lock : null })
    .onConflictDoUpdate({
      target: t.username,
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.failures} + 1 END`,
        lockedUntil: sql`CASE
          WHEN ${expired} THEN (CASE WHEN 1 >= ${policy.maxFailures} THEN ${lock} END)
          WHEN ${t.lockedUntil} IS NOT NULL THEN ${t.lockedUntil}
          WHEN ${t.failures} + 1 >= ${policy.maxFailures} THEN ${lock}
        END`,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
  if (!row) throw new Error('the failure count was not returned');
  return { failures: row.failures, lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

/** When the lock on a user name ends, or null when it is not locked now. */
export async function lockOf(db: Executor, username: string, now: string): Promise<string | null> {
  const [row] = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(eq(signInFailures.username, username));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Forgets the failures of a user name (after a good sign-in or an administrator's reset). */
export async function clearFailures(db: Executor, username: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.username, username));
}
