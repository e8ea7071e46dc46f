/**
 * `yifa serve`: the HTTP server over the database at YIFA_DATABASE_URL, until SIGINT or
 * SIGTERM. The built web apps will be served from here too (see `WEB_APPS`).
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Command, InvalidArgumentError } from 'commander';
import { createApp } from '../app.ts';
import { openDb } from '../db/client.ts';
import { createServices } from '../services.ts';

type Exit = (code: number) => void;
type App = ReturnType<typeof createApp>;

/** A built web app: the URL prefix it answers under and the folder of its built files. */
export interface WebApp {
  mount: string;
  root: string;
}

/**
 * The built web apps the server serves. Empty until runtime/app and studio exist and
 * build (`vite build` into their dist folders); add them here then. The API never
 * depends on them: a missing folder is skipped.
 */
export const WEB_APPS: readonly WebApp[] = [];

/** Serves each built web app whose folder exists under its prefix; returns the ones mounted. */
export function mountWebApps(app: App, apps: readonly WebApp[] = WEB_APPS): WebApp[] {
  const mounted = apps.filter((w) => existsSync(w.root));
  for (const w of mounted) {
    const prefix = w.mount.replace(/\/$/, '');
    app.use(
      `${prefix}/*`,
      serveStatic({ root: w.root, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }),
    );
  }
  return mounted;
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database, builds the app and listens; `close` stops taking requests and closes the database. */
export async function startServer(options: {
  port: number;
  host: string;
  databaseUrl?: string;
}): Promise<RunningServer> {
  const db = await openDb(options.databaseUrl);
  const app = createApp(createServices(db));
  mountWebApps(app);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server));
    s.once('error', (e) => {
      db.$client.close();
      reject(e);
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
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

/** The `serve` command. */
export function serveCommand(exit: Exit): Command {
  return new Command('serve')
    .description('启动服务 / run the HTTP server (database: YIFA_DATABASE_URL)')
    .option('--port <port>', '端口，0 表示任选 / port, 0 picks a free one', port, 3000)
    .option('--host <host>', '监听地址 / address to listen on', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      let server: RunningServer;
      try {
        server = await startServer(opts);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
        const where = `${opts.host}:${opts.port}`;
        process.stderr.write(`✗ 不能在 ${where} 监听（${code}） / cannot listen on ${where} (${code})\n`);
        return exit(1);
      }
      process.stdout.write(`依法 Yifa 服务已启动 / listening on ${server.url}\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      process.stdout.write(`收到 ${signal}，正在停止 / ${signal}: stopping\n`);
      await server.close();
      process.stdout.write('已停止 / stopped\n');
      exit(0);
    });
}
