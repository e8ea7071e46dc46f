import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { yifa } from '../../test/cli.ts';
import { binhaiBundle } from '../../test/harness.ts';
import { openDb } from '../db/client.ts';
import { createServices } from '../services.ts';
import { createUser } from '../users.ts';

/** Each test runs the CLI in child processes (several each), which a loaded machine slows down. */
const SLOW = { timeout: 300_000 };
let url: string;
const env = () => ({ YIFA_DATABASE_URL: url });

async function query(sql: string, args: (string | number)[] = []) {
  const client = createClient({ url });
  try {
    return (await client.execute({ sql, args })).rows;
  } finally {
    client.close();
  }
}
const roles = async (username: string) =>
  JSON.parse(String((await query('SELECT roles FROM users WHERE username = ?', [username]))[0]?.roles)) as string[];
/** The row count and head of the chain: what a refused command leaves as it was. */
const chain = async () => (await query('SELECT count(*) AS n, max(seq) AS head FROM audit_events'))[0];

beforeAll(async () => {
  url = `file:${join(mkdtempSync(join(tmpdir(), 'yifa-cli-user-')), 'yifa.db')}`;
  const db = await openDb(url);
  const services = createServices(db);
  const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'test' });
  await services.packs.activate(report.hash, 'test');
  await createUser(db, {
    username: 'li.officer',
    displayName: '李明',
    password: 'Zhifa#2026-cli',
    orgCode: '120116-SCJ',
    roles: ['officer'],
  });
  db.$client.close();
}, 120_000);

describe('yifa user roles', SLOW, () => {
  it('adds, removes and sets roles, each change an audit event by the operator', async () => {
    const add = await yifa(['user', 'roles', 'li.officer', '--add', 'legal-reviewer'], { env: env() });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('roles of li.officer: officer, legal-reviewer');
    expect(await roles('li.officer')).toEqual(['officer', 'legal-reviewer']);
    const remove = await yifa(['user', 'roles', 'li.officer', '--remove', 'officer'], { env: env() });
    expect(remove.code).toBe(0);
    expect(await roles('li.officer')).toEqual(['legal-reviewer']);
    const set = await yifa(['user', 'roles', 'li.officer', '--set', 'officer'], { env: env() });
    expect(set.code).toBe(0);
    expect(await roles('li.officer')).toEqual(['officer']);
    const events = await query(
      "SELECT actor, before, after FROM audit_events WHERE action = 'user.roles-set' ORDER BY seq",
    );
    expect(events).toHaveLength(3);
    expect(String(events[0]?.actor)).toMatch(/^cli:/);
    expect(JSON.parse(String(events[2]?.before)).roles).toEqual(['legal-reviewer']);
    expect(JSON.parse(String(events[2]?.after)).roles).toEqual(['officer']);
  });

  it('refuses an unknown role, an administrator role with another, no option and an unknown user, changing nothing', async () => {
    const before = await chain();
    const unknown = await yifa(['user', 'roles', 'li.officer', '--add', 'root'], { env: env() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('the active pack has no role root');
    const admin = await yifa(['user', 'roles', 'li.officer', '--add', 'audit-admin'], { env: env() });
    expect(admin.code).toBe(1);
    expect(admin.stderr).toContain('the administrator role audit-admin is held alone');
    const none = await yifa(['user', 'roles', 'li.officer'], { env: env() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('give --set, or --add and/or --remove');
    const both = await yifa(['user', 'roles', 'li.officer', '--set', 'officer', '--add', 'legal-reviewer'], {
      env: env(),
    });
    expect(both.code).toBe(1);
    const nobody = await yifa(['user', 'roles', 'nobody', '--set', 'officer'], { env: env() });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('没有用户 nobody');
    expect(await roles('li.officer')).toEqual(['officer']);
    expect(await chain()).toEqual(before);
  });
});

describe('yifa user certificate', SLOW, () => {
  it('records a certificate, then that the user holds none', async () => {
    const set = await yifa(
      ['user', 'certificate', 'li.officer', '--number', '12011620261234', '--valid-until', '2031-12-31'],
      {
        env: env(),
      },
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('certificate 12011620261234 valid until 2031-12-31');
    const row = async () =>
      (await query('SELECT certificate_no, certificate_valid_until FROM users WHERE username = ?', ['li.officer']))[0];
    expect(await row()).toMatchObject({ certificate_no: '12011620261234', certificate_valid_until: '2031-12-31' });
    const none = await yifa(['user', 'certificate', 'li.officer', '--none'], { env: env() });
    expect(none.code).toBe(0);
    expect(await row()).toMatchObject({ certificate_no: null, certificate_valid_until: null });
    const events = await query("SELECT after FROM audit_events WHERE action = 'user.certificate-set' ORDER BY seq");
    expect(events.map((e) => JSON.parse(String(e.after)).certificate)).toEqual([
      { no: '12011620261234', validUntil: '2031-12-31' },
      null,
    ]);
  });

  it('refuses a half certificate, a day that does not exist and --none with a number, changing nothing', async () => {
    const before = await chain();
    const half = await yifa(['user', 'certificate', 'li.officer', '--number', '1201'], { env: env() });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('--certificate and --valid-until go together');
    const day = await yifa(['user', 'certificate', 'li.officer', '--number', '1201', '--valid-until', '2031-02-30'], {
      env: env(),
    });
    expect(day.code).toBe(1);
    expect(day.stderr).toContain('--valid-until is a date as YYYY-MM-DD');
    const mixed = await yifa(['user', 'certificate', 'li.officer', '--none', '--number', '1201'], { env: env() });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('--none does not go with --number');
    const nothing = await yifa(['user', 'certificate', 'li.officer'], { env: env() });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('give --number and --valid-until, or --none');
    expect(await chain()).toEqual(before);
  });
});
