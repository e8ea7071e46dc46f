import { mkdirSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { mountWebApps } from './serve.ts';
import { cacheControlFor, HASHED_ASSET_CACHE } from './web-delivery.ts';

// Large enough to be worth compressing (hono's threshold is 1 KiB), and compressible.
const SCRIPT = `export const words = ${JSON.stringify('依法行政 '.repeat(2000))};\n`;
const HASHED = '/assets/CasePage-WjK4-_AK.js';

/** A raw GET over a real socket, so the test sees the bytes and headers node-server sends. */
function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the web apps’ files on the wire', () => {
  let base = '';
  let stop: () => void = () => {};

  beforeAll(async () => {
    const { app, dir } = await startTestServer();
    const dist = join(dir, 'app-dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), `<!doctype html><title>依法</title>${'<!-- 注释 -->'.repeat(200)}`);
    writeFileSync(join(dist, HASHED), SCRIPT);
    writeFileSync(join(dist, 'assets', 'main.js'), SCRIPT);
    mountWebApps(app, [{ mount: '/', root: dist, spa: true }]);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () => server.close();
  });
  afterAll(() => stop());

  it('sends a script gzipped to a browser that accepts it, and the bytes unzip to the file', async () => {
    const { res, body } = await raw(`${base}${HASHED}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends the file as it is to a client that accepts no encoding', async () => {
    const { res, body } = await raw(`${base}${HASHED}`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(body.toString('utf8')).toBe(SCRIPT);
  });

  it('lets a browser keep hashed files a year, and revalidate the page and unhashed files', async () => {
    expect((await raw(`${base}${HASHED}`)).res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
    expect(HASHED_ASSET_CACHE).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/cases/abc', '/assets/main.js']) {
      const { res } = await raw(`${base}${path}`, { 'accept-encoding': 'gzip' });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.headers['content-encoding'], path).toBe('gzip');
    }
  });

  it('leaves the API’s answers and missing files alone', async () => {
    const api = await raw(`${base}/api/v1/nothing-here`, { 'accept-encoding': 'gzip' });
    expect(api.res.statusCode).toBe(401);
    expect(api.res.headers['cache-control']).toBe('no-store');
    const missing = await raw(`${base}/assets/missing-AbCd1234.js`);
    expect(missing.res.statusCode).toBe(404);
    expect(missing.res.headers['cache-control']).toBeUndefined();
  });

  it('tells hashed file names from others by Vite’s pattern', () => {
    expect(cacheControlFor('/assets/index-vQNoqWgo.js')).toBe(HASHED_ASSET_CACHE);
    expect(cacheControlFor('/assets/zh_CN-ynZTOC1H.js')).toBe(HASHED_ASSET_CACHE);
    expect(cacheControlFor('/assets/fonts/noto-AbCd_123.woff2')).toBe(HASHED_ASSET_CACHE);
    for (const path of ['/', '/index.html', '/assets/main.js', '/favicon-AbCd1234.ico', '/assets/a-short.js'])
      expect(cacheControlFor(path), path).toBe('no-cache');
  });
});
