/**
 * The demo's database file: what is there before `yifa demo` touches it, and removing it when
 * it may. A file is recognised as the demo's by the mark the demo writes first into the audit
 * chain; anything else is somebody's data and is never removed without --force.
 */
import { rmSync, statSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { CHECKPOINT_SUFFIX } from '../audit/checkpoint.ts';
import { DEMO_READY, DEMO_SEED } from './seed.ts';

/** The demo's default database. */
export const DEMO_DATABASE_URL = 'file:./data/demo.db';

/** What a database URL points at. */
export type DemoDatabase =
  | { kind: 'missing' }
  | { kind: 'demo'; ready: boolean }
  | { kind: 'other'; reason: string }
  | { kind: 'not-a-file' };

/** The path of a `file:` URL (as openDb reads it), or undefined for any other URL. */
export function filePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.slice('file:'.length);
  return path && path !== ':memory:' ? path : undefined;
}

/** Looks at the database without changing it (no migration, no write). */
export async function inspectDatabase(url: string): Promise<DemoDatabase> {
  const path = filePath(url);
  if (!path) return { kind: 'not-a-file' };
  const stat = statSync(path, { throwIfNoEntry: false });
  const wal = statSync(`${path}-wal`, { throwIfNoEntry: false });
  // An empty file holds nothing, unless its write-ahead log does.
  if (!stat || (stat.isFile() && stat.size === 0 && !wal?.size)) return { kind: 'missing' };
  if (!stat.isFile()) return { kind: 'other', reason: 'not a file' };
  const client = createClient({ url });
  try {
    const table = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'");
    if (table.rows.length === 0) return { kind: 'other', reason: 'no audit log' };
    const marks = await client.execute({
      sql: 'SELECT DISTINCT action FROM audit_events WHERE action IN (?, ?)',
      args: [DEMO_SEED, DEMO_READY],
    });
    const actions = new Set(marks.rows.map((r) => String(r.action)));
    if (!actions.has(DEMO_SEED)) return { kind: 'other', reason: 'no demo mark' };
    return { kind: 'demo', ready: actions.has(DEMO_READY) };
  } catch (e) {
    return { kind: 'other', reason: (e as Error).message };
  } finally {
    client.close();
  }
}

/**
 * Removes a database file with its WAL and shared-memory files, and the audit checkpoint kept
 * beside it (a new chain would otherwise read as the old one truncated). A checkpoint placed
 * elsewhere by YIFA_AUDIT_CHECKPOINT_FILE may belong to another database and is left alone.
 */
export function removeDatabase(url: string): void {
  const path = filePath(url);
  if (!path) throw new Error(`not a file database: ${url}`);
  for (const suffix of ['', '-wal', '-shm', '-journal', CHECKPOINT_SUFFIX]) rmSync(`${path}${suffix}`, { force: true });
}
