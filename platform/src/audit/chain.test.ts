/**
 * Appending trusts no remembered head: after a rolled-back append, an append by another
 * connection (another process) or one to another database, the next event still follows
 * the last one really stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { appendEvent, collectingEvents, eventHash, verifyChain } from './chain.ts';

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

describe('verifyChain in pages', () => {
  /** A chain of ten events with the append-only triggers dropped, as someone who can write the file would. */
  async function chainOfTen(name: string) {
    const db = await openDb(`file:${join(dir, `${name}.db`)}`);
    for (let i = 1; i <= 10; i++) await appendEvent(db, { actor: 't', action: `a${i}`, after: { i } });
    for (const t of ['audit_events_no_update', 'audit_events_no_delete']) await db.$client.execute(`DROP TRIGGER ${t}`);
    return db;
  }
  const hashOf = async (db: Awaited<ReturnType<typeof openDb>>, seq: number) =>
    (await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.seq, seq)))[0];

  it('reads an intact chain page by page to the same head', async () => {
    const db = await chainOfTen('pages-intact');
    const whole = await verifyChain(db);
    expect(whole).toMatchObject({ ok: true, events: 10 });
    for (const page of [1, 3, 10, 11]) expect(await verifyChain(db, undefined, page)).toEqual(whole);
    db.$client.close();
  });

  it('names a deleted, an edited, a moved and a rewritten event across page boundaries', async () => {
    const deleted = await chainOfTen('pages-deleted');
    await deleted.$client.execute('DELETE FROM audit_events WHERE seq = 4');
    expect(await verifyChain(deleted, undefined, 3)).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'missing',
      events: 9,
    });

    const edited = await chainOfTen('pages-edited');
    await edited.$client.execute(`UPDATE audit_events SET after = '{"i":50}' WHERE seq = 5`);
    expect(await verifyChain(edited, undefined, 3)).toMatchObject({ ok: false, seq: 5, problem: 'edited' });

    const moved = await chainOfTen('pages-moved');
    await moved.$client.execute('UPDATE audit_events SET seq = 100 WHERE seq = 6');
    await moved.$client.execute('UPDATE audit_events SET seq = 6 WHERE seq = 7');
    await moved.$client.execute('UPDATE audit_events SET seq = 7 WHERE seq = 100');
    const report = await verifyChain(moved, undefined, 3);
    expect(report).toMatchObject({ ok: false, seq: 6, problem: 'reordered' });
    expect(report.ok === false && report.message.en).toBe('event 6 was written as event 7: the order was changed');

    const rewritten = await chainOfTen('pages-rewritten');
    const row = await hashOf(rewritten, 3);
    if (!row) throw new Error('no event 3');
    const forged = { ...row, after: { i: 30 } };
    await rewritten.$client.execute({
      sql: 'UPDATE audit_events SET after = ?, hash = ? WHERE seq = 3',
      args: [JSON.stringify(forged.after), eventHash(row.prevHash, forged)],
    });
    expect(await verifyChain(rewritten, undefined, 3)).toMatchObject({ ok: false, seq: 3, problem: 'broken-link' });
    for (const db of [deleted, edited, moved, rewritten]) db.$client.close();
  });
});
