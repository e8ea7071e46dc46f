/**
 * 执法统计 against hand-counted fixtures (Binhai pack): three food cases of the 区市场监管局 (two
 * in March with li and wang, one in April with li alone), a closed 行政复议 of the same bureau in
 * March (li), one case of the 保税区市场监管局 (a development-zone bureau the 区市场监管局
 * supervises by sector) and one of the 区生态环境局, all in 2026. Counts per group, the rates,
 * the drill-down district → subject → unit → officer → cases, the data scope (the centre sees all;
 * a department head with sector supervision sees own and the zone bureau, not the other
 * department, and a filter on it is refused; an officer is refused), the filters' errors, and
 * the workbook read back.
 */

import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS, FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, caseCounts, cases } from '../db/schema.ts';
import { ensureLegalMonths, legalMonthModifier } from '../statistics/month.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const MARCH = new Date('2026-03-02T02:00:00Z');
const APRIL = new Date('2026-04-01T02:00:00Z');
const STJ_MATTER = '120116-STJ-CF-0001-01';
const SCJ = '120116-SCJ';
const BSQ = '120116-BSQ';
const BSQ_SCJ = '120116-BSQ-SCJ';
const STJ = '120116-STJ';
const GOV = '120116-GOV';

let server: Server;
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
const caseIds: string[] = [];

async function as(username: string): Promise<Client> {
  clients[username] ??= await server.as(username);
  return clients[username] as Client;
}

async function get(username: string, path: string, status = 200): Promise<Json> {
  const res = await (await as(username)).get(path);
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}

async function open(username: string, matter: string, officers: string[]): Promise<string> {
  const res = await (await as(username)).post('/api/v1/cases', {
    matter,
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    facts: matter === FOOD_MATTER ? FOOD_FACTS : {},
    violationDate: '2026-02-20',
    officers: officers.map((u) => ids[u]),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  caseIds.push(id);
  return id;
}

const row = (body: Json, key: string) => body.rows.find((r: Json) => r.key === key);

beforeAll(async () => {
  server = await startTestServer({ now: () => MARCH });
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode, roles, ...extra })).id;
  };
  await add('li.officer', SCJ, ['officer'], cert);
  await add('wang.officer', SCJ, ['officer'], cert);
  await add('zhou.officer', SCJ, ['officer'], cert);
  await add('sun.officer', SCJ, ['officer'], cert);
  await add('qian.agency', SCJ, ['agency-head']);
  await add('zhao.head', SCJ, ['department-head', 'sector-supervisor']);
  await add('bsq.officer', BSQ_SCJ, ['officer'], cert);
  await add('bsq2.officer', BSQ_SCJ, ['officer'], cert);
  await add('ma.officer', STJ, ['officer'], cert);
  await add('ma2.officer', STJ, ['officer'], cert);
  await add('jian.supervisor', '120116-SFJ', ['supervisor']);

  await open('li.officer', FOOD_MATTER, ['li.officer', 'wang.officer']);
  await open('li.officer', FOOD_MATTER, ['li.officer', 'wang.officer']);
  await open('bsq.officer', FOOD_MATTER, ['bsq.officer', 'bsq2.officer']);
  await open('ma.officer', STJ_MATTER, ['ma.officer', 'ma2.officer']);
  // A closed 行政复议 of the bureau in March, as imported history leaves one (its own workflow's end).
  await server.db.insert(cases).values({
    id: 'reconsideration-1',
    number: '津滨市监复〔2026〕1号',
    matterCode: 'legal-reconsideration',
    workflowCode: 'reconsideration',
    category: 'legal-affairs',
    subjectOrg: SCJ,
    subjectPath: `${GOV}/${SCJ}`,
    packHash: server.packHash,
    state: 'closed',
    party: { kind: 'person', name: '李四', idNumber: 'x' },
    facts: {},
    officers: [ids['li.officer'] as string],
    stateEntered: {},
    extensions: {},
    openedAt: '2026-03-05T01:00:00.000Z',
    closedAt: '2026-03-20T01:00:00.000Z',
    createdBy: ids['li.officer'] as string,
  });
  server.setClock(() => APRIL);
  for (const k of Object.keys(clients)) delete clients[k];
  await open('li.officer', FOOD_MATTER, ['li.officer', 'zhou.officer']);
}, 120_000);

