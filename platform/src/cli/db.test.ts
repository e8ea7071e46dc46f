import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { yifa } from '../../test/cli.ts';
import { binhaiBundle } from '../../test/harness.ts';
import { createApp } from '../app.ts';
import { MIGRATIONS, openDb } from '../db/client.ts';
import { createServices } from '../services.ts';

/** Each test runs the CLI in child processes, which a loaded machine slows down. */
const SLOW = { timeout: 120_000 };
const PASSWORD = 'Zhifa#2026-cli';
let dir: string;
let url: string;
const env = () => ({ YIFA_DATABASE_URL: url });

/** Row counts of every table and the audit head: what a refused command must leave as it was. */
async function state() {
  const sql = createClient({ url });
  try {
    const out: Record<string, unknown> = {};
    for (const t of ['pack_versions', 'organisations', 'users', 'audit_events']) {
      out[t] = (await sql.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n;
    }
    out.head = (await sql.execute('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0]?.hash ?? null;
    return out;
  } finally {
    sql.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yifa-cli-'));
  url = `file:${join(dir, 'data', 'yifa.db')}`;
});

describe('yifa db migrate', SLOW, () => {
  it('creates the database, says which migrations it applied, and then that it is up to date', async () => {
    const first = await yifa(['db', 'migrate'], { env: env() });
    expect(first.code).toBe(0);
    // Every migration checked in under platform/drizzle, as drizzle-kit's journal lists them.
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    for (const { tag } of journal.entries) expect(first.stdout).toContain(`✓ ${tag}`);
    expect(first.stdout).toContain(`applied ${journal.entries.length} migration(s)`);
    const again = await yifa(['db', 'migrate'], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('✓');
    expect(again.stdout).toContain('is up to date');
  });
});

describe('yifa pack install', SLOW, () => {
  it('refuses a broken pack folder and changes nothing', async () => {
    const before = await state();
    const broken = join(dir, 'packs', 'tj-binhai');
    cpSync(join(PACKS_DIR, 'tj-binhai'), broken, { recursive: true });
    const matter = join(broken, 'matters', '120116-SCJ-CF-0001-01.yaml');
    writeFileSync(
      matter,
      readFileSync(matter, 'utf8').replace('workflow: penalty-ordinary', 'workflow: no-such-workflow'),
    );
    const run = await yifa(['pack', 'install', broken, '--packs', PACKS_DIR, '--activate'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no-such-workflow');
    expect(run.stdout).toContain('120116-SCJ-CF-0001-01.yaml');
    expect(run.stderr).toContain('not installed');
    expect(await state()).toEqual(before);
  });

  it('refuses an altered bundle file and changes nothing', async () => {
    const before = await state();
    const file = join(dir, 'altered.json');
    writeFileSync(file, binhaiBundle().replace('滨海新区', '滨海新城'));
    const run = await yifa(['pack', 'install', file, '--activate'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(run.stderr).toContain('bundle.hash');
    expect(await state()).toEqual(before);
  });

  it('installs and activates packs/tj-binhai: its organisations, and both steps in the audit chain', async () => {
    const run = await yifa(['pack', 'install', join(PACKS_DIR, 'tj-binhai'), '--activate'], { env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/tj-binhai@1\.0\.0 {2}sha256:[0-9a-f]{64}/);
    expect(run.stdout).toContain('已启用 / activated tj-binhai@1.0.0');
    const after = await state();
    expect(after).toMatchObject({ pack_versions: 1, audit_events: 2 });
    expect(Number(after.organisations)).toBeGreaterThan(100);
    const verify = await yifa(['audit', 'verify', '--json'], { env: env() });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: 2, algorithm: 'sm3' });
  });

  it('refuses a subtree activation of a pack not built on the active one before importing anything', async () => {
    const before = await state();
    const city = join(PACKS_DIR, 'he-shijiazhuang');
    const run = await yifa(['pack', 'install', city, '--activate', '--org', '130100-GOV'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('he-shijiazhuang is not built on tj-binhai');
    const alone = await yifa(['pack', 'install', city, '--org', '130100-GOV'], { env: env() });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('--org goes with --activate');
    expect(await state()).toEqual(before);
  });
});

describe('yifa user add', SLOW, () => {
  it('refuses a password that breaks the policy, in zh and en, and creates nobody', async () => {
    const before = await state();
    const args = ['user', 'add', '--username', 'wang.admin', '--name', '王管理', '--org', '120116-GOV'];
    const run = await yifa([...args, '--roles', 'system-admin'], { env: env(), input: 'alllowercase1\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(run.stderr).toContain('a password needs three of: lower case, upper case, digits, symbols');
    expect(await state()).toEqual(before);
  });

  it('refuses a role or an organisation the active pack does not have', async () => {
    const before = await state();
    const args = ['user', 'add', '--username', 'wang.admin', '--name', '王管理'];
    const role = await yifa([...args, '--org', '120116-GOV', '--roles', 'system-admin,root'], {
      env: env(),
      input: PASSWORD,
    });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('配置包中没有角色：root');
    const org = await yifa([...args, '--org', '999999-X', '--roles', 'system-admin'], { env: env(), input: PASSWORD });
    expect(org.code).toBe(1);
    expect(org.stderr).toContain('the active pack has no organisation 999999-X');
    expect(await state()).toEqual(before);
  });

  it('creates users with the password from stdin or an environment variable, who can then sign in', async () => {
    const admin = await yifa(
      ['user', 'add', '--username', 'wang.admin', '--name', '王管理', '--org', '120116-GOV', '--roles', 'system-admin'],
      { env: env(), input: `${PASSWORD}\n` },
    );
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('created user wang.admin');
    const officer = await yifa(
      [
        ...['user', 'add', '--username', 'li.officer', '--name', '李执法', '--org', '120116-SCJ', '--roles', 'officer'],
        ...['--certificate', '12011620260001', '--valid-until', '2030-12-31', '--password-env', 'LI_PASSWORD'],
      ],
      { env: { ...env(), LI_PASSWORD: `${PASSWORD}-li` } },
    );
    expect(officer.code).toBe(0);
    const taken = await yifa(
      ['user', 'add', '--username', 'li.officer', '--name', '李', '--org', '120116-SCJ', '--roles', 'officer'],
      { env: env(), input: PASSWORD },
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('the user name li.officer is taken');

    const db = await openDb(url);
    try {
      const app = createApp(createServices(db));
      const login = (username: string, password: string) =>
        app.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      expect((await login('wang.admin', PASSWORD)).status).toBe(200);
      const li = await login('li.officer', `${PASSWORD}-li`);
      expect(li.status).toBe(200);
      const cookie = (li.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const me = (await (await app.request('/api/v1/auth/me', { headers: { cookie } })).json()) as {
        org: string;
        roles: { code: string }[];
        certificate: { number: string; validUntil: string; valid: boolean };
      };
      expect(me).toMatchObject({
        org: '120116-SCJ',
        roles: [{ code: 'officer' }],
        certificate: { number: '12011620260001', validUntil: '2030-12-31', valid: true },
      });
      const actions = (await db.$client.execute('SELECT actor, action FROM audit_events ORDER BY seq')).rows;
      expect(actions.filter((r) => r.action === 'user.create').map((r) => String(r.actor))).toEqual([
        expect.stringMatching(/^cli:/),
        expect.stringMatching(/^cli:/),
      ]);
    } finally {
      db.$client.close();
    }
  });
});

describe('yifa user update and list', SLOW, () => {
  const row = async (username: string) => {
    const sql = createClient({ url });
    try {
      return (
        await sql.execute({
          sql: 'SELECT org_code, roles, certificate_no, certificate_valid_until, legal_qualification FROM users WHERE username = ?',
          args: [username],
        })
      ).rows[0];
    } finally {
      sql.close();
    }
  };

  it('creates a legally qualified reviewer, whom a 法制审核 opinion needs', async () => {
    const add = await yifa(
      [
        ...['user', 'add', '--username', 'zhao.reviewer', '--name', '赵审核', '--org', '120116-SFJ'],
        ...['--roles', 'legal-reviewer', '--legal-qualification'],
      ],
      { env: env(), input: `${PASSWORD}\n` },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('legally qualified');
    expect(await row('zhao.reviewer')).toMatchObject({ legal_qualification: 1 });
  });

  it('refuses an unknown user, an unknown role, nothing to change and a change that changes nothing, changing nothing', async () => {
    const before = await state();
    const unknown = await yifa(['user', 'update', '--username', 'nobody', '--legal-qualification'], { env: env() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有用户 nobody');
    const role = await yifa(['user', 'update', '--username', 'li.officer', '--roles', 'officer,root'], { env: env() });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('the active pack has no role root');
    const nothing = await yifa(['user', 'update', '--username', 'li.officer'], { env: env() });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('nothing to change was given');
    const same = await yifa(['user', 'update', '--username', 'li.officer', '--roles', 'officer'], { env: env() });
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('nothing of li.officer would change');
    const half = await yifa(['user', 'update', '--username', 'li.officer', '--certificate', '1201'], { env: env() });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('--certificate and --valid-until go together');
    expect(await state()).toEqual(before);
  });

  it('changes roles, certificate and legal qualification, each change in the audit chain with before and after', async () => {
    const up = await yifa(
      [
        ...['user', 'update', '--username', 'li.officer', '--roles', 'officer,legal-reviewer'],
        ...['--certificate', '12011620269999', '--valid-until', '2031-06-30', '--legal-qualification'],
      ],
      { env: env() },
    );
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('updated user li.officer');
    expect(await row('li.officer')).toMatchObject({
      roles: JSON.stringify(['officer', 'legal-reviewer']),
      certificate_no: '12011620269999',
      certificate_valid_until: '2031-06-30',
      legal_qualification: 1,
    });
    const off = await yifa(
      ['user', 'update', '--username', 'li.officer', '--no-certificate', '--no-legal-qualification'],
      {
        env: env(),
      },
    );
    expect(off.code).toBe(0);
    expect(await row('li.officer')).toMatchObject({ certificate_no: null, legal_qualification: 0 });

    const sql = createClient({ url });
    try {
      const events = (
        await sql.execute("SELECT actor, before, after FROM audit_events WHERE action = 'user.update' ORDER BY seq")
      ).rows;
      expect(events).toHaveLength(2);
      expect(String(events[0]?.actor)).toMatch(/^cli:/);
      expect(JSON.parse(String(events[0]?.before))).toMatchObject({ roles: ['officer'], legalQualification: false });
      expect(JSON.parse(String(events[0]?.after))).toMatchObject({
        roles: ['officer', 'legal-reviewer'],
        certificate: { no: '12011620269999', validUntil: '2031-06-30' },
        legalQualification: true,
      });
      expect(JSON.parse(String(events[1]?.after))).toMatchObject({ certificate: null, legalQualification: false });
    } finally {
      sql.close();
    }
    const verify = await yifa(['audit', 'verify', '--json'], { env: env() });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('lists the users with organisation, roles, certificate and legal qualification', async () => {
    const list = await yifa(['user', 'list', '--json'], { env: env() });
    expect(list.code).toBe(0);
    const users = JSON.parse(list.stdout) as { username: string; legalQualification: boolean }[];
    expect(users.map((u) => u.username)).toEqual(['li.officer', 'wang.admin', 'zhao.reviewer']);
    expect(users.find((u) => u.username === 'zhao.reviewer')).toMatchObject({
      org: '120116-SFJ',
      roles: ['legal-reviewer'],
      certificate: null,
      legalQualification: true,
    });
  });
});

describe('yifa db backup and restore', SLOW, () => {
  it('backs the copy up and restores it into a new YIFA_HOME, then refuses to restore over it', async () => {
    const out = join(dir, 'backup-1');
    const backup = await yifa(['db', 'backup', out], { env: env() });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`backed up to ${out}`);
    // The tests' personal-data key is in the environment: the backup says it is not inside.
    expect(backup.stdout).toContain('keys from the environment are not in the backup');
    const again = await yifa(['db', 'backup', out], { env: env() });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');

    const home = join(dir, 'restored');
    const restore = await yifa(['db', 'restore', out], { env: { YIFA_HOME: home }, unset: ['YIFA_DATABASE_URL'] });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/audit chain: 完整 \/ intact, \d+ events/);
    const over = await yifa(['db', 'restore', out], { env: { YIFA_HOME: home }, unset: ['YIFA_DATABASE_URL'] });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('a restore overwrites nothing');
    const verify = await yifa(['audit', 'verify', '--json'], {
      env: { YIFA_HOME: home },
      unset: ['YIFA_DATABASE_URL'],
    });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
