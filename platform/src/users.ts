/** Creating users (CLI, demo and the user-management routes share this). */
import { randomUUID } from 'node:crypto';
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

/** Creates a user, enforcing the password rules, and records it in the audit chain. */
export async function createUser(db: Db, input: NewUser, actor = 'system'): Promise<UserRow> {
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
  };
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(users).values(row).returning();
    await appendEvent(tx, {
      actor,
      action: 'user.create',
      target: row.id,
      after: { username: row.username, orgCode: row.orgCode, roles: row.roles },
    });
    return created as UserRow;
  });
}
