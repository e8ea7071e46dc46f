/**
 * Accounts as the administrators of 三员分立 see and change them. Which administrator does what
 * is pack data (the role's permissions): `user.manage` creates, disables, enables and binds an
 * account to an organisation; `role.assign` gives roles; `user.certify` records the 执法证 and
 * the 法律职业资格; `user.credentials` locks, unlocks and resets a password. Every read and write
 * is limited in SQL to the accounts of the organisations the permission's scope covers, and
 * every write appends its audit event in the same transaction.
 *
 * Two rules keep the duties apart whatever a pack grants: no one changes their own account here
 * (roles, certificates, lock, password: one's own password is changed by signing in), and an
 * account holding an administrator role holds no other role.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, type Permission, type Scope, scopeFor } from '../auth/access.ts';
import { clearFailures } from '../auth/lockout.ts';
import { endSessions } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import { organisations, signInFailures, type UserRow, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import { createUser, resetPassword, updateUser } from '../users.ts';

/** The permissions that let an administrator see accounts (each for its own work on them). */
export const ACCOUNT_PERMISSIONS: readonly Permission[] = [
  'user.manage',
  'role.assign',
  'user.certify',
  'user.credentials',
];

const WIDTH: Record<Scope, number> = { own: 0, subject: 1, 'subject-tree': 2, 'sector-supervised': 3, all: 4 };

/** The widest scope any of the permissions gives the actor; `forbidden` naming them when none does. */
export function widestScope(actor: Actor, permissions: readonly Permission[]): Scope {
  let best: Scope | undefined;
  for (const p of permissions) {
    const s = scopeFor(actor, p);
    if (s && (best === undefined || WIDTH[s] > WIDTH[best])) best = s;
  }
  if (!best) throw new AppError('forbidden', { permission: permissions.length === 1 ? permissions[0] : permissions });
  return best;
}

/** The condition on users (joined with their organisation) a scope allows; undefined for all. */
function accountCondition(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'own') return eq(users.id, actor.user.id);
  return subjectCondition(scope, scopeValues(actor), { code: organisations.code, path: organisations.path });
}

/** An account as the administration screens show it (never the password hash). */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  orgCode: string;
  orgName: string | null;
  roles: string[];
  certificate: { number: string; validUntil: string | null } | null;
  legalQualification: boolean;
  disabled: boolean;
  /** When a security administrator locked it. */
  lockedAt: string | null;
  /** Until when too many failed sign-ins lock it. */
  failureLockUntil: string | null;
  createdAt: string;
}

const viewOf = (u: UserRow, orgName: string | null, lockedUntil: string | null, now: string): AccountView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  orgCode: u.orgCode,
  orgName,
  roles: u.roles,
  certificate: u.certificateNo ? { number: u.certificateNo, validUntil: u.certificateValidUntil } : null,
  legalQualification: u.legalQualification,
  disabled: u.disabled,
  lockedAt: u.lockedAt,
  failureLockUntil: lockedUntil && lockedUntil > now ? lockedUntil : null,
  createdAt: u.createdAt,
});

