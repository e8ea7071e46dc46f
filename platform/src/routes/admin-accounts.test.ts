import type { Role } from '@yifa/metamodel';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../../test/harness.ts';
import { listAccounts, setDisabled } from '../admin/accounts.ts';
import type { Actor } from '../auth/access.ts';
import { auditEvents, organisations, users } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const NOW = new Date('2026-03-02T02:00:00Z');
const NEW_PASSWORD = 'Kaizhang#2026-new';

let server: Server;
let sys: Client;
let sec: Client;
const json = async (res: Response): Promise<Json> => res.json();

function call(c: Client, method: string, path: string, body?: unknown) {
  return c.call(method, `/api/v1/admin${path}`, body);
}

async function expectStatus(res: Response, status: number): Promise<Json> {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}

/** The audit events of an action on a user, in order. */
async function eventsOf(action: string, userId: string) {
  return server.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.target, userId)));
}

async function userRow(username: string) {
  const [row] = await server.db.select().from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no ${username}`);
  return row;
}

/** Signs in and answers the status and body, without throwing. */
async function signIn(username: string, password = PASSWORD) {
  const res = await server.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  await server.user({ username: 'sys.admin', orgCode: '120116-SFJ', roles: ['system-admin'] });
  await server.user({ username: 'sec.admin', orgCode: '120116-SFJ', roles: ['security-admin'] });
  await server.user({ username: 'aud.admin', orgCode: '120116-SFJ', roles: ['audit-admin'] });
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  sys = await server.as('sys.admin');
  sec = await server.as('sec.admin');
}, 120_000);

describe('the system administrator (user.manage)', () => {
  it('creates an account without roles, audited with the administrator as actor', async () => {
    const created = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'chen.officer',
        displayName: '陈执法',
        orgCode: '120116-SCJ',
        password: PASSWORD,
      }),
      201,
    );
    const row = await userRow('chen.officer');
    expect(row.id).toBe(created.id);
    expect(row.roles).toEqual([]);
    const [event] = await eventsOf('user.create', row.id);
    const sysId = (await userRow('sys.admin')).id;
    expect(event?.actor).toBe(sysId);
    const list = await expectStatus(await call(sys, 'GET', '/accounts?q=chen'), 200);
    expect(list.items.map((a: Json) => a.username)).toEqual(['chen.officer']);
    expect(list.items[0]).toMatchObject({ orgName: expect.any(String), roles: [], disabled: false, lockedAt: null });
    expect(list.items[0].passwordHash).toBeUndefined();
  });

  it('cannot give roles at creation: the body has no roles field', async () => {
    const body = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'he.officer',
        displayName: '何',
        orgCode: '120116-SCJ',
        password: PASSWORD,
        roles: ['system-admin'],
      }),
      422,
    );
    expect(body.error.code).toBe('validation');
    const [none] = await server.db.select().from(users).where(eq(users.username, 'he.officer'));
    expect(none).toBeUndefined();
  });

  it('is told clearly of a duplicate name, an unknown organisation, a bad name and a weak password', async () => {
    const dup = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'li.officer',
        displayName: '李',
        orgCode: '120116-SCJ',
        password: PASSWORD,
      }),
      409,
    );
    expect(dup.error.message.zh).toBe('用户名 li.officer 已存在');
    expect(dup.error.message.en).toBe('the user name li.officer is taken');
    const org = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'x.one',
        displayName: 'X',
        orgCode: 'NOPE',
        password: PASSWORD,
      }),
      422,
    );
    expect(org.error.details.problems[0]).toMatchObject({ path: '/orgCode', code: 'unknown-organisation' });
    expect(org.error.message.zh).toBe('没有机构 NOPE');
    const name = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: '李 四',
        displayName: 'X',
        orgCode: '120116-SCJ',
        password: PASSWORD,
      }),
      422,
    );
    expect(name.error.details.problems[0]).toMatchObject({ path: '/username', code: 'username-format' });
    const weak = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'x.two',
        displayName: 'X',
        orgCode: '120116-SCJ',
        password: 'short',
      }),
      422,
    );
    expect(weak.error.details.problems[0]).toMatchObject({ path: '/password', code: 'password-policy' });
    expect(weak.error.message.zh).toBe('密码至少 10 位');
    const made = await server.db.select().from(users).where(eq(users.username, 'x.one'));
    expect(made).toEqual([]);
  });

  it('disables an account, ending its sessions, and enables it again; binds it to another organisation', async () => {
    await server.user({ username: 'wu.officer', orgCode: '120116-SCJ', roles: ['officer'] });
    const wu = await server.as('wu.officer');
    expect((await wu.get('/api/v1/auth/me')).status).toBe(200);
    await expectStatus(await call(sys, 'POST', '/accounts/wu.officer/disable'), 200);
    expect((await wu.get('/api/v1/auth/me')).status).toBe(401);
    expect((await signIn('wu.officer')).status).toBe(401);
    const again = await expectStatus(await call(sys, 'POST', '/accounts/wu.officer/disable'), 422);
    expect(again.error.message.zh).toBe('账号 wu.officer 已停用');
    await expectStatus(await call(sys, 'POST', '/accounts/wu.officer/enable'), 200);
    expect((await signIn('wu.officer')).status).toBe(200);
    const id = (await userRow('wu.officer')).id;
    expect((await eventsOf('user.disable', id)).length).toBe(1);
    expect((await eventsOf('user.enable', id)).length).toBe(1);

    await expectStatus(await call(sys, 'PUT', '/accounts/wu.officer/organisation', { orgCode: '120116-STJ' }), 200);
    expect((await userRow('wu.officer')).orgCode).toBe('120116-STJ');
    const [bound] = await eventsOf('user.org-bound', id);
    expect(bound?.before).toMatchObject({ orgCode: '120116-SCJ' });
    expect(bound?.after).toMatchObject({ orgCode: '120116-STJ' });
    const unknown = await expectStatus(
      await call(sys, 'PUT', '/accounts/wu.officer/organisation', { orgCode: 'NOPE' }),
      422,
    );
    expect(unknown.error.details.problems[0].path).toBe('/orgCode');
    const none = await expectStatus(await call(sys, 'POST', '/accounts/nobody/disable'), 404);
    expect(none.error.message.zh).toBe('没有账号 nobody');
  });

  it("is refused the security administrator's actions, for others and for himself", async () => {
    const refusals: [string, string, unknown, string][] = [
      ['PUT', '/accounts/chen.officer/roles', { roles: ['officer'] }, 'role.assign'],
      ['PUT', '/accounts/sys.admin/roles', { roles: ['system-admin', 'officer'] }, 'role.assign'],
      ['PUT', '/accounts/chen.officer/certificate', { number: '120116001', validUntil: '2030-01-01' }, 'user.certify'],
      ['DELETE', '/accounts/li.officer/certificate', undefined, 'user.certify'],
      ['PUT', '/accounts/chen.officer/legal-qualification', { held: true }, 'user.certify'],
      ['POST', '/accounts/li.officer/lock', undefined, 'user.credentials'],
      ['POST', '/accounts/li.officer/unlock', undefined, 'user.credentials'],
      ['POST', '/accounts/li.officer/password', { password: NEW_PASSWORD }, 'user.credentials'],
      ['GET', '/security-policy', undefined, 'security.configure'],
      [
        'PUT',
        '/security-policy',
        { minLength: 8, minClasses: 2, maxFailures: 10, lockMinutes: 5 },
        'security.configure',
      ],
    ];
    for (const [method, path, body, permission] of refusals) {
      const res = await expectStatus(await call(sys, method, path, body), 403);
      expect(res.error, `${method} ${path}`).toMatchObject({ code: 'forbidden', details: { permission } });
    }
    expect((await userRow('chen.officer')).roles).toEqual([]);
    expect((await userRow('sys.admin')).roles).toEqual(['system-admin']);
  });
});

describe('the security administrator', () => {
  it('gives roles, records the 执法证 and the 法律职业资格, each audited', async () => {
    await expectStatus(await call(sec, 'PUT', '/accounts/chen.officer/roles', { roles: ['officer'] }), 200);
    await expectStatus(
      await call(sec, 'PUT', '/accounts/chen.officer/certificate', {
        number: '12011620260099',
        validUntil: '2028-06-30',
      }),
      200,
    );
    await server.user({ username: 'sun.reviewer', orgCode: '120116-SCJ', roles: [] });
    await expectStatus(await call(sec, 'PUT', '/accounts/sun.reviewer/roles', { roles: ['legal-reviewer'] }), 200);
    await expectStatus(await call(sec, 'PUT', '/accounts/sun.reviewer/legal-qualification', { held: true }), 200);
    const chen = await userRow('chen.officer');
    expect(chen).toMatchObject({
      roles: ['officer'],
      certificateNo: '12011620260099',
      certificateValidUntil: '2028-06-30',
    });
    expect((await userRow('sun.reviewer')).legalQualification).toBe(true);
    const [roles] = await eventsOf('user.roles-set', chen.id);
    expect(roles).toMatchObject({ before: { roles: [] }, after: { roles: ['officer'] } });
    expect(roles?.actor).toBe((await userRow('sec.admin')).id);
    expect((await eventsOf('user.certificate-set', chen.id)).length).toBe(1);
    const sun = await userRow('sun.reviewer');
    expect((await eventsOf('user.legal-qualification-set', sun.id)).length).toBe(1);
    // The officer signs in and is who the roles say.
    const me = await json(await (await server.as('chen.officer')).get('/api/v1/auth/me'));
    expect(me.roles.map((r: Json) => r.code)).toEqual(['officer']);
    expect(me.certificate.valid).toBe(true);
  });

  it('refuses an unknown role, an administrator role with another, and bad certificate dates, changing nothing', async () => {
    const unknown = await expectStatus(
      await call(sec, 'PUT', '/accounts/chen.officer/roles', { roles: ['officer', 'pope'] }),
      422,
    );
    expect(unknown.error.details.problems[0]).toMatchObject({ path: '/roles/1', code: 'unknown-role' });
    const mixed = await expectStatus(
      await call(sec, 'PUT', '/accounts/chen.officer/roles', { roles: ['officer', 'audit-admin'] }),
      422,
    );
    expect(mixed.error.details.problems[0].code).toBe('admin-role-alone');
    const notADay = await expectStatus(
      await call(sec, 'PUT', '/accounts/chen.officer/certificate', { number: 'A1', validUntil: '2027-02-30' }),
      422,
    );
    expect(notADay.error.details.problems[0]).toMatchObject({ path: '/validUntil', code: 'certificate-date' });
    expect(notADay.error.message.zh).toContain('不是有效日期');
    const past = await expectStatus(
      await call(sec, 'PUT', '/accounts/chen.officer/certificate', { number: 'A1', validUntil: '2026-03-01' }),
      422,
    );
    expect(past.error.message.zh).toContain('早于今天 2026-03-02');
    expect(await userRow('chen.officer')).toMatchObject({ roles: ['officer'], certificateNo: '12011620260099' });
  });

  it('changes no one’s own roles, not even his own to another administrator’s', async () => {
    const own = await expectStatus(
      await call(sec, 'PUT', '/accounts/sec.admin/roles', { roles: ['system-admin'] }),
      403,
    );
    expect(own.error.details.rule).toBe('own-account');
    expect(own.error.message.zh).toContain('不能在此修改自己的账号');
    expect((await userRow('sec.admin')).roles).toEqual(['security-admin']);
  });

  it('locks an account (its sessions end, it cannot sign in) and unlocks it', async () => {
    const li = await server.as('li.officer');
    await expectStatus(await call(sec, 'POST', '/accounts/li.officer/lock'), 200);
    expect((await li.get('/api/v1/auth/me')).status).toBe(401);
    const refused = await signIn('li.officer');
    expect(refused.status).toBe(423);
    expect(refused.body.error.message.zh).toBe('账户已被安全管理员锁定，请联系安全管理员解锁');
    const listed = await json(await call(sec, 'GET', '/accounts?q=li.officer'));
    expect(listed.items[0].lockedAt).toBe(NOW.toISOString());
    await expectStatus(await call(sec, 'POST', '/accounts/li.officer/unlock'), 200);
    expect((await signIn('li.officer')).status).toBe(200);
    const notLocked = await expectStatus(await call(sec, 'POST', '/accounts/li.officer/unlock'), 422);
    expect(notLocked.error.message.zh).toBe('账号 li.officer 未锁定');
    const id = (await userRow('li.officer')).id;
    expect((await eventsOf('user.lock', id)).length).toBe(1);
    expect((await eventsOf('user.unlock', id)).length).toBe(1);
  });

  it('resets a password against the policy: the old one stops working, the new one works', async () => {
    const weak = await expectStatus(
      await call(sec, 'POST', '/accounts/sun.reviewer/password', { password: 'alllowercase1' }),
      422,
    );
    expect(weak.error.message.zh).toContain('至少三类');
    await expectStatus(await call(sec, 'POST', '/accounts/sun.reviewer/password', { password: NEW_PASSWORD }), 200);
    expect((await signIn('sun.reviewer')).status).toBe(401);
    expect((await signIn('sun.reviewer', NEW_PASSWORD)).status).toBe(200);
  });

  it("is refused the system administrator's actions and cases", async () => {
    const refusals: [string, string, unknown][] = [
      ['POST', '/accounts', { username: 'y.one', displayName: 'Y', orgCode: '120116-SCJ', password: PASSWORD }],
      ['POST', '/accounts/chen.officer/disable', undefined],
      ['POST', '/accounts/chen.officer/enable', undefined],
      ['PUT', '/accounts/chen.officer/organisation', { orgCode: '120116-STJ' }],
    ];
    for (const [method, path, body] of refusals) {
      const res = await expectStatus(await call(sec, method, path, body), 403);
      expect(res.error, `${method} ${path}`).toMatchObject({
        code: 'forbidden',
        details: { permission: 'user.manage' },
      });
    }
    expect((await sec.get('/api/v1/cases')).status).toBe(403);
    expect((await userRow('chen.officer')).disabled).toBe(false);
  });

  it('sets the password policy, which creation, reset and sign-in then follow', async () => {
    const before = await expectStatus(await call(sec, 'GET', '/security-policy'), 200);
    expect(before).toMatchObject({ source: 'default', minLength: 10, minClasses: 3, maxFailures: 5 });
    const out = await expectStatus(
      await call(sec, 'PUT', '/security-policy', { minLength: 4, minClasses: 3, maxFailures: 5, lockMinutes: 15 }),
      422,
    );
    expect(out.error.details.problems[0].path).toBe('/minLength');
    const set = await expectStatus(
      await call(sec, 'PUT', '/security-policy', { minLength: 16, minClasses: 4, maxFailures: 3, lockMinutes: 30 }),
      200,
    );
    expect(set).toMatchObject({ source: 'set', minLength: 16, updatedBy: (await userRow('sec.admin')).id });
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'security.policy-set'));
    expect(event).toMatchObject({ before: { minLength: 10 }, after: { minLength: 16, maxFailures: 3 } });

    const short = await expectStatus(
      await call(sys, 'POST', '/accounts', {
        username: 'z.one',
        displayName: 'Z',
        orgCode: '120116-SCJ',
        password: 'Zhifa#2026-ok',
      }),
      422,
    );
    expect(short.error.message.zh).toBe('密码至少 16 位');
    const classes = await expectStatus(
      await call(sec, 'POST', '/accounts/chen.officer/password', { password: 'Zhifa2026longerpassword' }),
      422,
    );
    expect(classes.error.message.zh).toContain('至少四类');
    // Three failures now lock, not five.
    for (let i = 0; i < 2; i++) expect((await signIn('chen.officer', 'wrong')).status).toBe(401);
    expect((await signIn('chen.officer', 'wrong')).status).toBe(423);
    await expectStatus(await call(sec, 'POST', '/accounts/chen.officer/unlock'), 200);
    expect((await signIn('chen.officer')).status).toBe(200);
  });
});

describe('anyone else', () => {
  it('the audit administrator and an officer are refused every administration route', async () => {
    for (const username of ['aud.admin', 'chen.officer']) {
      const c = await server.as(username);
      for (const [method, path] of [
        ['GET', '/accounts'],
        ['GET', '/organisations'],
        ['GET', '/roles'],
        ['POST', '/accounts/li.officer/lock'],
      ] as const) {
        const res = await call(c, method, path);
        expect(res.status, `${username} ${method} ${path}`).toBe(403);
      }
    }
  });
});

describe('scope in SQL', () => {
  /** An actor with one synthetic role granting user.manage at a scope, at an organisation. */
  async function actorAt(orgCode: string, scope: Role['scope']): Promise<Actor> {
    const user = await userRow('sys.admin');
    const [row] = await server.db.select().from(organisations).where(eq(organisations.code, orgCode));
    if (!row) throw new Error(`no ${orgCode}`);
    const role = { code: 'x', name: 'x', scope, permissions: ['user.manage'] } as Role;
    return { user: { ...user, orgCode }, orgPath: row.path, roles: [role] };
  }

  it('an administrator of one subject lists and changes only that subject’s accounts', async () => {
    const actor = await actorAt('120116-STJ', 'subject');
    const page = await listAccounts(server.db, actor, { limit: 100, offset: 0 }, NOW.toISOString());
    expect(page.items.map((a) => a.orgCode)).toEqual(page.items.map(() => '120116-STJ'));
    expect(page.items.map((a) => a.username)).toContain('wu.officer');
    expect(page.total).toBe(page.items.length);
    await expect(setDisabled(server.db, actor, 'li.officer', true, NOW.toISOString())).rejects.toMatchObject({
      code: 'not-found',
    });
    expect((await userRow('li.officer')).disabled).toBe(false);
    const all = await listAccounts(
      server.db,
      await actorAt('120116-GOV', 'subject-tree'),
      { limit: 100, offset: 0 },
      NOW.toISOString(),
    );
    expect(all.items.map((a) => a.username)).toEqual(expect.arrayContaining(['li.officer', 'wu.officer', 'sys.admin']));
  });
});
