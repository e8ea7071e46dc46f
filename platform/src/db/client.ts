/**
 * Opens the database: an embedded libsql file by default (`file:./data/yifa.db`), or any
 * libsql URL (a libsql server works unchanged) from YIFA_DATABASE_URL. Migrations checked
 * in under platform/drizzle are applied on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.ts';
import { serialiseWrites } from './serial-writes.ts';

/** The database handle the storage modules use. */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

/** Where the migrations live. */
export const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

/** The default database URL. */
export const DEFAULT_DATABASE_URL = 'file:./data/yifa.db';

/** Opens (and migrates) the database at a libsql URL. */
export async function openDb(
  url = process.env.YIFA_DATABASE_URL ?? DEFAULT_DATABASE_URL,
  authToken = process.env.YIFA_DATABASE_TOKEN,
): Promise<Db> {
  if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
  // Writes take turns within the process (see serial-writes.ts); `timeout` is the busy timeout of
  // every pooled connection, for writers in other processes (a PRAGMA reaches only one connection).
  const client = serialiseWrites(createClient({ url, timeout: 5000, ...(authToken ? { authToken } : {}) }));
  if (url.startsWith('file:')) {
    // WAL lets readers go on while a write commits; busy_timeout waits for a lock instead of failing.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}