describe('GET /statistics', () => {
  it('counts the district on the first screen: records by kind and the seed’s rates', async () => {
    const body = await get('jian.supervisor', '/api/v1/statistics?groupBy=district');
    expect(body.scope).toBe('all');
    expect(body.rows).toHaveLength(1);
    expect(row(body, GOV)).toMatchObject({ name: '天津市滨海新区人民政府', cases: 6, open: 5, closed: 1 });
    expect(row(body, GOV).byPowerType).toEqual({ CF: 5, none: 1 });
    expect(body.figures).toMatchObject({ cases: 6, open: 5, closed: 1 });
    expect(body.figures.kinds).toEqual([
      { kind: 'CF', name: '行政处罚', nameEn: 'Administrative penalty', cases: 5 },
      expect.objectContaining({ kind: 'matter:legal-reconsideration', cases: 1 }),
    ]);
    // Certified: li, wang, zhou, sun (区市场监管局), bsq, bsq2, ma, ma2 = 8; all but sun acted = 7.
    expect(body.figures.counts).toMatchObject({ cases: 6, certifiedOfficers: 8, officersWithCases: 7 });
    expect(body.figures.rates.participationRate).toBe(0.875);
    expect(body.figures.rates.casesPerOfficer).toBe(0.75);
    expect(body.powerTypes.map((p: Json) => p.code)).toEqual(['CF', 'none']);
  });

  it('drills district → subject → unit → officer → cases', async () => {
    const subjects = await get('jian.supervisor', `/api/v1/statistics?groupBy=subject&district=${GOV}&pageSize=500`);
    // Every enforcement subject below the district is listed, those without a case too.
    expect(subjects.total).toBeGreaterThan(50);
    expect(row(subjects, SCJ)).toMatchObject({ cases: 4, open: 3, closed: 1 });
    expect(row(subjects, BSQ)).toMatchObject({ cases: 1, open: 1 });
    expect(row(subjects, STJ)).toMatchObject({ cases: 1 });
    expect(row(subjects, '120116-YJJ')).toMatchObject({ cases: 0, rates: { performanceRate: 0 } });
    // 区市场监管局: 10 market-regulation items (the 双随机抽查 检查 item 120116-SCJ-JC-0001-01 among them),
    // 1 exercised; li, wang and zhou of 4 certified acted; 4 cases.
    expect(row(subjects, SCJ).counts).toEqual({
      cases: 4,
      certifiedOfficers: 4,
      officersWithCases: 3,
      authorityItems: 10,
      authorityItemsExercised: 1,
    });
    expect(row(subjects, SCJ).rates).toEqual({ performanceRate: 0.1, participationRate: 0.75, casesPerOfficer: 1 });
    expect(subjects.rows[0].key).toBe(SCJ);
    expect(subjects.next).toBe('unit');

    const units = await get('jian.supervisor', `/api/v1/statistics?groupBy=unit&subject=${BSQ}`);
    expect(row(units, BSQ_SCJ)).toMatchObject({ cases: 1, name: '天津港保税区市场监督管理局' });
    expect(row(units, BSQ)).toMatchObject({ cases: 0 });
    expect(units.rows.every((r: Json) => r.key.startsWith(BSQ))).toBe(true);

    const officers = await get('jian.supervisor', `/api/v1/statistics?groupBy=officer&unit=${SCJ}`);
    expect(officers.rows.map((r: Json) => [r.name, r.cases])).toEqual([
      ['li.officer（区市场监管局）', 4],
      ['wang.officer（区市场监管局）', 2],
      ['zhou.officer（区市场监管局）', 1],
    ]);
    expect(officers.next).toBe('cases');
    // The figures count each case once even when the table counts it for each of its officers.
    expect(officers.figures.cases).toBe(4);

    const list = await get('jian.supervisor', `/api/v1/statistics/cases?unit=${SCJ}&officer=${ids['li.officer']}`);
    expect(list.total).toBe(4);
    expect(list.items[0].openedAt >= list.items[3].openedAt).toBe(true);
    expect(list.items.map((c: Json) => c.subject.code)).toEqual([SCJ, SCJ, SCJ, SCJ]);
    expect(list.items.find((c: Json) => c.id === 'reconsideration-1')).toMatchObject({
      state: { code: 'closed' },
      matter: { code: 'legal-reconsideration' },
    });
    const wang = await get('jian.supervisor', `/api/v1/statistics/cases?officer=${ids['wang.officer']}`);
    expect(wang.total).toBe(2);
  });

  it('groups by month, year, matter, power type, state and sector', async () => {
    const months = await get('jian.supervisor', '/api/v1/statistics?groupBy=month&sort=name');
    expect(months.rows.map((r: Json) => [r.key, r.cases])).toEqual([
      ['2026-03', 5],
      ['2026-04', 1],
    ]);
    const years = await get('jian.supervisor', '/api/v1/statistics?groupBy=year');
    expect(years.rows.map((r: Json) => [r.key, r.cases])).toEqual([['2026', 6]]);
    const matters = await get('jian.supervisor', '/api/v1/statistics?groupBy=matter');
    expect(row(matters, FOOD_MATTER).cases).toBe(4);
    expect(row(matters, STJ_MATTER).cases).toBe(1);
    const types = await get('jian.supervisor', '/api/v1/statistics?groupBy=powerType');
    expect(types.rows.map((r: Json) => [r.key, r.cases])).toEqual([
      ['CF', 5],
      ['none', 1],
    ]);
    const states = await get('jian.supervisor', '/api/v1/statistics?groupBy=state');
    expect(row(states, 'filing')).toMatchObject({ cases: 5, name: expect.any(String) });
    expect(row(states, 'closed')).toMatchObject({ cases: 1, closed: 1 });
    const sectors = await get('jian.supervisor', '/api/v1/statistics?groupBy=sector');
    expect(row(sectors, 'market-regulation').cases).toBe(4);
    expect(row(sectors, 'ecology-environment').cases).toBe(1);
  });

  it('filters by period, matter, power type, state and searches, sorts and pages', async () => {
    const april = await get(
      'jian.supervisor',
      '/api/v1/statistics?groupBy=subject&from=2026-04&to=2026-04&sort=-cases',
    );
    expect(april.figures.cases).toBe(1);
    expect(row(april, SCJ)).toMatchObject({ cases: 1, counts: { officersWithCases: 2 } });
    expect(april.filters.map((f: Json) => f.field)).toEqual(['from', 'to']);
    const cf = await get('jian.supervisor', `/api/v1/statistics?groupBy=subject&powerType=CF`);
    expect(row(cf, SCJ).cases).toBe(3);
    const closed = await get('jian.supervisor', '/api/v1/statistics?groupBy=subject&state=closed');
    expect(closed.figures.cases).toBe(1);
    const found = await get(
      'jian.supervisor',
      `/api/v1/statistics?groupBy=subject&search=${encodeURIComponent('生态环境')}`,
    );
    expect(found.rows.map((r: Json) => r.key)).toContain(STJ);
    expect(found.rows.every((r: Json) => r.name.includes('生态环境'))).toBe(true);
    const paged = await get('jian.supervisor', '/api/v1/statistics?groupBy=subject&sort=-cases&page=2&pageSize=2');
    expect(paged.rows).toHaveLength(2);
    expect(paged.page).toBe(2);
    const byName = await get('jian.supervisor', '/api/v1/statistics?groupBy=subject&sort=name&pageSize=500');
    const names = byName.rows.map((r: Json) => r.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'zh')));
  });

  it('counts a transition in the same transaction: the state moves in the figures at once', async () => {
    const before = await get('jian.supervisor', `/api/v1/statistics?groupBy=state&subject=${BSQ_SCJ}`);
    expect(before.rows.map((r: Json) => [r.key, r.cases])).toEqual([['filing', 1]]);
    const id = caseIds[2] as string;
    await server.issueDocuments(id, 'case-filing-approval');
    await add('bsq.agency', BSQ_SCJ, ['agency-head']);
    const c = await as('bsq.agency');
    const { version } = (await (await c.get(`/api/v1/cases/${id}`)).json()) as { version: number };
    const res = await c.post(`/api/v1/cases/${id}/transitions`, { action: 'approve-filing', version });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await get('jian.supervisor', `/api/v1/statistics?groupBy=state&subject=${BSQ_SCJ}`);
    expect(after.rows.map((r: Json) => [r.key, r.cases])).toEqual([['investigation', 1]]);

    async function add(username: string, orgCode: string, roles: string[]) {
      ids[username] = (await server.user({ username, orgCode, roles })).id;
    }
  });
});

