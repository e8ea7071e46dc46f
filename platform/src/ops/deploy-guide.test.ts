/**
 * docs/deploy.md, run as written (#17). Every `sh deploy-test` block runs in order with
 * `bash -euo pipefail`, in a stand-in for the guide's /opt/yifa (links to the checkout's parts and a
 * copy of packs/), with the settings of the guide's
 * environment file and YIFA_HOME, YIFA_PORT and YIFA_BACKUP_DIR in a new temp folder; `sudo` runs
 * its command, and `systemctl start|stop|restart yifa` runs the unit's ExecStart in the background
 * (and stops it with SIGTERM, as systemd does). Between the blocks the test checks what the guide
 * promises: the three administrators sign in over HTTP, the cookie is Secure, the backup is taken
 * while the copy serves, and the restore brings back the backup (an event written after it is gone).
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { envFile, type Fence, fences, freePort, unitSetting } from './guide.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const GUIDE = join(ROOT, 'docs', 'deploy.md');
const PASSWORD = 'Zhifa#2026-deploy';

const guide = readFileSync(GUIDE, 'utf8');
const blocks = fences(guide);
const tested = blocks.filter((b) => b.lang === 'sh' && b.tags.includes('deploy-test'));
const fileBlock = (path: string) => blocks.find((b) => b.tags.includes(`deploy-file=${path}`));

/** Every YIFA_ setting the platform's code (not its tests) reads. */
function settingsInCode(dir = join(ROOT, 'platform', 'src'), found = new Set<string>()): Set<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) settingsInCode(p, found);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      for (const m of readFileSync(p, 'utf8').matchAll(/\bYIFA_[A-Z0-9_]*[A-Z0-9]\b/g)) found.add(m[0]);
  }
  return found;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'yifa-deploy-'));
const pidFile = join(dir, 'yifa.pid');

afterAll(() => {
  // The service the guide started, if a failed step left it running.
  if (!existsSync(pidFile)) return;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  } catch {
    // already gone
  }
});

