/**
 * Yifa under load: the real app (createApp, createServices, openDb on a temp file) with the
 * bench pack (platform/bench/pack: one subject, one matter, a three-state workflow whose
 * transitions each need a role and a guard over case facts), one officer per client signed in
 * over HTTP like a browser (session cookie, CSRF token), and one case per client, so no two
 * clients touch the same case. Each request takes the case's next action at its version.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { verifyChain } from '../src/audit/chain.ts';
import { openDb } from '../src/db/client.ts';
import { writerStats } from '../src/db/embedded.ts';
import { createServices } from '../src/services.ts';
import { tasksSettled } from '../src/tasks/refresh.ts';
import { createUser } from '../src/users.ts';
import { listen } from '../test/listen.ts';
import type { Send } from './load.ts';
import type { RunningServer } from './target.ts';

/** The bench pack folder. */
export const BENCH_PACK = fileURLToPath(new URL('./pack', import.meta.url));

const PASSWORD = 'Bench#2026-load';
/** The cycle: intake → check → review → intake … */
const NEXT: Record<string, string> = { intake: 'start-check', check: 'submit-review', review: 'back-to-intake' };
/** A 统一社会信用代码 with a valid check character. */
const PARTY = { kind: 'organisation', name: '基准测试某某有限公司', idNumber: '91120116MA05JXQ27T' };

/** What the audit chain and the cases say after the run. */
export interface YifaCheck {
  /** Writes made durable and the COMMITs that did it (group commit). */
  writes: string;
  chainOk: boolean;
  events: number;
  transitionEvents: number;
  /** Versions moved on by transitions, over all bench cases (each transition adds one). */
  versionSteps: number;
}

function bundle(): string {
  const report = validatePackDir(BENCH_PACK, { packsRoot: PACKS_DIR });
  if (!report.ok) throw new Error(`the bench pack does not validate: ${report.issues[0]?.message.en}`);
  return bundlePack(report.pack).text;
}

/** Starts Yifa on 127.0.0.1 over a new database in `dir`, with `clients` officers (officer0 …). */
export async function startYifaServer(dir: string, clients: number): Promise<RunningServer<YifaCheck>> {
  process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';
  const db = await openDb(`file:${join(dir, 'yifa.db')}`);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const report = await services.packs.importBundle(bundle(), { apply: true, actor: 'bench' });
  await services.packs.activate(report.hash, 'bench');
  const server = await listen(createApp(services).fetch);
  for (let i = 0; i < clients; i++) {
    await createUser(db, {
      username: `officer${i}`,
      displayName: `执法人员${i}`,
      password: PASSWORD,
      orgCode: '999999-BENCH',
      roles: ['officer'],
      certificateNo: `9999992026${String(i).padStart(4, '0')}`,
      certificateValidUntil: '2099-12-31',
    });
  }
  return {
    url: server.url,
    async check() {
      const chain = await verifyChain(db);
      const [t] = await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = 'case.transition'`,
      );
      const [v] = await db.all<{ n: number }>(sql`SELECT sum(version - 1) AS n FROM cases`);
      const stats = writerStats(db.$client);
      return {
        writes: stats ? `${stats.committed} writes in ${stats.commits} COMMITs` : 'no writer counts',
        chainOk: chain.ok,
        events: chain.events,
        transitionEvents: Number(t?.n),
        versionSteps: Number(v?.n),
      };
    },
    async close() {
      await server.close();
      await tasksSettled(services);
      db.$client.close();
    },
  };
}

/** Signs each officer in over HTTP like a browser and opens one case each: one sender per client. */
export async function yifaSenders(url: string, clients: number): Promise<Send[]> {
  const senders: Send[] = [];
  for (let i = 0; i < clients; i++) {
    const username = `officer${i}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const opened = await fetch(`${url}/api/v1/cases`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        matter: 'bench-cycle',
        party: PARTY,
        facts: { goodsValue: 1000 + i, complex: false, publicInterest: false },
      }),
    });
    if (opened.status !== 201) throw new Error(`open a case: ${opened.status} ${await opened.text()}`);
    const c = (await opened.json()) as { id: string; version: number; state: { code: string } };
    let version = c.version;
    let state = c.state.code;
    const path = `${url}/api/v1/cases/${c.id}/transitions`;
    senders.push(async () => {
      const res = await fetch(path, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: NEXT[state], version }),
      });
      const out = (await res.json()) as { version: number; state: { code: string } };
      if (res.status !== 200) return false;
      version = out.version;
      state = out.state.code;
      return true;
    });
  }
  return senders;
}
