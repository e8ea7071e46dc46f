/**
 * Where a copy keeps its data, whatever folder a command runs in (#17). One home folder holds the
 * database file, the evidence files and the keys by default:
 *
 * - `YIFA_HOME` when set (the database is then `<home>/yifa.db` unless `YIFA_DATABASE_URL` says
 *   otherwise);
 * - else the folder of the database file (`YIFA_DATABASE_URL=file:/srv/yifa/yifa.db` → `/srv/yifa`);
 * - else `./data` (a libsql server has no folder), made absolute when first read.
 *
 * Each path keeps its own variable (`YIFA_FILES_DIR`, `YIFA_DATA_KEY_FILE`, `YIFA_AUDIT_KEY_FILE`,
 * `YIFA_AUDIT_CHECKPOINT_FILE`) to put it elsewhere. The first database a process opens fixes the
 * home for the rest of it (the keys and files then stay with that database, even when the command
 * was given the database on its command line rather than in the environment).
 */
import { dirname, join, resolve } from 'node:path';
import { databaseFile } from './db/database-file.ts';

/** The database URL when neither the command line nor YIFA_DATABASE_URL gives one, and YIFA_HOME is unset. */
export const DEFAULT_DATABASE_URL = 'file:./data/yifa.db';

/** The database URL from the environment: YIFA_DATABASE_URL, else yifa.db in YIFA_HOME, else ./data/yifa.db. */
export function databaseUrlFrom(env: NodeJS.ProcessEnv = process.env): string {
  if (env.YIFA_DATABASE_URL) return env.YIFA_DATABASE_URL;
  return env.YIFA_HOME ? `file:${join(resolve(env.YIFA_HOME), 'yifa.db')}` : DEFAULT_DATABASE_URL;
}

/** The home for a database URL: YIFA_HOME, else the database file's folder, else ./data; absolute. */
export function homeFor(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.YIFA_HOME) return resolve(env.YIFA_HOME);
  const file = databaseFile(databaseUrl);
  return resolve(file ? dirname(file) : 'data');
}

let adopted: string | undefined;

/** Fixes this process's home by the database it opens (the first one opened wins). */
export function adoptHome(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): void {
  adopted ??= homeFor(databaseUrl, env);
}

/** This process's home: the adopted one, else the environment's. */
export function currentHome(env: NodeJS.ProcessEnv = process.env): string {
  return adopted ?? homeFor(databaseUrlFrom(env), env);
}

/** Where evidence files go: YIFA_FILES_DIR, else `<home>/files`. */
export function filesDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.YIFA_FILES_DIR ?? join(currentHome(env), 'files');
}

/** The personal-data key file: YIFA_DATA_KEY_FILE, else `<home>/keys/pii.key`. */
export function dataKeyFileFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.YIFA_DATA_KEY_FILE ?? join(currentHome(env), 'keys', 'pii.key');
}
