/**
 * Bulk import of officers from the sheet (officer-sheet.ts), 三员分立 by column: each column is
 * imported only by whoever holds its permission — accounts (user name, name, organisation) by the
 * system administrator (`user.manage`), roles by the security administrator (`role.assign`), the
 * 执法证 and 法律职业资格 by the security administrator (`user.certify`) — and the report names the
 * columns it left alone, so both administrators can work from the same filled sheet in turn.
 *
 * All or nothing: every row is checked first, and the import writes only when no row is refused,
 * in one transaction with each row's audit events and one `user.import` event. A sheet is one
 * batch of people handed over together; half of it in the database would leave the administrator
 * to work out which rows are in, and the next import of the corrected sheet would then meet
 * accounts it had itself created.
 *
 * A new account gets a random initial password, shown once in the answer to the administrator who
 * imported it (never in the audit log or the database, which keeps its scrypt hash): passwords do
 * not travel in spreadsheets.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { eq, inArray } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { type Actor, scopeFor } from '../auth/access.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import { organisations, type UserRow, users } from '../db/schema.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import { plainText } from '../validation.ts';
import { type ColumnKey, OFFICER_COLUMNS, type SheetRow } from './officer-sheet.ts';

type Message = { zh: string; en: string };

/** Why a row is refused: the column and the reason. */
export interface RowProblem {
  column: ColumnKey;
  code: string;
  message: Message;
}

/** What an accepted row changes. */
export type RowChange = 'create' | 'roles' | 'certificate' | 'legal-qualification';

/** One row of the report. */
export interface RowReport {
  row: number;
  username: string;
  status: 'accepted' | 'refused' | 'unchanged';
  changes: RowChange[];
  problems: RowProblem[];
}

/** The report of an import checked (and, when nothing is refused and asked, applied). */
export interface ImportReport {
  /** The columns this administrator imports, and those of the sheet left to another. */
  columns: { imported: ColumnKey[]; ignored: ColumnKey[] };
  rows: RowReport[];
  counts: { accepted: number; refused: number; unchanged: number };
}

/** A row's writes, once every row passed. */
interface Planned {
  report: RowReport;
  create?: { displayName: string; orgCode: string };
  roles?: string[];
  certificate?: { no: string; validUntil: string } | null;
  legalQualification?: boolean;
  existing?: UserRow;
}

/** A text with no control or bidirectional characters (validation.ts). */
const PLAIN = plainText(z.string());
const hasControl = (s: string) => !PLAIN.safeParse(s).success;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const YES = new Set(['是', '有', 'yes', 'y', 'true', '1']);
const NO = new Set(['否', '无', 'no', 'n', 'false', '0']);

/** The columns of the sheet the actor's permissions import. */
export function importedColumns(actor: Actor): ColumnKey[] {
  return OFFICER_COLUMNS.filter((c) => c.key === 'username' || scopeFor(actor, c.permission)).map((c) => c.key);
}

/** The codes of the organisations the permission's scope reaches (undefined: all). */
async function orgsInScope(db: Db, actor: Actor, permission: 'user.manage' | 'role.assign' | 'user.certify') {
  const scope = scopeFor(actor, permission);
  if (!scope || scope === 'all') return undefined;
  const rows = await db
    .select({ code: organisations.code })
    .from(organisations)
    .where(
      subjectCondition(scope === 'own' ? 'subject' : scope, scopeValues(actor), {
        code: organisations.code,
        path: organisations.path,
      }),
    );
  return new Set(rows.map((r) => r.code));
}

const problem = (column: ColumnKey, code: string, zh: string, en: string): RowProblem => ({
  column,
  code,
  message: { zh, en },
});