describe('docs/deploy.md', () => {
  it('marks the commands a test runs, and its file blocks are the files in the repository', () => {
    expect(tested.length).toBeGreaterThanOrEqual(8);
    const all = tested.map((b) => b.text).join('');
    for (const step of [
      'npx yifa db migrate',
      'npx yifa pack install packs/he-hebei --activate',
      '--roles system-admin',
      '--roles security-admin',
      '--roles audit-admin',
      'sudo systemctl start yifa',
      'npx yifa db backup',
      'npx yifa db restore',
      'npx yifa audit verify',
      'npx yifa pack install packs/he-hebei --dry-run',
    ])
      expect(all).toContain(step);
    for (const path of ['deploy/yifa.env', 'deploy/systemd/yifa.service']) {
      const block = fileBlock(path);
      expect(block, `a deploy-file=${path} block`).toBeDefined();
      expect(block?.text).toBe(readFileSync(join(ROOT, path), 'utf8'));
    }
  });

  it('names files, folders and build scripts that exist', () => {
    for (const m of guide.matchAll(/\b((?:deploy|docs|platform|packs)\/[\w./-]*[\w/])/g)) {
      const path = m[1] as string;
      expect(existsSync(join(ROOT, path)), `${path} (named in the guide)`).toBe(true);
    }
    for (const m of guide.matchAll(/npm run (\S+) -w (\S+)/g)) {
      const [, script, workspace] = m as unknown as [string, string, string];
      const folder = { '@yifa/app': 'runtime/app', '@yifa/studio': 'studio' }[workspace];
      expect(folder, `workspace ${workspace}`).toBeDefined();
      const pkg = JSON.parse(readFileSync(join(ROOT, folder as string, 'package.json'), 'utf8'));
      expect(pkg.name).toBe(workspace);
      expect(pkg.scripts?.[script], `${workspace} has a ${script} script`).toBeTypeOf('string');
    }
  });

  it("has a Dockerfile whose steps are the guide's: npm ci and the builds, a non-root user, YIFA_HOME a volume, a health check", () => {
    const docker = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const install = blocks.find((b) => b.lang === 'sh' && b.text.includes('npm ci'));
    const steps = (install?.text ?? '').split('\n').filter((l) => l.startsWith('npm '));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) expect(docker, step).toContain(step);
    expect(docker).toMatch(/^USER yifa$/m);
    expect(docker).toMatch(/^ENV [\s\S]*YIFA_HOME=(\S+)/m);
    const home = /YIFA_HOME=(\S+)/.exec(docker)?.[1] as string;
    expect(docker).toMatch(new RegExp(`^VOLUME \\[.*"${home}"`, 'm'));
    expect(docker).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
    expect(docker).toContain('fonts-noto-cjk');
    const compose = readFileSync(join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
    expect(compose).toContain(`yifa-home:${home}`);
  });

  it('lists every setting the platform reads', () => {
    const missing = [...settingsInCode()].filter((name) => !guide.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('installs, starts, backs up, restores and upgrades a copy when its commands are run as written', {
    timeout: 900_000,
  }, async () => {
    const unit = fileBlock('deploy/systemd/yifa.service')?.text ?? '';
    const execStart = unitSetting(unit, 'ExecStart');
    expect(unitSetting(unit, 'WorkingDirectory')).toBe('/opt/yifa');
    expect(execStart).toBeDefined();
    const settings = envFile(fileBlock('deploy/yifa.env')?.text ?? '');
    // The guide's /opt/yifa: the checkout's parts, with the packs as they are now (a snapshot, so
    // that the pack installed first and the one upgraded to later are the same files).
    const opt = join(dir, 'opt', 'yifa');
    mkdirSync(opt, { recursive: true });
    for (const entry of readdirSync(ROOT))
      if (entry !== 'packs' && entry !== '.git') symlinkSync(join(ROOT, entry), join(opt, entry));
    cpSync(join(ROOT, 'packs'), join(opt, 'packs'), { recursive: true, filter: (p) => !p.includes('node_modules') });
    const home = join(dir, 'srv', 'yifa', 'home');
    const backups = join(dir, 'backup');
    // What §1 makes as root: the home and the backup folder.
    mkdirSync(home, { recursive: true, mode: 0o700 });
    mkdirSync(backups, { mode: 0o700 });
    const port = await freePort();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n');
    writeFileSync(
      join(bin, 'systemctl'),
      `#!/usr/bin/env bash
# Stands in for systemd's control of yifa.service: start runs its ExecStart in WorkingDirectory.
set -euo pipefail
[ "\${2:-}" = yifa ] || { echo "unit \${2:-} not found" >&2; exit 5; }
start() { ( cd ${JSON.stringify(opt)} && exec ${execStart} ) >> ${JSON.stringify(join(dir, 'yifa.log'))} 2>&1 < /dev/null & echo $! > ${JSON.stringify(pidFile)}; }
stop() {
  [ -f ${JSON.stringify(pidFile)} ] || return 0
  pid=$(cat ${JSON.stringify(pidFile)})
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f ${JSON.stringify(pidFile)}
}
case "$1" in start) start ;; stop) stop ;; restart) stop; start ;; *) echo "systemctl $1: not in the stand-in" >&2; exit 2 ;; esac
`,
    );
    chmodSync(join(bin, 'sudo'), 0o755);
    chmodSync(join(bin, 'systemctl'), 0o755);
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YIFA_')));
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      ...settings,
      YIFA_HOME: home,
      YIFA_PORT: String(port),
      YIFA_BACKUP_DIR: backups,
      YIFA_INITIAL_PASSWORD: PASSWORD,
      PATH: `${bin}:${process.env.PATH}`,
      NO_COLOR: '1',
    };
    const base = `http://${settings.YIFA_HOST}:${port}`;
    const signIn = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(res.status, `${username} signs in`).toBe(200);
      return res;
    };

    let migrated = false;
    let started = false;
    let backedUpEvents: number | undefined;
    let eventsBeforeRestore: number | undefined;
    const outputs: string[] = [];
    const run = async (b: Fence): Promise<Run> => {
      const r = await bash(b.text, env, opt);
      outputs.push(r.stdout);
      if (r.code !== 0) {
        const log = existsSync(join(dir, 'yifa.log')) ? readFileSync(join(dir, 'yifa.log'), 'utf8').slice(-2000) : '';
        throw new Error(
          `docs/deploy.md line ${b.line}: exit ${r.code}\n${b.text}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}\nservice log:\n${log}`,
        );
      }
      return r;
    };
    // The audit chain's length, read from the database file as it is now (WAL: also while the service writes).
    const countEvents = async () => {
      const client = createClient({ url: `file:${join(home, 'yifa.db')}` });
      try {
        return Number((await client.execute('SELECT count(*) AS n FROM audit_events')).rows[0]?.n);
      } finally {
        client.close();
      }
    };

    for (const b of tested) {
      if (b.text.includes('npx yifa db restore')) eventsBeforeRestore = await countEvents();
      const r = await run(b);
      if (b.text.includes('npx yifa user list')) {
        for (const u of ['sysadmin', 'secadmin', 'auditadmin']) expect(r.stdout).toContain(u);
      }
      if (b.text.includes('npx yifa db migrate') && !migrated) {
        migrated = true;
        expect(r.stdout).toMatch(/applied \d+ migration/);
        expect(existsSync(join(home, 'yifa.db'))).toBe(true);
      }
      if (b.text.startsWith('sudo systemctl start yifa') && !started) {
        started = true;
        // The three administrators sign in to the service, each with their own role, over a Secure cookie.
        for (const [username, role] of [
          ['sysadmin', 'system-admin'],
          ['secadmin', 'security-admin'],
          ['auditadmin', 'audit-admin'],
        ] as const) {
          const res = await signIn(username);
          const cookie = res.headers.get('set-cookie') ?? '';
          expect(cookie).toMatch(/; Secure/i);
          const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0] as string } });
          expect(me.status).toBe(200);
          expect(((await me.json()) as { roles: { code: string }[] }).roles.map((x) => x.code)).toEqual([role]);
        }
      }
      if (b.text.includes('npx yifa db backup') && backedUpEvents === undefined) {
        const folder = readdirSync(backups);
        expect(folder).toHaveLength(1);
        const manifest = JSON.parse(readFileSync(join(backups, folder[0] as string, 'manifest.json'), 'utf8'));
        backedUpEvents = manifest.database.auditEvents as number;
        // Taken while the service ran: it still answers, and a sign-in after the backup is not in it.
        await signIn('sysadmin');
      }
      if (b.text.includes('npx yifa db restore')) {
        expect(eventsBeforeRestore).toBe((backedUpEvents as number) + 1);
        expect(await countEvents()).toBe(backedUpEvents);
        expect(readdirSync(join(dir, 'srv', 'yifa')).some((n) => n.startsWith('home.replaced-'))).toBe(true);
        await signIn('auditadmin');
      }
    }
    expect(backedUpEvents).toBeGreaterThan(0);
    expect(eventsBeforeRestore).toBeDefined();
    // The pack upgrade's dry run wrote nothing and said so; the service is up at the end.
    expect(outputs.join('')).toContain('dry run: nothing was written');
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    await bash('sudo systemctl stop yifa', env, opt);
    expect(existsSync(pidFile)).toBe(false);
  });
});
