import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const STUDIO = fileURLToPath(new URL('.', import.meta.url));
/** The budget for the studio's first load (#14): 400 KB of compressed JavaScript. */
const BUDGET_KIB = 400;

describe('the studio bundle', () => {
  it(`loads at most ${BUDGET_KIB} KiB of gzipped JavaScript, every asset under /studio/`, { timeout: 180_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'yifa-studio-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: STUDIO,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
    });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const refs = [
      ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
    ].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.startsWith('/studio/assets/'), ref).toBe(true);
    const gzip = refs
      .map((ref) => gzipSync(readFileSync(join(out, ref.replace(/^\/studio\//, ''))), { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    expect(gzip).toBeLessThanOrEqual(BUDGET_KIB * 1024);
  });
});
