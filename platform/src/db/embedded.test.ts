import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { takeTurns } from '../../test/write-turns.ts';
import {
  type DatabaseEvent,
  MAX_GROUP,
  observeDatabase,
  openEmbedded,
  STATEMENT_CACHE_SIZE,
  writeQueueLength,
  writerStats,
} from './embedded.ts';

const opened: Client[] = [];
const open = async (ddl = 'CREATE TABLE t (x INTEGER)') => {
  const client = openEmbedded(join(mkdtempSync(join(tmpdir(), 'yifa-embedded-')), 'd.db'));
  opened.push(client);
  await client.executeMultiple(ddl);
  return client;
};
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});
const xs = async (c: Client) => (await c.execute('SELECT x FROM t ORDER BY x')).rows.map((r) => r.x);

describe('embedded database client', () => {
  it('lets concurrent write transactions take turns, each seeing every earlier one', async () => {
    const client = await open();
    expect(await takeTurns(client)).toEqual({ failures: [], distinctCounts: 10 });
  });

  it('commits transactions that end in the same turn of the event loop with one COMMIT', async () => {
    const client = await open();
    const before = { ...writerStats(client) };
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const t = await client.transaction('write');
        await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] });
        await t.commit();
      }),
    );
    const after = writerStats(client);
    expect(after?.committed).toBe((before.committed ?? 0) + 8);
    expect(after?.commits).toBe((before.commits ?? 0) + 1);
    expect(await xs(client)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers commit only after the COMMIT: a reader sees nothing before, everything after', async () => {
    const client = await open();
    const t = await client.transaction('write');
    await t.execute('INSERT INTO t VALUES (1)');
    const committed = t.commit();
    // The transaction has ended but its group has not committed yet: the reader sees the old state.
    expect(await xs(client)).toEqual([]);
    await committed;
    expect(await xs(client)).toEqual([1]);
  });

  it('rolls back one member to its savepoint and keeps the others of its group', async () => {
    const client = await open();
    const member = async (x: number, fail: boolean) => {
      const t = await client.transaction('write');
      await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [x] });
      if (fail) return t.rollback();
      return t.commit();
    };
    await Promise.all([member(1, false), member(2, true), member(3, false)]);
    expect(await xs(client)).toEqual([1, 3]);
  });

  it('rejects every member of a group whose COMMIT fails, and keeps none of their work', async () => {
    // A deferred foreign key is checked at COMMIT: one member's violation fails the group's COMMIT.
    const client = await open(
      'CREATE TABLE p (id INTEGER PRIMARY KEY); ' +
        'CREATE TABLE t (x INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED); INSERT INTO p VALUES (1);',
    );
    const member = async (x: number) => {
      const t = await client.transaction('write');
      await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [x] });
      await t.commit();
    };
    const results = await Promise.allSettled([member(1), member(99)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await xs(client)).toEqual([]);
    // The writer goes on afterwards.
    await member(1);
    expect(await xs(client)).toEqual([1]);
  });

  it('makes a single write statement atomic and durable before it answers', async () => {
    const client = await open('CREATE TABLE t (x INTEGER UNIQUE)');
    await client.execute('INSERT INTO t VALUES (1)');
    await expect(client.execute('INSERT INTO t VALUES (1)')).rejects.toThrow(/UNIQUE/);
    await expect(client.batch(['INSERT INTO t VALUES (2)', 'INSERT INTO t VALUES (1)'])).rejects.toThrow(/UNIQUE/);
    expect(await xs(client)).toEqual([1]);
  });

  it('gives rows like @libsql/client: names enumerable, indexes and length not, duplicates by index', async () => {
    const client = await open('CREATE TABLE t (x INTEGER); CREATE TABLE u (x TEXT); INSERT INTO t VALUES (7);');
    await client.execute("INSERT INTO u VALUES ('a')");
    const { rows, columns } = await client.execute('SELECT t.x, u.x, 3000000000 AS big FROM t, u');
    const row = rows[0] as unknown as Record<string, unknown> & ArrayLike<unknown>;
    expect(columns).toEqual(['x', 'x', 'big']);
    expect(Object.keys(row)).toEqual(['x', 'big']);
    expect(Array.prototype.slice.call(row)).toEqual([7, 'a', 3000000000]);
    expect(row.x).toBe(7);
  });

  it('binds named and positional parameters and refuses undefined', async () => {
    const client = await open('CREATE TABLE t (x INTEGER, y TEXT)');
    await client.execute({ sql: 'INSERT INTO t VALUES (:x, :y)', args: { x: 1, y: 'a' } });
    await client.execute({ sql: 'INSERT INTO t VALUES (?, ?)', args: [true, 'b'] });
    const { rows } = await client.execute('SELECT x, y FROM t ORDER BY y');
    expect(rows.map((r) => [r.x, r.y])).toEqual([
      [1, 'a'],
      [1, 'b'],
    ]);
    await expect(
      client.execute({ sql: 'INSERT INTO t VALUES (?, ?)', args: [undefined as never, 'c'] }),
    ).rejects.toThrow(/undefined/);
  });

  it('keeps working past the statement cache size', async () => {
    const client = await open();
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 20; i++) await client.execute(`SELECT ${i} AS n`);
    expect((await client.execute('SELECT 1 AS n')).rows[0]?.n).toBe(1);
  });

  it(`commits a full group (${MAX_GROUP}) before it lets more in`, async () => {
    const client = await open();
    const n = MAX_GROUP + 5;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const t = await client.transaction('write');
        await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] });
        await t.commit();
      }),
    );
    expect(writerStats(client)).toEqual({ commits: 2, committed: n }); // a full group, then the rest
    expect((await xs(client)).length).toBe(n);
  });

  it('tells an observer its reads, write waits, transactions and group commits, and its queue', async () => {
    const client = await open();
    const seen: DatabaseEvent[] = [];
    const stop = observeDatabase(client, (e) => seen.push(e));
    expect(stop).toBeTypeOf('function');
    expect(writeQueueLength(client)).toBe(0);
    // One transaction holds the write turn; two more wait for it.
    const first = await client.transaction('write');
    await first.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] });
    const waiting = [2, 3].map(async (x) => {
      const t = await client.transaction('write');
      await t.execute({ sql: 'INSERT INTO t VALUES (?)', args: [x] });
      if (x === 3) await t.rollback();
      else await t.commit();
    });
    expect(writeQueueLength(client)).toBe(2);
    await first.commit();
    await Promise.all(waiting);
    expect(writeQueueLength(client)).toBe(0);
    expect(await xs(client)).toEqual([1, 2]);
    const kinds = (k: DatabaseEvent['kind']) => seen.filter((e) => e.kind === k);
    expect(kinds('wait')).toHaveLength(3);
    expect(
      kinds('transaction')
        .map((e) => (e as { outcome: string }).outcome)
        .sort(),
    ).toEqual(['committed', 'committed', 'rolled-back']);
    // The first and the second ended in one group: one COMMIT made both durable.
    expect(kinds('commit').map((e) => (e as { members: number }).members)).toEqual([2]);
    expect(kinds('read')).toHaveLength(1);
    for (const e of seen) if ('seconds' in e) expect(e.seconds).toBeGreaterThanOrEqual(0);
    stop?.();
    await client.execute('SELECT 1');
    expect(kinds('read')).toHaveLength(1);
    expect(observeDatabase({} as Client, () => undefined)).toBeUndefined();
    expect(writeQueueLength({} as Client)).toBeUndefined();
  });

  it('runs PRAGMAs outside any transaction', async () => {
    const client = await open();
    await client.execute('INSERT INTO t VALUES (1)');
    const { rows } = await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(rows[0]?.busy).toBe(0);
  });
});
