import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test/harness.ts';

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
});
