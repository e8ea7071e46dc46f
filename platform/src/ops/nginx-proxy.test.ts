/**
 * deploy/nginx/yifa.conf in front of the platform (#17): Debian's nginx, run in the foreground
 * with a temp prefix and free ports, a certificate openssl makes, and `yifa serve` with
 * YIFA_SECURE_COOKIES=1 behind it. Over HTTPS the web app and the API answer and a sign-in works;
 * the session cookie is Secure, HttpOnly and SameSite=Strict; HTTP redirects to HTTPS; /metrics is
 * not passed on; and nginx's request id reaches the app, which writes it into its log line for the
 * request with the user's id, so nginx's log (the client's address) and the app's (who) join.
 * The only changes to the file are the ports, the certificate and log folders (listed below).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YIFA_BIN } from '../../test/cli.ts';
import { PASSWORD, startTestServer } from '../../test/harness.ts';
import { OFFICER_APP_DIST } from '../cli/serve.ts';
import { freePort } from './guide.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CONF = join(ROOT, 'deploy', 'nginx', 'yifa.conf');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir: string;
let ca: string;
let httpsPort: number;
let httpPort: number;
let app: ChildProcess | undefined;
let nginx: ChildProcess | undefined;
let userId: string;
const appLog: Record<string, unknown>[] = [];
const appLogWaiters: (() => void)[] = [];

/** The app's log line for a request id, once the app has written it (its stdout reaches us later). */
function appLogLine(id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const look = () => {
      const line = appLog.find((l) => l.req === id);
      if (!line) return false;
      resolve(line);
      return true;
    };
    if (look()) return;
    const waiter = () => {
      if (look()) appLogWaiters.splice(appLogWaiters.indexOf(waiter), 1);
    };
    appLogWaiters.push(waiter);
  });
}

/** A file's text once it holds a match (nginx writes its access log after the answer has gone). */
function fileMatching(file: string, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(file);
    const look = () => {
      const text = readFileSync(file, 'utf8');
      if (!pattern.test(text)) return;
      watcher.close();
      resolve(text);
    };
    watcher.on('change', look);
    look();
  });
}

/** A request over HTTPS to nginx, trusting only the test's certificate. */
function https(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: httpsPort, method, path, servername: 'yifa.test', headers, ...(ca ? { ca } : {}) },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function http(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port: httpPort, path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
    })
      .on('error', reject)
      .end();
  });
}

/** Resolves once something accepts connections on the port; rejects if the process ends first. */
function accepting(port: number, proc: ChildProcess, what: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ended = () => reject(new Error(`ended before listening: ${what()}`));
    proc.once('exit', ended);
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        proc.off('exit', ended);
        resolve();
      });
      // Not listening yet: try again when this attempt has failed (a state, not a timer).
      s.once('error', () => setImmediate(attempt));
    };
    attempt();
  });
}

