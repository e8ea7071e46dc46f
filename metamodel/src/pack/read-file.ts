/**
 * Reads one pack file as UTF-8 text, or says why not. The file is opened without following a
 * final symbolic link and without blocking (so a FIFO swapped in after the folder was listed
 * cannot hang the loader), checked with `fstat` to be a regular file within the size limit, and
 * only then read. The bytes must be UTF-8 without a byte-order mark: a decoder that replaced
 * bad bytes would silently change what the author wrote.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { IssueKey } from '../issues.ts';
import { reasonOf } from './fs.ts';

/** The text of a file, or the issue that refuses it (with the line, where one is known). */
export type ReadText =
  | { ok: true; text: string; bytes: number }
  | { ok: false; issue: IssueKey; params: Record<string, unknown>; line?: number };

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads the file at `path` if it is a regular file of at most `maxBytes` bytes of UTF-8. */
export function readPackText(path: string, maxBytes: number): ReadText {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, issue: 'file.unreadable', params: { reason: reasonOf(e) } };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, issue: 'file.special', params: { what: 'special file' } };
    if (st.size > maxBytes) return { ok: false, issue: 'file.too-large', params: { size: st.size, limit: maxBytes } };
    // One byte more than fstat says, so a file that grows while being read is noticed.
    const buffer = Buffer.allocUnsafe(st.size + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buffer.length; read += n)
      n = readSync(fd, buffer, read, buffer.length - read, null);
    if (read > maxBytes) return { ok: false, issue: 'file.too-large', params: { size: read, limit: maxBytes } };
    return decodeUtf8(buffer.subarray(0, read));
  } catch (e) {
    return { ok: false, issue: 'file.unreadable', params: { reason: reasonOf(e) } };
  } finally {
    closeSync(fd);
  }
}

/** Decodes UTF-8 bytes, refusing a byte-order mark, UTF-16/32 and invalid sequences. */
export function decodeUtf8(bytes: Uint8Array): ReadText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: false, issue: 'file.bom', params: {} };
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // NUL never occurs in YAML text; in a file it means UTF-16/32 without a mark, or binary data.
  const nul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(0);
  if (utf16Bom || nul >= 0) return { ok: false, issue: 'file.utf16', params: {}, ...lineAt(bytes, Math.max(nul, 0)) };
  try {
    return { ok: true, text: UTF8.decode(bytes), bytes: bytes.length };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, issue: 'file.not-utf8', params: { offset: at }, ...lineAt(bytes, at) };
  }
}

function lineAt(bytes: Uint8Array, offset: number): { line: number } {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return { line };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const more =
      c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0 || i + more >= b.length) return i;
    const second = b[i + 1] as number;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are ill-formed too.
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (more > 0 && (second < low || second > high)) return i;
    for (let k = 2; k <= more; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return b.length;
}
