/**
 * `yifa demo`: a demo copy in one command (`npm start`). A fresh database (file:./data/demo.db
 * unless --db or YIFA_DATABASE_URL says otherwise) gets the Binhai pack, one or more users per
 * role and cases in many states, all made through the platform's own code and API; the
 * accounts are printed, and the server started. A database that is not the demo's is never
 * recreated without --force.
 */
import { join } from 'node:path';
import { PACKS_DIR } from '@yifa/packs';
import { Command, InvalidArgumentError } from 'commander';
import { openDb } from '../db/client.ts';
import { DEMO_DATABASE_URL, type DemoDatabase, inspectDatabase, removeDatabase } from '../demo/database.ts';
import { demoReport } from '../demo/report.ts';
import { type DemoSummary, existingSummary, seedDemo } from '../demo/seed.ts';
import { AppError } from '../errors.ts';
import { createPackRegistry } from '../packs/registry.ts';
import { bundleOf, cliActor, refuse } from './db.ts';
import { demoGenerateCommand } from './demo-generate.ts';
import { serveUntilSignal } from './serve.ts';

type Exit = (code: number) => void;

interface DemoOptions {
  db?: string;
  fresh?: boolean;
  force?: boolean;
  pack: string;
  port: number;
  host: string;
  serve: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('端口应为 0–65535 的整数 / the port is an integer from 0 to 65535');
  return n;
}

/** Whether to (re)create the database, or why not: a refusal in both languages. */
export function decide(
  url: string,
  found: DemoDatabase,
  o: { fresh?: boolean | undefined; force?: boolean | undefined },
): { create: boolean; wipe: boolean } | { refusal: { zh: string; en: string } } {
  switch (found.kind) {
    case 'not-a-file':
      return {
        refusal: {
          zh: `演示只使用本地数据库文件（file:…），不使用 ${url}`,
          en: `the demo uses a local database file (file:…), not ${url}`,
        },
      };
    case 'missing':
      return { create: true, wipe: false };
    case 'demo': {
      const fresh = o.fresh ?? !found.ready;
      return { create: fresh, wipe: fresh };
    }
    case 'other':
      if (o.force) return { create: true, wipe: true };
      return {
        refusal: {
          zh: `${url} 不是演示数据库（${found.reason}），为免误删真实数据，未作任何改动。请用 --db 指定其他文件；确认要删除并重建时加 --force`,
          en: `${url} is not a demo database (${found.reason}); nothing was changed, so no real data is lost. Choose another file with --db, or add --force to delete and recreate it`,
        },
      };
  }
}

/** Prepares (or reuses) the demo database and returns what to print. */
async function prepare(url: string, plan: { create: boolean; wipe: boolean }, packPath: string, exit: Exit) {
  if (plan.wipe) {
    removeDatabase(url);
    process.stdout.write(`已删除旧的演示数据库 / removed the old demo database ${url}\n`);
  }
  let bundle: string | undefined;
  if (plan.create) {
    bundle = bundleOf(packPath);
    if (bundle === undefined) return exit(1);
  }
  const db = await openDb(url);
  try {
    let summary: DemoSummary;
    if (bundle !== undefined) {
      process.stdout.write(`正在准备演示数据 / preparing the demo database ${url}\n`);
      summary = await seedDemo(db, { bundle, actor: cliActor(), log: (line) => process.stdout.write(`${line}\n`) });
    } else {
      process.stdout.write(`使用已有的演示数据库 / using the existing demo database ${url} (--fresh recreates it)\n`);
      summary = await existingSummary(db);
    }
    const { pack } = await createPackRegistry(db).active();
    process.stdout.write(`${demoReport(pack, summary)}\n`);
    return summary;
  } finally {
    db.$client.close();
  }
}

function serveUntilStopped(url: string, o: DemoOptions, exit: Exit): Promise<void> {
  return serveUntilSignal(
    { port: o.port, host: o.host, databaseUrl: url },
    {
      listening: (at) =>
        `\n依法 Yifa 演示服务已启动 / demo server listening on ${at}\n` +
        `接口说明 / API: ${at}/api/openapi.json — 用上表任一账号登录 / sign in as any account above\n` +
        '按 Ctrl+C 停止 / Ctrl+C stops it\n',
      hint: { zh: '，可用 --port 换一个端口', en: '; try --port' },
    },
    exit,
  );
}

/** The `demo` command. */
export function demoCommand(exit: Exit): Command {
  return new Command('demo')
    .description('准备演示数据并启动服务 / prepare a demo database (Binhai pack, users, cases) and serve it')
    .option('--db <url>', `数据库（默认 YIFA_DATABASE_URL 或 ${DEMO_DATABASE_URL}） / database URL`)
    .option('--fresh', '删除并重建演示数据库（文件不存在时默认） / recreate the demo database (default when missing)')
    .option('--no-fresh', '沿用已有的演示数据库 / keep an existing demo database')
    .option('--force', '即使不是演示数据库也删除重建 / recreate even a database that is not the demo’s')
    .option('--pack <folder>', '配置包目录 / pack folder', join(PACKS_DIR, 'tj-binhai'))
    .option('--port <port>', '端口，0 表示任选 / port, 0 picks a free one', port, 3000)
    .option('--host <host>', '监听地址 / address to listen on', '127.0.0.1')
    .option('--no-serve', '只准备数据，不启动服务 / prepare only, do not serve')
    .addCommand(demoGenerateCommand(exit))
    .action(async (o: DemoOptions) => {
      try {
        const url = o.db ?? process.env.YIFA_DATABASE_URL ?? DEMO_DATABASE_URL;
        const plan = decide(url, await inspectDatabase(url), o);
        if ('refusal' in plan) {
          process.stderr.write(`✗ ${plan.refusal.zh}\n  ${plan.refusal.en}\n`);
          return exit(1);
        }
        const summary = await prepare(url, plan, o.pack, exit);
        if (!summary) return;
        if (!o.serve) return exit(0);
        await serveUntilStopped(url, o, exit);
      } catch (e) {
        if (e instanceof AppError) return refuse(exit, e);
        throw e;
      }
    });
}
