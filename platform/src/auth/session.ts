/**
 * Sessions: a random id in an HttpOnly, SameSite=Strict cookie; the database keeps only
 * its hash, a CSRF token, and the idle and absolute expiry (等保 超时自动退出). Sign-in
 * counts failures and locks the name after too many (登录失败处理, lockout.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { organisations, sessions, type UserRow, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clearFailures, countFailure, lockOf } from './lockout.ts';
import { verifyPassword } from './password.ts';
import type { AuthPolicy } from './policy.ts';

/** The cookie holding the session id. */
export const SESSION_COOKIE = 'yifa_session';

/** The header a state-changing request must carry the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * How often a session's last use is written: a session may end up to this much before a full
 * idle period has passed since its last request (one minute of thirty, by default).
 */
export const TOUCH_INTERVAL_MS = 60_000;

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');
const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A stored hash no password matches, checked for unknown and disabled users so that every sign-in costs one hash. */
const NO_PASSWORD = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Signs a user in; returns the new session's id and CSRF token. An unknown, disabled, known or
 * locked name all cost one password hash and one counted failure, and answer in the same shape
 * (`bad-credentials` with the attempts remaining, then `account-locked`), so neither the answer
 * nor its timing tells whether a user exists.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  policy: AuthPolicy,
  now = new Date().toISOString(),
) {
  const [found] = await db.select().from(users).where(eq(users.username, username));
  const user = found && !found.disabled ? found : undefined;
  const matches = await verifyPassword(password, user?.passwordHash ?? NO_PASSWORD);
  if (!user || !matches) throw await failedAttempt(db, username, user?.id, policy, now, 'auth.login-failed');
  // The lock is read after the hash, so a locked account answers as late as any other.
  const until = await lockOf(db, username, now);
  if (until) throw new AppError('account-locked', { until });
  if (user.lockedAt) throw lockedByAdministrator(user.lockedAt);
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await clearFailures(tx, username);
    await tx.insert(sessions).values({
      idHash: hashId(id),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: addMinutes(now, policy.absoluteHours * 60),
    });
    await appendEvent(tx, { actor: user.id, action: 'auth.login', target: user.id }, now);
  });
  return { id, csrfToken, user };
}

/** The answer to a correct password of an account a security administrator has locked. */
export function lockedByAdministrator(lockedAt: string): AppError {
  return new AppError(
    'account-locked',
    { lockedAt, by: 'security-admin' },
    {
      zh: '账户已被安全管理员锁定，请联系安全管理员解锁',
      en: 'a security administrator has locked this account; ask them to unlock it',
    },
  );
}

/**
 * Counts a failed attempt of a user name (a wrong sign-in, or a wrong current password when
 * changing it) with its audit event, and returns the error to answer: `bad-credentials` with the
 * attempts remaining, or `account-locked` once the count reaches the policy's limit.
 */
export async function failedAttempt(
  db: Db,
  username: string,
  userId: string | undefined,
  policy: AuthPolicy,
  now: string,
  action: 'auth.login-failed' | 'auth.password-change-failed',
): Promise<AppError> {
  const count = await db.transaction(async (tx) => {
    const counted = await countFailure(tx, username, policy, now);
    const locking = counted.lockedUntil !== null && counted.failures === policy.maxFailures;
    await appendEvent(
      tx,
      {
        actor: userId ?? 'anonymous',
        action: locking ? 'auth.locked' : action,
        target: userId ?? null,
        // An unknown name is recorded for the audit administrator; the caller never sees it.
        after: userId ? { failures: counted.failures } : { username, failures: counted.failures },
      },
      now,
    );
    return counted;
  });
  if (count.lockedUntil) return new AppError('account-locked', { until: count.lockedUntil });
  return new AppError('bad-credentials', { remaining: policy.maxFailures - count.failures });
}

/** The session lookup of every signed-in request, built once per database: session, user and organisation path in one query. */
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();
const prepareLookup = (db: Db) =>
  db
    .select({ session: sessions, user: users, orgPath: organisations.path })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .prepare();

/**
 * The signed-in user of a session id and the path of their organisation (undefined when the
 * organisation is unknown), refreshing its idle clock (every minute at most); throws when none or expired.
 */
export async function sessionUser(
  db: Db,
  id: string | undefined,
  policy: AuthPolicy,
  now = new Date().toISOString(),
): Promise<{ user: UserRow; csrfToken: string; orgPath: string | undefined }> {
  if (!id) throw new AppError('unauthenticated');
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    lookups.set(db, lookup);
  }
  const [found] = await lookup.all({ idHash: hashId(id) });
  if (!found) throw new AppError('unauthenticated');
  const { session: row, user, orgPath } = found;
  if (row.expiresAt <= now || addMinutes(row.lastSeenAt, policy.idleMinutes) <= now) {
    await db.delete(sessions).where(eq(sessions.idHash, row.idHash));
    throw new AppError('session-expired');
  }
  // A locked account's sessions end when it is locked; this refuses one that was in flight.
  if (!user || user.disabled || user.lockedAt) throw new AppError('unauthenticated');
  // The idle clock moves in steps: a write on every request would queue behind every other write.
  if (Date.parse(now) - Date.parse(row.lastSeenAt) >= TOUCH_INTERVAL_MS)
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, row.idHash));
  return { user, csrfToken: row.csrfToken, orgPath: orgPath ?? undefined };
}

/** Ends a session. */
export async function signOut(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashId(id)));
}

/**
 * Ends the sessions of a user, all of them or all but the one given (the session that changed
 * the password stays signed in); returns how many ended.
 */
export async function endSessions(db: Pick<Db, 'delete'>, userId: string, except?: string): Promise<number> {
  const mine = eq(sessions.userId, userId);
  const ended = await db
    .delete(sessions)
    .where(except ? and(mine, ne(sessions.idHash, hashId(except))) : mine)
    .returning({ idHash: sessions.idHash });
  return ended.length;
}
