/**
 * `yifa serve`: the HTTP server over the database at YIFA_DATABASE_URL, until SIGINT or
 * SIGTERM. The built web apps are served from here too (see `WEB_APPS`).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Command, InvalidArgumentError } from 'commander';
import { createAlertScheduler, intervalFromEnv } from '../alerts/scheduler.ts';
import { createApp } from '../app.ts';
import { checkpointSettings } from '../audit/checkpoint.ts';
import { createCheckpointer } from '../audit/checkpointer.ts';
import { APP_CSP } from '../csp.ts';
import { openDb } from '../db/client.ts';
import { checkPrintFonts, legacyFontNote } from '../documents/fonts.ts';
import { AppError } from '../errors.ts';
import { databaseUrlFrom } from '../home.ts';
import { createServices } from '../services.ts';
import { tasksSettled } from '../tasks/refresh.ts';
import { webDelivery } from './web-delivery.ts';

type Exit = (code: number) => void;
type App = ReturnType<typeof createApp>;

/**
 * A built web app: the URL prefix it answers under and the folder of its built files. A
 * single-page app (`spa`) answers its index.html for the paths its own router handles.
 */
export interface WebApp {
  mount: string;
  root: string;
  spa?: boolean;
}

/** The officer app's build (`npm run build -w @yifa/app`). */
export const OFFICER_APP_DIST = fileURLToPath(new URL('../../../runtime/app/dist', import.meta.url));

/** The implementers' studio build (`npm run build -w @yifa/studio`), served under /studio. */
export const STUDIO_DIST = fileURLToPath(new URL('../../../studio/dist', import.meta.url));

/**
 * The built web apps the server serves: the studio under /studio (mounted first, so its paths
 * are not the officer app's) and the officer app at the root. The API never depends on them: a
 * folder not built yet is skipped.
 */
export const WEB_APPS: readonly WebApp[] = [
  { mount: '/studio', root: STUDIO_DIST, spa: true },
  { mount: '/', root: OFFICER_APP_DIST, spa: true },
];

const isApi = (path: string) => path.startsWith('/api/') || path === '/api';
/** A path the app's router handles: under the app, outside /api, with no file extension. */
const routed = (path: string) => !isApi(path) && !/\.[^/]*$/.test(path);

/** Serves each built web app whose folder exists under its prefix; returns the ones mounted. */
export function mountWebApps(app: App, apps: readonly WebApp[] = WEB_APPS): WebApp[] {
  const mounted = apps.filter((w) => existsSync(w.root));
  for (const w of mounted) {
    const prefix = w.mount.replace(/\/$/, '');
    // Set before the files are served, so each answer (index.html above all) carries it; /api sets its own.
    app.use(`${prefix}/*`, async (c, next) => {
      if (!isApi(c.req.path)) c.header('content-security-policy', APP_CSP);
      await next();
    });
    app.use(`${prefix}/*`, webDelivery(prefix, isApi));
    app.use(
      `${prefix}/*`,
      serveStatic({ root: w.root, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }),
    );
    if (!w.spa) continue;
    const index = join(w.root, 'index.html');
    app.get(`${prefix}/*`, (c, next) => {
      if (!routed(c.req.path) || !existsSync(index)) return next();
      c.header('cache-control', 'no-cache');
      return c.html(readFileSync(index, 'utf8'));
    });
  }
  return mounted;
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, builds the app and listens, writing audit checkpoints as events come
 * (checkpointer.ts); `close` stops taking requests, writes the last checkpoint and closes the database.
 */
export async function startServer(options: {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Minutes between alert scheduler passes (default: YIFA_ALERT_INTERVAL_MINUTES, else 5; 0: off). */
  alertIntervalMinutes?: number;
  /** 我的待办's steps computed in the background after writes (default true; see Services.backgroundTasks). */
  backgroundTasks?: boolean;
}): Promise<RunningServer> {
  // The PDF fonts are deployment settings: a missing file stops the start, naming the setting.
  checkPrintFonts();
  const fontNote = legacyFontNote();
  if (fontNote) process.stderr.write(fontNote);
  const url = options.databaseUrl ?? databaseUrlFrom();
  const settings = checkpointSettings(url);
  const alertInterval = options.alertIntervalMinutes ?? intervalFromEnv();
  const db = await openDb(url);
  const services = createServices(db, {
    auditCheckpoint: settings,
    ...(options.backgroundTasks === false ? { backgroundTasks: false } : {}),
  });
  const app = createApp(services);
  mountWebApps(app);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server));
    s.once('error', (e) => {
      db.$client.close();
      reject(e);
    });
  });
  const checkpointer = createCheckpointer(db, settings);
  // Deadlines that pass with no event, subjects' activity: a pass every few minutes, once across processes.
  const scheduler = createAlertScheduler(services, { intervalMinutes: alertInterval });
  scheduler.start();
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await scheduler.stop();
      await tasksSettled(services); // 我的待办's queued refresh, before the file closes
      await checkpointer.close();
      db.$client.close();
    },
  };
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('端口应为 0–65535 的整数 / the port is an integer from 0 to 65535');
  return n;
}

/**
 * Starts the server and runs it until SIGINT or SIGTERM, then stops it and exits 0; `listening`
 * says where it listens. A port it cannot listen on is said on stderr (with the `hint`) and exits 1.
 */
export async function serveUntilSignal(
  options: { port: number; host: string; databaseUrl?: string },
  say: { listening: (url: string) => string; hint?: { zh: string; en: string } },
  exit: Exit,
): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`✗ ${e.messages.zh} / ${e.messages.en}\n`);
      return exit(1);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
    const where = `${options.host}:${options.port}`;
    process.stderr.write(
      `✗ 不能在 ${where} 监听（${code}）${say.hint?.zh ?? ''} / cannot listen on ${where} (${code})${say.hint?.en ?? ''}\n`,
    );
    return exit(1);
  }
  process.stdout.write(say.listening(server.url));
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(`收到 ${signal}，正在停止 / ${signal}: stopping\n`);
  await server.close();
  process.stdout.write('已停止 / stopped\n');
  exit(0);
}

/** The `serve` command. */
export function serveCommand(exit: Exit): Command {
  return new Command('serve')
    .description('启动服务 / run the HTTP server (database: YIFA_DATABASE_URL)')
    .option('--port <port>', '端口，0 表示任选 / port, 0 picks a free one', port, 3000)
    .option('--host <host>', '监听地址 / address to listen on', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      await serveUntilSignal(opts, { listening: (url) => `依法 Yifa 服务已启动 / listening on ${url}\n` }, exit);
    });
}
