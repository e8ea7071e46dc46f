import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test/harness.ts';
import { IMPORT_PATH } from './routes/packs.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});

describe('the API', () => {
  it('documents every /api/v1 route in the OpenAPI document', async () => {
    const res = await server.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = server.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('answers unknown paths and methods with the one error shape', async () => {
    const client = await server
      .user({ username: 'api.reader', orgCode: '120116-SCJ', roles: ['officer'] })
      .then(() => server.as('api.reader'));
    const res = await client.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'not-found', message: { zh: '未找到', en: 'not found' } },
    });
  });

  it('answers bad bodies on every JSON route with 4xx and the one error shape, never 500', async () => {
    const doc = (await (await server.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody?.content?.['application/json'])
        .map(([method]) => ({
          method: method.toUpperCase(),
          // Path parameters get an id no object has: the body is checked before anything is looked up.
          path: path.replace(/\{\w+\}/g, 'no-such-id'),
          // A route with a larger limit of its own (a pack bundle up to 20 MB).
          ownLimit: path === IMPORT_PATH,
        })),
    );
    expect(routes.length).toBeGreaterThan(8);
    // system-admin for the pack import, which refuses a caller without pack.import before its body.
    await server.user({
      username: 'api.writer',
      orgCode: '120116-SCJ',
      roles: ['officer', 'agency-head', 'system-admin'],
    });
    const client = await server.as('api.writer');
    const bad = [
      { name: 'malformed', body: '{"action": ', status: [400], code: 'invalid-json' },
      { name: 'not an object', body: '[1, 2]', status: [422], code: 'validation' },
      {
        name: 'unknown field',
        body: JSON.stringify({ __proto_pollution: { x: 1 } }),
        status: [422],
        code: 'validation',
      },
      {
        name: 'oversized',
        body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }),
        status: [413],
        code: 'too-large',
      },
    ];
    const wrong: string[] = [];
    for (const r of routes) {
      if (r.path === '/api/v1/auth/login' || r.path === '/api/v1/auth/logout') continue;
      for (const b of bad) {
        if (b.name === 'oversized' && r.ownLimit) continue;
        const res = await client.call(r.method, r.path, b.body);
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: { zh?: string } } };
        const ok = b.status.includes(res.status) && body.error?.code === b.code && !!body.error?.message?.zh;
        if (!ok) wrong.push(`${r.method} ${r.path} ${b.name}: ${res.status} ${body.error?.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
