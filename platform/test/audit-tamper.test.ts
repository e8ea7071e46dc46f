/**
 * The audit chain against someone with write access to the database file: real events
 * (a pack import and activation, user creation, sign-ins) are written through the app,
 * then copies of the file are altered through a separate libsql connection, and the real
 * CLI (`yifa audit verify`) must exit 1 and name the event that was touched.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../src/audit/chain.ts';
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
}

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
}, 120_000);

/** A copy of the database with `tamper` applied through its own connection. */
async function tampered(name: string, tamper: (sql: ReturnType<typeof createClient>) => Promise<void>) {
  const file = join(dir, `${name}.db`);
  copyFileSync(original, file);
  const sql = createClient({ url: `file:${file}` });
  try {
    await tamper(sql);
  } finally {
    sql.close();
  }
  return file;
}

async function verify(file: string) {
  const env = { YIFA_DATABASE_URL: `file:${file}` };
  const [json, text] = await Promise.all([
    yifa(['audit', 'verify', '--json'], { env }),
    yifa(['audit', 'verify'], { env }),
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
  it('passes the chain as written: exit 0, the event count, the head hash, SM3', async () => {
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
