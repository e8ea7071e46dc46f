import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YIFA_BIN } from '../../test/cli.ts';
import { startTestServer } from '../../test/harness.ts';
import { appendEvent } from '../audit/chain.ts';
import { checkpointSettings } from '../audit/checkpoint.ts';
import { openDb } from '../db/client.ts';
import { mountWebApps, startServer } from './serve.ts';

const tempDb = () => `file:${join(mkdtempSync(join(tmpdir(), 'yifa-serve-')), 'yifa.db')}`;

describe('yifa serve', { timeout: 120_000 }, () => {
  it('listens on an ephemeral port, answers /api/health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [YIFA_BIN, 'serve', '--port', '0'], {
      env: { ...process.env, YIFA_DATABASE_URL: tempDb() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('close', () => reject(new Error(`yifa serve ended: ${out}${err}`)));
    });
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const unsigned = await fetch(`${url}/api/v1/packs/active`);
    expect(unsigned.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
    expect(err).toBe('');
  });

  it('closes its port and its database when stopped', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: tempDb() });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('signs an audit checkpoint of the head when stopped', async () => {
    const databaseUrl = tempDb();
    const db = await openDb(databaseUrl);
    for (const action of ['one', 'two']) await appendEvent(db, { actor: 't', action });
    db.$client.close();
    const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl });
    await server.close();
    const checkpoint = JSON.parse(readFileSync(checkpointSettings(databaseUrl).file, 'utf8'));
    expect(checkpoint).toMatchObject({ seq: 2, algorithm: 'sm2-sm3' });
  });

  it('says when the port is taken, and leaves the other server running', async () => {
    const first = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: tempDb() });
    const port = Number(new URL(first.url).port);
    await expect(startServer({ port, host: '127.0.0.1', databaseUrl: tempDb() })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    await first.close();
  });

  it('mounts a built web app whose folder exists, and skips one not built yet', async () => {
    const { app, dir } = await startTestServer();
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>依法</title>');
    writeFileSync(join(dist, 'assets', 'main.js'), 'export {};');
    const mounted = mountWebApps(app, [
      { mount: '/app', root: dist },
      { mount: '/studio', root: join(dir, 'not-built') },
    ]);
    expect(mounted.map((w) => w.mount)).toEqual(['/app']);
    const index = await app.request('/app/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('依法');
    expect((await app.request('/app/assets/main.js')).status).toBe(200);
    expect((await app.request('/app/%2e%2e/yifa.db')).status).not.toBe(200);
    expect((await app.request('/app/..%2fyifa.db')).status).not.toBe(200);
    expect((await app.request('/studio/')).status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
