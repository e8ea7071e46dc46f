/** Users in the database: creating them (CLI, demo, routes), passwords, colleagues. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { appendEvent } from './audit/chain.ts';
import { hashPassword, passwordProblem } from './auth/password.ts';
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

/** Creates a user, enforcing the password rules, and records it in the audit chain at `at`. */
export async function createUser(
  db: Db,
  input: NewUser,
  actor = 'system',
  at = new Date().toISOString(),
): Promise<UserRow> {
  const problem = passwordProblem(input.password, input.username);
  if (problem)
    throw new AppError(
      'validation',
      { problems: [{ path: '/password', code: 'password-policy', message: problem }] },
      problem,
    );
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
        after: { username: row.username, orgCode: row.orgCode, roles: row.roles },
      },
      at,
    );
    return created as UserRow;
  });
}

/** Stores a new password hash and records the change (no password or hash goes to the audit log). */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string, at: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId));
    await appendEvent(tx, { actor: userId, action: 'auth.password-changed', target: userId }, at);
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
