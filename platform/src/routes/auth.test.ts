import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';

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
});

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
