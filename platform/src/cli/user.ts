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
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createPackRegistry } from '../packs/registry.ts';
import { createUser, resetPassword } from '../users.ts';
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
  passwordEnv?: string;
}

/** Checks the organisation and roles against the active pack (when one is active) and the user name is free. */
async function checkNewUser(db: Db, opts: UserAddOptions, roles: string[]): Promise<string | undefined> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, opts.username));
  if (taken)
    throw new AppError(
      'conflict',
      { username: opts.username },
      {
        zh: `用户名 ${opts.username} 已存在`,
        en: `the user name ${opts.username} is taken`,
      },
    );
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
  const [org] = await db.select().from(organisations).where(eq(organisations.code, opts.org));
  if (!org)
    throw new AppError(
      'validation',
      { org: opts.org },
      {
        zh: `配置包中没有机构 ${opts.org}`,
        en: `the active pack has no organisation ${opts.org}`,
      },
    );
  return undefined;
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
    .option('--password-env <var>', '从此环境变量读取密码 / read the password from this environment variable')
    .action(async (opts: UserAddOptions) => {
      try {
        const roles = opts.roles
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        if (roles.length === 0)
          throw new AppError('validation', { roles: opts.roles }, { zh: '至少一个角色', en: 'at least one role' });
        if (!opts.certificate !== !opts.validUntil)
          throw new AppError('validation', undefined, {
            zh: '执法证号和有效期须同时给出',
            en: '--certificate and --valid-until go together',
          });
        if (opts.validUntil && !isDate(opts.validUntil))
          throw new AppError(
            'validation',
            { validUntil: opts.validUntil },
            {
              zh: '有效期应为 YYYY-MM-DD 格式的日期',
              en: '--valid-until is a date as YYYY-MM-DD',
            },
          );
        const password = await readPassword(opts.passwordEnv);
        const created = await withDb(async (db) => {
          const warning = await checkNewUser(db, opts, roles);
          if (warning) process.stderr.write(`! ${warning}\n`);
          return createUser(
            db,
            {
              username: opts.username,
              displayName: opts.name,
              password,
              orgCode: opts.org,
              roles,
              ...(opts.certificate ? { certificateNo: opts.certificate } : {}),
              ...(opts.validUntil ? { certificateValidUntil: opts.validUntil } : {}),
            },
            cliActor(),
          );
        });
        process.stdout.write(
          `✓ 已创建用户 ${created.username}（${roles.join('、')}） / created user ${created.username} ${created.id}\n`,
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
