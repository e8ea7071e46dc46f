/**
 * Opens the PostgreSQL store (#18): node-postgres's pool under drizzle, with the migrations of
 * platform/drizzle-pg applied on open. Several app processes may open the same database at once:
 * the migrations run under a session advisory lock, so one process applies them and the others
 * wait, then find nothing left to apply. The storage modules do not use this yet (docs/postgres.md).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

/** The PostgreSQL store's handle. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** Where the PostgreSQL migrations live. */
export const PG_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle-pg');

/** The advisory lock key the migrations run under ('yifa' 'migr' as two int4 halves, fixed). */
export const MIGRATION_LOCK = [0x79696661, 0x6d696772] as const;

/** Whether a database URL names PostgreSQL (postgres: or postgresql:). */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/**
 * Refuses a database whose default collation is not byte order (C, POSIX, C.UTF-8; or PostgreSQL
 * 17's builtin provider). SQLite compares text by bytes: with a language's collation (zh_CN.UTF-8,
 * an ICU locale) the same ORDER BY would list cases, numbers and names in another order than the
 * embedded store, and a prefix search (LIKE 'x%') could not use its index.
 */
export async function checkCollation(pool: pg.Pool): Promise<void> {
  // datlocprovider (15+): c libc, i ICU, b builtin (17+); the ICU locale is daticulocale (15, 16) or datlocale (17+).
  const { rows } = await pool.query<{ name: string; collate: string; provider: string | null; icu: string | null }>(
    `SELECT datname AS name, datcollate AS collate, to_jsonb(d) ->> 'datlocprovider' AS provider,
       coalesce(to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale') AS icu
     FROM pg_database AS d WHERE datname = current_database()`,
  );
  const db = rows[0];
  if (!db) throw new Error('the current database is not in pg_database');
  const bytewise = db.provider === 'b' || ((db.provider ?? 'c') === 'c' && /^(C|POSIX|C\.UTF-?8)$/i.test(db.collate));
  if (!bytewise)
    throw new Error(
      `database "${db.name}" collates text by ${db.provider === 'i' ? `the ICU locale ${db.icu}` : `the locale ${db.collate}`}` +
        ", not by bytes as the embedded store does: create Yifa's database with" +
        ` CREATE DATABASE ${db.name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' (docs/postgres.md)`,
    );
}

/** Applies the checked-in migrations, one process at a time (pg_advisory_lock on one connection). */
export async function migratePg(pool: pg.Pool, migrationsFolder = PG_MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Opens (and migrates) the PostgreSQL database at `url`; `max` is the pool's size. */
export async function openPgDb(url: string, options: { max?: number } = {}): Promise<PgDb> {
  if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL (postgres://…): ${url}`);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection that breaks (the server restarted) is dropped by the pool and reported
  // here; unheard, node-postgres's 'error' event would end the process.
  pool.on('error', (e) => process.stderr.write(`postgres: idle connection lost: ${e.message}\n`));
  try {
    await checkCollation(pool);
    await migratePg(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return drizzle(pool, { schema }) as PgDb;
}
