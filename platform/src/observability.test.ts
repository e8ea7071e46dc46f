/**
 * Logs and metrics as an operator reads them (#17): one JSON line per request with its id, the
 * route pattern, status, time and the user's id — never the password, a query string or a party's
 * name — Prometheus counters by route and status and transitions taken or refused, and the
 * readiness check that the database answers. Real temp libsql, the real Binhai pack.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer } from '../test/harness.ts';
import { createApp } from './app.ts';
import { mountWebApps } from './cli/serve.ts';
import { openDb } from './db/client.ts';
import { createServices } from './services.ts';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

let server: Awaited<ReturnType<typeof startTestServer>>;
let officerId: string;

beforeAll(async () => {
  server = await startTestServer({ log: pino({ level: 'info' }, sink) });
  officerId = (
    await server.user({
      username: 'li.officer',
      orgCode: '120116-SCJ',
      roles: ['officer'],
      certificateNo: '12011620260001',
      certificateValidUntil: '2030-12-31',
    })
  ).id;
});

afterEach(() => {
  delete process.env.YIFA_METRICS_TOKEN;
});

describe('request logs', () => {
  it('write the route pattern, status, time, request id and user id, and nothing a request carried', async () => {
    const officer = await server.as('li.officer');
    lines.length = 0;
    const res = await officer.call('GET', '/api/v1/matters?q=张三的食品', undefined, { 'x-request-id': 'proxy-42' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('proxy-42');
    const missing = await officer.get('/api/v1/cases/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toContainEqual(
      expect.objectContaining({
        req: 'proxy-42',
        method: 'GET',
        route: '/api/v1/matters',
        status: 200,
        user: officerId,
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ route: '/api/v1/cases/:id', status: 404, user: officerId }));
    for (const l of lines) expect(typeof l.ms).toBe('number');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('00000000-0000-0000-0000-000000000000');
  });

  it('never hold the password of a sign-in', async () => {
    lines.length = 0;
    await server.as('li.officer');
    const text = JSON.stringify(lines);
    expect(lines).toContainEqual(expect.objectContaining({ route: '/api/v1/auth/login', status: 200 }));
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('li.officer');
  });
});

describe('metrics', () => {
  it('count requests by route and status, and workflow transitions refused', async () => {
    const officer = await server.as('li.officer');
    await officer.get('/api/v1/matters?q=食品');
    // A transition on a case that does not exist: refused, counted as such.
    await officer.post('/api/v1/cases/00000000-0000-0000-0000-000000000000/transitions', { action: 'x', version: 1 });
    const res = await server.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/yifa_http_requests_total\{method="GET",route="\/api\/v1\/matters",status="200"\} [1-9]/);
    expect(text).toMatch(
      /yifa_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/v1\/matters"\}/,
    );
    expect(text).toMatch(/yifa_transitions_total\{outcome="refused"\} [1-9]/);
    expect(text).toContain('yifa_process_resident_memory_bytes');
    expect(text).not.toContain('食品');
  });

  it("name the API route, not the web apps' catch-all, when yifa serve mounts the apps", async () => {
    const app = createApp(server.services);
    const dist = join(mkdtempSync(join(tmpdir(), 'yifa-dist-')), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>依法</title>');
    mountWebApps(app, [{ mount: '/', root: dist, spa: true }]);
    lines.length = 0;
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/v1/nothing-here')).status).toBe(401);
    expect((await app.request('/cases/42')).status).toBe(200);
    expect(lines.map((l) => l.route)).toEqual(['/api/health', '(none)', '/*']);
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/yifa_http_requests_total\{method="GET",route="\/api\/health",status="200"\} 1/);
    expect(text).toMatch(/yifa_http_requests_total\{method="GET",route="\(none\)",status="401"\} 1/);
    expect(text).toMatch(/yifa_http_requests_total\{method="GET",route="\/\*",status="200"\} 1/);
  });

  it("measure the database: reads, write transactions, the write turn's wait, group commits and the queue", async () => {
    // A sign-in reads the user and writes a session and its audit event in one transaction.
    await server.as('li.officer');
    const text = await (await server.app.request('/metrics')).text();
    const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    expect(value('yifa_db_read_duration_seconds_count')).toBeGreaterThan(0);
    expect(value('yifa_db_transaction_duration_seconds_count\\{outcome="committed"\\}')).toBeGreaterThan(0);
    expect(value('yifa_db_write_wait_seconds_count')).toBeGreaterThan(0);
    const commits = value('yifa_db_group_commit_size_count');
    expect(commits).toBeGreaterThan(0);
    expect(value('yifa_db_group_commit_size_sum')).toBeGreaterThanOrEqual(commits);
    expect(text).toMatch(/^yifa_db_write_queue 0$/m);
    expect(text).toMatch(/yifa_db_transaction_duration_seconds_bucket\{le="0\.001",outcome="committed"\}/);
  });

  it('ask for the token when one is set', async () => {
    process.env.YIFA_METRICS_TOKEN = 'scrape-secret';
    expect((await server.app.request('/metrics')).status).toBe(401);
    const ok = await server.app.request('/metrics', { headers: { authorization: 'Bearer scrape-secret' } });
    expect(ok.status).toBe(200);
  });
});

describe('readiness', () => {
  it('is ready while the database answers, and says 503 when it does not', async () => {
    const ready = await server.app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: 'ok' });
    const db = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-ready-')), 'yifa.db')}`);
    const app = createApp(createServices(db, { log: pino({ level: 'silent' }) }));
    db.$client.close();
    const down = await app.request('/api/ready');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: 'unavailable' });
    // Health says the process runs; readiness says it can serve.
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
