/**
 * The contract both database clients keep (src/db/embedded.ts, src/db/serial-writes.ts), for their tests:
 * concurrent write transactions and statements take turns — none fails with SQLITE_BUSY, and each
 * transaction sees every one that committed before it.
 */
import type { Client } from '@libsql/client';

const pause = (ms = 2) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `n` write transactions (each reads the count, pauses, inserts count × 100 + its number)
 * beside a plain insert and a read, on a client with an empty table `t (x INTEGER)`. Answers
 * the failures and how many distinct counts the transactions read (n when each saw every
 * earlier one).
 */
export async function takeTurns(client: Client, n = 10): Promise<{ failures: unknown[]; distinctCounts: number }> {
  const tx = async (i: number) => {
    const t = await client.transaction('write');
    const [row] = (await t.execute('SELECT count(*) AS n FROM t')).rows;
    await pause();
    await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [Number(row?.n) * 100 + i] });
    await t.commit();
  };
  const results = await Promise.allSettled([
    ...Array.from({ length: n }, (_, i) => tx(i)),
    client.execute('INSERT INTO t VALUES (-1)'),
    client.execute('SELECT * FROM t'),
  ]);
  const { rows } = await client.execute('SELECT x FROM t WHERE x >= 0 ORDER BY x');
  return {
    failures: results.filter((r) => r.status === 'rejected'),
    distinctCounts: new Set(rows.map((r) => Math.floor(Number(r.x) / 100))).size,
  };
}
