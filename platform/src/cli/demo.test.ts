import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, yifa } from '../../test/cli.ts';
import { createApp } from '../app.ts';
import { openDb } from '../db/client.ts';
import { auditEvents, cases, documents, reviews } from '../db/schema.ts';
import { signIn } from '../demo/client.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/people.ts';
import { createServices } from '../services.ts';
import { decide } from './demo.ts';

/** Preparing the demo plays nine cases through the API in a child process: allow for a loaded machine. */
const SLOW = { timeout: 180_000 };
// Personal data is sealed with a fixed test key, here and in the child processes (no key file is written).
process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';
const KEY = { YIFA_DATA_KEY: process.env.YIFA_DATA_KEY };

let dir: string;
let first: CliRun;

/** Runs `yifa <args>` in a folder, without YIFA_DATABASE_URL, as `npm start` would. */
const yifaIn = (cwd: string, args: string[]): Promise<CliRun> =>
  yifa(args, { cwd, env: KEY, unset: ['YIFA_DATABASE_URL'] });

const demoUrl = () => `file:${join(dir, 'data', 'demo.db')}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yifa-demo-'));
  // The default database, in a folder with no data/ yet.
  first = await yifaIn(dir, ['demo', '--no-serve']);
}, 180_000);

describe('yifa demo --no-serve', SLOW, () => {
  it('creates data/demo.db and prints the accounts with zh headings and the demo password', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(join(dir, 'data', 'demo.db')).size).toBeGreaterThan(0);
    for (const heading of ['用户名', '角色', '所属执法主体', '密码']) expect(first.stdout).toContain(heading);
    expect(first.stdout).toContain('仅供演示');
    for (const u of DEMO_USERS) expect(first.stdout).toContain(u.username);
    expect(first.stdout).toContain(DEMO_PASSWORD);
    expect(first.stdout).toContain('天津市滨海新区市场监督管理局');
    expect(first.stdout).toContain('执法证已过期或无效');
  });

  it('leaves an audit chain that `yifa audit verify` passes', async () => {
    const run = await yifa(['audit', 'verify'], { env: { YIFA_DATABASE_URL: demoUrl(), ...KEY } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('审计链完整');
  });

  it('records its events in time order: the setup before the story, the story before today', async () => {
    const db = await openDb(demoUrl());
    try {
      const rows = await db
        .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action })
        .from(auditEvents)
        .orderBy(asc(auditEvents.seq));
      const backwards = rows.filter((r, i) => i > 0 && r.at < (rows[i - 1]?.at ?? ''));
      expect(backwards).toEqual([]);
      expect(rows[0]?.action).toBe('demo.seed');
      expect(rows.findIndex((r) => r.action === 'case.open')).toBeGreaterThan(
        rows.findLastIndex((r) => r.action === 'user.create'),
      );
    } finally {
      db.$client.close();
    }
  });

  it('has one user per national role, the reviewer qualified and one certificate expired', async () => {
    const db = await openDb(demoUrl());
    try {
      const rows = await db.query.users.findMany();
      const roles = new Set(rows.flatMap((u) => u.roles));
      for (const role of [
        'officer',
        'department-head',
        'agency-head',
        'legal-reviewer',
        'supervisor',
        'legal-affairs',
        'system-admin',
        'security-admin',
        'audit-admin',
        'implementer',
      ])
        expect(roles).toContain(role);
      expect(rows.find((u) => u.username === 'chenjing')?.legalQualification).toBe(true);
      expect(rows.find((u) => u.username === 'wangfang')?.certificateValidUntil).toBe('2025-06-30');
      const officers = rows.filter((u) => u.roles.includes('officer') && u.username !== 'wangfang');
      expect(officers.every((u) => (u.certificateValidUntil ?? '') > new Date().toISOString().slice(0, 10))).toBe(true);
    } finally {
      db.$client.close();
    }
  });

  it('has the cases in the states described, every step in the audit chain', async () => {
    const db = await openDb(demoUrl());
    try {
      const rows = await db.select().from(cases);
      const state = (matter: string, subject: string) =>
        rows
          .filter((c) => c.matterCode === matter && c.subjectOrg === subject)
          .map((c) => c.state)
          .sort();
      expect(state('120116-SCJ-CF-0001-01', '120116-SCJ')).toEqual(['execution', 'investigation']);
      expect(state('120116-SCJ-CF-0003-01', '120116-SCJ')).toEqual(['legal-review']);
      expect(state('120116-SCJ-CF-0004-01', '120116-SCJ')).toEqual(['closed']);
      expect(state('120116-STJ-CF-0003-01', '120116-STJ')).toEqual(['case-review']);
      expect(state('120116-YJJ-CF-0005-01', '120116-YJJ')).toEqual(['investigation']);
      expect(state('legal-reconsideration', '120116-SFJ')).toEqual(['awaiting-reply']);
      expect(state('120116-SCJ-CF-0008-01', '120116-TEDA-SCJ')).toEqual(['filing']);
      expect(state('120116-SCJ-CF-0006-01', '120116-TEDA-SCJ')).toEqual(['investigation']);
      expect(rows.find((c) => c.workflowCode === 'penalty-summary')?.closedAt).not.toBeNull();

      // The decided case: an issued, numbered 行政处罚决定书; the one under review: a pending review.
      const decided = rows.find((c) => c.state === 'execution');
      const [decision] = await db
        .select()
        .from(documents)
        .where(and(eq(documents.caseId, decided?.id ?? ''), eq(documents.formCode, 'penalty-decision')));
      expect(decision?.status).toBe('issued');
      expect(decision?.number).toMatch(/^津滨市监罚〔\d{4}〕0001号$/);
      const underReview = rows.find((c) => c.state === 'legal-review');
      const pending = await db
        .select()
        .from(reviews)
        .where(eq(reviews.caseId, underReview?.id ?? ''));
      expect(pending.map((r) => r.decidedAt)).toEqual([null]);

      // Every state a case entered after its first was entered by a recorded transition.
      const events = await db.select().from(auditEvents);
      for (const c of rows) {
        const mine = events.filter((e) => e.caseId === c.id);
        expect(mine.filter((e) => e.action === 'case.open')).toHaveLength(1);
        expect(mine.filter((e) => e.action === 'case.transition')).toHaveLength(Object.keys(c.stateEntered).length - 1);
      }
      expect(events.filter((e) => e.action === 'document.issue').length).toBeGreaterThanOrEqual(4);
    } finally {
      db.$client.close();
    }
  });

  it('shows the emergency case near its 90-day limit and masks identifiers for the supervisor', async () => {
    const db = await openDb(demoUrl());
    try {
      const app = createApp(createServices(db));
      const clock = { now: () => new Date(), set: () => undefined, advance: () => undefined };
      const supervisor = await signIn(app, clock, 'sunli', DEMO_PASSWORD);
      const list = await supervisor.get('/api/v1/cases?pageSize=100');
      expect(list.total).toBe(9);
      const emergency = list.items.find((i: { subject: { code: string } }) => i.subject.code === '120116-YJJ');
      expect(emergency.nearestDeadline).toMatchObject({ code: 'decide-within-90', status: 'near' });
      expect(emergency.party.idNumber).toMatch(/\*{8}/);
    } finally {
      db.$client.close();
    }
  });

  it('keeps an existing demo database and prints its accounts again', async () => {
    const kept = await yifaIn(dir, ['demo', '--no-serve']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('使用已有的演示数据库');
    expect(kept.stdout).toContain(DEMO_PASSWORD);
    expect(kept.stdout).toContain('津滨应急案');
  });

  it('refuses to recreate a database that is not the demo’s, unless --force', async () => {
    const other = `file:${join(dir, 'prod', 'yifa.db')}`;
    expect((await yifa(['db', 'migrate'], { env: { YIFA_DATABASE_URL: other, ...KEY } })).code).toBe(0);
    const before = statSync(join(dir, 'prod', 'yifa.db')).mtimeMs;
    for (const args of [
      ['--db', other],
      ['--db', other, '--fresh'],
    ]) {
      const refused = await yifa(['demo', '--no-serve', ...args], { env: KEY });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('不是演示数据库');
      expect(refused.stderr).toContain('is not a demo database');
    }
    const viaEnv = await yifa(['demo', '--no-serve'], { env: { YIFA_DATABASE_URL: other, ...KEY } });
    expect(viaEnv.code).toBe(1);
    expect(statSync(join(dir, 'prod', 'yifa.db')).mtimeMs).toBe(before);
    const remote = await yifa(['demo', '--no-serve', '--db', 'libsql://example.invalid'], { env: KEY });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('本地数据库文件');
    const forced = await yifa(['demo', '--no-serve', '--db', other, '--force'], { env: KEY });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('已删除');
    expect((await yifa(['audit', 'verify'], { env: { YIFA_DATABASE_URL: other, ...KEY } })).code).toBe(0);
  });
});

describe('deciding what to do with the database', () => {
  it('creates a missing one, keeps a finished demo, redoes an interrupted one, refuses others', () => {
    const url = 'file:x.db';
    expect(decide(url, { kind: 'missing' }, {})).toEqual({ create: true, wipe: false });
    expect(decide(url, { kind: 'demo', ready: true }, {})).toEqual({ create: false, wipe: false });
    expect(decide(url, { kind: 'demo', ready: true }, { fresh: true })).toEqual({ create: true, wipe: true });
    expect(decide(url, { kind: 'demo', ready: false }, {})).toEqual({ create: true, wipe: true });
    expect(decide(url, { kind: 'other', reason: 'no demo mark' }, { fresh: true })).toHaveProperty('refusal');
    expect(decide(url, { kind: 'other', reason: 'no demo mark' }, { force: true })).toEqual({
      create: true,
      wipe: true,
    });
    expect(decide('libsql://x', { kind: 'not-a-file' }, { force: true })).toHaveProperty('refusal');
  });
});