describe('data scope', () => {
  it('a department head with sector supervision sees own and the zone bureau, not another department', async () => {
    const body = await get('zhao.head', '/api/v1/statistics?groupBy=subject&pageSize=500');
    expect(body.scope).toBe('sector-supervised');
    expect(row(body, SCJ)).toMatchObject({ cases: 4 });
    expect(row(body, BSQ_SCJ)).toMatchObject({ cases: 1 });
    expect(row(body, STJ)).toBeUndefined();
    expect(row(body, BSQ)).toBeUndefined();
    expect(body.figures.cases).toBe(5);
    const keys = body.rows.map((r: Json) => r.key).sort();
    expect(keys).toEqual([SCJ, BSQ_SCJ, '120116-DJ-SCJ', '120116-GXQ-SCJ', '120116-STC-SCJ', '120116-TEDA-SCJ'].sort());
    const all = await get('zhao.head', '/api/v1/statistics/cases?pageSize=200');
    expect(all.total).toBe(5);
  });

  it('refuses a subject or unit filter outside the scope (403, the field named in zh and en), and exports nothing', async () => {
    const exports = async () =>
      (await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'statistics.export'))).filter(
        (e) => e.actor === ids['zhao.head'],
      ).length;
    const before = await exports();
    for (const path of [
      `/api/v1/statistics?groupBy=subject&subject=${STJ}`,
      `/api/v1/statistics/cases?subject=${STJ}`,
      `/api/v1/statistics.xlsx?groupBy=subject&subject=${STJ}`,
    ]) {
      const body = await get('zhao.head', path, 403);
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toEqual({
        zh: '筛选条件超出您的数据范围：执法主体',
        en: 'the filter is outside your data scope: enforcement subject',
      });
      expect(body.error.details.problems).toEqual([
        {
          path: '/subject',
          code: 'out-of-scope',
          message: {
            zh: `执法主体 ${STJ} 不在您的数据范围内`,
            en: `enforcement subject ${STJ} is outside your data scope`,
          },
        },
      ]);
    }
    expect(await exports()).toBe(before);
    const unit = await get('zhao.head', `/api/v1/statistics?groupBy=unit&unit=${STJ}&district=${GOV}`, 403);
    expect(unit.error.details.problems.map((p: Json) => p.path)).toEqual(['/unit']);
    // An organisation above the scope is the scope within its tree: the district, and the
    // development zone whose bureau the head supervises by sector.
    const district = await get('zhao.head', `/api/v1/statistics?groupBy=subject&district=${GOV}&pageSize=500`);
    expect(district.figures.cases).toBe(5);
    const zone = await get('zhao.head', `/api/v1/statistics?groupBy=unit&subject=${BSQ}`);
    expect(zone.figures.cases).toBe(1);
    expect(row(zone, BSQ_SCJ)).toMatchObject({ cases: 1 });
    const own = await get('zhao.head', `/api/v1/statistics/cases?subject=${BSQ_SCJ}`);
    expect(own.total).toBe(1);
    // The centre sees every subject.
    const centre = await get('jian.supervisor', `/api/v1/statistics/cases?subject=${STJ}`);
    expect(centre.total).toBe(1);
  });

  it('refuses an officer (no statistics.read) with 403', async () => {
    for (const path of ['/api/v1/statistics', '/api/v1/statistics/cases', '/api/v1/statistics.xlsx']) {
      const body = await get('li.officer', path, 403);
      expect(body.error.code).toBe('forbidden');
    }
  });
});

