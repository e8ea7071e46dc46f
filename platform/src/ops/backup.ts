/**
 * Backing up and restoring a copy (#17): the database, the evidence files, the keys and the audit
 * checkpoint, into one folder an operator can move, and back.
 *
 * The database is copied online with SQLite's `VACUUM INTO`, which reads one consistent snapshot
 * while the copy keeps serving (writers are not stopped; the snapshot is what was committed when it
 * began). Evidence files are copied after it: a file is written before the row naming it commits
 * (routes/attachments.ts), so every file the snapshot names is there by then; later ones come
 * along and harm nothing. Keys kept in files are copied (mode 600); a key given in the environment
 * (YIFA_DATA_KEY, YIFA_AUDIT_KEY) is not in the backup, and the manifest says so — keep it with the
 * backup's other secrets. `manifest.json` is written last: a folder without it is not a backup.
 *
 * A restore goes only into an empty home (nothing is overwritten), checks the database against the
 * manifest's hash, and then proves the copy works: the audit chain verifies (against the restored
 * checkpoint), every evidence file the database names is there with its hash, and the parties'
 * sealed ID numbers open with the restored key.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';
import { verifyChain } from '../audit/chain.ts';
import { readAnchor } from '../audit/checkpoint.ts';
import { openPii } from '../crypto/pii.ts';
import { type Db, openDb } from '../db/client.ts';
import { databaseFile } from '../db/database-file.ts';
import { attachments, cases } from '../db/schema.ts';
import { evidencePath } from '../documents/evidence.ts';
import { AppError } from '../errors.ts';

/** The format of a backup folder. */
export const BACKUP_FORMAT = 'yifa.backup/1';

/** Where a copy's parts are (home.ts, audit-key.ts, checkpoint.ts give them from the environment). */
export interface CopyPaths {
  databaseUrl: string;
  filesDir: string;
  /** The personal-data key file, or null when the key is in the environment. */
  dataKeyFile: string | null;
  /** The audit signing key file, or null when the key is in the environment. */
  auditKeyFile: string | null;
  checkpointFile: string;
}

/** What a backup holds, written to its manifest.json. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { file: 'yifa.db'; sha256: string; bytes: number; auditEvents: number; auditHead: string | null };
  files: { count: number; bytes: number };
  /** Where each key is: in the backup (`file`), kept in the environment, or not made yet (`none`). */
  keys: { data: 'file' | 'environment' | 'none'; audit: 'file' | 'environment' | 'none' };
  checkpoint: boolean;
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function requireFileDatabase(url: string): string {
  const file = databaseFile(url);
  if (!file)
    throw new AppError(
      'validation',
      { databaseUrl: url },
      {
        zh: `只能备份本地数据库文件（file:…），${url} 不是；libsql 服务器请用其自身的备份`,
        en: `only a local database file (file:…) can be backed up here, not ${url}; back a libsql server up with its own tools`,
      },
    );
  return file;
}

/** Evidence files under a folder, without the half-written `.tmp` ones. */
function evidenceFiles(dir: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { count, bytes };
  for (const sub of readdirSync(dir)) {
    const path = join(dir, sub);
    if (!statSync(path).isDirectory()) continue;
    for (const f of readdirSync(path)) {
      if (f.endsWith('.tmp')) continue;
      count++;
      bytes += statSync(join(path, f)).size;
    }
  }
  return { count, bytes };
}

function copySecret(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  copyFileSync(from, to);
  chmodSync(to, 0o600);
}