/** What the account list is filtered by. */
export interface AccountQuery {
  /** Part of the user name or the name. */
  q?: string;
  org?: string;
  limit: number;
  offset: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The accounts in the actor's scope, by user name, with the total. */
export async function listAccounts(
  db: Db,
  actor: Actor,
  query: AccountQuery,
  now: string,
): Promise<{ items: AccountView[]; total: number }> {
  const scope = widestScope(actor, ACCOUNT_PERMISSIONS);
  const text = query.q?.trim();
  const pattern = text ? `%${escapeLike(text)}%` : undefined;
  const where = and(
    accountCondition(actor, scope),
    pattern
      ? or(sql`${users.username} like ${pattern} escape '\\'`, sql`${users.displayName} like ${pattern} escape '\\'`)
      : undefined,
    query.org ? eq(users.orgCode, query.org) : undefined,
  );
  const rows = await db
    .select({ user: users, orgName: organisations.name, lockedUntil: signInFailures.lockedUntil })
    .from(users)
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .leftJoin(signInFailures, eq(signInFailures.username, users.username))
    .where(where)
    .orderBy(asc(users.username))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .where(where);
  return {
    items: rows.map((r) => viewOf(r.user, r.orgName, r.lockedUntil, now)),
    total: count?.n ?? 0,
  };
}

/** The account of a user name within the scope the permission gives, or a 404 naming it (out of scope reads as absent). */
async function accountFor(db: Db, actor: Actor, permission: Permission, username: string) {
  const scope = widestScope(actor, [permission]);
  const [row] = await db
    .select({ user: users, orgPath: organisations.path })
    .from(users)
    .leftJoin(organisations, eq(organisations.code, users.orgCode))
    .where(and(eq(users.username, username), accountCondition(actor, scope)));
  if (!row)
    throw new AppError(
      'not-found',
      { username },
      { zh: `没有账号 ${username}`, en: `there is no account ${username}` },
    );
  return row;
}

/** Refuses a change of the actor's own account. */
function notOwn(actor: Actor, user: UserRow): void {
  if (actor.user.id === user.id)
    throw new AppError(
      'forbidden',
      { rule: 'own-account' },
      {
        zh: '不能在此修改自己的账号（角色、证件、锁定和密码由另一位管理员办理；本人密码请在“修改密码”中修改）',
        en: 'you may not change your own account here (another administrator does; change your own password under “Change password”)',
      },
    );
}

/**
 * The condition on organisations a scope allows: the same subject rule as on accounts; `own`
 * (an account's own) reads as the actor's organisation.
 */
function organisationCondition(actor: Actor, scope: Scope): SQL | undefined {
  if (scope === 'all') return undefined;
  return subjectCondition(scope === 'own' ? 'subject' : scope, scopeValues(actor), {
    code: organisations.code,
    path: organisations.path,
  });
}

/** The organisation of a code within the actor's scope for the permission; a 422 on `path` naming it otherwise. */
async function organisationFor(db: Db, actor: Actor, permission: Permission, code: string, path: string) {
  const condition = organisationCondition(actor, widestScope(actor, [permission]));
  const [org] = await db
    .select({
      code: organisations.code,
      name: organisations.name,
      inScope: sql<number>`${condition ?? sql`1`}`.as('in_scope'),
    })
    .from(organisations)
    .where(eq(organisations.code, code));
  const problem = !org
    ? { code: 'unknown-organisation', message: { zh: `没有机构 ${code}`, en: `there is no organisation ${code}` } }
    : !org.inScope
      ? {
          code: 'organisation-out-of-scope',
          message: { zh: `机构 ${org.name} 不在您的管理范围内`, en: `${org.name} is outside what you administer` },
        }
      : undefined;
  if (problem) throw new AppError('validation', { problems: [{ path, ...problem }] }, problem.message);
}

/** What a system administrator gives a new account: no roles, ever (the security administrator gives them). */
export interface NewAccount {
  username: string;
  displayName: string;
  orgCode: string;
  password: string;
}

const isUniqueViolation = (e: unknown) =>
  e instanceof Error && /UNIQUE constraint failed: users\.username/.test(`${e.message} ${String(e.cause ?? '')}`);

/** Creates an account without roles (`user.manage`), checked against the password policy in force. */
export async function createAccount(db: Db, actor: Actor, input: NewAccount, at: string): Promise<UserRow> {
  widestScope(actor, ['user.manage']);
  const taken = { zh: `用户名 ${input.username} 已存在`, en: `the user name ${input.username} is taken` };
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) throw new AppError('conflict', { username: input.username }, taken);
  await organisationFor(db, actor, 'user.manage', input.orgCode, '/orgCode');
  try {
    return await createUser(db, { ...input, roles: [] }, actor.user.id, at);
  } catch (e) {
    // Two administrators creating the same name at once: the second meets the unique index.
    if (isUniqueViolation(e)) throw new AppError('conflict', { username: input.username }, taken);
    throw e;
  }
}

/** Disables or enables an account (`user.manage`); disabling ends its sessions in the same transaction. */
export async function setDisabled(db: Db, actor: Actor, username: string, disabled: boolean, at: string) {
  const { user } = await accountFor(db, actor, 'user.manage', username);
  notOwn(actor, user);
  if (user.disabled === disabled)
    throw new AppError(
      'validation',
      { username, disabled },
      disabled
        ? { zh: `账号 ${username} 已停用`, en: `${username} is already disabled` }
        : { zh: `账号 ${username} 未停用`, en: `${username} is not disabled` },
    );
  return db.transaction(async (tx) => {
    await tx.update(users).set({ disabled }).where(eq(users.id, user.id));
    const sessionsEnded = disabled ? await endSessions(tx, user.id) : 0;
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: disabled ? 'user.disable' : 'user.enable',
        target: user.id,
        before: { disabled: user.disabled },
        after: { disabled, sessionsEnded },
      },
      at,
    );
  });
}

/** Binds an account to another organisation of the actor's scope (`user.manage`). */
export async function bindOrganisation(db: Db, actor: Actor, username: string, orgCode: string, at: string) {
  const { user } = await accountFor(db, actor, 'user.manage', username);
  notOwn(actor, user);
  await organisationFor(db, actor, 'user.manage', orgCode, '/orgCode');
  return updateUser(db, username, { orgCode }, actor.user.id, at, 'user.org-bound');
}

/**
 * Gives an account its roles (`role.assign`), all of them at once (an empty list takes every role
 * away). The roles are those of the pack in force for the account's organisation; an administrator
 * role is held alone.
 */
