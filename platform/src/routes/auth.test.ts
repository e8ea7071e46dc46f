import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';
import { resetPassword } from '../users.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  await server.user({ username: 'locked.out', orgCode: '120116-SCJ', roles: ['officer'] });
  for (const username of ['wave.target', 'same.answer', 'two.sessions', 'reset.me', 'guessed.inside'])
    await server.user({ username, orgCode: '120116-SCJ', roles: ['officer'] });
});

interface ErrorJson {
  error: { code: string; message: { zh: string; en: string }; details?: { remaining?: number; until?: string } };
}
const login = (username: string, password: string) =>
  post('/api/v1/auth/login', JSON.stringify({ username, password }));
/** Five wrong passwords one after the other: the statuses and bodies. */
async function fiveWrong(username: string) {
  const answers: { status: number; body: ErrorJson }[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await login(username, `wrong-${i}`);
    answers.push({ status: res.status, body: (await res.json()) as ErrorJson });
  }
  return answers;
}
/** A response's shape: its keys, recursively, with the values left out. */
const shape = (v: unknown): unknown =>
  typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  server.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('sign-in', () => {
  it('signs in with an HttpOnly SameSite cookie and answers who I am', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: 'li.officer', password: PASSWORD }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/yifa_session=[\w-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const client = await server.as('li.officer');
    const me = (await (await client.get('/api/v1/auth/me')).json()) as {
      roles: { code: string }[];
      certificate: { valid: boolean };
    };
    expect(me.roles.map((r) => r.code)).toEqual(['officer']);
    expect(me.certificate.valid).toBe(true);
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const wrong = await post('/api/v1/auth/login', JSON.stringify({ username: 'li.officer', password: 'nope' }));
    const unknown = await post('/api/v1/auth/login', JSON.stringify({ username: 'nobody', password: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = (await unknown.json()) as { error: { code: string; message: { zh: string; en: string } } };
    expect(body.error.code).toBe('bad-credentials');
    expect(body.error.message.zh).toBe('用户名或密码错误');
  });

  it('locks the account after five failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++)
      expect(
        (await post('/api/v1/auth/login', JSON.stringify({ username: 'locked.out', password: 'wrong' }))).status,
      ).toBe(401);
    expect(
      (await post('/api/v1/auth/login', JSON.stringify({ username: 'locked.out', password: 'wrong' }))).status,
    ).toBe(423);
    const right = await post('/api/v1/auth/login', JSON.stringify({ username: 'locked.out', password: PASSWORD }));
    expect(right.status).toBe(423);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('account-locked');
  });

  it('counts concurrent wrong passwords exactly: waves of 20 lock the account in the first wave', async () => {
    const statuses: number[][] = [];
    const remaining: number[] = [];
    for (let wave = 0; wave < 3; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login('wave.target', `wrong-${wave}-${i}`)),
      );
      statuses.push(answers.map((a) => a.status).sort());
      for (const a of answers) {
        const body = (await a.json()) as ErrorJson;
        if (a.status === 401) remaining.push(body.error.details?.remaining ?? -1);
      }
    }
    // Five failures allowed: four answers say how many remain, the fifth locks, the rest are refused.
    expect(statuses[0]?.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses[0]?.filter((s) => s === 423)).toHaveLength(16);
    expect(statuses[1]?.every((s) => s === 423)).toBe(true);
    expect(statuses[2]?.every((s) => s === 423)).toBe(true);
    expect(remaining.sort()).toEqual([1, 2, 3, 4]);
    expect((await login('wave.target', PASSWORD)).status).toBe(423);
  });

  it('answers an unknown user exactly as a known one: counted, then locked, the same shape', async () => {
    const known = await fiveWrong('same.answer');
    const unknown = await fiveWrong('no.such.user');
    expect(unknown.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
    expect(unknown.map((a) => a.status)).toEqual(known.map((a) => a.status));
    expect(unknown.map((a) => a.body.error.details?.remaining)).toEqual([4, 3, 2, 1, undefined]);
    expect(unknown.map((a) => shape(a.body))).toEqual(known.map((a) => shape(a.body)));
    expect(unknown.map((a) => a.body.error.message)).toEqual(known.map((a) => a.body.error.message));
    // Locked, the right password and any other one answer alike for both.
    const right = await login('same.answer', PASSWORD);
    const other = await login('no.such.user', PASSWORD);
    expect([right.status, other.status]).toEqual([423, 423]);
    expect(shape(await right.json())).toEqual(shape(await other.json()));
  });

  it('a password change ends every other session of the user, and keeps the one that changed it', async () => {
    const first = await server.as('two.sessions');
    const second = await server.as('two.sessions');
    const changed = await first.post('/api/v1/auth/password', { current: PASSWORD, next: 'Another#2026pw' });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await first.get('/api/v1/auth/me')).status).toBe(200);
    const ended = await second.get('/api/v1/auth/me');
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as ErrorJson).error.code).toBe('unauthenticated');
    expect((await login('two.sessions', PASSWORD)).status).toBe(401);
    expect((await login('two.sessions', 'Another#2026pw')).status).toBe(200);
  });

  it('an administrator’s reset ends every session of the user and clears the failed sign-ins', async () => {
    const held = await server.as('reset.me');
    for (let i = 0; i < 4; i++) expect((await login('reset.me', 'wrong')).status).toBe(401);
    await resetPassword(server.db, 'reset.me', 'Reset#2026-pass', 'security.admin');
    expect((await held.get('/api/v1/auth/me')).status).toBe(401);
    // The four failures are forgotten: one more wrong password leaves four attempts, not a lock.
    const wrong = await login('reset.me', 'wrong');
    expect(((await wrong.json()) as ErrorJson).error.details?.remaining).toBe(4);
    expect((await login('reset.me', 'Reset#2026-pass')).status).toBe(200);
  });

  it('counts wrong current passwords on the password change like failed sign-ins, and locks', async () => {
    const inside = await server.as('guessed.inside');
    const answers: number[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await inside.post('/api/v1/auth/password', { current: `guess-${i}`, next: 'Another#2026pw' })).status,
      );
    expect(answers).toEqual([401, 401, 401, 401, 423]);
    // Locked: the guessing session is over, and signing in with the right password waits for the lock.
    expect((await inside.get('/api/v1/auth/me')).status).toBe(401);
    expect((await login('guessed.inside', PASSWORD)).status).toBe(423);
  });

  it('tells a tab whether its browser holds a live session, always with 200 (no 401 logged on the sign-in page)', async () => {
    const none = await server.app.request('/api/v1/auth/session');
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ signedIn: false });
    const client = await server.as('li.officer');
    expect(await (await client.get('/api/v1/auth/session')).json()).toEqual({ signedIn: true });
    const forged = await server.app.request('/api/v1/auth/session', { headers: { cookie: 'yifa_session=forged' } });
    expect(forged.status).toBe(200);
    expect(await forged.json()).toEqual({ signedIn: false });
  });

  it('ends a session after the idle timeout', async () => {
    const client = await server.as('li.officer');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    const later = Date.now() + 31 * 60_000;
    server.setClock(() => new Date(later));
    try {
      const res = await client.get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session-expired');
    } finally {
      server.setClock(() => new Date());
    }
  });

  it('needs a session for every other endpoint, and the CSRF token for writes', async () => {
    expect((await server.app.request('/api/v1/auth/me')).status).toBe(401);
    const client = await server.as('li.officer');
    const noToken = await client.call(
      'POST',
      '/api/v1/auth/password',
      { current: PASSWORD, next: 'Another#2026pw' },
      { 'x-csrf-token': 'forged' },
    );
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('csrf');
  });

  it('hands the session’s CSRF token to a second tab that holds only the cookie, for its writes', async () => {
    const first = await server.as('li.officer');
    // A new tab: the browser sends the cookie, the page knows no token yet.
    const me = await server.app.request('/api/v1/auth/me', {
      headers: { cookie: first.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(me.status).toBe(200);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    expect(csrfToken).toBe(first.csrfToken);
    const write = await first.call('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': csrfToken });
    expect(write.status).toBe(200);
    // Never to a page of another site, nor to anyone without the cookie.
    const another = await server.as('li.officer');
    for (const site of ['cross-site', 'same-site']) {
      const other = await server.app.request('/api/v1/auth/me', {
        headers: { cookie: another.cookie, 'sec-fetch-site': site },
      });
      expect(other.status, site).toBe(200);
      expect(((await other.json()) as { csrfToken?: string }).csrfToken, site).toBeUndefined();
    }
    expect((await server.app.request('/api/v1/auth/me')).status).toBe(401);
  });

  it('a sign-in in another tab replaces the cookie: the old token is refused, the new one read from /me works', async () => {
    const first = await server.as('li.officer');
    const second = await server.as('li.officer');
    expect(second.csrfToken).not.toBe(first.csrfToken);
    // The first tab now sends the second session's cookie with the first session's token.
    const stale = await second.call('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': first.csrfToken });
    expect(stale.status).toBe(403);
    expect(((await stale.json()) as ErrorJson).error.code).toBe('csrf');
    const me = (await (await second.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    expect(me.csrfToken).toBe(second.csrfToken);
    const retried = await second.call('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': me.csrfToken });
    expect(retried.status).toBe(200);
  });

  it('answers bad input with clear errors, never a 500', async () => {
    const malformed = await post('/api/v1/auth/login', '{"username": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid-json');
    const unknownField = await post(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'a', password: 'b', admin: true }),
    );
    expect(unknownField.status).toBe(422);
    const wrongType = await post('/api/v1/auth/login', JSON.stringify({ username: 42, password: 'b' }));
    expect(wrongType.status).toBe(422);
    const body = (await wrongType.json()) as {
      error: { details: { problems: { path: string; message: { zh: string } }[] } };
    };
    expect(body.error.details.problems[0]?.path).toBe('/username');
    expect(body.error.details.problems[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    const huge = await post(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'b' }),
    );
    expect(huge.status).toBe(413);
    expect((await server.app.request('/api/v1/nothing-here')).status).toBe(401);
    expect((await server.app.request('/api/health')).status).toBe(200);
  });

  it('records sign-ins and failures in the audit chain, which verifies', async () => {
    const report = await verifyChain(server.db);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThan(5);
  });
});
