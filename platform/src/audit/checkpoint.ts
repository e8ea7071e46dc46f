/**
 * A signed checkpoint of the audit chain's head, kept outside the database: the chain shows a
 * change anywhere before its last event, and only something kept elsewhere shows that events
 * at its end were deleted. The file (YIFA_AUDIT_CHECKPOINT_FILE, else `<database file>.audit-
 * checkpoint.json`, or data/audit-checkpoint.json for a libsql server) holds the last event's
 * seq and hash, when it was signed, and an SM2 signature (SM3 digest) by the copy's key
 * (audit-key.ts), named by the key's fingerprint. A checkpoint is only ever replaced by one
 * further along the same chain: a chain that no longer holds the last checkpoint's event keeps
 * the evidence, and `yifa audit verify` reports it.
 */
import { sign, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { canonicalJson } from '../canonical.ts';
import { databaseFile } from '../db/database-file.ts';
import { auditEvents } from '../db/schema.ts';
import { homeFor } from '../home.ts';
import { type AuditKey, auditKey } from './audit-key.ts';
import type { Anchor } from './chain.ts';

/** SM2 signature over the SM3 digest of the checkpoint's canonical JSON. */
export const CHECKPOINT_ALGORITHM = 'sm2-sm3';

/** Events between two checkpoints the server writes, unless YIFA_AUDIT_CHECKPOINT_EVERY says otherwise. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

/** What the checkpoint file holds. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** When it was signed (ISO time). */
  at: string;
  algorithm: string;
  /** SM3 of the signing public key (SubjectPublicKeyInfo, DER), hex. */
  keyFingerprint: string;
  /** Base64 of the DER signature over the canonical JSON of the other fields. */
  signature: string;
}

/** The default checkpoint file is the database file's name with this added. */
export const CHECKPOINT_SUFFIX = '.audit-checkpoint.json';

/** Where a copy's checkpoint goes, and how often the server writes one. */
export interface CheckpointSettings {
  databaseUrl: string;
  file: string;
  every: number;
}

/** The checkpoint settings for a database URL from the environment. */
export function checkpointSettings(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): CheckpointSettings {
  const every = Number(env.YIFA_AUDIT_CHECKPOINT_EVERY ?? DEFAULT_CHECKPOINT_EVERY);
  if (!Number.isInteger(every) || every < 1)
    throw new Error('YIFA_AUDIT_CHECKPOINT_EVERY must be a whole number of events, 1 or more');
  const dbFile = databaseFile(databaseUrl);
  const file =
    env.YIFA_AUDIT_CHECKPOINT_FILE ??
    (dbFile ? `${dbFile}${CHECKPOINT_SUFFIX}` : join(homeFor(databaseUrl, env), 'audit-checkpoint.json'));
  return { databaseUrl, file, every };
}

const signedText = (c: Omit<Checkpoint, 'signature'>) =>
  canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, algorithm: c.algorithm, keyFingerprint: c.keyFingerprint });

/** Signs the head of a chain. */
export function signCheckpoint(head: { seq: number; hash: string }, key: AuditKey, at: string): Checkpoint {
  const body = { seq: head.seq, hash: head.hash, at, algorithm: CHECKPOINT_ALGORITHM, keyFingerprint: key.fingerprint };
  return { ...body, signature: sign('sm3', Buffer.from(signedText(body)), key.privateKey).toString('base64') };
}

function isCheckpoint(v: unknown): v is Checkpoint {
  const c = v as Checkpoint;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger(c.seq) &&
    c.seq > 0 &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.algorithm === 'string' &&
    typeof c.keyFingerprint === 'string' &&
    typeof c.signature === 'string'
  );
}

/** Reads the checkpoint file and checks its signature with the copy's key (never creating one). */
export function readAnchor(settings: CheckpointSettings, env: NodeJS.ProcessEnv = process.env): Anchor {
  const { file } = settings;
  if (!existsSync(file)) return { state: 'none', file };
  const bad = (zh: string, en: string): Anchor => ({
    state: 'bad',
    file,
    message: { zh: `检查点文件 ${file} ${zh}`, en: `the checkpoint file ${file} ${en}` },
  });
  let c: unknown;
  try {
    c = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return bad('无法读取', 'cannot be read');
  }
  if (!isCheckpoint(c)) return bad('格式不对', 'is not a checkpoint');
  if (c.algorithm !== CHECKPOINT_ALGORITHM)
    return bad(`使用了未知的签名算法 ${c.algorithm}`, `uses an unknown algorithm ${c.algorithm}`);
  const key = auditKey(settings.databaseUrl, { create: false }, env);
  if (!key) return bad('无法核验：找不到本实例的审计密钥', "cannot be checked: this copy's audit key is missing");
  if (c.keyFingerprint !== key.fingerprint)
    return bad(
      `不是本实例的密钥签署的（签名密钥指纹 ${c.keyFingerprint}）`,
      `was not signed by this copy's key (signed by key ${c.keyFingerprint})`,
    );
  if (!verify('sm3', Buffer.from(signedText(c)), key.publicKey, Buffer.from(c.signature, 'base64')))
    return bad(
      '的签名与内容不符（检查点被改动过）',
      'has a signature that does not match its content (it was altered)',
    );
  return { state: 'signed', file, seq: c.seq, hash: c.hash, at: c.at };
}

/** What writing a checkpoint did. */
export type CheckpointWrite =
  | { kind: 'written'; checkpoint: Checkpoint; file: string }
  | { kind: 'unchanged'; seq: number; file: string }
  | { kind: 'empty' }
  | { kind: 'refused'; file: string; message: { zh: string; en: string } };

/** Writes the file whole or not at all: a temp file made durable, then renamed over the old one. */
async function replaceFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/**
 * Signs the chain's committed head into the checkpoint file, unless it is the one already
 * signed, or the chain no longer holds the last checkpoint's event (or that checkpoint cannot
 * be trusted): that file is the evidence and stays. The head is read in a transaction of its
 * own, which waits for the write in progress to commit or roll back; the key is created on
 * the first checkpoint.
 */
export async function writeCheckpoint(
  db: Pick<import('../db/client.ts').Db, 'transaction'>,
  settings: CheckpointSettings,
  now = new Date(),
): Promise<CheckpointWrite> {
  const { file } = settings;
  const previous = readAnchor(settings);
  if (previous.state === 'bad')
    return {
      kind: 'refused',
      file,
      message: {
        zh: `${previous.message.zh}；未覆盖它。查明原因后再将它移走`,
        en: `${previous.message.en}; it was not replaced. Look into it, then move it aside`,
      },
    };
  const { head, signed } = await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const [atPrevious] =
      previous.state === 'signed'
        ? await tx.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, previous.seq))
        : [];
    return { head: last, signed: atPrevious };
  });
  if (previous.state === 'signed') {
    if (signed?.hash !== previous.hash)
      return {
        kind: 'refused',
        file,
        message: {
          zh: `审计链中已没有检查点签署的第 ${previous.seq} 号记录（yifa audit verify 可查看），未覆盖检查点 ${file}`,
          en: `the chain no longer holds event ${previous.seq} that the checkpoint signed (see yifa audit verify); ${file} was not replaced`,
        },
      };
    if (head?.seq === previous.seq) return { kind: 'unchanged', seq: previous.seq, file };
  }
  if (!head) return { kind: 'empty' };
  const key = auditKey(settings.databaseUrl, { create: true });
  const checkpoint = signCheckpoint(head, key, now.toISOString());
  await replaceFile(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
  return { kind: 'written', checkpoint, file };
}
