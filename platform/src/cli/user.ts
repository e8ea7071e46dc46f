/**
 * `yifa user add`: creates a user through the same code as the API (password policy,
 * scrypt, an audit event). The password is read from stdin (hidden on a terminal) or an
 * environment variable, never from the command line, where `ps` and shell history would
 * show it.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ResolvedPack } from '@yifa/metamodel';
import { Command } from 'commander';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createPackRegistry } from '../packs/registry.ts';
import { createUser, resetPassword, type UserChanges, updateUser } from '../users.ts';
import { cliActor, refuse, withDb } from './db.ts';

type Exit = (code: number) => void;

/** Reads a password without putting it on the command line: from an environment variable, or stdin. */
async function readPassword(envVar: string | undefined): Promise<string> {
  if (envVar) {
    const value = process.env[envVar];
    if (!value)
      throw new AppError(
        'bad-request',
        { env: envVar },
        {
          zh: `环境变量 ${envVar} 未设置`,
          en: `the environment variable ${envVar} is not set`,
        },
      );
    return value;
  }
  const tty = process.stdin.isTTY === true;
  let muted = false;
  // On a terminal the prompt is shown and the typing is not.
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  if (tty) {
    rl.setPrompt('密码 / password: ');
    rl.prompt();
    muted = true;
  }
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
    if (tty) process.stderr.write('\n');
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

interface UserAddOptions {
  username: string;
  name: string;
  org: string;
  roles: string;
  certificate?: string;
  validUntil?: string;
  legalQualification?: boolean;
  passwordEnv?: string;
}

interface UserUpdateOptions {
  username: string;
  org?: string;
  roles?: string;
  /** A number, or false for --no-certificate. */
  certificate?: string | false;
  validUntil?: string;
  legalQualification?: boolean;
}

/** Refuses a taken user name. */
async function requireFreeName(db: Db, username: string): Promise<void> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (taken)
    throw new AppError(
      'conflict',
      { username },
      {
        zh: `用户名 ${username} 已存在`,
        en: `the user name ${username} is taken`,
      },
    );
}

/**
 * Checks roles and an organisation against the active pack; when no pack is active they cannot
 * be checked, and the warning returned says so.
 */
async function checkAgainstPack(db: Db, roles: string[], org: string | undefined): Promise<string | undefined> {
  let pack: ResolvedPack;
  try {
    pack = (await createPackRegistry(db).active()).pack;
  } catch {
    return '未启用配置包，未核对机构和角色 / no pack is active: the organisation and roles were not checked';
  }
  const unknown = roles.filter((r) => !pack.items.role.has(r));
  if (unknown.length > 0)
    throw new AppError(
      'validation',
      { roles: unknown, known: [...pack.items.role.keys()] },
      {
        zh: `配置包中没有角色：${unknown.join('、')}`,
        en: `the active pack has no role ${unknown.join(', ')}`,
      },
    );
  if (org === undefined) return undefined;
  const [found] = await db.select().from(organisations).where(eq(organisations.code, org));
  if (!found)
    throw new AppError(
      'validation',
      { org },
      {
        zh: `配置包中没有机构 ${org}`,
        en: `the active pack has no organisation ${org}`,
      },
    );
  return undefined;
}

/** The roles a user holds now, or a 404 naming the user. */
async function userRoles(db: Db, username: string): Promise<string[]> {
  const [found] = await db.select({ roles: users.roles }).from(users).where(eq(users.username, username));
  if (!found)
    throw new AppError('not-found', { username }, { zh: `没有用户 ${username}`, en: `there is no user ${username}` });
  return found.roles;
}

/** 三员分立: an administrator role (the pack's `admin`) is held alone, as the security administrator's screen requires. */
async function requireAdminRoleAlone(db: Db, roles: string[]): Promise<void> {
  if (roles.length < 2) return;
  let pack: ResolvedPack;
  try {
    pack = (await createPackRegistry(db).active()).pack;
  } catch {
    return;
  }
  const admins = roles.filter((r) => pack.items.role.get(r)?.admin);
  if (admins.length > 0)
    throw new AppError(
      'validation',
      { roles, admin: admins },
      {
        zh: `三员分立：管理员角色 ${admins.join('、')} 只能单独持有`,
        en: `separation of duties: the administrator role ${admins.join(', ')} is held alone`,
      },
    );
}

/** Role codes from a comma-separated option; at least one. */
function rolesOf(option: string): string[] {
  const roles = option
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0)
    throw new AppError('validation', { roles: option }, { zh: '至少一个角色', en: 'at least one role' });
  return roles;
}

/** A 执法证 from its two options, which go together; undefined when neither is given. */
function certificateOf(no: string | undefined, validUntil: string | undefined) {
  if (!no !== !validUntil)
    throw new AppError('validation', undefined, {
      zh: '执法证号和有效期须同时给出',
      en: '--certificate and --valid-until go together',
    });
  if (validUntil && !isDate(validUntil))
    throw new AppError(
      'validation',
      { validUntil },
      {
        zh: '有效期应为 YYYY-MM-DD 格式的日期',
        en: '--valid-until is a date as YYYY-MM-DD',
      },
    );
  return no && validUntil ? { no, validUntil } : undefined;
}

