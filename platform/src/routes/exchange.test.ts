/**
 * 数据报送 over the demo database (`yifa demo`, played through the API): the 双公示 行政处罚 export
 * checked field by field against rows written by hand from the demo's story, read back from the
 * .xlsx with exceljs and from JSON; the feed's cursor with writes between and during page fetches;
 * refusals.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { binhaiBundle } from '../../test/harness.ts';
import { createApp } from '../app.ts';
import { appendEvent } from '../audit/chain.ts';
import { checkpointSettings } from '../audit/checkpoint.ts';
import { type Db, openDb } from '../db/client.ts';
import { auditEvents, cases, documents } from '../db/schema.ts';
import { DEMO_PASSWORD } from '../demo/people.ts';
import { seedDemo } from '../demo/seed.ts';
import { storyDate } from '../demo/story.ts';
import { createServices } from '../services.ts';
import { localDate } from '../time.ts';
import { createUser } from '../users.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let db: Db;
let app: ReturnType<typeof createApp>;
const cookies = new Map<string, string>();

async function get(username: string, path: string): Promise<Response> {
  if (!cookies.has(username)) {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    cookies.set(username, (res.headers.get('set-cookie') ?? '').split(';')[0] as string);
  }
  return app.request(path, { headers: { cookie: cookies.get(username) as string } });
}

/** The day the demo's decision was issued: 38 days before today as the story counts (a weekend moved back to Friday). */
const DECIDED = storyDate(localDate(new Date()), 38);
const DAY_AFTER = new Date(Date.parse(`${DECIDED}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-exchange-'));
  db = await openDb(`file:${join(dir, 'yifa.db')}`);
  await seedDemo(db, { bundle: binhaiBundle(), actor: 'test' });
  const services = createServices(db, {
    filesDir: join(dir, 'files'),
    auditCheckpoint: checkpointSettings(`file:${join(dir, 'yifa.db')}`),
  });
  app = createApp(services);
  // The province's platform: an account of the consumer role, with the demo's password.
  await createUser(db, {
    username: 'province-feed',
    displayName: '省平台接口',
    orgCode: '120116-SFJ',
    roles: ['exchange-consumer'],
    password: DEMO_PASSWORD,
  });
}, 600_000);

/**
 * The one demo case with an issued 行政处罚决定书 (cases-market.ts, 'scj-unlicensed-decided'): the
 * caterer 天津某某餐饮管理有限公司, decided 38 days ago by 区市场监管局 — 罚款 70,000 元 (the proposed
 * fine of the discretion tier) and 没收违法所得 2,300 元, under 食品安全法第一百二十二条第一款.
 */
function expectedPenaltyRow(number: string): Record<string, string | number | null> {
  return {
    CF_XDR_MC: '天津某某餐饮管理有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: '91120116MA07C2HN', // completed below with its check digits: compared by prefix
    CF_XDR_GSZC: null,
    CF_XDR_ZZJG: null,
    CF_XDR_SWDJ: null,
    CF_XDR_SYDW: null,
    CF_XDR_SHZZ: null,
    CF_FRDB: '孙某某',
    CF_FR_ZJLX: null,
    CF_FR_ZJHM: null,
    CF_XDR_ZJLX: null, // a person's column: empty for an organisation
    CF_XDR_ZJHM: null,
    CF_WSH: number,
    CF_WFXW: '未取得食品生产经营许可从事食品生产经营活动',
    CF_YJ: '《中华人民共和国食品安全法》第一百二十二条第一款',
    CF_CFLB: '罚款;没收违法所得、没收非法财物',
    CF_NR: '罚款、没收违法所得',
    CF_NR_FK: 7,
    CF_NR_WFFF: 0.23,
    CF_NR_ZKDX: null,
    CF_JDRQ: DECIDED,
    CF_YXQ: null,
    CF_GSJZQ: null,
    CF_CFJG: '天津市滨海新区市场监督管理局',
    CF_CFJGDM: null,
    CF_SJLY: '天津市滨海新区市场监督管理局',
    CF_SJLYDM: null,
    BZ: null,
  };
}

describe('exchange: the 双公示 export of the demo cases', () => {
  it('lists the pack formats with their columns', async () => {
    const body: Json = await (await get('sunli', '/api/v1/exchange/formats')).json();
    const codes = body.formats.map((f: Json) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['sgs-penalty', 'sgs-licence']));
    const penalty = body.formats.find((f: Json) => f.code === 'sgs-penalty');
    expect(penalty.columns.length).toBe(30);
    expect(penalty.columns[0]).toEqual({
      code: 'CF_XDR_MC',
      name: '行政相对人名称',
      nameEn: 'Name of the party',
      type: 'string',
    });
  });

  it('exports the decided case as JSON, field by field, with its problems', async () => {
    const res = await get('sunli', '/api/v1/exchange/formats/sgs-penalty/records');
    expect(res.status).toBe(200);
    const body: Json = await res.json();
    expect(body.rows).toHaveLength(1);
    const row = body.rows[0];
    const [doc] = await db
      .select({ number: documents.number })
      .from(documents)
      .where(and(eq(documents.caseId, row.caseId), eq(documents.formCode, 'penalty-decision')));
    expect(doc?.number).toMatch(/^津滨市监罚〔\d{4}〕\d{4}号$/);
    const want = expectedPenaltyRow(doc?.number as string);
    const credit = row.values.CF_XDR_SHXYM as string;
    expect(credit).toHaveLength(18);
    expect(credit.startsWith(want.CF_XDR_SHXYM as string)).toBe(true);
    expect({ ...row.values, CF_XDR_SHXYM: want.CF_XDR_SHXYM, CF_SY: undefined }).toEqual({ ...want, CF_SY: undefined });
    // 违法事实 as issued: the address typed into it is masked at rest, the rest as written.
    expect(row.values.CF_SY).toMatch(
      /^当事人自2026年8月起，在未取得食品经营许可证的情况下，.*货值金额8,600元，违法所得2,300元。$/,
    );
    // The agency's credit code is not in the Binhai pack: reported, not invented.
    expect(row.problems.map((p: Json) => `${p.column} ${p.code}`).sort()).toEqual([
      'CF_CFJGDM required',
      'CF_SJLYDM required',
    ]);
    expect(row.problems[0].message.zh).toMatch(/必填项为空/);
  });

  it('writes the same rows into the .xlsx under the header row of the column names', async () => {
    const json: Json = await (await get('sunli', '/api/v1/exchange/formats/sgs-penalty/records')).json();
    const res = await get('sunli', '/api/v1/exchange/formats/sgs-penalty/records.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('行政相对人名称');
    expect(header[13]).toBe('行政处罚决定书文号');
    expect(header[19]).toBe('罚款金额（万元）');
    expect(header).toHaveLength(30);
    expect(header[29]).toBe('备注');
    expect(ws.rowCount).toBe(2);
    const cells = ws.getRow(2).values as unknown[];
    const codes: string[] = json.columns;
    codes.forEach((code, i) => {
      expect([code, cells[i + 1] ?? null]).toEqual([code, json.rows[0].values[code]]);
    });
    const problems = wb.getWorksheet('问题');
    expect(problems?.rowCount).toBe(3);
  });

  it('filters by the day of issue', async () => {
    const none: Json = await (
      await get('sunli', `/api/v1/exchange/formats/sgs-penalty/records?from=${DAY_AFTER}`)
    ).json();
    expect(none.rows).toHaveLength(0);
    const one: Json = await (
      await get('sunli', `/api/v1/exchange/formats/sgs-penalty/records?from=${DECIDED}&to=${DECIDED}`)
    ).json();
    expect(one.rows).toHaveLength(1);
  });

  it('audits every export', async () => {
    const before = await db.select().from(auditEvents).where(eq(auditEvents.action, 'exchange.export'));
    await get('zhoujie', '/api/v1/exchange/formats/sgs-penalty/records.xlsx?lang=en');
    const after = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'exchange.export'))
      .orderBy(desc(auditEvents.seq));
    expect(after.length).toBe(before.length + 1);
    expect(after[0]?.target).toBe('report-format:sgs-penalty');
    expect(after[0]?.after).toMatchObject({ as: 'xlsx', scope: 'subject-tree', rows: 0 });
  });

  it('refuses what is not allowed or not well formed, with reasons', async () => {
    const officer = await get('zhangwei', '/api/v1/exchange/formats/sgs-penalty/records');
    expect(officer.status).toBe(403);
    const feed = await get('zhoujie', '/api/v1/exchange/formats/sgs-penalty/feed');
    expect(feed.status).toBe(403);
    // The feed's account pulls the feed and nothing else.
    const consumer = await get('province-feed', '/api/v1/exchange/formats/sgs-penalty/records');
    expect(consumer.status).toBe(403);
    const cases = await get('province-feed', '/api/v1/cases');
    expect(cases.status).toBe(403);
    const unknown = await get('sunli', '/api/v1/exchange/formats/nope/records');
    expect(unknown.status).toBe(404);
    const badDate: Json = await get('sunli', '/api/v1/exchange/formats/sgs-penalty/records?from=2026-13-01');
    expect(badDate.status).toBe(422);
    const order = await get('sunli', '/api/v1/exchange/formats/sgs-penalty/records?from=2026-03-02&to=2026-03-01');
    expect(order.status).toBe(422);
    const cursor = await get('sunli', '/api/v1/exchange/formats/sgs-penalty/feed?cursor=abc');
    expect(cursor.status).toBe(400);
    expect(JSON.stringify(await cursor.json())).toContain('游标无效');
  });
});

describe('exchange: the feed of changes since a cursor', () => {
  /** Issues a new decision on a copy of the decided case, as the document route writes: document and event in one transaction. */
  async function issueOn(caseId: string, version: number) {
    const [doc] = await db
      .select()
      .from(documents)
      .where(and(eq(documents.caseId, caseId), eq(documents.formCode, 'penalty-decision')))
      .orderBy(desc(documents.version));
    if (!doc) throw new Error('no decision');
    await db.transaction(async (tx) => {
      await tx.insert(documents).values({
        ...doc,
        id: `${doc.id}-v${version}`,
        version,
        number: `${doc.number}-v${version}`,
        supersedes: doc.id,
        correctionReason: '更正',
      });
      await appendEvent(
        tx,
        { actor: 'test', action: 'document.issue', caseId, target: `v${version}` },
        new Date().toISOString(),
      );
    });
  }

  /** Copies the decided case under another id, with its decision, in one transaction with its event. */
  async function copyCase(n: number): Promise<string> {
    const [source] = await db
      .select()
      .from(cases)
      .innerJoin(documents, eq(documents.caseId, cases.id))
      .where(eq(documents.formCode, 'penalty-decision'))
      .limit(1);
    if (!source) throw new Error('no decided case');
    const id = `feed-${n}`;
    await db.transaction(async (tx) => {
      await tx.insert(cases).values({ ...source.cases, id, number: `${source.cases.number}-F${n}` });
      await tx
        .insert(documents)
        .values({ ...source.documents, id: `${id}-doc`, caseId: id, number: `${source.documents.number}-F${n}` });
      await appendEvent(tx, { actor: 'test', action: 'case.open', caseId: id }, new Date().toISOString());
    });
    return id;
  }

  let pages = 0;
  async function page(cursor: string | undefined, limit: number): Promise<Json> {
    pages++;
    const q = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await get('province-feed', `/api/v1/exchange/formats/sgs-penalty/feed?${q}`);
    expect(res.status).toBe(200);
    return res.json();
  }

  it('delivers every changed record once, in order, across pages and writes between and during fetches', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push(await copyCase(n));
    const seen: { caseId: string; position: number; number: string }[] = [];
    let cursor: string | undefined;
    let writes = 0;
    for (let round = 0; round < 20; round++) {
      // A write lands while this page is read (concurrently), and another between pages.
      const [p] = await Promise.all([
        page(cursor, 2),
        round < 3 ? copyCase(100 + round).then(() => writes++) : Promise.resolve(),
      ]);
      for (const r of p.records) seen.push({ caseId: r.caseId, position: r.position, number: r.values.CF_WSH });
      if (round === 1) {
        await issueOn(ids[0] as string, 2); // a record already delivered changes: it comes again, once
        writes++;
      }
      cursor = p.cursor;
      if (!p.more && round >= 3) break;
    }
    // Positions strictly increase: nothing delivered twice at one position, nothing out of order.
    const positions = seen.map((s) => s.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    // Every case written is there: the demo's decided case, the five copies, the three written during fetches.
    const cases = new Set(seen.map((s) => s.caseId));
    expect(cases.size).toBe(1 + 5 + 3);
    // The case changed after delivery came twice, the second time with its corrected decision.
    const first = seen.filter((s) => s.caseId === ids[0]);
    expect(first.map((s) => s.number.endsWith('-v2'))).toEqual([false, true]);
    expect(seen.length).toBe(cases.size + 1);
    expect(writes).toBe(4);
    // Nothing new: no records, and nothing more.
    const last = await page(cursor, 2);
    expect(last.records).toEqual([]);
    expect(last.more).toBe(false);
    // A record written after an idle poll still comes (the cursor moved only to the head it read).
    const late = await copyCase(999);
    const after = await page(last.cursor, 2);
    expect(after.records.map((r: Json) => r.caseId)).toEqual([late]);
    // Every page pulled is in the audit chain, as the consumer's.
    const pulled = await db.select().from(auditEvents).where(eq(auditEvents.action, 'exchange.feed'));
    expect(pulled).toHaveLength(pages);
    expect(pulled[0]?.after).toMatchObject({ format: 'sgs-penalty', scope: 'all', after: 0 });
  });
});
