import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from './client.ts';
import { fixedStatement, jsonText } from './fixed-statement.ts';

const tempDb = () => openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-fixed-')), 'yifa.db')}`);

describe('fixedStatement', () => {
  it('runs with its parameters bound in order, in a transaction and outside one', async () => {
    const db = await tempDb();
    await db.run(sql`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, doc TEXT)`);
    const put = fixedStatement('INSERT INTO t (id, n, doc) VALUES (?, ?, ?)');
    const bump = fixedStatement('UPDATE t SET n = n + ? WHERE id = ? RETURNING n');
    await db.run(put('a', 1, jsonText({ 当事人: "O'Brien; DROP TABLE t" })));
    const moved = await db.transaction(async (tx) => {
      await tx.run(put('b', 10, jsonText(null)));
      return tx.all<{ n: number }>(bump(5, 'a'));
    });
    expect(moved.map((r) => Number(r.n))).toEqual([6]);
    const rows = await db.all<{ id: string; n: number; doc: string | null }>(sql`SELECT id, n, doc FROM t ORDER BY id`);
    expect(rows.map((r) => [r.id, Number(r.n), r.doc])).toEqual([
      ['a', 6, '{"当事人":"O\'Brien; DROP TABLE t"}'],
      ['b', 10, null],
    ]);
    db.$client.close();
  });

  it('refuses the wrong number of parameters before anything runs', () => {
    const put = fixedStatement('INSERT INTO t (id, n) VALUES (?, ?)');
    expect(() => put('a')).toThrow('the statement takes 2 parameters, not 1');
  });

  it('rolls back with its transaction', async () => {
    const db = await tempDb();
    await db.run(sql`CREATE TABLE t (id TEXT PRIMARY KEY)`);
    const put = fixedStatement('INSERT INTO t (id) VALUES (?)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run(put('a'));
        await tx.run(put('a'));
      }),
    ).rejects.toThrow(/Failed query: INSERT INTO t/);
    expect(await db.all(sql`SELECT id FROM t`)).toEqual([]);
    db.$client.close();
  });
});
