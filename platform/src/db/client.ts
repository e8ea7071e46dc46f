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
import { adoptHome, databaseUrlFrom } from '../home.ts';
import { openEmbedded } from './embedded.ts';
import * as schema from './schema.ts';
import { serialiseWrites } from './serial-writes.ts';

/** The database handle the storage modules use. */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

/** Where the migrations live. */
export const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

export { DEFAULT_DATABASE_URL } from '../home.ts';

/**
 * A file database: libsql's engine with statements kept prepared, one writer and one reader
 * connection, and group commit (see embedded.ts).
 */
function embedded(url: string): Client {
  const path = url.slice('file:'.length).replace(/\?.*$/, '');
  mkdirSync(dirname(path), { recursive: true });
  return openEmbedded(path);
}

/**
 * A libsql server (libsql:, http:, ws: URLs) or `file::memory:`: `@libsql/client` with writes taking turns within
 * the process (see serial-writes.ts); `timeout` is the busy timeout of its connections.
 */
function remote(url: string, authToken: string | undefined): Client {
  return serialiseWrites(createClient({ url, timeout: 5000, ...(authToken ? { authToken } : {}) }));
}

/** Opens (and migrates) the database at a libsql URL. */
export async function openDb(url = databaseUrlFrom(), authToken = process.env.YIFA_DATABASE_TOKEN): Promise<Db> {
  // The keys and files of this process stay with the first database it opens (home.ts).
  adoptHome(url);
  const onDisk = url.startsWith('file:') && !url.includes(':memory:');
  const client = onDisk ? embedded(url) : remote(url, authToken);
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}