describe('bad input', () => {
  it('names each unknown filter value and a malformed or reversed period, in zh and en', async () => {
    const body = await get(
      'jian.supervisor',
      '/api/v1/statistics?subject=nowhere&matter=nothing&powerType=XX&state=nostate&officer=nobody',
      422,
    );
    const paths = body.error.details.problems.map((p: Json) => p.path).sort();
    expect(paths).toEqual(['/matter', '/officer', '/powerType', '/state', '/subject']);
    for (const p of body.error.details.problems) expect(p.message.zh && p.message.en).toBeTruthy();
    const month = await get('jian.supervisor', '/api/v1/statistics?from=2026-13', 422);
    expect(month.error.details.problems[0]).toMatchObject({ path: '/from', code: 'month' });
    const order = await get('jian.supervisor', '/api/v1/statistics?from=2026-05&to=2026-04', 422);
    expect(order.error.details.problems[0]).toMatchObject({ path: '/to', code: 'period-order' });
    const group = await get('jian.supervisor', '/api/v1/statistics?groupBy=planet', 422);
    expect(group.error.details.problems[0].path).toBe('/groupBy');
  });
});

describe('GET /statistics.xlsx', () => {
  it('writes the table with the filters above it, and audits the export', async () => {
    const res = await (await as('jian.supervisor')).get(
      `/api/v1/statistics.xlsx?groupBy=subject&district=${GOV}&from=2026-03&to=2026-04`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('执法统计'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['执法统计']);
    expect(values(2)).toEqual(['分组', '按执法主体']);
    expect(values(3)).toEqual(['数据范围', '全部执法主体']);
    const texts = Array.from({ length: 12 }, (_, i) => values(i + 1).join('|'));
    expect(texts).toContain(`  地区|天津市滨海新区人民政府 (${GOV})`);
    expect(texts).toContain('  起始月份|2026-03');
    const headerAt = texts.findIndex((t) => t.startsWith('名称|案件数'));
    expect(texts[headerAt]).toBe('名称|案件数|在办|办结|行政处罚|其他|履职率|参与率|人均办案率');
    expect(ws.getRow(headerAt + 1).font?.bold).toBe(true);
    const first = values(headerAt + 2);
    expect(first.slice(0, 6)).toEqual(['天津市滨海新区市场监督管理局', 4, 3, 1, 3, 1]);
    expect(first[6]).toBeCloseTo(0.1);
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'statistics.export'));
    expect(event).toMatchObject({ actor: ids['jian.supervisor'], target: 'statistics:subject' });
    expect(event?.after).toMatchObject({
      groupBy: 'subject',
      filters: { district: GOV, from: '2026-03', to: '2026-04' },
    });
  });

  it('writes English headers when asked', async () => {
    const res = await (await as('jian.supervisor')).get('/api/v1/statistics.xlsx?groupBy=powerType&lang=en');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const texts = Array.from({ length: 10 }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1).join('|'));
    expect(texts).toContain('Name|Cases|Open|Closed|Administrative penalty|Other');
    expect(texts).toContain('Administrative penalty|5|5|0|5|0');
  });
});

