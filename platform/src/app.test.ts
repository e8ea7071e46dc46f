import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../test/harness.ts';
import { answerBeforeBody, listen } from '../test/listen.ts';
import { JSON_LIMIT } from './app.ts';
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

  it('refuses a request without a session before a byte of its JSON body is read, over a real socket', async () => {
    const http = await listen(server.app.fetch);
    try {
      for (const path of ['/api/v1/cases', '/api/v1/auth/password', '/api/v1/no-such-thing']) {
        const res = await answerBeforeBody(`${http.url}${path}`, {
          headers: { 'content-type': 'application/json' },
          length: JSON_LIMIT - 1,
          first: '{"matter":"',
        });
        expect(res.status, path).toBe(401);
        expect(JSON.parse(res.body).error.code, path).toBe('unauthenticated');
      }
    } finally {
      await http.close();
    }
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

describe('caching', () => {
  it('answers every /api/v1 request with Cache-Control: no-store, errors too; the public documents may be cached', async () => {
    await server.user({ username: 'cache.reader', orgCode: '120116-SCJ', roles: ['officer'] });
    const login = await server.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cache.reader', password: PASSWORD }),
    });
    const client = await server.as('cache.reader');
    const answers: [string, Response][] = [
      ['sign-in (the CSRF token)', login],
      ['me', await client.get('/api/v1/auth/me')],
      ['case list', await client.get('/api/v1/cases')],
      ['matter search', await client.get('/api/v1/matters?q=食品')],
      ['not found', await client.get('/api/v1/cases/no-such-case')],
      ['no route', await client.get('/api/v1/no-such-thing')],
      ['validation', await client.post('/api/v1/cases', { matter: 1 })],
      ['no session', await server.app.request('/api/v1/cases')],
      ['forbidden', await client.get('/api/v1/packs')],
    ];
    expect(answers.map(([name, res]) => [name, res.headers.get('cache-control')])).toEqual(
      answers.map(([name]) => [name, 'no-store']),
    );
    for (const path of ['/api/health', '/api/openapi.json'])
      expect((await server.app.request(path)).headers.get('cache-control'), path).toBeNull();
  });
});

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, unknown> };
}
const openApi = async () => (await (await server.app.request('/api/openapi.json')).json()) as OpenApi;

describe('the OpenAPI document', () => {
  it('declares the session cookie and the CSRF header, and every operation but sign-in and the session probe requires them', async () => {
    const doc = await openApi();
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'yifa_session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
    const wrong: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const expected =
          path === '/api/v1/auth/login' || path === '/api/v1/auth/session'
            ? []
            : method === 'get'
              ? [{ session: [] }]
              : [{ session: [], csrf: [] }];
        if (JSON.stringify(op.security) !== JSON.stringify(expected))
          wrong.push(`${method.toUpperCase()} ${path}: ${JSON.stringify(op.security)}`);
      }
    expect(operations).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
    // What the document says is what the server does: without the cookie 401, without the token 403.
    expect((await server.app.request('/api/v1/cases')).status).toBe(401);
    await server.user({ username: 'doc.reader', orgCode: '120116-SCJ', roles: ['officer'] });
    const client = await server.as('doc.reader');
    expect((await server.app.request('/api/v1/cases', { headers: { cookie: client.cookie } })).status).toBe(200);
    const noToken = await server.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: client.cookie },
    });
    expect(noToken.status).toBe(403);
  });

  it('has only patterns a client’s validator reads as the server does (no regex flags printed into them)', async () => {
    const patterns: string[] = [];
    JSON.stringify(await openApi(), (key, value) => {
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(patterns.length).toBeGreaterThan(3);
    for (const p of patterns) {
      expect(p, p).not.toMatch(/\/[dgimsuvy]+$/);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
  });

  it('validates requests with ajv as the server does: valid samples pass, invalid ones fail', async () => {
    const doc = await openApi();
    const addFormats = formats as unknown as typeof formats.default;
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    ajv.addSchema({ ...doc, $id: 'https://yifa.invalid/openapi.json' });
    const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
    const body = (method: string, path: string): ValidateFunction => {
      expect(
        doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema,
        `${method} ${path}`,
      ).toBeDefined();
      return ajv.compile({
        $ref: `https://yifa.invalid/openapi.json#/paths/${pointer(path)}/${method}/requestBody/content/${pointer('application/json')}/schema`,
      });
    };
    const party = {
      kind: 'organisation',
      name: '天津滨海某食品有限公司',
      idNumber: '91120116MA05JXXX0X',
      address: '天津市滨海新区塘沽街道新港路100号',
      representative: '王五',
    };
    const samples: { op: ValidateFunction; name: string; valid: unknown[]; invalid: unknown[] }[] = [
      {
        op: body('post', '/api/v1/auth/login'),
        name: 'login',
        valid: [{ username: 'li.officer', password: 'Zhifa#2026' }],
        invalid: [{ username: '', password: 'x' }, { username: 'a' }, { username: 'a', password: 'b', admin: true }],
      },
      {
        op: body('post', '/api/v1/cases'),
        name: 'open a case',
        valid: [
          { matter: '120116-SCJ-CF-0001-01', party },
          {
            matter: 'm',
            party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
            violationDate: '2026-06-01',
          },
          { matter: 'm', party: { ...party, name: 'ئەخمەت Smith-王（天津）' } },
        ],
        invalid: [
          { matter: 'm', party: { ...party, name: '天津某\u202Emoc.食品有限公司' } },
          { matter: 'm', party: { ...party, representative: '王\u0000五' } },
          { matter: 'm', party: { ...party, address: '新港路\u2066100号' } },
          { matter: 'm', party: { ...party, kind: 'robot' } },
          { matter: 'm', party, violationDate: '2026-02-30' },
          { matter: 'm', party, state: 'closed' },
        ],
      },
      {
        op: body('patch', '/api/v1/cases/{id}/facts'),
        name: 'the facts patch',
        valid: [{ version: 3, facts: { goodsValue: 8000, harmConsequence: '一般' } }],
        invalid: [{ version: 0, facts: {} }, { facts: {} }, { version: 1, facts: {}, extra: 1 }],
      },
      {
        op: body('put', '/api/v1/documents/{id}'),
        name: 'a document save',
        valid: [
          { data: { place: '天津市滨海新区' }, updatedAt: '2026-06-01T08:00:00.000Z' },
          { data: {}, fineOutsideTierReason: '当事人主动消除违法行为危害后果，依法从轻' },
        ],
        invalid: [
          { data: { place: 'x' }, fineOutsideTierReason: '理由\u202E' },
          { data: { place: 'x' }, fineOutsideTierReason: '' },
          { updatedAt: 'x' },
        ],
      },
    ];
    const wrong: string[] = [];
    for (const s of samples) {
      s.valid.forEach((v, i) => {
        if (!s.op(v)) wrong.push(`${s.name} valid #${i}: ${ajv.errorsText(s.op.errors)}`);
      });
      s.invalid.forEach((v, i) => {
        if (s.op(v)) wrong.push(`${s.name} invalid #${i} passed`);
      });
    }
    expect(wrong).toEqual([]);
  });
});
