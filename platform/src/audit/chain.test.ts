/**
 * Appending trusts no remembered head: after a rolled-back append, an append by another
 * connection (another process) or one to another database, the next event still follows
 * the last one really stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { appendEvent, verifyChain } from './chain.ts';

const dir = mkdtempSync(join(tmpdir(), 'yifa-chain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('appendEvent', () => {
  it('follows the stored head after a rollback, another connection and another database', async () => {
    const a = await openDb(`file:${join(dir, 'a.db')}`);
    const b = await openDb(`file:${join(dir, 'b.db')}`);
    await appendEvent(a, { actor: 't', action: 'one' });
    await expect(
      a.transaction(async (tx) => {
        await appendEvent(tx, { actor: 't', action: 'rolled-back' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await appendEvent(a, { actor: 't', action: 'two' });
    // Another process appends to a through its own connection.
    const other = drizzle(createClient({ url: `file:${join(dir, 'a.db')}` }), { schema });
    await appendEvent(other, { actor: 't', action: 'elsewhere' });
    other.$client.close();
    await appendEvent(b, { actor: 't', action: 'b-one' });
    await appendEvent(a, { actor: 't', action: 'three' });
    await appendEvent(b, { actor: 't', action: 'b-two' });
    await appendEvent(a, { actor: 't', action: 'four', after: { n: 1 } });
    const rows = await a.select().from(schema.auditEvents).orderBy(schema.auditEvents.seq);
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'elsewhere'],
      [4, 'three'],
      [5, 'four'],
    ]);
    expect(rows[4]).toMatchObject({ before: null, after: { n: 1 }, caseId: null, target: null });
    expect(await verifyChain(a)).toMatchObject({ ok: true, events: 5 });
    expect(await verifyChain(b)).toMatchObject({ ok: true, events: 2 });
    a.$client.close();
    b.$client.close();
  });
});
