/**
 * Checkpoints against real temp databases: what is signed and when a checkpoint is replaced,
 * which checkpoint files are not trusted, and what verifyChain reports against one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/client.ts';
import { auditKey } from './audit-key.ts';
import { appendEvent, verifyChain } from './chain.ts';
import { type Checkpoint, checkpointSettings, readAnchor, signCheckpoint, writeCheckpoint } from './checkpoint.ts';

// Keys and checkpoints go beside each temp database, whatever the shell running the tests has set.
for (const name of ['YIFA_AUDIT_KEY', 'YIFA_AUDIT_KEY_FILE', 'YIFA_AUDIT_CHECKPOINT_FILE']) delete process.env[name];

const dir = mkdtempSync(join(tmpdir(), 'yifa-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open: Db[] = [];
afterAll(() => {
  for (const db of open) db.$client.close();
});

async function database(name: string) {
  const url = `file:${join(dir, name, 'yifa.db')}`;
  const db = await openDb(url);
  open.push(db);
  return { db, url, settings: checkpointSettings(url, {}) };
}

async function append(db: Db, n: number) {
  for (let i = 0; i < n; i++) await appendEvent(db, { actor: 't', action: `a${i}` });
}

/** What someone with write access to the file does first: the database refuses otherwise. */
async function dropTriggers(db: Db) {
  for (const t of ['audit_events_no_update', 'audit_events_no_delete', 'audit_events_no_replace'])
    await db.$client.execute(`DROP TRIGGER ${t}`);
}

const headOf = async (db: Db) =>
  (await db.$client.execute('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0];

describe('writeCheckpoint', () => {
  it('signs nothing on an empty chain, then the head; again only once the head has moved', async () => {
    const { db, settings } = await database('write');
    expect(settings.file).toBe(join(dir, 'write', 'yifa.db.audit-checkpoint.json'));
    expect(await writeCheckpoint(db, settings)).toEqual({ kind: 'empty' });
    expect(existsSync(settings.file)).toBe(false);
    await append(db, 3);
    const first = await writeCheckpoint(db, settings);
    expect(first).toMatchObject({ kind: 'written', checkpoint: { seq: 3, hash: (await headOf(db))?.hash } });
    expect(JSON.parse(readFileSync(settings.file, 'utf8'))).toEqual(first.kind === 'written' && first.checkpoint);
    expect(readAnchor(settings)).toMatchObject({ state: 'signed', seq: 3 });
    expect(await writeCheckpoint(db, settings)).toMatchObject({ kind: 'unchanged', seq: 3 });
    await append(db, 2);
    expect(await writeCheckpoint(db, settings)).toMatchObject({ kind: 'written', checkpoint: { seq: 5 } });
  });

  it('does not replace a checkpoint whose event the chain no longer holds', async () => {
    const { db, settings } = await database('refuse');
    await append(db, 4);
    await writeCheckpoint(db, settings);
    const before = readFileSync(settings.file, 'utf8');
    await dropTriggers(db);
    await db.$client.execute('DELETE FROM audit_events WHERE seq >= 3');
    await append(db, 3);
    const result = await writeCheckpoint(db, settings);
    expect(result).toMatchObject({ kind: 'refused' });
    expect(result.kind === 'refused' && result.message.en).toContain('no longer holds event 4');
    expect(readFileSync(settings.file, 'utf8')).toBe(before);
  });
});

describe('readAnchor', () => {
  let settings: ReturnType<typeof checkpointSettings>;
  let signed: Checkpoint;
  beforeAll(async () => {
    const made = await database('anchor');
    settings = made.settings;
    await append(made.db, 2);
    const result = await writeCheckpoint(made.db, settings);
    if (result.kind !== 'written') throw new Error(result.kind);
    signed = result.checkpoint;
  });
  const put = (c: unknown) => writeFileSync(settings.file, typeof c === 'string' ? c : JSON.stringify(c));
  const bad = () => {
    const anchor = readAnchor(settings);
    return anchor.state === 'bad' ? anchor.message.en : `not bad: ${anchor.state}`;
  };

  it('trusts the checkpoint as signed, and says when there is none', () => {
    put(signed);
    expect(readAnchor(settings)).toEqual({
      state: 'signed',
      file: settings.file,
      seq: 2,
      hash: signed.hash,
      at: signed.at,
    });
    expect(readAnchor({ ...settings, file: join(dir, 'none.json') })).toEqual({
      state: 'none',
      file: join(dir, 'none.json'),
    });
  });

  it('refuses a checkpoint whose seq was moved back without a new signature', () => {
    put({ ...signed, seq: 1 });
    expect(bad()).toContain('signature that does not match its content');
  });

  it("refuses a checkpoint signed by another key than the copy's", () => {
    const other = auditKey(settings.databaseUrl, { create: true }, { YIFA_AUDIT_KEY: '11'.repeat(32) });
    put(signCheckpoint({ seq: 2, hash: signed.hash }, other, signed.at));
    expect(bad()).toContain(`was not signed by this copy's key (signed by key ${other.fingerprint})`);
  });

  it('cannot check a checkpoint without the key, nor one that is not a checkpoint', () => {
    put(signed);
    const keyless = { ...settings, databaseUrl: `file:${join(dir, 'keyless', 'yifa.db')}` };
    const anchor = readAnchor(keyless);
    expect(anchor.state === 'bad' && anchor.message.en).toContain("this copy's audit key is missing");
    put('{ "seq": 2,');
    expect(bad()).toContain('cannot be read');
    put({ seq: 2 });
    expect(bad()).toContain('is not a checkpoint');
    put({ ...signed, algorithm: 'ecdsa-sha256' });
    expect(bad()).toContain('unknown algorithm ecdsa-sha256');
  });
});

describe('verifyChain against the checkpoint', () => {
  it('shows the checkpoint of an intact chain, and names events deleted from the end or written anew', async () => {
    const { db, settings } = await database('verify');
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: true,
      checkpoint: { file: settings.file, latest: null },
    });
    await append(db, 5);
    await writeCheckpoint(db, settings);
    const anchor = readAnchor(settings);
    if (anchor.state !== 'signed') throw new Error(anchor.state);
    const { at } = anchor;
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: true,
      events: 5,
      checkpoint: { latest: { seq: 5, at } },
    });
    await dropTriggers(db);
    await db.$client.execute('DELETE FROM audit_events WHERE seq = 5');
    expect(await verifyChain(db)).toMatchObject({ ok: true, events: 4 });
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'truncated',
      message: {
        zh: `审计链在第 4 号记录之后被截断：检查点记录到第 5 号（${at}）`,
        en: `the chain was truncated after event 4: the checkpoint of ${at} records events up to 5`,
      },
    });
    await append(db, 1);
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'truncated',
      message: { zh: `第 5 号记录不是检查点（${at}）签署的那一条：审计链在此处或之前被截断后又续写` },
    });
    await db.$client.execute('DELETE FROM audit_events');
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: false,
      seq: 1,
      problem: 'truncated',
      message: { en: `every event was deleted: the checkpoint of ${at} records events up to 5` },
    });
  });

  it('reports a checkpoint it cannot trust as its own problem', async () => {
    const { db, settings } = await database('untrusted');
    await append(db, 2);
    writeFileSync(settings.file, 'not json');
    expect(await verifyChain(db, readAnchor(settings))).toMatchObject({
      ok: false,
      problem: 'bad-checkpoint',
      file: settings.file,
      message: { zh: `检查点文件 ${settings.file} 无法读取` },
    });
  });
});
