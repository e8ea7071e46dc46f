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
import { appendEvent, collectingEvents, verifyChain } from './chain.ts';

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

describe('collectingEvents', () => {
  it('gives each of overlapping collections its own events, also after another one ended', async () => {
    const db = await openDb(`file:${join(dir, 'collect.db')}`);
    // As the routes append: inside the transaction of their write.
    const append = (action: string, caseId?: string) =>
      db.transaction((tx) => appendEvent(tx, { actor: 't', action, caseId: caseId ?? null }));
    let endFirst = () => {};
    const firstMayEnd = new Promise<void>((resolve) => {
      endFirst = resolve;
    });
    let secondMayGoOn = () => {};
    const secondWaits = new Promise<void>((resolve) => {
      secondMayGoOn = resolve;
    });
    const first = collectingEvents(async () => {
      await append('first', 'c1');
      await firstMayEnd;
    });
    const second = collectingEvents(async () => {
      await append('second-before', 'c2');
      await secondWaits;
      // The first collection has ended meanwhile (the storage may have been turned off then): this one still collects.
      await append('second-after', 'c2');
    });
    endFirst();
    const one = await first;
    secondMayGoOn();
    const two = await second;
    // Outside any collection nothing is collected; a new collection collects again.
    await append('outside');
    const three = await collectingEvents(() => append('third'));
    expect(one.events.map((e) => e.action)).toEqual(['first']);
    expect(two.events.map((e) => e.action)).toEqual(['second-before', 'second-after']);
    expect(three.events.map((e) => e.action)).toEqual(['third']);
    db.$client.close();
  });
});
