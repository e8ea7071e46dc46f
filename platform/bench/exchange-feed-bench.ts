/**
 * The 数据报送 feed and export (#16) over many records: cases with an issued 行政处罚决定书, each with
 * several events in the audit chain (appended by appendEvent, as writes do). Timed through the app
 * (routing, session, the queries, the JSON): the whole feed walked a page at a time from the first
 * cursor, a page at the head (nothing changed), a page after a few new writes, and the JSON export
 * of a month. The feed query's plan is printed, so what it reads is seen, not assumed.
 *
 * Usage: npx tsx platform/bench/exchange-feed-bench.ts [--records 20000] [--events 5] [--limit 100]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { appendEvent } from '../src/audit/chain.ts';
import { sealPii } from '../src/crypto/pii.ts';
import { openDb } from '../src/db/client.ts';
import { cases, documents, organisations } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { createUser } from '../src/users.ts';
import { binhaiBundle } from '../test/harness.ts';

process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';
process.env.YIFA_LOG_LEVEL ??= 'silent';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('records', 20_000);
const EVENTS = arg('events', 5);
const LIMIT = arg('limit', 100);

const dir = mkdtempSync(join(tmpdir(), 'yifa-exchange-bench-'));
const db = await openDb(`file:${join(dir, 'yifa.db')}`);
const services = createServices(db, { filesDir: join(dir, 'files') });
const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'bench' });
await services.packs.activate(report.hash, 'bench');
const app = createApp(services);
const PASSWORD = 'Bench#2026-exchange';
await createUser(db, {
  username: 'feed',
  displayName: '接口',
  orgCode: '120116-SFJ',
  roles: ['exchange-consumer', 'supervisor'],
  password: PASSWORD,
});
const [scj] = await db.select().from(organisations).where(eq(organisations.code, '120116-SCJ'));
if (!scj) throw new Error('no 120116-SCJ');

// N cases over a year, each decided; EVENTS events per case, interleaved across cases as a day's work is.
const t0 = performance.now();
const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000);
const ids: string[] = [];
for (let start = 0; start < N; start += 500) {
  await db.transaction(async (tx) => {
    for (let i = start; i < Math.min(N, start + 500); i++) {
      const id = randomUUID();
      ids.push(id);
      const at = day(i).toISOString();
      await tx.insert(cases).values({
        id,
        number: `津滨市监案〔2026〕${i}号`,
        matterCode: '120116-SCJ-CF-0001-01',
        workflowCode: 'penalty-ordinary',
        category: 'penalty',
        subjectOrg: scj.code,
        subjectPath: scj.path,
        packHash: report.hash,
        state: 'execution',
        party: {
          kind: 'organisation',
          name: `天津某${i}餐饮有限公司`,
          idNumber: sealPii(`91120116MA0${String(i).padStart(6, '0')}X`),
          representative: '某某',
        },
        facts: {},
        officers: [],
        stateEntered: {},
        extensions: {},
        createdBy: 'bench',
        openedAt: at,
      });
      await tx.insert(documents).values({
        id: `${id}-d`,
        caseId: id,
        formCode: 'penalty-decision',
        version: 1,
        status: 'issued',
        number: `津滨市监罚〔2026〕${i}号`,
        data: {
          facts: '当事人未取得食品经营许可从事食品经营活动。',
          penalties: ['罚款'],
          fine: 50_000,
          decidedAt: at.slice(0, 10),
          penaltyBasis: ['SPAQF-122-1'],
        },
        formHash: 'bench',
        createdBy: 'bench',
        issuedAt: at,
      });
    }
  });
}
for (let e = 0; e < EVENTS; e++)
  for (let start = 0; start < N; start += 1000)
    await db.transaction(async (tx) => {
      for (const id of ids.slice(start, start + 1000))
        await appendEvent(tx, { actor: 'bench', action: `bench.${e}`, caseId: id }, new Date().toISOString());
    });
console.log(`prepared ${N} records, ${N * EVENTS} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const login = await app.request('/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'feed', password: PASSWORD }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
const get = async (path: string) => {
  const t = performance.now();
  const res = await app.request(path, { headers: { cookie } });
  const body = (await res.json()) as { cursor?: string; more?: boolean; records?: unknown[]; rows?: unknown[] };
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t, body };
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const feed = (cursor?: string) =>
  get(`/api/v1/exchange/formats/sgs-penalty/feed?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`);
const times: number[] = [];
let cursor: string | undefined;
let delivered = 0;
for (;;) {
  const { ms, body } = await feed(cursor);
  times.push(ms);
  delivered += body.records?.length ?? 0;
  cursor = body.cursor;
  if (!body.more) break;
}
console.log(
  `feed walk: ${times.length} pages of ${LIMIT}, ${delivered} records; page p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, first ${times[0]?.toFixed(1)} ms, last ${times.at(-1)?.toFixed(1)} ms`,
);
const idle = await feed(cursor);
console.log(`feed at the head (nothing changed): ${idle.ms.toFixed(1)} ms, ${idle.body.records?.length} records`);
await db.transaction(async (tx) => {
  for (const id of ids.slice(0, 10))
    await appendEvent(tx, { actor: 'bench', action: 'bench.new', caseId: id }, new Date().toISOString());
});
const fresh = await feed(cursor);
console.log(`feed after 10 new writes: ${fresh.ms.toFixed(1)} ms, ${fresh.body.records?.length} records`);
const month = await get('/api/v1/exchange/formats/sgs-penalty/records?from=2026-03-01&to=2026-03-31');
console.log(`JSON export of a month: ${month.ms.toFixed(1)} ms, ${month.body.rows?.length} rows`);

// The feed's query as feed.ts writes it (the supervisor's scope is all: no scope condition).
const plan = await db.$client.execute(
  `explain query plan select e.case_id, e.seq from audit_events e cross join cases c cross join documents d
   where e.seq > 0 and e.case_id is not null
     and not exists (select 1 from audit_events later where later.case_id = e.case_id and later.seq > e.seq)
     and c.id = e.case_id and d.case_id = c.id and d.form_code = 'penalty-decision' and d.status = 'issued'
     and not exists (select 1 from documents d2 where d2.case_id = d.case_id and d2.form_code = d.form_code
       and d2.status = 'issued' and d2.version > d.version)
   order by e.seq limit 101`,
);
console.log('feed query plan (its shape):');
for (const r of plan.rows) console.log(`  ${String(r.detail)}`);
db.$client.close();