/** Backs the copy up into `out` (a new or empty folder), online. */
export async function backupCopy(db: Db, paths: CopyPaths, out: string, now = new Date()): Promise<BackupManifest> {
  requireFileDatabase(paths.databaseUrl);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new AppError(
      'conflict',
      { out },
      { zh: `备份目录 ${out} 不是空的；请指定新目录`, en: `the backup folder ${out} is not empty; name a new one` },
    );
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const dbCopy = join(out, 'yifa.db');
  // One consistent snapshot, read while the copy serves.
  await db.$client.execute({ sql: 'VACUUM INTO ?', args: [dbCopy] });
  const snapshot = createClient({ url: `file:${dbCopy}` });
  let auditEvents = 0;
  let auditHead: string | null = null;
  try {
    const head = await snapshot.execute('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    auditEvents = Number(head.rows[0]?.seq ?? 0);
    auditHead = head.rows[0] ? String(head.rows[0].hash) : null;
  } finally {
    snapshot.close();
  }
  if (existsSync(paths.filesDir))
    cpSync(paths.filesDir, join(out, 'files'), { recursive: true, filter: (src) => !src.endsWith('.tmp') });
  const keys: BackupManifest['keys'] = { data: 'none', audit: 'none' };
  // The personal-data key file is made when the first personal data is sealed: a copy that has
  // sealed none yet has no key to back up.
  if (paths.dataKeyFile === null) keys.data = 'environment';
  else if (existsSync(paths.dataKeyFile)) {
    copySecret(paths.dataKeyFile, join(out, 'keys', 'pii.key'));
    keys.data = 'file';
  }
  if (paths.auditKeyFile === null) keys.audit = 'environment';
  else if (existsSync(paths.auditKeyFile)) {
    copySecret(paths.auditKeyFile, join(out, 'keys', 'audit.key'));
    keys.audit = 'file';
  }
  const checkpoint = existsSync(paths.checkpointFile);
  if (checkpoint) copyFileSync(paths.checkpointFile, join(out, 'audit-checkpoint.json'));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: now.toISOString(),
    database: {
      file: 'yifa.db',
      sha256: sha256File(dbCopy),
      bytes: statSync(dbCopy).size,
      auditEvents,
      auditHead,
    },
    files: evidenceFiles(join(out, 'files')),
    keys,
    checkpoint,
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** What a restore found when it checked the restored copy. */
export interface RestoreReport {
  ok: boolean;
  manifest: BackupManifest;
  chain: { ok: boolean; events: number; message?: { zh: string; en: string } };
  evidence: { checked: number; missing: string[]; damaged: string[] };
  sealed: { checked: number; failed: number };
}

/** Reads and checks a backup folder's manifest. */
export function readManifest(from: string): BackupManifest {
  const file = join(from, 'manifest.json');
  if (!existsSync(file))
    throw new AppError(
      'validation',
      { from },
      {
        zh: `${from} 中没有 manifest.json，不是完整的备份`,
        en: `${from} has no manifest.json: it is not a complete backup`,
      },
    );
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new AppError(
      'validation',
      { format: manifest.format },
      { zh: `不认识的备份格式 ${manifest.format}`, en: `unknown backup format ${manifest.format}` },
    );
  const actual = sha256File(join(from, 'yifa.db'));
  if (actual !== manifest.database.sha256)
    throw new AppError(
      'validation',
      { expected: manifest.database.sha256, actual },
      {
        zh: '备份中的数据库与清单记录的摘要不符，备份已损坏或被改动',
        en: 'the backup’s database does not match the hash its manifest records: it is damaged or altered',
      },
    );
  return manifest;
}

/**
 * Restores a backup into the copy at `paths` (whose database, files and keys must not exist yet),
 * then checks it. `dataKey` is the personal-data key when it is kept in the environment.
 */
export async function restoreCopy(from: string, paths: CopyPaths): Promise<RestoreReport> {
  const manifest = readManifest(from);
  const dbFile = requireFileDatabase(paths.databaseUrl);
  const taken = [
    dbFile,
    ...(existsSync(paths.filesDir) && readdirSync(paths.filesDir).length > 0 ? [paths.filesDir] : []),
    ...(manifest.keys.data === 'file' && paths.dataKeyFile && existsSync(paths.dataKeyFile) ? [paths.dataKeyFile] : []),
    ...(manifest.keys.audit === 'file' && paths.auditKeyFile && existsSync(paths.auditKeyFile)
      ? [paths.auditKeyFile]
      : []),
  ].filter((p) => existsSync(p));
  if (taken.length > 0)
    throw new AppError(
      'conflict',
      { exists: taken },
      {
        zh: `恢复不覆盖已有数据：${taken.join('、')} 已存在；请恢复到新的 YIFA_HOME`,
        en: `a restore overwrites nothing: ${taken.join(', ')} exist; restore into a new YIFA_HOME`,
      },
    );
  if (manifest.keys.data === 'file' && !paths.dataKeyFile)
    throw new AppError('validation', undefined, {
      zh: '备份含个人信息密钥文件，但本机设置了 YIFA_DATA_KEY；请去掉该变量，或确认二者相同后改用 YIFA_DATA_KEY_FILE',
      en: 'the backup holds the personal-data key file but YIFA_DATA_KEY is set here; unset it to use the restored file',
    });
  mkdirSync(dirname(dbFile), { recursive: true });
  copyFileSync(join(from, 'yifa.db'), dbFile);
  if (existsSync(join(from, 'files'))) cpSync(join(from, 'files'), paths.filesDir, { recursive: true });
  if (manifest.keys.data === 'file' && paths.dataKeyFile) copySecret(join(from, 'keys', 'pii.key'), paths.dataKeyFile);
  if (manifest.keys.audit === 'file' && paths.auditKeyFile)
    copySecret(join(from, 'keys', 'audit.key'), paths.auditKeyFile);
  if (manifest.checkpoint) {
    mkdirSync(dirname(paths.checkpointFile), { recursive: true });
    copyFileSync(join(from, 'audit-checkpoint.json'), paths.checkpointFile);
  }
  return checkRestored(manifest, paths);
}

/** Proves a restored copy works: chain, evidence files, sealed personal data. */
async function checkRestored(manifest: BackupManifest, paths: CopyPaths): Promise<RestoreReport> {
  const db = await openDb(paths.databaseUrl);
  try {
    const anchor = manifest.checkpoint
      ? readAnchor({ databaseUrl: paths.databaseUrl, file: paths.checkpointFile, every: 1 })
      : undefined;
    const report = await verifyChain(db, anchor);
    const chain = report.ok
      ? { ok: true, events: report.events }
      : { ok: false, events: report.events, ...('message' in report ? { message: report.message } : {}) };
    const missing: string[] = [];
    const damaged: string[] = [];
    const hashes = new Set((await db.select({ sha256: attachments.sha256 }).from(attachments)).map((a) => a.sha256));
    for (const hash of hashes) {
      const path = evidencePath(paths.filesDir, hash);
      if (!existsSync(path)) missing.push(hash);
      else if (sha256File(path) !== hash) damaged.push(hash);
    }
    // A key file that is not there (the backup had none): nothing sealed can be opened, and a copy
    // with no sealed data needs none.
    const key = paths.dataKeyFile
      ? existsSync(paths.dataKeyFile)
        ? Buffer.from(readFileSync(paths.dataKeyFile, 'utf8').trim(), 'hex')
        : null
      : undefined;
    let checked = 0;
    let failed = 0;
    for (const row of await db.select({ party: cases.party }).from(cases)) {
      checked++;
      try {
        if (key === null) throw new Error('no personal-data key');
        const id = openPii(row.party.idNumber, key);
        if (!/^[0-9A-Z]{15,18}$/.test(id)) failed++;
      } catch {
        failed++;
      }
    }
    return {
      ok: chain.ok && missing.length === 0 && damaged.length === 0 && failed === 0,
      manifest,
      chain,
      evidence: { checked: hashes.size, missing, damaged },
      sealed: { checked, failed },
    };
  } finally {
    db.$client.close();
  }
}
