/**
 * Builds the officer app and the studio for the browser tests when their dist is missing or older
 * than their sources. Test files run in parallel workers: a build takes a lock first and looks
 * again once it holds it, so a second worker never rebuilds (and empties) a dist that a first one
 * has just built and is serving — on a clean clone both would build at once, and pages and lazy
 * chunks answered 404 meanwhile (the CI run at d2bc205). A rebuild keeps the files of the build
 * before it (`--emptyOutDir false`): in a checkout where sources change while browser tests run,
 * a walk started on the earlier build loads its lazy chunks (the rule bench, the designer) after
 * another run rebuilt — emptied, the old chunk names answered 404 and the studio went blank
 * (#14's walk, twice in one evening). index.html names only the new build's files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** A lock older than this is left by a killed run and taken over. */
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `build` holding a lock of this checkout's web builds (a directory: mkdir is atomic). */
function withBuildLock(build: () => void): void {
  const lock = join(tmpdir(), `yifa-web-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(pause, 0, 0, 500);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
const SOURCES = ['runtime/app/src', 'runtime/app/index.html', 'runtime/app/vite.config.ts', 'runtime/ui/src'];

function newest(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Runs `npm run build -w @yifa/app` unless runtime/app/dist/index.html is newer than every source. */
export function ensureAppBuilt(): void {
  const stale = () =>
    newest(join(ROOT, 'runtime/app/dist/index.html')) <= Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (!stale()) return;
  withBuildLock(() => {
    if (!stale()) return;
    // vitest sets NODE_ENV=test, which would give React's and antd's development builds.
    execFileSync('npm', ['run', 'build', '-w', '@yifa/app', '--', '--emptyOutDir', 'false'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  });
}

const STUDIO_SOURCES = ['studio/src', 'studio/index.html', 'studio/vite.config.ts', 'runtime/ui/src'];

/** Runs `npm run build -w @yifa/studio` unless studio/dist/index.html is newer than every source (the server mounts what exists). */
export function ensureStudioBuilt(): void {
  const stale = () =>
    newest(join(ROOT, 'studio/dist/index.html')) <= Math.max(...STUDIO_SOURCES.map((s) => newest(join(ROOT, s))));
  if (!stale()) return;
  withBuildLock(() => {
    if (!stale()) return;
    execFileSync('npm', ['run', 'build', '-w', '@yifa/studio', '--', '--emptyOutDir', 'false'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  });
}
