import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUDGET_KIB, firstLoad } from './scripts/bundle-size.ts';

const APP = fileURLToPath(new URL('.', import.meta.url));

describe('the officer app bundle', () => {
  it(`loads at most ${BUDGET_KIB} KiB of gzipped JavaScript for the sign-in page; the rest is split off`, {
    timeout: 180_000,
  }, () => {
    const out = mkdtempSync(join(tmpdir(), 'yifa-app-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: APP,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
    });
    const { files, gzip } = firstLoad(out);
    expect(gzip).toBeLessThanOrEqual(BUDGET_KIB * 1024);
    // The document form (formily) and the rules are not part of the first load.
    expect(files.map((f) => f.file).join(' ')).not.toMatch(/DocumentPage|CasePage|WorkbenchPage/);
    expect(files.length).toBeGreaterThan(1);
  });
});