/** The `user` command group. */
export function userCommand(exit: Exit): Command {
  const user = new Command('user').description('用户 / user accounts');
  user
    .command('add')
    .description('新建用户（密码从标准输入或 --password-env 读取，不放在命令行上） / add a user')
    .requiredOption('--username <username>', '用户名 / user name')
    .requiredOption('--name <name>', '姓名 / display name')
    .requiredOption('--org <code>', '所属机构编码 / organisation code')
    .requiredOption('--roles <codes>', '角色编码，逗号分隔 / role codes, comma-separated')
    .option('--certificate <no>', '执法证号 / enforcement certificate number')
    .option('--valid-until <date>', '执法证有效期至 YYYY-MM-DD / certificate valid until')
    .option(
      '--legal-qualification',
      '持有法律职业资格（可出具法制审核意见） / holds the legal qualification a 法制审核 opinion requires',
    )
    .option('--password-env <var>', '从此环境变量读取密码 / read the password from this environment variable')
    .action(async (opts: UserAddOptions) => {
      try {
        const roles = rolesOf(opts.roles);
        const certificate = certificateOf(opts.certificate, opts.validUntil);
        const password = await readPassword(opts.passwordEnv);
        const created = await withDb(async (db) => {
          await requireFreeName(db, opts.username);
          const warning = await checkAgainstPack(db, roles, opts.org);
          if (warning) process.stderr.write(`! ${warning}\n`);
          return createUser(
            db,
            {
              username: opts.username,
              displayName: opts.name,
              password,
              orgCode: opts.org,
              roles,
              ...(certificate ? { certificateNo: certificate.no, certificateValidUntil: certificate.validUntil } : {}),
              legalQualification: opts.legalQualification === true,
            },
            cliActor(),
          );
        });
        const qualified = created.legalQualification ? '，持法律职业资格 / legally qualified' : '';
        process.stdout.write(
          `✓ 已创建用户 ${created.username}（${roles.join('、')}${qualified}） / created user ${created.username} ${created.id}\n`,
        );
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  user
    .command('update')
    .description(
      '修改用户的机构、角色、执法证或法律职业资格（未给出的项不变） / change a user’s organisation, roles, certificate or legal qualification',
    )
    .requiredOption('--username <username>', '用户名 / user name')
    .option('--org <code>', '所属机构编码 / organisation code')
    .option(
      '--roles <codes>',
      '角色编码，逗号分隔（替换原有角色） / role codes, comma-separated (replace the current ones)',
    )
    .option('--certificate <no>', '执法证号（与 --valid-until 同时给出） / enforcement certificate number')
    .option('--no-certificate', '记录该用户不持执法证 / record that the user holds no certificate')
    .option('--valid-until <date>', '执法证有效期至 YYYY-MM-DD / certificate valid until')
    .option('--legal-qualification', '持有法律职业资格 / holds the legal qualification')
    .option('--no-legal-qualification', '不持有法律职业资格 / does not hold the legal qualification')
    .action(async (opts: UserUpdateOptions) => {
      try {
        const roles = opts.roles === undefined ? undefined : rolesOf(opts.roles);
        if (opts.certificate === false && opts.validUntil)
          throw new AppError('validation', undefined, {
            zh: '--no-certificate 不能与 --valid-until 同时给出',
            en: '--no-certificate and --valid-until do not go together',
          });
        const certificate = opts.certificate === false ? null : certificateOf(opts.certificate, opts.validUntil);
        const changes: UserChanges = {
          ...(opts.org !== undefined ? { orgCode: opts.org } : {}),
          ...(roles ? { roles } : {}),
          ...(certificate !== undefined ? { certificate } : {}),
          ...(opts.legalQualification !== undefined ? { legalQualification: opts.legalQualification } : {}),
        };
        if (Object.keys(changes).length === 0)
          throw new AppError('validation', undefined, {
            zh: '未给出要修改的项（--org、--roles、--certificate、--legal-qualification …）',
            en: 'nothing to change was given (--org, --roles, --certificate, --legal-qualification …)',
          });
        const updated = await withDb(async (db) => {
          const warning = await checkAgainstPack(db, roles ?? [], opts.org);
          if (warning) process.stderr.write(`! ${warning}\n`);
          return updateUser(db, opts.username, changes, cliActor());
        });
        process.stdout.write(`✓ 已修改用户 ${updated.username} / updated user ${updated.username}\n`);
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  user
    .command('roles')
    .description(
      '设置、增加或去除用户的角色（管理员角色只能单独持有） / set, add or remove a user’s roles (an administrator role is held alone)',
    )
    .argument('<username>', '用户名 / user name')
    .option(
      '--set <codes>',
      '角色编码，逗号分隔（替换原有角色） / role codes, comma-separated, replacing the current ones',
    )
    .option('--add <codes>', '增加的角色编码，逗号分隔 / role codes to add')
    .option('--remove <codes>', '去除的角色编码，逗号分隔 / role codes to take away')
    .action(async (username: string, opts: { set?: string; add?: string; remove?: string }) => {
      try {
        if ((opts.set === undefined) === (opts.add === undefined && opts.remove === undefined))
          throw new AppError('validation', undefined, {
            zh: '请给出 --set，或 --add / --remove（二者择一）',
            en: 'give --set, or --add and/or --remove (not both)',
          });
        const updated = await withDb(async (db) => {
          const current = await userRoles(db, username);
          const roles =
            opts.set !== undefined
              ? rolesOf(opts.set)
              : [
                  ...current.filter((r) => !(opts.remove ? rolesOf(opts.remove) : []).includes(r)),
                  ...(opts.add ? rolesOf(opts.add) : []).filter((r) => !current.includes(r)),
                ];
          const warning = await checkAgainstPack(db, roles, undefined);
          if (warning) process.stderr.write(`! ${warning}\n`);
          await requireAdminRoleAlone(db, roles);
          return updateUser(db, username, { roles }, cliActor(), undefined, 'user.roles-set');
        });
        const list = updated.roles.length ? updated.roles.join(', ') : '（无 / none）';
        process.stdout.write(`✓ ${updated.username} 的角色 / roles of ${updated.username}: ${list}\n`);
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  user
    .command('certificate')
    .description('登记或注销用户的执法证 / record a user’s enforcement certificate, or that they hold none')
    .argument('<username>', '用户名 / user name')
    .option('--number <no>', '执法证号 / certificate number')
    .option('--valid-until <date>', '有效期至 YYYY-MM-DD / valid until')
    .option('--none', '记录该用户不持执法证 / record that the user holds no certificate')
    .action(async (username: string, opts: { number?: string; validUntil?: string; none?: boolean }) => {
      try {
        if (opts.none && (opts.number || opts.validUntil))
          throw new AppError('validation', undefined, {
            zh: '--none 不能与 --number、--valid-until 同时给出',
            en: '--none does not go with --number or --valid-until',
          });
        const certificate = opts.none ? null : certificateOf(opts.number, opts.validUntil);
        if (certificate === undefined)
          throw new AppError('validation', undefined, {
            zh: '请给出 --number 和 --valid-until，或 --none',
            en: 'give --number and --valid-until, or --none',
          });
        const updated = await withDb((db) =>
          updateUser(db, username, { certificate }, cliActor(), undefined, 'user.certificate-set'),
        );
        process.stdout.write(
          updated.certificateNo
            ? `✓ ${updated.username}：执法证 ${updated.certificateNo}，有效期至 ${updated.certificateValidUntil} / certificate ${updated.certificateNo} valid until ${updated.certificateValidUntil}\n`
            : `✓ ${updated.username}：不持执法证 / holds no certificate\n`,
        );
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  user
    .command('list')
    .description(
      '列出用户：机构、角色、执法证、法律职业资格 / list users with organisation, roles, certificate and legal qualification',
    )
    .option('--json', '以 JSON 输出 / JSON output')
    .action(async (opts: { json?: boolean }) => {
      try {
        const rows = await withDb((db) => db.select().from(users).orderBy(asc(users.username)));
        const list = rows.map((u) => ({
          username: u.username,
          name: u.displayName,
          org: u.orgCode,
          roles: u.roles,
          certificate: u.certificateNo ? { no: u.certificateNo, validUntil: u.certificateValidUntil } : null,
          legalQualification: u.legalQualification,
        }));
        if (opts.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else
          for (const u of list)
            process.stdout.write(
              `${u.username}\t${u.name}\t${u.org}\t${u.roles.join(',')}\t${
                u.certificate ? `执法证 ${u.certificate.no} 至 ${u.certificate.validUntil}` : '无执法证'
              }\t${u.legalQualification ? '法律职业资格' : '-'}\n`,
            );
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  user
    .command('reset-password')
    .description(
      '管理员重置密码：结束该用户的全部会话并清除登录失败计数（密码从标准输入或 --password-env 读取） / reset a password, ending every session of the user',
    )
    .requiredOption('--username <username>', '用户名 / user name')
    .option('--password-env <var>', '从此环境变量读取新密码 / read the new password from this environment variable')
    .action(async (opts: { username: string; passwordEnv?: string }) => {
      try {
        const password = await readPassword(opts.passwordEnv);
        const reset = await withDb((db) => resetPassword(db, opts.username, password, cliActor()));
        process.stdout.write(
          `✓ 已重置 ${reset.username} 的密码，其全部会话已结束 / reset the password of ${reset.username}; every session of the user ended\n`,
        );
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  return user;
}
