/**
 * The file a `file:` database URL names, as openDb opens it (without a `?…` query), or undefined
 * for an in-memory database or a libsql server: what lives "beside the database" (the audit
 * key and checkpoint) is placed from it.
 */

/**
 * The path of a database URL's file, if it names one.
 *
 * @example
 * databaseFile('file:./data/yifa.db'); // './data/yifa.db'
 * databaseFile('libsql://db.example.cn'); // undefined
 */
export function databaseFile(url: string): string | undefined {
  if (!url.startsWith('file:') || url.includes(':memory:')) return undefined;
  const path = url.slice('file:'.length).replace(/\?.*$/, '');
  return path || undefined;
}
