import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { mountWebApps, OFFICER_APP_DIST, WEB_APPS } from './serve.ts';

describe('serving the officer app', () => {
  it('is mounted at / from runtime/app/dist', () => {
    expect(WEB_APPS).toEqual([{ mount: '/', root: OFFICER_APP_DIST, spa: true }]);
    expect(OFFICER_APP_DIST.endsWith(join('runtime', 'app', 'dist'))).toBe(true);
  });

  it('answers index.html for the app’s own paths, never for /api or for missing files', async () => {
    const { app, dir } = await startTestServer();
    const dist = join(dir, 'app-dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>依法</title>');
    writeFileSync(join(dist, 'assets', 'main.js'), 'export {};');
    mountWebApps(app, [{ mount: '/', root: dist, spa: true }]);
    for (const path of ['/', '/cases/abc', '/reviews', '/documents/x/y'])
      expect(await (await app.request(path)).text(), path).toContain('依法');
    expect((await app.request('/assets/main.js')).status).toBe(200);
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    const api = await app.request('/api/v1/nothing-here');
    expect(api.status).toBe(401);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/%2e%2e/yifa.db')).status).not.toBe(200);
  });
});
