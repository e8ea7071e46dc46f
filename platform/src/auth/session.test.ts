import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { sessions } from '../db/schema.ts';
import { TOUCH_INTERVAL_MS } from './session.ts';

describe('the idle clock of a session', () => {
  it('is written at most once a minute, and a session used within its idle period stays open', async () => {
    const start = Date.now();
    const server = await startTestServer({ now: () => new Date(start) });
    await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'] });
    const client = await server.as('li.officer');
    const lastSeen = async () => (await server.db.select({ at: sessions.lastSeenAt }).from(sessions))[0]?.at;
    const at = (ms: number) => server.setClock(() => new Date(start + ms));
    const signedIn = await lastSeen();

    at(TOUCH_INTERVAL_MS / 2);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    expect(await lastSeen()).toBe(signedIn);

    at(TOUCH_INTERVAL_MS + 1000);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    expect(await lastSeen()).toBe(new Date(start + TOUCH_INTERVAL_MS + 1000).toISOString());

    // 29 minutes later it is still open (and its clock moves again); 31 minutes after that, it has ended.
    at(TOUCH_INTERVAL_MS + 1000 + 29 * 60_000);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    at(TOUCH_INTERVAL_MS + 1000 + 29 * 60_000 + 31 * 60_000);
    const res = await client.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session-expired');
  });
});
