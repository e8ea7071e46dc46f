/**
 * Evidence files (证据材料) on disk, stored by content: the SHA-256 of the bytes names the
 * file (`ab/abcdef…` under the files directory), so a file is written once however often
 * it is uploaded, and every read re-hashes the bytes before they are sent. The declared
 * type is checked against the file's own magic bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/** Largest evidence file accepted. */
export const EVIDENCE_LIMIT = 20 * 1024 * 1024;

const ascii = (b: Uint8Array, at: number, text: string) =>
  b.length >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

/** The evidence types accepted, each with how its bytes begin. */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
  // ISO base media with a video brand (HEIF/AVIF images share the box but not the brand).
  'video/mp4': (b) => ascii(b, 4, 'ftyp') && !['heic', 'heix', 'mif1', 'msf1', 'avif'].some((x) => ascii(b, 8, x)),
  // An ID3 tag, or an MPEG audio frame sync (11 bits set).
  'audio/mpeg': (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
};

/** The media types evidence may have. */
export const EVIDENCE_TYPES = Object.keys(SIGNATURES);

/** The accepted type the bytes look like, if any. */
export function sniffType(bytes: Uint8Array): string | undefined {
  return EVIDENCE_TYPES.find((t) => SIGNATURES[t]?.(bytes));
}

/**
 * The media type of an upload: the declared type when it is accepted and the bytes are of
 * that type; otherwise a 415 that says what was declared and what the bytes are.
 *
 * @example
 * evidenceType('image/png; charset=binary', pngBytes) // 'image/png'
 */
export function evidenceType(declared: string | undefined, bytes: Uint8Array): string {
  const mime = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SIGNATURES[mime])
    throw new AppError(
      'unsupported-media',
      { declared: mime, allowed: EVIDENCE_TYPES },
      {
        zh: `不支持的文件类型 ${mime || '（未声明）'}；可上传：${EVIDENCE_TYPES.join('、')}`,
        en: `unsupported file type ${mime || '(none declared)'}; allowed: ${EVIDENCE_TYPES.join(', ')}`,
      },
    );
  const detected = sniffType(bytes);
  if (detected !== mime)
    throw new AppError(
      'unsupported-media',
      { declared: mime, detected: detected ?? null },
      {
        zh: `文件内容与声明的类型 ${mime} 不符${detected ? `（实际为 ${detected}）` : ''}`,
        en: `the file's content is not ${mime}${detected ? ` (it is ${detected})` : ''}`,
      },
    );
  return mime;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Where a file of this hash lives. */
export function evidencePath(filesDir: string, hash: string): string {
  return join(filesDir, hash.slice(0, 2), hash);
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Stores bytes by their hash, once: an intact copy is kept, a missing or damaged one (re)written. */
export async function storeEvidence(filesDir: string, bytes: Uint8Array): Promise<string> {
  const hash = sha256(bytes);
  const path = evidencePath(filesDir, hash);
  const existing = await readIfExists(path);
  if (existing && sha256(existing) === hash) return hash;
  await mkdir(join(filesDir, hash.slice(0, 2)), { recursive: true });
  // Written beside its final name and renamed, so a reader never sees half a file.
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, bytes, { mode: 0o640 });
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  return hash;
}

/** The stored bytes of a hash, re-verified; altered or missing bytes are `file-altered` (409). */
export async function readEvidence(filesDir: string, hash: string): Promise<Buffer> {
  const bytes = await readIfExists(evidencePath(filesDir, hash));
  if (!bytes) throw new AppError('file-altered', { sha256: hash, reason: 'missing' });
  const actual = sha256(bytes);
  if (actual !== hash) throw new AppError('file-altered', { sha256: hash, actual, reason: 'altered' });
  return bytes;
}
