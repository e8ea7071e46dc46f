/**
 * The server's checkpointer over a real temp database: a checkpoint after every N appends and
 * one at the end, and a checkpoint it cannot write logged while the writes go on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/client.ts';
import { appendEvent } from './chain.ts';
import { checkpointSettings } from './checkpoint.ts';
import { createCheckpointer } from './checkpointer.ts';

for (const name of ['YIFA_AUDIT_KEY', 'YIFA_AUDIT_KEY_FILE', 'YIFA_AUDIT_CHECKPOINT_FILE']) delete process.env[name];

const dir = mkdtempSync(join(tmpdir(), 'yifa-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends `n` events, each in its own transaction as a request's write would. */
async function append(db: Db, n: number) {
  for (let i = 0; i < n; i++) await db.transaction((tx) => appendEvent(tx, { actor: 't', action: `a${i}` }));
}

describe('createCheckpointer', () => {
  it('signs the head after every N appends, once they have committed, and at the end', async () => {
    const url = `file:${join(dir, 'every', 'yifa.db')}`;
    const db = await openDb(url);
    const settings = checkpointSettings(url, { YIFA_AUDIT_CHECKPOINT_EVERY: '3' });
    expect(settings.every).toBe(3);
    const logged: string[] = [];
    const checkpointer = createCheckpointer(db, settings, (m) => logged.push(m.en));
    const seq = () => (JSON.parse(readFileSync(settings.file, 'utf8')) as { seq: number }).seq;
    await append(db, 2);
    await checkpointer.idle();
    expect(existsSync(settings.file)).toBe(false);
    await append(db, 1);
    await checkpointer.idle();
    expect(seq()).toBe(3);
    await append(db, 2);
    await checkpointer.idle();
    expect(seq()).toBe(3);
    expect(await checkpointer.close()).toMatchObject({ kind: 'written', checkpoint: { seq: 5 } });
    expect(seq()).toBe(5);
    // Closed, it counts no more.
    await append(db, 3);
    await checkpointer.idle();
    expect(seq()).toBe(5);
    expect(logged).toEqual([]);
    db.$client.close();
  });

  it('logs a checkpoint it cannot write, and the writes it counted still commit', async () => {
    const url = `file:${join(dir, 'failing', 'yifa.db')}`;
    const db = await openDb(url);
    // A folder the checkpoint cannot be made in: a file stands where it should be.
    writeFileSync(join(dir, 'failing', 'not-a-folder'), '');
    const file = join(dir, 'failing', 'not-a-folder', 'checkpoint.json');
    const settings = checkpointSettings(url, { YIFA_AUDIT_CHECKPOINT_EVERY: '2', YIFA_AUDIT_CHECKPOINT_FILE: file });
    const logged: string[] = [];
    const checkpointer = createCheckpointer(db, settings, (m) => logged.push(m.en));
    await append(db, 2);
    await checkpointer.idle();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`writing ${file} failed`);
    await append(db, 1);
    expect((await db.$client.execute('SELECT count(*) AS n FROM audit_events')).rows[0]?.n).toBe(3);
    expect(await checkpointer.close()).toBeUndefined();
    expect(logged).toHaveLength(2);
    db.$client.close();
  });

  it('refuses a checkpoint interval that is not a whole number of events', () => {
    for (const bad of ['0', '-5', '1.5', 'often'])
      expect(() => checkpointSettings('file:x.db', { YIFA_AUDIT_CHECKPOINT_EVERY: bad })).toThrow(
        'YIFA_AUDIT_CHECKPOINT_EVERY',
      );
  });
});