describe('the rollup follows every write', () => {
  it('counts officers who acted again when a case’s officers change, and forgets a deleted case', async () => {
    const before = await get('jian.supervisor', `/api/v1/statistics?groupBy=subject&subject=${STJ}`);
    expect(row(before, STJ).counts).toMatchObject({ cases: 1, officersWithCases: 2 });
    const id = caseIds[3] as string;
    await server.db
      .update(cases)
      .set({ officers: [ids['ma.officer'] as string] })
      .where(eq(cases.id, id));
    const after = await get('jian.supervisor', `/api/v1/statistics?groupBy=subject&subject=${STJ}`);
    expect(row(after, STJ).counts).toMatchObject({ cases: 1, officersWithCases: 1 });
    await server.db.delete(cases).where(eq(cases.id, id));
    const gone = await get('jian.supervisor', `/api/v1/statistics?groupBy=subject&subject=${STJ}`);
    expect(row(gone, STJ).counts).toMatchObject({ cases: 0, officersWithCases: 0 });
  });
});

describe('legal months', () => {
  it('counts a case by the month of its legal date, and again when the zone’s modifier changes', async () => {
    // 2026-04-30 17:00 UTC is 1 May 01:00 in Beijing.
    await server.db.insert(cases).values({
      id: 'may-first',
      number: '津滨生态罚〔2026〕9号',
      matterCode: STJ_MATTER,
      workflowCode: 'penalty-ordinary',
      category: 'enforcement',
      subjectOrg: STJ,
      subjectPath: `${GOV}/${STJ}`,
      packHash: server.packHash,
      state: 'filing',
      party: { kind: 'person', name: '王五', idNumber: 'x' },
      facts: {},
      officers: [ids['ma.officer'] as string],
      stateEntered: {},
      extensions: {},
      openedAt: '2026-04-30T17:00:00.000Z',
      createdBy: ids['ma.officer'] as string,
    });
    const months = async () =>
      (await get('jian.supervisor', `/api/v1/statistics?groupBy=month&subject=${STJ}`)).rows.map((r: Json) => [
        r.key,
        r.cases,
      ]);
    expect(await months()).toEqual([['2026-05', 1]]);
    // A copy in UTC: the rollup is counted again by UTC months.
    await ensureLegalMonths(server.db, '+0 minutes');
    const stored = await server.db
      .select({ period: caseCounts.period })
      .from(caseCounts)
      .where(and(eq(caseCounts.subjectOrg, STJ), sql`${caseCounts.cases} > 0`))
      .orderBy(caseCounts.period);
    expect(stored).toEqual([{ period: '2026' }, { period: '2026-04' }]);
    // This copy's zone (Asia/Shanghai): the route puts its months back before it reads.
    expect(legalMonthModifier()).toBe('+480 minutes');
    expect(await months()).toEqual([['2026-05', 1]]);
  });
});
