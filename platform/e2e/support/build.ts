/** Builds the officer app for the browser tests when its dist is missing or older than its sources. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = ['runtime/app/src', 'runtime/app/index.html', 'runtime/app/vite.config.ts', 'runtime/ui/src'];

function newest(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Runs `npm run build -w @yifa/app` unless runtime/app/dist/index.html is newer than every source. */
export function ensureAppBuilt(): void {
  const built = newest(join(ROOT, 'runtime/app/dist/index.html'));
  const source = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (built > source) return;
  // vitest sets NODE_ENV=test, which would give React's and antd's development builds.
  execFileSync('npm', ['run', 'build', '-w', '@yifa/app'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

const STUDIO_SOURCES = ['studio/src', 'studio/index.html', 'studio/vite.config.ts', 'runtime/ui/src'];

/** Runs `npm run build -w @yifa/studio` unless studio/dist/index.html is newer than every source (the server mounts what exists). */
export function ensureStudioBuilt(): void {
  const built = newest(join(ROOT, 'studio/dist/index.html'));
  const source = Math.max(...STUDIO_SOURCES.map((s) => newest(join(ROOT, s))));
  if (built > source) return;
  execFileSync('npm', ['run', 'build', '-w', '@yifa/studio'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
