/** Users in the database: creating them (CLI, demo, routes), passwords, colleagues. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { passwordRules } from './admin/security-policy.ts';
import { appendEvent } from './audit/chain.ts';
import { clearFailures } from './auth/lockout.ts';
import { hashPassword, passwordProblem } from './auth/password.ts';
import { endSessions } from './auth/session.ts';
import type { Db } from './db/client.ts';
import { type UserRow, users } from './db/schema.ts';
import { AppError } from './errors.ts';

/** What a new user needs. */
export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  orgCode: string;
  roles: string[];
  certificateNo?: string;
  certificateValidUntil?: string;
  legalQualification?: boolean;
}

/** The user of a name, or a 404 naming it. */
async function userNamed(db: Db, username: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user)
    throw new AppError('not-found', { username }, { zh: `没有用户 ${username}`, en: `there is no user ${username}` });
  return user;
}

/** Refuses a password that breaks the policy in force, with the rule it breaks (zh/en) on /password. */
async function requirePasswordPolicy(db: Db, password: string, username: string): Promise<void> {
  const problem = passwordProblem(password, username, await passwordRules(db));
  if (problem)
    throw new AppError(
      'validation',
      { problems: [{ path: '/password', code: 'password-policy', message: problem }] },
      problem,
    );
}

/** Creates a user, enforcing the password rules, and records it in the audit chain at `at`. */
export async function createUser(
  db: Db,
  input: NewUser,
  actor = 'system',
  at = new Date().toISOString(),
): Promise<UserRow> {
  await requirePasswordPolicy(db, input.password, input.username);
  const row = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    orgCode: input.orgCode,
    roles: input.roles,
    certificateNo: input.certificateNo ?? null,
    certificateValidUntil: input.certificateValidUntil ?? null,
    legalQualification: input.legalQualification ?? false,
    createdAt: at,
    passwordChangedAt: at,
  };
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(users).values(row).returning();
    await appendEvent(
      tx,
      {
        actor,
        action: 'user.create',
        target: row.id,
        after: {
          username: row.username,
          orgCode: row.orgCode,
          roles: row.roles,
          certificate: row.certificateNo ? { no: row.certificateNo, validUntil: row.certificateValidUntil } : null,
          legalQualification: row.legalQualification,
        },
      },
      at,
    );
    return created as UserRow;
  });
}

/**
 * Stores a password the user chose and records the change (no password or hash goes to the audit
 * log). Every other session of the user ends in the same transaction: whoever else held one, with
 * the old password, is signed out; the session that changed it stays.
 */
export async function setPasswordHash(
  db: Db,
  userId: string,
  passwordHash: string,
  at: string,
  keepSession: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId));
    const sessionsEnded = await endSessions(tx, userId, keepSession);
    await appendEvent(
      tx,
      { actor: userId, action: 'auth.password-changed', target: userId, after: { sessionsEnded } },
      at,
    );
  });
}

/**
 * An administrator's reset: a new password (checked against the rules), every session of the
 * user ended and the failed sign-ins forgotten, in one transaction with its audit event.
 */
export async function resetPassword(
  db: Db,
  username: string,
  password: string,
  actor: string,
  at = new Date().toISOString(),
): Promise<UserRow> {
  const user = await userNamed(db, username);
  await requirePasswordPolicy(db, password, username);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: at })
      .where(eq(users.id, user.id))
      .returning();
    const sessionsEnded = await endSessions(tx, user.id);
    await clearFailures(tx, username);
    await appendEvent(tx, { actor, action: 'user.password-reset', target: user.id, after: { sessionsEnded } }, at);
    return updated as UserRow;
  });
}

/** What an administrator may change of an account; a field left out stays as it is. */
export interface UserChanges {
  orgCode?: string;
  roles?: string[];
  /** The 执法证 (number and last valid day), or null to record that the user holds none. */
  certificate?: { no: string; validUntil: string } | null;
  /** Whether the user holds the 法律职业资格 that a 法制审核 opinion requires. */
  legalQualification?: boolean;
}

/**
 * Changes an account's organisation, roles, 执法证 or 法律职业资格 in one transaction with an
 * audit event (`user.update`, or the administrator's more precise `action`) holding what was and what is. A change that changes nothing is
 * refused, so the log never records an empty change.
 */
export async function updateUser(
  db: Db,
  username: string,
  changes: UserChanges,
  actor: string,
  at = new Date().toISOString(),
  action = 'user.update',
): Promise<UserRow> {
  const user = await userNamed(db, username);
  const view = (
    u: Pick<UserRow, 'orgCode' | 'roles' | 'certificateNo' | 'certificateValidUntil' | 'legalQualification'>,
  ) => ({
    orgCode: u.orgCode,
    roles: u.roles,
    certificate: u.certificateNo ? { no: u.certificateNo, validUntil: u.certificateValidUntil } : null,
    legalQualification: u.legalQualification,
  });
  const set = {
    ...(changes.orgCode !== undefined ? { orgCode: changes.orgCode } : {}),
    ...(changes.roles !== undefined ? { roles: changes.roles } : {}),
    ...(changes.certificate !== undefined
      ? {
          certificateNo: changes.certificate?.no ?? null,
          certificateValidUntil: changes.certificate?.validUntil ?? null,
        }
      : {}),
    ...(changes.legalQualification !== undefined ? { legalQualification: changes.legalQualification } : {}),
  };
  const before = view(user);
  const after = view({ ...user, ...set });
  if (JSON.stringify(before) === JSON.stringify(after))
    throw new AppError(
      'validation',
      { username },
      { zh: `用户 ${username} 的信息没有变化`, en: `nothing of ${username} would change` },
    );
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set(set).where(eq(users.id, user.id)).returning();
    await appendEvent(tx, { actor, action, target: user.id, before, after }, at);
    return updated as UserRow;
  });
}

/** The active users of an organisation who hold a 执法证, by name. */
export function certifiedUsers(db: Db, orgCode: string) {
  return db
    .select({
      id: users.id,
      name: users.displayName,
      certificateNo: users.certificateNo,
      validUntil: users.certificateValidUntil,
    })
    .from(users)
    .where(and(eq(users.orgCode, orgCode), eq(users.disabled, false), isNotNull(users.certificateNo)))
    .orderBy(asc(users.displayName));
}