beforeAll(async () => {
  if (!existsSync(join(OFFICER_APP_DIST, 'index.html'))) {
    const { ensureAppBuilt } = await import('../../e2e/support/build.ts');
    ensureAppBuilt();
  }
  // A database with a pack and a user, then served by `yifa serve` as the deploy guide runs it.
  const seeded = await startTestServer();
  dir = seeded.dir;
  userId = (await seeded.user({ username: 'zhao.officer', orgCode: '120116-SCJ', roles: ['officer'] })).id;
  seeded.db.$client.close();

  mkdirSync(join(dir, 'ssl'));
  mkdirSync(join(dir, 'log'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=yifa.test',
      '-addext',
      'subjectAltName=DNS:yifa.test,IP:127.0.0.1',
      '-keyout',
      join(dir, 'ssl', 'yifa.key'),
      '-out',
      join(dir, 'ssl', 'yifa.crt'),
    ],
    { stdio: 'pipe' },
  );
  ca = readFileSync(join(dir, 'ssl', 'yifa.crt'), 'utf8');

  const appPort = await freePort();
  let appOut = '';
  app = spawn(process.execPath, [YIFA_BIN, 'serve', '--port', String(appPort)], {
    env: {
      ...process.env,
      YIFA_DATABASE_URL: `file:${join(dir, 'yifa.db')}`,
      YIFA_SECURE_COOKIES: '1',
      YIFA_LOG_LEVEL: 'info',
      YIFA_ALERT_INTERVAL_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (d: Buffer) => {
    appOut += d.toString();
    const lines = appOut.split('\n');
    appOut = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('{')) appLog.push(JSON.parse(l));
    for (const w of [...appLogWaiters]) w();
  });
  app.stderr?.on('data', (d: Buffer) => {
    appOut += d.toString();
  });
  await accepting(appPort, app, () => appOut);

  [httpPort, httpsPort] = [await freePort(), await freePort()];
  const site = readFileSync(CONF, 'utf8');
  const changes: [string, string][] = [
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen 443 ssl', `listen 127.0.0.1:${httpsPort} ssl`],
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`],
    ['/etc/ssl/yifa/', `${join(dir, 'ssl')}/`],
    ['/var/log/nginx/', `${join(dir, 'log')}/`],
  ];
  let local = site;
  for (const [from, to] of changes) {
    expect(site, `deploy/nginx/yifa.conf has ${from}`).toContain(from);
    local = local.replaceAll(from, to);
  }
  writeFileSync(join(dir, 'yifa.conf'), local);
  // What Debian's /etc/nginx/nginx.conf gives the site: an http block (here with temp folders).
  // As root, the workers run as this user too: the temp folder is this user's alone.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? `user ${userInfo().username};\n` : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 64; }
http {
  client_body_temp_path ${join(dir, 'nginx-body')};
  proxy_temp_path ${join(dir, 'nginx-proxy')};
  fastcgi_temp_path ${join(dir, 'nginx-fastcgi')};
  uwsgi_temp_path ${join(dir, 'nginx-uwsgi')};
  scgi_temp_path ${join(dir, 'nginx-scgi')};
  include ${join(dir, 'yifa.conf')};
}
`,
  );
  const args = ['-p', dir, '-e', join(dir, 'log', 'error.log'), '-c', join(dir, 'nginx.conf')];
  execFileSync('nginx', [...args, '-t'], { stdio: 'pipe' });
  nginx = spawn('nginx', [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const errorLog = () =>
    existsSync(join(dir, 'log', 'error.log')) ? readFileSync(join(dir, 'log', 'error.log'), 'utf8') : '';
  await accepting(httpsPort, nginx, errorLog);
  await accepting(httpPort, nginx, errorLog);
}, 300_000);

afterAll(() => {
  nginx?.kill('SIGQUIT');
  app?.kill('SIGTERM');
});

describe('deploy/nginx/yifa.conf in front of yifa serve', () => {
  it('serves the web app and the API over HTTPS, with HSTS once', async () => {
    const page = await https('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toBe(readFileSync(join(OFFICER_APP_DIST, 'index.html'), 'utf8'));
    expect(page.headers['content-security-policy']).toBeDefined();
    // Once: the platform sends it, the proxy adds none (two would arrive joined by a comma).
    expect(String(page.headers['strict-transport-security']).match(/max-age=\d+/g)).toHaveLength(1);
    const health = await https('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
  });

  it('signs in over HTTPS with a Secure, HttpOnly, SameSite=Strict cookie, and the session works', async () => {
    const login = await https(
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'zhao.officer', password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '');
    const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    const me = await https('GET', '/api/v1/auth/me', { cookie: cookie.split(';')[0] as string });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ id: userId, username: 'zhao.officer' });
  });

  it("passes nginx's request id to the app, whose log line for it names the user; nginx's names the client", async () => {
    const login = await https(
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'zhao.officer', password: PASSWORD }),
    );
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    const me = await https('GET', '/api/v1/auth/me', { cookie });
    const id = String(me.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await fileMatching(
      join(dir, 'log', 'yifa.access.log'),
      new RegExp(`^127\\.0\\.0\\.1 .*"GET /api/v1/auth/me HTTP/1\\.1" 200 .*id=${id}$`, 'm'),
    );
    expect(await appLogLine(id)).toMatchObject({
      req: id,
      method: 'GET',
      route: '/api/v1/auth/me',
      status: 200,
      user: userId,
    });
  });

  it('redirects HTTP to HTTPS, and keeps /metrics off the proxy', async () => {
    const plain = await http('/cases?state=open');
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.1/cases?state=open');
    expect((await https('GET', '/metrics')).status).toBe(404);
  });

  it('is HTTPS only with the right certificate: a client that does not trust it is refused', async () => {
    ca = '';
    await expect(https('GET', '/api/health')).rejects.toThrow(/self[- ]signed|unable to verify/i);
    ca = readFileSync(join(dir, 'ssl', 'yifa.crt'), 'utf8');
  });
});