/** Checks every row; writes nothing. `packFor` gives the pack in force at an organisation's path. */
export async function planOfficerImport(
  db: Db,
  actor: Actor,
  rows: readonly SheetRow[],
  packFor: (orgPath: string) => Promise<ResolvedPack>,
  today: string,
): Promise<{ report: ImportReport; planned: Planned[] }> {
  const imported = new Set(importedColumns(actor));
  const present = new Set(rows.flatMap((r) => Object.keys(r.cells) as ColumnKey[]));
  const ignored = OFFICER_COLUMNS.map((c) => c.key).filter((k) => present.has(k) && !imported.has(k));
  const names = [...new Set(rows.flatMap((r) => (r.cells.username ? [r.cells.username] : [])))];
  const existing = new Map(
    (names.length ? await db.select().from(users).where(inArray(users.username, names)) : []).map((u) => [
      u.username,
      u,
    ]),
  );
  const orgRows = await db.select({ code: organisations.code, path: organisations.path }).from(organisations);
  const orgPath = new Map(orgRows.map((o) => [o.code, o.path]));
  const scopes = {
    'user.manage': imported.has('orgCode') ? await orgsInScope(db, actor, 'user.manage') : undefined,
    'role.assign': imported.has('roles') ? await orgsInScope(db, actor, 'role.assign') : undefined,
    'user.certify': imported.has('certificateNo') ? await orgsInScope(db, actor, 'user.certify') : undefined,
  };
  const seen = new Map<string, number>();
  const planned: Planned[] = [];

  for (const { row, cells } of rows) {
    const username = cells.username ?? '';
    const problems: RowProblem[] = [];
    const plan: Planned = { report: { row, username, status: 'accepted', changes: [], problems } };
    const had = existing.get(username);
    if (had) plan.existing = had;
    if (!username) problems.push(problem('username', 'required', '用户名必填', 'the user name is required'));
    else if (!USERNAME.test(username))
      problems.push(
        problem(
          'username',
          'username-format',
          '用户名为 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头',
          'a user name has 2–64 letters, digits, dots, underscores or hyphens, starting with a letter or digit',
        ),
      );
    else if (seen.has(username))
      problems.push(
        problem(
          'username',
          'duplicate-row',
          `用户名 ${username} 已在第 ${seen.get(username)} 行出现`,
          `the user name ${username} is already on row ${seen.get(username)}`,
        ),
      );
    if (username) seen.set(username, seen.get(username) ?? row);

    // The account: created by whoever holds user.manage; an existing one is left as it is.
    let accountOrg = had?.orgCode;
    if (imported.has('orgCode') && username && !had) {
      const displayName = cells.displayName ?? '';
      const org = cells.orgCode ?? '';
      if (!displayName)
        problems.push(problem('displayName', 'required', '新建账号须填写姓名', 'a new account needs a name'));
      else if (displayName.length > 100 || hasControl(displayName))
        problems.push(
          problem(
            'displayName',
            'name-format',
            '姓名不超过 100 字，且不含控制字符',
            'a name has at most 100 characters and no control characters',
          ),
        );
      if (!org)
        problems.push(problem('orgCode', 'required', '新建账号须填写机构编码', 'a new account needs an organisation'));
      else if (!orgPath.has(org))
        problems.push(problem('orgCode', 'unknown-organisation', `没有机构 ${org}`, `there is no organisation ${org}`));
      else if (scopes['user.manage'] && !scopes['user.manage'].has(org))
        problems.push(
          problem(
            'orgCode',
            'organisation-out-of-scope',
            `机构 ${org} 不在您的管理范围内`,
            `${org} is outside what you administer`,
          ),
        );
      plan.create = { displayName, orgCode: org };
      accountOrg = org;
    } else if (imported.has('orgCode') && had && cells.orgCode && cells.orgCode !== had.orgCode)
      problems.push(
        problem(
          'orgCode',
          'account-exists',
          `账号 ${username} 已存在，属于机构 ${had.orgCode}：改绑机构请在账号管理中办理`,
          `the account ${username} exists, at ${had.orgCode}: bind it to another organisation on the accounts screen`,
        ),
      );

    // What the security administrator records needs the account, never their own.
    const needsAccount = (column: ColumnKey, permission: 'role.assign' | 'user.certify') => {
      if (!username || problems.some((p) => p.column === 'username')) return false;
      if (!had && !plan.create) {
        problems.push(
          problem(
            column,
            'no-account',
            `没有账号 ${username}：须先由系统管理员创建`,
            `there is no account ${username}: the system administrator creates it first`,
          ),
        );
        return false;
      }
      if (had?.id === actor.user.id) {
        problems.push(problem(column, 'own-account', '不能修改自己的账号', 'you may not change your own account'));
        return false;
      }
      const inScope = scopes[permission];
      if (inScope && accountOrg && !inScope.has(accountOrg)) {
        problems.push(
          problem(
            column,
            'account-out-of-scope',
            `账号 ${username} 不在您的管理范围内`,
            `the account ${username} is outside what you administer`,
          ),
        );
        return false;
      }
      return true;
    };

    if (imported.has('roles') && cells.roles !== undefined && needsAccount('roles', 'role.assign')) {
      const codes = [...new Set(cells.roles.split(/[,，、;；\s]+/).filter(Boolean))];
      const pack = await packFor(orgPath.get(accountOrg ?? '') ?? accountOrg ?? '');
      const unknown = codes.filter((c) => !pack.items.role.has(c));
      if (unknown.length)
        problems.push(
          problem(
            'roles',
            'unknown-role',
            `配置包中没有角色 ${unknown.join('、')}`,
            `the pack in force has no role ${unknown.join(', ')}`,
          ),
        );
      else if (codes.length > 1 && codes.some((c) => pack.items.role.get(c)?.admin))
        problems.push(
          problem(
            'roles',
            'admin-role-alone',
            '三员分立：管理员角色只能单独持有，不能与其他角色同时授予',
            'separation of duties: an administrator role is held alone, never with another role',
          ),
        );
      else if (JSON.stringify(codes) !== JSON.stringify(had?.roles ?? [])) plan.roles = codes;
    }

    const certNo = cells.certificateNo;
    const until = cells.validUntil;
    if (imported.has('certificateNo') && (certNo !== undefined || until !== undefined)) {
      if (needsAccount(certNo === undefined ? 'validUntil' : 'certificateNo', 'user.certify')) {
        if (certNo === undefined || until === undefined)
          problems.push(
            problem(
              certNo === undefined ? 'certificateNo' : 'validUntil',
              'certificate-pair',
              '执法证号和有效期须同时填写',
              'the certificate number and its validity go together',
            ),
          );
        else if (certNo.length > 64 || hasControl(certNo))
          problems.push(
            problem(
              'certificateNo',
              'certificate-format',
              '执法证号不超过 64 位',
              'a certificate number has at most 64 characters',
            ),
          );
        else if (!isDay(until))
          problems.push(
            problem(
              'validUntil',
              'certificate-date',
              `有效期 ${until} 不是有效日期（YYYY-MM-DD）`,
              `the validity ${until} is not a date (YYYY-MM-DD)`,
            ),
          );
        else if (until < today)
          problems.push(
            problem(
              'validUntil',
              'certificate-date',
              `执法证有效期 ${until} 早于今天 ${today}：过期的执法证不能登记`,
              `the certificate expired on ${until}, before today (${today}); an expired certificate is not recorded`,
            ),
          );
        else if (certNo !== had?.certificateNo || until !== had?.certificateValidUntil)
          plan.certificate = { no: certNo, validUntil: until };
      }
    }

    const qualification = cells.legalQualification;
    if (imported.has('legalQualification') && qualification !== undefined) {
      const said = qualification.toLowerCase();
      const held = YES.has(said) ? true : NO.has(said) ? false : undefined;
      if (held === undefined)
        problems.push(
          problem(
            'legalQualification',
            'yes-no',
            `法律职业资格应填“是”或“否”，而不是“${qualification}”`,
            `the legal qualification is yes or no, not “${qualification}”`,
          ),
        );
      else if (needsAccount('legalQualification', 'user.certify') && held !== (had?.legalQualification ?? false))
        plan.legalQualification = held;
    }

    const changes: RowChange[] = [
      ...(plan.create ? (['create'] as const) : []),
      ...(plan.roles ? (['roles'] as const) : []),
      ...(plan.certificate !== undefined ? (['certificate'] as const) : []),
      ...(plan.legalQualification !== undefined ? (['legal-qualification'] as const) : []),
    ];
    plan.report.changes = changes;
    plan.report.status = problems.length ? 'refused' : changes.length ? 'accepted' : 'unchanged';
    planned.push(plan);
  }
  const count = (s: RowReport['status']) => planned.filter((p) => p.report.status === s).length;
  return {
    report: {
      columns: { imported: [...imported], ignored },
      rows: planned.map((p) => p.report),
      counts: { accepted: count('accepted'), refused: count('refused'), unchanged: count('unchanged') },
    },
    planned,
  };
}