export async function setRoles(
  db: Db,
  actor: Actor,
  username: string,
  roles: string[],
  packFor: (orgPath: string) => Promise<ResolvedPack>,
  at: string,
) {
  const { user, orgPath } = await accountFor(db, actor, 'role.assign', username);
  notOwn(actor, user);
  const pack = await packFor(orgPath ?? user.orgCode);
  const problems = roles.flatMap((code, i) =>
    pack.items.role.has(code)
      ? []
      : [
          {
            path: `/roles/${i}`,
            code: 'unknown-role',
            message: { zh: `配置包中没有角色 ${code}`, en: `the pack in force has no role ${code}` },
          },
        ],
  );
  if (problems.length > 0) throw new AppError('validation', { problems }, problems[0]?.message);
  const admins = roles.filter((code) => pack.items.role.get(code)?.admin);
  if (admins.length > 0 && roles.length > 1) {
    const message = {
      zh: '三员分立：管理员角色只能单独持有，不能与其他角色同时授予',
      en: 'separation of duties: an administrator role is held alone, never with another role',
    };
    throw new AppError('validation', { problems: [{ path: '/roles', code: 'admin-role-alone', message }] }, message);
  }
  return updateUser(db, username, { roles }, actor.user.id, at, 'user.roles-set');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Records an account's 执法证, or that it holds none (`user.certify`); a validity must be a real day not yet past. */
export async function setCertificate(
  db: Db,
  actor: Actor,
  username: string,
  certificate: { number: string; validUntil: string } | null,
  today: string,
  at: string,
) {
  const { user } = await accountFor(db, actor, 'user.certify', username);
  notOwn(actor, user);
  if (certificate) {
    const bad = !isDate(certificate.validUntil)
      ? {
          zh: `执法证有效期 ${certificate.validUntil} 不是有效日期（YYYY-MM-DD）`,
          en: `the certificate's validity ${certificate.validUntil} is not a date (YYYY-MM-DD)`,
        }
      : certificate.validUntil < today
        ? {
            zh: `执法证有效期 ${certificate.validUntil} 早于今天 ${today}：过期的执法证不能登记`,
            en: `the certificate expired on ${certificate.validUntil}, before today (${today}); an expired certificate is not recorded`,
          }
        : undefined;
    if (bad)
      throw new AppError(
        'validation',
        { problems: [{ path: '/validUntil', code: 'certificate-date', message: bad }] },
        bad,
      );
  }
  return updateUser(
    db,
    username,
    { certificate: certificate ? { no: certificate.number, validUntil: certificate.validUntil } : null },
    actor.user.id,
    at,
    'user.certificate-set',
  );
}

/** Records whether an account holds the 法律职业资格 a 法制审核 opinion requires (`user.certify`). */
export async function setLegalQualification(db: Db, actor: Actor, username: string, held: boolean, at: string) {
  const { user } = await accountFor(db, actor, 'user.certify', username);
  notOwn(actor, user);
  return updateUser(db, username, { legalQualification: held }, actor.user.id, at, 'user.legal-qualification-set');
}

/** Locks an account until unlocked (`user.credentials`), ending its sessions in the same transaction. */
export async function lockAccount(db: Db, actor: Actor, username: string, at: string) {
  const { user } = await accountFor(db, actor, 'user.credentials', username);
  notOwn(actor, user);
  if (user.lockedAt)
    throw new AppError(
      'validation',
      { username },
      { zh: `账号 ${username} 已锁定`, en: `${username} is already locked` },
    );
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lockedAt: at }).where(eq(users.id, user.id));
    const sessionsEnded = await endSessions(tx, user.id);
    await appendEvent(tx, { actor: actor.user.id, action: 'user.lock', target: user.id, after: { sessionsEnded } }, at);
  });
}

/** Unlocks an account (`user.credentials`): the administrator's lock and the failed sign-ins' lock alike. */
export async function unlockAccount(db: Db, actor: Actor, username: string, at: string) {
  const { user } = await accountFor(db, actor, 'user.credentials', username);
  notOwn(actor, user);
  const [failures] = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(eq(signInFailures.username, username));
  const failureLock = failures?.lockedUntil && failures.lockedUntil > at ? failures.lockedUntil : null;
  if (!user.lockedAt && !failureLock)
    throw new AppError('validation', { username }, { zh: `账号 ${username} 未锁定`, en: `${username} is not locked` });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lockedAt: null }).where(eq(users.id, user.id));
    await clearFailures(tx, username);
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'user.unlock',
        target: user.id,
        before: { lockedAt: user.lockedAt, failureLock },
      },
      at,
    );
  });
}

/** Sets a new password for an account (`user.credentials`), checked against the policy in force; its sessions end. */
export async function resetAccountPassword(db: Db, actor: Actor, username: string, password: string, at: string) {
  const { user } = await accountFor(db, actor, 'user.credentials', username);
  notOwn(actor, user);
  return resetPassword(db, username, password, actor.user.id, at);
}

/** The organisations of the actor's scope for any account permission, by path. */
export async function organisationsInScope(db: Db, actor: Actor) {
  return db
    .select({
      code: organisations.code,
      name: organisations.name,
      parent: organisations.parent,
      path: organisations.path,
      enforcementSubject: organisations.enforcementSubject,
    })
    .from(organisations)
    .where(organisationCondition(actor, widestScope(actor, ACCOUNT_PERMISSIONS)))
    .orderBy(asc(organisations.path));
}
