/**
 * The audit chain against someone with write access to the database file: real events
 * (a pack import and activation, user creation, sign-ins) are written through the app and
 * a checkpoint of the head is signed (`yifa audit checkpoint`), then copies of the file are
 * altered through a separate libsql connection, and the real CLI (`yifa audit verify`) must
 * exit 1 and name the event that was touched, or the events deleted from the end.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../src/audit/chain.ts';
import { CHECKPOINT_SUFFIX } from '../src/audit/checkpoint.ts';
import type { AuditEventRow } from '../src/db/schema.ts';
import { yifa } from './cli.ts';
import { PASSWORD, startTestServer } from './harness.ts';

interface Verdict {
  ok: boolean;
  events: number;
  seq?: number;
  head?: string;
  algorithm: string;
  problem?: string;
  message?: { zh: string; en: string };
  checkpoint?: { file: string; latest: { seq: number; at: string } | null };
}

/** The audit settings of the shell are left out: key and checkpoint go beside each database. */
const UNSET = ['YIFA_AUDIT_KEY', 'YIFA_AUDIT_KEY_FILE', 'YIFA_AUDIT_CHECKPOINT_FILE'];

let dir: string;
let original: string;
/** The actions of the untampered chain, by seq. */
let actions: string[];

beforeAll(async () => {
  const server = await startTestServer();
  await server.user({ username: 'wang.admin', orgCode: '120116-GOV', roles: ['system-admin'] });
  await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'] });
  await server.as('wang.admin');
  const failed = await server.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'li.officer', password: `${PASSWORD}-wrong` }),
  });
  expect(failed.status).toBe(401);
  const li = await server.as('li.officer');
  expect((await li.post('/api/v1/auth/logout')).status).toBe(200);
  const rows = await server.db.$client.execute('SELECT action FROM audit_events ORDER BY seq');
  actions = rows.rows.map((r) => String(r.action));
  // Everything into the main file, so a copy of it is the whole database.
  await server.db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  server.db.$client.close();
  dir = server.dir;
  original = join(dir, 'yifa.db');
  const signed = await yifa(['audit', 'checkpoint'], { env: { YIFA_DATABASE_URL: `file:${original}` }, unset: UNSET });
  expect(signed.stdout).toContain('检查点已写入：第 8 号记录');
  expect(signed.code).toBe(0);
}, 120_000);

/** A copy of the database, with the checkpoint beside it. */
function copyOf(name: string): string {
  const file = join(dir, `${name}.db`);
  copyFileSync(original, file);
  copyFileSync(`${original}${CHECKPOINT_SUFFIX}`, `${file}${CHECKPOINT_SUFFIX}`);
  return file;
}

/**
 * A copy of the database with `tamper` applied through its own connection. The database refuses
 * to change or delete an event, so the append-only triggers are dropped first, as someone who can
 * write the file would do.
 */
async function tampered(name: string, tamper: (sql: ReturnType<typeof createClient>) => Promise<void>) {
  const file = copyOf(name);
  const sql = createClient({ url: `file:${file}` });
  try {
    for (const t of ['audit_events_no_update', 'audit_events_no_delete', 'audit_events_no_replace'])
      await sql.execute(`DROP TRIGGER ${t}`);
    await tamper(sql);
  } finally {
    sql.close();
  }
  return file;
}

async function verify(file: string) {
  const env = { YIFA_DATABASE_URL: `file:${file}` };
  const [json, text] = await Promise.all([
    yifa(['audit', 'verify', '--json'], { env, unset: UNSET }),
    yifa(['audit', 'verify'], { env, unset: UNSET }),
  ]);
  return { code: json.code, verdict: JSON.parse(json.stdout) as Verdict, text };
}