/** A random initial password with all four classes, 20 characters (never containing a user name: it has no dots). */
function initialPassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@^~'];
  const all = sets.join('');
  const chars = [
    ...sets.map((s) => s[randomInt(s.length)]),
    ...Array.from({ length: 16 }, () => all[randomInt(all.length)]),
  ];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The 执法证 and 法律职业资格 as the audit events of users.ts record them. */
const view = (
  u: Pick<UserRow, 'orgCode' | 'roles' | 'certificateNo' | 'certificateValidUntil' | 'legalQualification'>,
) => ({
  orgCode: u.orgCode,
  roles: u.roles,
  certificate: u.certificateNo ? { no: u.certificateNo, validUntil: u.certificateValidUntil } : null,
  legalQualification: u.legalQualification,
});

/**
 * Writes a plan with no refused row, in one transaction: each account created (`user.create`,
 * with no roles unless the importer also grants them), each change with its own event as the
 * accounts screen records it, and one `user.import` event naming the file's SHA-256 and
 * the counts. Returns the initial passwords of the new accounts.
 */
export async function applyOfficerImport(
  db: Db,
  actor: Actor,
  planned: readonly Planned[],
  file: Uint8Array,
  at: string,
): Promise<{ username: string; password: string }[]> {
  const passwords: { username: string; password: string }[] = [];
  const hashes = new Map<string, string>();
  for (const p of planned)
    if (p.create) {
      const password = initialPassword();
      passwords.push({ username: p.report.username, password });
      hashes.set(p.report.username, await hashPassword(password));
    }
  await db.transaction(async (tx) => {
    for (const p of planned) {
      if (p.report.status !== 'accepted') continue;
      let user = p.existing;
      if (p.create) {
        const row = {
          id: randomUUID(),
          username: p.report.username,
          displayName: p.create.displayName,
          passwordHash: hashes.get(p.report.username) as string,
          orgCode: p.create.orgCode,
          roles: [] as string[],
          certificateNo: null,
          certificateValidUntil: null,
          legalQualification: false,
          createdAt: at,
          passwordChangedAt: at,
        };
        [user] = await tx.insert(users).values(row).returning();
        await appendEvent(
          tx,
          {
            actor: actor.user.id,
            action: 'user.create',
            target: row.id,
            after: { username: row.username, ...view(row), source: 'import' },
          },
          at,
        );
      }
      if (!user) continue;
      const steps: [RowChange, Partial<UserRow>][] = [
        ...(p.roles ? [['roles', { roles: p.roles }] as [RowChange, Partial<UserRow>]] : []),
        ...(p.certificate !== undefined
          ? [
              [
                'certificate',
                { certificateNo: p.certificate?.no ?? null, certificateValidUntil: p.certificate?.validUntil ?? null },
              ] as [RowChange, Partial<UserRow>],
            ]
          : []),
        ...(p.legalQualification !== undefined
          ? [['legal-qualification', { legalQualification: p.legalQualification }] as [RowChange, Partial<UserRow>]]
          : []),
      ];
      for (const [change, set] of steps) {
        const before = view(user);
        const [updated] = await tx.update(users).set(set).where(eq(users.id, user.id)).returning();
        const action = {
          roles: 'user.roles-set',
          certificate: 'user.certificate-set',
          'legal-qualification': 'user.legal-qualification-set',
          create: 'user.create',
        }[change];
        await appendEvent(
          tx,
          { actor: actor.user.id, action, target: user.id, before, after: view(updated as UserRow) },
          at,
        );
        user = updated as UserRow;
      }
    }
    const counts = { accepted: 0, unchanged: 0 };
    for (const p of planned) counts[p.report.status === 'accepted' ? 'accepted' : 'unchanged']++;
    await appendEvent(
      tx,
      {
        actor: actor.user.id,
        action: 'user.import',
        target: 'officers',
        after: { sha256: createHash('sha256').update(file).digest('hex'), rows: planned.length, ...counts },
      },
      at,
    );
  });
  return passwords;
}
