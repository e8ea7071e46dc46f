/**
 * The operator's database commands: `yifa db migrate` and `yifa pack install`, against the
 * database at YIFA_DATABASE_URL, and what the other operator commands share (opening the
 * database, the actor recorded for the shell, printing a refusal). Writes go through the
 * same code as the API (the pack registry, users.ts), so they are validated the same way
 * and recorded in the audit chain.
 */
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { bundlePack, readBundle, validatePackDir } from '@yifa/metamodel';
import { Command } from 'commander';
import { auditKeyFile } from '../audit/audit-key.ts';
import { checkpointSettings } from '../audit/checkpoint.ts';
import { type Db, MIGRATIONS, openDb } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { databaseUrlFrom, dataKeyFileFrom, filesDirFrom } from '../home.ts';
import { backupCopy, type CopyPaths, restoreCopy } from '../ops/backup.ts';
import { createPackRegistry, type ImportReport, requireSubtreePack } from '../packs/registry.ts';
import { formatIssues } from './format.ts';

type Exit = (code: number) => void;

/** Who the audit chain records for a command run from the shell. */
export function cliActor(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER;
  }
  return `cli:${name ?? 'unknown'}`;
}

/** A field problem or pack issue in an AppError's details. */
interface Problem {
  code: string;
  path?: string;
  pointer?: string;
  message: { zh: string; en: string };
}

/** Prints a refusal in both languages (an AppError's own message and details) and exits 1. */
export function refuse(exit: Exit, e: unknown): void {
  if (!(e instanceof AppError)) throw e;
  process.stderr.write(`✗ ${e.messages.zh}\n  ${e.messages.en}\n`);
  const details = (e.details ?? {}) as { problems?: Problem[]; issues?: Problem[] };
  const listed = details.problems ?? details.issues;
  if (listed)
    for (const p of listed.slice(0, 20)) {
      const where = p.path ?? p.pointer ?? '';
      const text = p.message.en === e.messages.en ? '' : ` ${p.message.zh} / ${p.message.en}`;
      process.stderr.write(`  ${where}${text} [${p.code}]\n`);
    }
  else if (e.details !== undefined) process.stderr.write(`  ${JSON.stringify(e.details)}\n`);
  exit(1);
}

/** Opens the database, runs `use`, and closes it again, whatever happens. */
export async function withDb<T>(use: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb();
  try {
    return await use(db);
  } finally {
    db.$client.close();
  }
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** The `created_at` of each migration recorded in the database (none for a new database). */
async function recordedMigrations(url: string): Promise<Set<number>> {
  if (url.startsWith('file:') && !statSync(url.slice('file:'.length), { throwIfNoEntry: false })) return new Set();
  const token = process.env.YIFA_DATABASE_TOKEN;
  const client = createClient({ url, ...(token ? { authToken: token } : {}) });
  try {
    const table = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
    );
    if (table.rows.length === 0) return new Set();
    const rows = await client.execute('SELECT created_at FROM __drizzle_migrations');
    return new Set(rows.rows.map((r) => Number(r.created_at)));
  } finally {
    client.close();
  }
}

