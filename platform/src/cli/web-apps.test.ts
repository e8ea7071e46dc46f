import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { mountWebApps, OFFICER_APP_DIST, STUDIO_DIST, WEB_APPS } from './serve.ts';

describe('serving the officer app', () => {
  it('is mounted at / from runtime/app/dist, after the studio at /studio from studio/dist', () => {
    expect(WEB_APPS).toEqual([
      { mount: '/studio', root: STUDIO_DIST, spa: true },
      { mount: '/', root: OFFICER_APP_DIST, spa: true },
    ]);
    expect(OFFICER_APP_DIST.endsWith(join('runtime', 'app', 'dist'))).toBe(true);
    expect(STUDIO_DIST.endsWith(join('studio', 'dist'))).toBe(true);
  });

  it('serves the studio’s pages and files under /studio and the officer app’s elsewhere, both under the CSP', async () => {
    const { app, dir } = await startTestServer();
    const build = (name: string, title: string) => {
      const dist = join(dir, name);
      mkdirSync(join(dist, 'assets'), { recursive: true });
      writeFileSync(join(dist, 'index.html'), `<!doctype html><title>${title}</title>`);
      writeFileSync(join(dist, 'assets', `${name}.js`), 'export {};');
      return dist;
    };
    mountWebApps(app, [
      { mount: '/studio', root: build('studio', '配置工作室'), spa: true },
      { mount: '/', root: build('app', '办案'), spa: true },
    ]);
    for (const path of ['/studio', '/studio/', '/studio/kinds/role', '/studio/items/workflow/penalty-ordinary'])
      expect(await (await app.request(path)).text(), path).toContain('配置工作室');
    for (const path of ['/', '/cases/abc']) expect(await (await app.request(path)).text(), path).toContain('办案');
    expect((await app.request('/studio/assets/studio.js')).status).toBe(200);
    expect((await app.request('/assets/app.js')).status).toBe(200);
    expect((await app.request('/studio/assets/missing.js')).status).toBe(404);
    for (const path of ['/studio/kinds/role', '/studio/assets/studio.js'])
      expect((await app.request(path)).headers.get('content-security-policy'), path).toContain("script-src 'self'");
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

  it('serves it under a Content-Security-Policy: scripts only from its own files, no plugins, not framed', async () => {
    const { app, dir } = await startTestServer();
    const dist = join(dir, 'app-dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>依法</title>');
    writeFileSync(join(dist, 'assets', 'main.js'), 'export {};');
    mountWebApps(app, [{ mount: '/', root: dist, spa: true }]);
    for (const path of ['/', '/index.html', '/cases/abc', '/assets/main.js']) {
      const policy = (await app.request(path)).headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(
        policy.split(';').map((d) => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(directives, path).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      // antd writes its styles into <style> elements at run time.
      expect(directives['style-src'], path).toBe("'self' 'unsafe-inline'");
    }
    // The API's answers are not the app's pages.
    expect((await app.request('/api/health')).headers.get('content-security-policy')).toBeNull();
  });

  it('has no inline script in the page the build starts from (the policy would block it)', () => {
    const html = readFileSync(fileURLToPath(new URL('../../../runtime/app/index.html', import.meta.url)), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="[^"]+"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
