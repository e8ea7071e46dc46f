/**
 * Sessions: a random id in an HttpOnly, SameSite=Strict cookie; the database keeps only
 * its hash, a CSRF token, and the idle and absolute expiry (等保 超时自动退出). Sign-in
 * counts failures and locks the account after too many (登录失败处理).
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { organisations, sessions, type UserRow, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
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

/** Signs a user in; returns the new session's id and CSRF token. */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  policy: AuthPolicy,
  now = new Date().toISOString(),
) {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  // Unknown users still cost a hash, so timing does not tell which names exist.
  if (!user || user.disabled) {
    await verifyPassword(
      password,
      'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    throw new AppError('bad-credentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) throw new AppError('account-locked', { until: user.lockedUntil });
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.maxFailures ? addMinutes(now, policy.lockMinutes) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock })
        .where(eq(users.id, user.id));
      await appendEvent(
        tx,
        { actor: user.id, action: lock ? 'auth.locked' : 'auth.login-failed', target: user.id, after: { failures } },
        now,
      );
    });
    if (lock) throw new AppError('account-locked', { until: lock });
    throw new AppError('bad-credentials', { remaining: policy.maxFailures - failures });
  }
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
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
  if (!user || user.disabled) throw new AppError('unauthenticated');
  // The idle clock moves in steps: a write on every request would queue behind every other write.
  if (Date.parse(now) - Date.parse(row.lastSeenAt) >= TOUCH_INTERVAL_MS)
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, row.idHash));
  return { user, csrfToken: row.csrfToken, orgPath: orgPath ?? undefined };
}

/** Ends a session. */
export async function signOut(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashId(id)));
}