/** The `db` command group. */
export function dbCommand(exit: Exit): Command {
  const db = new Command('db').description('数据库 / the database (YIFA_DATABASE_URL)');
  db.command('migrate')
    .description('应用数据库迁移 / apply the database migrations')
    .action(async () => {
      const url = databaseUrlFrom();
      const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as {
        entries: JournalEntry[];
      };
      const before = await recordedMigrations(url);
      await withDb(async () => undefined);
      const after = await recordedMigrations(url);
      const applied = journal.entries.filter((e) => after.has(e.when) && !before.has(e.when));
      for (const e of applied) process.stdout.write(`✓ ${e.tag}\n`);
      process.stdout.write(
        applied.length > 0
          ? `已应用 ${applied.length} 个迁移 / applied ${applied.length} migration(s) to ${url}\n`
          : `数据库已是最新 / ${url} is up to date (${after.size} migration(s))\n`,
      );
      exit(0);
    });
  db.command('backup')
    .description(
      '在线备份：数据库（一致快照）、证据文件、密钥与审计检查点，写入新目录 / back the copy up online into a new folder',
    )
    .argument('<folder>', '备份目录（须不存在或为空） / the backup folder (new or empty)')
    .action(async (folder: string) => {
      try {
        const paths = copyPathsFromEnv();
        const manifest = await withDb((d) => backupCopy(d, paths, resolve(folder)));
        process.stdout.write(
          `${[
            `✓ 已备份到 ${resolve(folder)} / backed up to ${resolve(folder)}`,
            `  数据库 / database: ${manifest.database.bytes} bytes, sha256 ${manifest.database.sha256}, 审计事件 / audit events ${manifest.database.auditEvents}`,
            `  证据文件 / evidence files: ${manifest.files.count} (${manifest.files.bytes} bytes)`,
            `  密钥 / keys: 个人信息 / personal data ${manifest.keys.data}, 审计 / audit ${manifest.keys.audit}${
              manifest.keys.data === 'environment' || manifest.keys.audit === 'environment'
                ? ' — 环境变量中的密钥不在备份中，请另行保管 / keys from the environment are not in the backup: keep them with it'
                : ''
            }`,
          ].join('\n')}\n`,
        );
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
  db.command('restore')
    .description(
      '从备份恢复到新的数据目录（不覆盖已有数据），并核验审计链、证据文件与个人信息密钥 / restore a backup into a new home and check it',
    )
    .argument('<folder>', '备份目录 / the backup folder')
    .action(async (folder: string) => {
      try {
        const report = await restoreCopy(resolve(folder), copyPathsFromEnv());
        const lines = [
          `${report.ok ? '✓' : '✗'} 已恢复 / restored ${resolve(folder)} → ${databaseUrlFrom()}`,
          `  审计链 / audit chain: ${report.chain.ok ? `完整 / intact, ${report.chain.events} events` : `✗ ${report.chain.message?.zh ?? ''} / ${report.chain.message?.en ?? 'broken'}`}`,
          `  证据文件 / evidence files: ${report.evidence.checked} checked, ${report.evidence.missing.length} missing, ${report.evidence.damaged.length} damaged`,
          `  个人信息 / sealed personal data: ${report.sealed.checked - report.sealed.failed} of ${report.sealed.checked} opened with the restored key`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        exit(report.ok ? 0 : 1);
      } catch (e) {
        refuse(exit, e);
      }
    });
  return db;
}

/** Where this copy's parts are, from the environment (home.ts). */
function copyPathsFromEnv(): CopyPaths {
  const url = databaseUrlFrom();
  return {
    databaseUrl: url,
    filesDir: filesDirFrom(),
    dataKeyFile: process.env.YIFA_DATA_KEY ? null : dataKeyFileFrom(),
    auditKeyFile: process.env.YIFA_AUDIT_KEY ? null : auditKeyFile(url),
    checkpointFile: checkpointSettings(url).file,
  };
}

/** A summary of an import report, one line per kind of change. */
export function formatReport(report: ImportReport): string {
  const { added, changed, removed } = report.summary;
  const lines = [
    `${report.packId}@${report.version}  ${report.hash}`,
    report.against
      ? `对比当前启用版本 / against the active ${report.against.version} ${report.against.hash}`
      : '当前没有启用的配置包 / no pack is active yet',
    `新增 ${added}，修改 ${changed}，删除 ${removed} / added ${added}, changed ${changed}, removed ${removed}`,
  ];
  if (report.casesAffected.length > 0)
    lines.push(
      `受影响的未结案件 ${report.casesAffected.length} 件（仍按立案时的版本办理） / open cases affected: ${report.casesAffected.length} (they keep the version they were opened under)`,
      ...report.casesAffected.slice(0, 20).map((c) => `  ${c.number}  ${c.matter}`),
    );
  return lines.join('\n');
}

/** The bundle text of a pack folder (validated) or a bundle file; undefined when the folder has errors. */
export function bundleOf(path: string, packs?: string): string | undefined {
  const full = resolve(path);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) throw new AppError('not-found', { path: full }, { zh: `找不到 ${full}`, en: `${full} does not exist` });
  if (!stat.isDirectory()) return readFileSync(full, 'utf8');
  const report = validatePackDir(full, packs ? { packsRoot: resolve(packs) } : {});
  if (!report.ok) {
    process.stdout.write(`${formatIssues(report.issues)}\n`);
    const errors = report.issues.filter((i) => i.severity === 'error').length;
    process.stderr.write(`✗ 未安装：配置包有 ${errors} 个错误 / not installed: the pack has ${errors} errors\n`);
    return undefined;
  }
  return bundlePack(report.pack).text;
}

/** `pack install`, for the `pack` command group. */
export function packInstallCommand(exit: Exit): Command {
  return new Command('install')
    .description('将配置包导入数据库，可同时启用 / import a pack into the database, optionally activating it')
    .argument('<path>', '配置包目录或包文件 / pack folder or bundle file')
    .option('--activate', '导入后启用 / activate it after importing')
    .option(
      '--org <code>',
      '与 --activate 同用：仅为该机构及其下级启用（如市级包） / with --activate: only for this organisation’s subtree (a city’s pack)',
    )
    .option('--dry-run', '只报告将发生的变化 / only report what would change')
    .option(
      '--packs <dir>',
      "在此目录中查找所扩展的基础包 / where to find base packs (default: the pack folder's parent)",
    )
    .action(async (path: string, opts: { activate?: boolean; org?: string; dryRun?: boolean; packs?: string }) => {
      try {
        if (opts.org !== undefined && !opts.activate)
          throw new AppError('validation', undefined, {
            zh: '--org 须与 --activate 同用',
            en: '--org goes with --activate',
          });
        const bundle = bundleOf(path, opts.packs);
        if (bundle === undefined) return exit(1);
        await withDb(async (db) => {
          const registry = createPackRegistry(db);
          const actor = cliActor();
          // A subtree activation that would be refused refuses the install before anything is imported.
          if (opts.org !== undefined) {
            const read = readBundle(bundle);
            if (read.ok) requireSubtreePack((await registry.active()).pack, read.pack, opts.org);
          }
          const report = await registry.importBundle(bundle, { apply: !opts.dryRun, actor });
          process.stdout.write(`${formatReport(report)}\n`);
          if (opts.dryRun) process.stdout.write('预演，未写入 / dry run: nothing was written\n');
          else if (report.alreadyImported) process.stdout.write('此版本已导入 / this version was already imported\n');
          else process.stdout.write('✓ 已导入 / imported\n');
          if (opts.activate && !opts.dryRun && opts.org !== undefined) {
            const org = opts.org;
            const current = (await registry.activations()).find((a) => a.org === org);
            if (current?.hash !== report.hash) await registry.activate(report.hash, actor, { org });
            process.stdout.write(
              `✓ 已为 ${org} 及其下级启用 / activated ${report.packId}@${report.version} for ${org}'s subtree\n`,
            );
          } else if (opts.activate && !opts.dryRun) {
            const active = await registry.active().catch(() => undefined);
            if (active?.hash !== report.hash) await registry.activate(report.hash, actor);
            process.stdout.write(`✓ 已启用 / activated ${report.packId}@${report.version}\n`);
          }
        });
        exit(0);
      } catch (e) {
        refuse(exit, e);
      }
    });
}