async function eventRow(sql: ReturnType<typeof createClient>, seq: number): Promise<AuditEventRow> {
  const { rows } = await sql.execute({ sql: 'SELECT * FROM audit_events WHERE seq = ?', args: [seq] });
  const r = rows[0];
  if (!r) throw new Error(`no event ${seq}`);
  const json = (v: unknown) => (v === null ? null : JSON.parse(String(v)));
  return {
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action),
    caseId: r.case_id === null ? null : String(r.case_id),
    target: r.target === null ? null : String(r.target),
    before: json(r.before),
    after: json(r.after),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

describe('yifa audit verify', { timeout: 120_000 }, () => {
  it('passes the chain as written: exit 0, the event count, the head hash, SM3, the checkpoint', async () => {
    expect(actions).toEqual([
      'pack.import',
      'pack.activate',
      'user.create',
      'user.create',
      'auth.login',
      'auth.login-failed',
      'auth.login',
      'auth.logout',
    ]);
    const { code, verdict, text } = await verify(original);
    expect(code).toBe(0);
    expect(verdict).toMatchObject({ ok: true, events: 8, algorithm: 'sm3' });
    expect(verdict.head).toMatch(/^[0-9a-f]{64}$/);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('审计链完整：8 条记录，SM3');
    expect(text.stdout).toContain(verdict.head);
    const at = verdict.checkpoint?.latest?.at;
    expect(verdict.checkpoint).toEqual({ file: `${original}${CHECKPOINT_SUFFIX}`, latest: { seq: 8, at } });
    expect(text.stdout).toContain(`检查点 / checkpoint: 第 8 号记录 / event 8, ${at}`);
  });

  it('cannot change, delete or replace an event through a plain connection while the triggers stand', async () => {
    const file = copyOf('guarded');
    const sql = createClient({ url: `file:${file}` });
    try {
      const e = await eventRow(sql, 8);
      for (const statement of [
        "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3",
        'DELETE FROM audit_events WHERE seq = 8',
        'DELETE FROM audit_events',
        {
          sql: 'INSERT OR REPLACE INTO audit_events (seq, at, actor, action, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
          args: [8, e.at, 'someone-else', e.action, e.prevHash, e.hash],
        },
      ])
        await expect(sql.execute(statement)).rejects.toThrow('audit_events is append-only');
    } finally {
      sql.close();
    }
    const { code, verdict } = await verify(file);
    expect(code).toBe(0);
    expect(verdict).toMatchObject({ ok: true, events: 8 });
  });

  it('names the truncation when the newest event is deleted', async () => {
    const file = await tampered('truncated', async (sql) => {
      await sql.execute('DELETE FROM audit_events WHERE seq = 8');
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, events: 7, seq: 8, problem: 'truncated' });
    expect(verdict.message?.en).toContain('the chain was truncated after event 7');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('审计链在第 7 号记录之后被截断：检查点记录到第 8 号');
  });

  it('names the truncation when the newest events are deleted and others written in their place', async () => {
    const file = await tampered('rewritten-end', async (sql) => {
      const [seven, eight] = [await eventRow(sql, 7), await eventRow(sql, 8)];
      await sql.execute('DELETE FROM audit_events WHERE seq >= 7');
      let prevHash = seven.prevHash;
      for (const e of [seven, eight]) {
        const forged = { ...e, prevHash, actor: 'someone-else' };
        forged.hash = eventHash(prevHash, forged);
        const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
        await sql.execute({
          sql: `INSERT INTO audit_events (seq, at, actor, action, case_id, target, before, after, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            ...[forged.seq, forged.at, forged.actor, forged.action, forged.caseId, forged.target],
            ...[json(forged.before), json(forged.after), forged.prevHash, forged.hash],
          ],
        });
        prevHash = forged.hash;
      }
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, events: 8, seq: 8, problem: 'truncated' });
    expect(text.stdout).toContain('第 8 号记录不是检查点');
  });

  it('names a checkpoint altered to hide the truncation (its signature no longer fits)', async () => {
    const checkpoint = join(dir, `hidden.db${CHECKPOINT_SUFFIX}`);
    const file = await tampered('hidden', async (sql) => {
      const seven = await eventRow(sql, 7);
      await sql.execute('DELETE FROM audit_events WHERE seq = 8');
      const signed = JSON.parse(readFileSync(checkpoint, 'utf8'));
      writeFileSync(checkpoint, JSON.stringify({ ...signed, seq: 7, hash: seven.hash }));
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, problem: 'bad-checkpoint', file: checkpoint });
    expect(text.stdout).toContain('的签名与内容不符（检查点被改动过）');
  });

  it('names an event whose recorded data was edited (a role added to a new user)', async () => {
    const file = await tampered('edited', async (sql) => {
      const e = await eventRow(sql, 3);
      const after = { ...(e.after as object), roles: ['officer', 'system-admin'] };
      await sql.execute({ sql: 'UPDATE audit_events SET after = ? WHERE seq = 3', args: [JSON.stringify(after)] });
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, seq: 3, problem: 'edited' });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('第 3 号记录的内容已被改动');
    expect(text.stdout).toContain('event 3 was edited after it was written');
  });

  it('names a deleted event (the first user creation after the pack)', async () => {
    const file = await tampered('deleted', async (sql) => {
      await sql.execute('DELETE FROM audit_events WHERE seq = 4');
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, problem: 'missing', seq: 5 });
    expect(verdict.message?.en).toContain('event 4 was deleted');
    expect(text.stdout).toContain('缺少第 4 号记录');
  });

  let swapped: Verdict | undefined;
  it('detects two events whose order was swapped', async () => {
    const file = await tampered('swapped', async (sql) => {
      await sql.batch([
        'UPDATE audit_events SET seq = -1 WHERE seq = 4',
        'UPDATE audit_events SET seq = 4 WHERE seq = 3',
        'UPDATE audit_events SET seq = 3 WHERE seq = -1',
      ]);
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(text.code).toBe(1);
    expect(verdict.ok).toBe(false);
    swapped = verdict;
  });

  // verifyChain checks that an event hashes under its own seq before blaming the one before it,
  // so a swap names the moved event, not an untouched neighbour.
  it('names the first of the swapped events', () => {
    expect(swapped).toMatchObject({ ok: false, seq: 3, problem: 'reordered' });
  });

  it('names an event rewritten with its own hash recomputed by SM3 (the next event still links to the old one)', async () => {
    const file = await tampered('rehashed', async (sql) => {
      const e = await eventRow(sql, 5);
      const forged = { ...e, actor: 'someone-else', at: '2026-01-01T00:00:00.000Z' };
      await sql.execute({
        sql: 'UPDATE audit_events SET actor = ?, at = ?, hash = ? WHERE seq = 5',
        args: [forged.actor, forged.at, eventHash(e.prevHash, forged)],
      });
    });
    const { code, verdict, text } = await verify(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, seq: 5, problem: 'broken-link' });
    expect(text.stdout).toContain('第 5 号记录已被改写');
    expect(text.stdout).toContain('event 5 was rewritten');
  });
});
