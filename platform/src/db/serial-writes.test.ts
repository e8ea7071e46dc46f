import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { takeTurns } from '../../test/write-turns.ts';
import { serialiseWrites } from './serial-writes.ts';

const open = () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'yifa-serial-')), 'd.db')}`;
  return serialiseWrites(createClient({ url }));
};

describe('serialised writes', () => {
  it('lets concurrent write transactions and statements take turns instead of failing with SQLITE_BUSY', async () => {
    const client = open();
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('CREATE TABLE t (x INTEGER)');
    // Each transaction saw every earlier one: no two read the same count.
    expect(await takeTurns(client)).toEqual({ failures: [], distinctCounts: 10 });
  });

  it('gives the turn back when a transaction rolls back or fails to start', async () => {
    const client = open();
    await client.execute('CREATE TABLE t (x INTEGER)');
    const t = await client.transaction('write');
    await t.execute('INSERT INTO t VALUES (1)');
    await t.rollback();
    await expect(client.execute('INSERT INTO nope VALUES (1)')).rejects.toThrow();
    await client.execute('INSERT INTO t VALUES (2)');
    expect((await client.execute('SELECT x FROM t')).rows.map((r) => r.x)).toEqual([2]);
  });
});
