/**
 * Where one transition's time goes: the real app over the bench pack, called in process
 * (`app.request`, no HTTP) by one client in sequence, with every SQL statement timed at the
 * client (below drizzle, above the embedded client of db/embedded.ts). Prints the time per transition and, per
 * statement, how often it runs and how long it takes — the numbers behind docs/benchmarks.md.
 *
 * Usage: npx tsx platform/bench/transition-profile.ts [--n 1000] [--cpu-profile file.cpuprofile]
 * (`--cpu-profile` writes a V8 CPU profile of the measured transitions only, start-up and warm-up
 * left out; open it in Chrome's DevTools or read it as JSON).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, InStatement, Transaction } from '@libsql/client';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createApp } from '../src/app.ts';
import { type Db, MIGRATIONS } from '../src/db/client.ts';
import { openEmbedded } from '../src/db/embedded.ts';
import * as schema from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { tasksSettled } from '../src/tasks/refresh.ts';
import { createUser } from '../src/users.ts';
import { BENCH_PACK } from './yifa-target.ts';

const i = process.argv.indexOf('--n');
const N = i > 0 ? Number(process.argv[i + 1]) : 1000;
const p = process.argv.indexOf('--cpu-profile');
const PROFILE = p > 0 ? process.argv[p + 1] : undefined;
process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';

const timings = new Map<string, { n: number; ms: number }>();
let counting = false;
const sqlOf = (s: InStatement) => (typeof s === 'string' ? s : s.sql);
async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    if (counting) {
      const t = timings.get(label) ?? { n: 0, ms: 0 };
      t.n += 1;
      t.ms += performance.now() - t0;
      timings.set(label, t);
    }
  }
}

/** The raw client with its statements timed (in a transaction too, with the commit). */
function timedClient(raw: Client): Client {
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, prop) {
        if (prop === 'execute')
          return (s: InStatement) => timed(`tx  ${sqlOf(s).slice(0, 72)}`, () => target.execute(s));
        if (prop === 'commit') return () => timed('tx  COMMIT', () => target.commit());
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === 'execute') return (s: InStatement) => timed(`    ${sqlOf(s).slice(0, 72)}`, () => target.execute(s));
      if (prop === 'transaction')
        return async (mode?: 'write' | 'read' | 'deferred') =>
          wrapTx(await timed('tx  BEGIN', () => target.transaction(mode)));
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'yifa-profile-'));
// As openDb does, with the timing layer above the embedded client (a COMMIT's time includes the
// event-loop turn group commit waits for).
const client = timedClient(openEmbedded(join(dir, 'yifa.db')));
const db = drizzle(client, { schema }) as Db;
await migrate(db, { migrationsFolder: MIGRATIONS });
const services = createServices(db, { filesDir: join(dir, 'files') });
const report = validatePackDir(BENCH_PACK, { packsRoot: PACKS_DIR });
if (!report.ok) throw new Error('the bench pack does not validate');
const imported = await services.packs.importBundle(bundlePack(report.pack).text, { apply: true, actor: 'bench' });
await services.packs.activate(imported.hash, 'bench');
const password = 'Bench#2026-load';
await createUser(db, {
  username: 'officer0',
  displayName: '执法人员0',
  password,
  orgCode: '999999-BENCH',
  roles: ['officer'],
  certificateNo: '99999920260000',
  certificateValidUntil: '2099-12-31',
});
const app = createApp(services);
const login = await app.request('/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'officer0', password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
const { csrfToken } = (await login.json()) as { csrfToken: string };
const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
const opened = await app.request('/api/v1/cases', {
  method: 'POST',
  headers,
  body: JSON.stringify({
    matter: 'bench-cycle',
    party: { kind: 'organisation', name: '基准测试某某有限公司', idNumber: '91120116MA05JXQ27T' },
    facts: { goodsValue: 1000, complex: false, publicInterest: false },
  }),
});
const c = (await opened.json()) as { id: string; version: number; state: { code: string } };
const NEXT: Record<string, string> = { intake: 'start-check', check: 'submit-review', review: 'back-to-intake' };
let version = c.version;
let state = c.state.code;
const step = async () => {
  const res = await app.request(`/api/v1/cases/${c.id}/transitions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ action: NEXT[state], version }),
  });
  const out = (await res.json()) as { version: number; state: { code: string } };
  if (res.status !== 200) throw new Error(JSON.stringify(out));
  version = out.version;
  state = out.state.code;
};

for (let k = 0; k < 100; k++) await step();
const inspector = PROFILE ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
counting = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let k = 0; k < N; k++) await step();
const total = (performance.now() - t0) / N;
const cpu = process.cpuUsage(cpu0);
counting = false;
if (inspector && PROFILE) {
  const { profile } = await inspector.post('Profiler.stop');
  writeFileSync(PROFILE, JSON.stringify(profile));
  inspector.disconnect();
}
const rows = [...timings.entries()].sort((a, b) => b[1].ms - a[1].ms);
const sqlMs = rows.reduce((s, [, t]) => s + t.ms, 0) / N;
const statements = rows.reduce((s, [, t]) => s + t.n, 0) / N;
console.log(
  `${N} transitions in sequence: ${total.toFixed(2)} ms each (${(1000 / total).toFixed(0)}/s), ` +
    `CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms each (user ${(cpu.user / 1000 / N).toFixed(3)}, system ${(cpu.system / 1000 / N).toFixed(3)})`,
);
console.log(
  `${statements.toFixed(1)} SQL statements per transition, ${sqlMs.toFixed(2)} ms in them (awaited at the client), ` +
    `${(total - sqlMs).toFixed(2)} ms elsewhere (drizzle, hono, zod, rules, JSON, SM3)\n`,
);
for (const [label, t] of rows) console.log(`${(t.ms / N).toFixed(3)} ms  ${(t.n / N).toFixed(1)}×  ${label}`);
await tasksSettled(services);
client.close();
rmSync(dir, { recursive: true, force: true });
