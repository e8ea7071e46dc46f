import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../test/harness.ts';
import { listen } from '../test/listen.ts';
import { JSON_LIMIT } from './app.ts';
import { AppError } from './errors.ts';
import { jsonBody } from './node-body.ts';

/** A body sent in chunks with no content-length, as a streaming client does. */
function chunked(text: string, size = 64 * 1024): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return {
    body: new ReadableStream({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(at, at + size));
        at += size;
      },
    }),
    duplex: 'half',
  };
}

describe('JSON bodies on node-server', () => {
  const probe = new Hono();
  const errors: string[] = [];
  probe.onError((e, c) => {
    // As the app's validators do, a body that does not parse is invalid-json.
    const err = e instanceof AppError ? e : new AppError(e instanceof SyntaxError ? 'invalid-json' : 'internal');
    errors.push(err.code);
    return c.json(err.toBody(), err.status as 400);
  });
  probe.use('*', jsonBody(1000));
  // Whether the body reached hono already read (the stream path) and what `json()` then gives.
  probe.post('/echo', async (c) => c.json({ read: 'text' in c.req.bodyCache, body: await c.req.json() }));
  probe.get('/echo', (c) => c.json({ read: 'text' in c.req.bodyCache }));
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(probe.fetch);
  });
  afterAll(() => server.close());
  const post = (body: string | ReadableStream<Uint8Array>, init: RequestInit = {}) =>
    fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      ...init,
    });

  it('reads the body from the request stream and hands hono its text', async () => {
    const res = await post(JSON.stringify({ 当事人: '天津滨海某食品有限公司', n: 1 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ read: true, body: { 当事人: '天津滨海某食品有限公司', n: 1 } });
  });

  it('leaves the body to hono under app.request (no node stream), with the same answer', async () => {
    const res = await probe.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(await res.json()).toEqual({ read: false, body: { n: 1 } });
  });

  it('drops a byte-order mark and reads a chunked body whole', async () => {
    expect(await (await post('\uFEFF{"n":2}')).json()).toEqual({ read: true, body: { n: 2 } });
    const long = JSON.stringify({ s: '执'.repeat(300) }); // 900 bytes of UTF-8, in 7-byte chunks
    const res = await post(chunked(long, 7).body, { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { body: { s: string } }).body.s).toBe('执'.repeat(300));
  });

  it('refuses a body over the limit, declared or counted, with too-large', async () => {
    const big = JSON.stringify({ s: 'x'.repeat(2000) });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('too-large');
    const counted = await post(chunked(big, 100).body, { duplex: 'half' } as RequestInit);
    expect(counted.status).toBe(413);
    expect(((await counted.json()) as { error: { code: string } }).error.code).toBe('too-large');
    // The connection's next request is still served.
    expect((await post('{"n":3}')).status).toBe(200);
  });

  it('gives up on a body whose client goes away before its end, and serves the next request', async () => {
    const { request } = await import('node:http');
    const before = errors.length;
    const req = request(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '500' },
    });
    req.on('error', () => undefined);
    req.write('{"n":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    await expect.poll(() => errors.slice(before)).toEqual(['invalid-json']);
    expect((await post('{"n":4}')).status).toBe(200);
  });

  it('answers malformed JSON with invalid-json and leaves GET alone', async () => {
    const bad = await post('{"n":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid-json');
    expect(await fetch(`${server.url}/echo`).then((r) => r.json())).toEqual({ read: false });
  });
});

describe('the app over HTTP', () => {
  it('signs in, acts and refuses bodies as it does under app.request', async () => {
    const t = await startTestServer();
    await t.user({ username: 'officer1', orgCode: '120116-SCJ', roles: ['officer'] });
    const server = await listen(t.app.fetch);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'officer1', password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const unknown = await fetch(`${server.url}/api/v1/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ matter: 'x', '<script>': 1 }),
      });
      expect(unknown.status).toBe(422);
      const malformed = await fetch(`${server.url}/api/v1/cases`, { method: 'POST', headers, body: '{' });
      expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid-json');
      const huge = await fetch(`${server.url}/api/v1/cases`, {
        method: 'POST',
        headers,
        ...chunked(JSON.stringify({ matter: 'x'.repeat(JSON_LIMIT) })),
      } as RequestInit);
      expect(huge.status).toBe(413);
      const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
