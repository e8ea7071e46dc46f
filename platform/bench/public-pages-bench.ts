/**
 * The public 公示 pages (#16) over many records: the first page, a deep page by its cursor, a
 * search by 文号 and by a party's name, a month's range and one record's page — each through the
 * app (routing, the one query, the HTML), timed in process. Baselines in the same run: the same
 * list as an OFFSET page (what a page number would cost), and the name search's query alone.
 * The query plans are printed, so the index each page reads is seen, not assumed.
 *
 * Usage: npx tsx platform/bench/public-pages-bench.ts [--records 200000]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { disclosures } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';

process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';
// No request log: the pages' time is measured, not a line per request written.
process.env.YIFA_LOG_LEVEL ??= 'silent';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('records', 200_000);

const dir = mkdtempSync(join(tmpdir(), 'yifa-public-bench-'));
const db = await openDb(`file:${join(dir, 'yifa.db')}`);
const services = createServices(db, { filesDir: join(dir, 'files') });
const app = createApp(services);

// Records over five years of publication days, 1 in 20 withdrawn; names and numbers all different.
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const day = (i: number) => new Date(Date.UTC(2022, 0, 1) + (i % 1826) * 86_400_000).toISOString().slice(0, 10);
const t = performance.now();
for (let start = 0; start < N; start += 1000) {
  const rows = [];
  for (let i = start; i < Math.min(N, start + 1000); i++) {
    const on = day(i);
    const name = i % 3 === 0 ? `天津某${i}食品有限公司` : `${SURNAMES[i % 20]}某${i}`;
    rows.push({
      id: randomUUID(),
      caseId: randomUUID(),
      documentId: randomUUID(),
      subjectOrg: '120116-SCJ',
      subjectPath: '120116/120116-SCJ',
      state: (i % 20 === 7 ? 'withdrawn' : 'published') as 'withdrawn' | 'published',
      documentNumber: `津滨市监罚〔${on.slice(0, 4)}〕${i}号`,
      partyName: name,
      authority: '天津市滨海新区市场监督管理局',
      decidedOn: on,
      dueOn: on,
      publishedOn: on,
      publishedAt: `${on}T02:00:00.000Z`,
      publishedBy: 'bench',
      content: [
        {
          key: '行政处罚决定书文号',
          label: '行政处罚决定书文号',
          labelEn: 'Decision number',
          value: `津滨市监罚〔${on.slice(0, 4)}〕${i}号`,
        },
        { key: '当事人', label: '当事人', labelEn: 'Party', value: `${name}（身份证号 110105********002X）` },
        { key: '处罚内容', label: '处罚内容', labelEn: 'Penalty imposed', value: '罚款70,000元' },
      ],
    });
  }
  await db.insert(disclosures).values(rows);
}
console.log(`${N.toLocaleString()} records written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await db.$client.execute('ANALYZE');

/** Median and p95 of `runs` requests of a path, in ms, checking each answers 200. */
async function time(path: string, runs = 30): Promise<{ p50: number; p95: number; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    const res = await app.request(path);
    const text = await res.text();
    ms.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    bytes = text.length;
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)] ?? 0, p95: ms[Math.floor(runs * 0.95)] ?? 0, bytes };
}
async function timeSql(sql: string, args: (string | number)[], runs = 30): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    await db.$client.execute({ sql, args });
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(runs / 2)] ?? 0;
}
async function plan(sql: string, args: (string | number)[]) {
  const r = await db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
  return r.rows.map((x) => String(x.detail)).join(' | ');
}

// A cursor three quarters of the way down, read from the table (as page 7,500-ish would carry it).
const deep = await db.$client.execute({
  sql: `SELECT published_on, id FROM disclosures WHERE state <> 'withdrawn' ORDER BY published_on DESC, id DESC LIMIT 1 OFFSET ?`,
  args: [Math.floor(N * 0.7)],
});
const cursor = `${deep.rows[0]?.published_on}~${deep.rows[0]?.id}`;
const [one] = await db
  .select({ id: disclosures.id })
  .from(disclosures)
  .limit(1)
  .offset(Math.floor(N / 2));

const cases: [string, string][] = [
  ['first page', '/public/'],
  ['deep page (cursor at 70 %)', `/public/?after=${encodeURIComponent(cursor)}`],
  ['search by a whole 文号', `/public/?q=${encodeURIComponent(`津滨市监罚〔2024〕${Math.floor(N / 2) + 1}号`)}`],
  [
    'search by a whole name',
    `/public/?q=${encodeURIComponent(`${SURNAMES[(Math.floor(N / 2) + 2) % 20]}某${Math.floor(N / 2) + 2}`)}`,
  ],
  ['search by a common start (王某: 1 in 30 records)', `/public/?q=${encodeURIComponent('王某')}`],
  ['search by the start of a 文号 (…〔2024〕1: 1 in 50)', `/public/?q=${encodeURIComponent('津滨市监罚〔2024〕1')}`],
  ['one month', '/public/?from=2024-03-01&to=2024-03-31'],
  ['one record', `/public/decisions/${one?.id}`],
];
console.log(`\n| page | p50 ms | p95 ms | HTML bytes |\n|---|---:|---:|---:|`);
for (const [name, path] of cases) {
  const r = await time(path);
  console.log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.bytes.toLocaleString()} |`);
}
const offsetSql = `SELECT id, state, document_number, party_name, authority, decided_on, published_on FROM disclosures
  WHERE state <> 'withdrawn' ORDER BY published_on DESC, id DESC LIMIT 21 OFFSET ?`;
console.log(
  `\nbaseline: the deep page as OFFSET ${Math.floor(N * 0.7)}: ${(await timeSql(offsetSql, [Math.floor(N * 0.7)], 10)).toFixed(2)} ms (query alone)`,
);
const listSql = `SELECT id FROM disclosures WHERE state <> 'withdrawn' AND (published_on, id) < (?, ?) ORDER BY published_on DESC, id DESC LIMIT 21`;
console.log(`plan, deep list page: ${await plan(listSql, ['2025-01-01', 'x'])}`);
const nameSql = `SELECT id FROM disclosures WHERE state <> 'withdrawn' AND ((party_name >= ? AND party_name < ?) OR (document_number >= ? AND document_number < ?)) ORDER BY published_on DESC, id DESC LIMIT 21`;
console.log(`plan, search: ${await plan(nameSql, ['王某', '王某\u{10FFFF}', '王某', '王某\u{10FFFF}'])}`);
const numberSql = `SELECT id FROM disclosures WHERE state <> 'withdrawn' AND document_number = ? ORDER BY published_on DESC, id DESC LIMIT 21`;
console.log(`plan, search by a whole 文号: ${await plan(numberSql, ['x'])}`);
db.$client.close();
