import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, caseSources, cases } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let head: Client;
const ids: Record<string, string> = {};

/** Beijing noon of a day. */
const noon = (day: string) => new Date(`${day}T04:00:00Z`);
const MATTER = '120116-SCJ-CF-0001-01';
const PARTY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' } as const;

async function register(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/case-sources', body);
  return { status: res.status, body: (await res.json()) as Json };
}

const casesCount = async () => (await server.db.select({ n: count() }).from(cases))[0]?.n ?? 0;
const sourcesCount = async () => (await server.db.select({ n: count() }).from(caseSources))[0]?.n ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => noon('2026-05-06'));
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const zhou = await server.user({ username: 'zhou.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'chen.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  const zhao = await server.user({ username: 'zhao.eco', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  const wu = await server.user({ username: 'wu.eco', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  ids.zhao = zhao.id;
  ids.wu = wu.id;
  await server.user({ username: 'sun.ecohead', orgCode: '120116-STJ', roles: ['agency-head'] });
  await server.user({ username: 'qian.reviewer', orgCode: '120116-SCJ', roles: ['legal-reviewer'] });
  ids.li = li.id;
  ids.zhou = zhou.id;
  officer = await server.as('li.officer');
  head = await server.as('chen.head');
});

describe('案源登记: registering a clue', () => {
  it('counts the decision deadline in working days by the pack’s calendar (第十八条: 15 working days)', async () => {
    const { status, body } = await register(officer, {
      kind: 'complaint-report',
      receivedOn: '2026-04-27',
      description: '消费者来电（13812345678）举报某超市销售过期食品',
      partyName: '天津某食品有限公司',
    });
    expect(status).toBe(201);
    // 4-28…4-30, 5-6…5-9 (调休上班), 5-11…5-15, 5-18…5-20: the 劳动节 holiday is not counted.
    expect(body).toMatchObject({
      kind: { code: 'complaint-report', name: '投诉举报', nameEn: 'Complaint or report' },
      receivedOn: '2026-04-27',
      dueOn: '2026-05-20',
      outcome: 'pending',
      overdue: false,
      extended: false,
      // The registrar reads what they typed (personal-data.read over their own work).
      description: '消费者来电（13812345678）举报某超市销售过期食品',
      masked: false,
      basis: { code: 'SAMR-CFCX-18' },
    });
    // Working days after today (5-6) up to the day due: 5-7, 5-8, 5-9, 5-11…5-15, 5-18…5-20.
    expect(body.daysLeft).toBe(11);
    ids.source = body.id;
    // At rest the phone number is masked, the original sealed beside it.
    const [row] = await server.db.select().from(caseSources).where(eq(caseSources.id, body.id));
    expect(row?.description).toBe('消费者来电（138****5678）举报某超市销售过期食品');
    expect(row?.sealedText).toBeTruthy();
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.target, body.id));
    expect(event).toMatchObject({ action: 'case-source.register', actor: ids.li });
    expect(JSON.stringify(event?.after)).not.toContain('13812345678');
  });

  it('registers a clue whose period reaches a year without a holiday calendar, counting that year Monday to Friday', async () => {
    // The pack has calendars for 2025 and 2026 only: a clue of 12-20 would otherwise be refused,
    // and a clue is never lost for want of the next year's 放假安排.
    server.setClock(() => noon('2026-12-21'));
    try {
      // Signed in on that day (the shared session of 5-6 would have expired by then).
      const december = await server.as('li.officer');
      const { status, body } = await register(december, {
        kind: 'inspection',
        receivedOn: '2026-12-20',
        description: '年底检查中发现的线索',
      });
      expect(status, JSON.stringify(body)).toBe(201);
      // 12-21…12-25, 12-28…12-31, then 2027 by weekdays: 1-1, 1-4…1-8.
      expect(body).toMatchObject({ dueOn: '2027-01-08', provisionalYears: [2027], outcome: 'pending' });
      expect(body.daysLeft).toBe(14);
      const within = await register(december, { kind: 'inspection', receivedOn: '2026-11-02', description: '线索' });
      expect(within.body.provisionalYears).toEqual([]);
    } finally {
      server.setClock(() => noon('2026-05-06'));
    }
  });

  it('refuses an unknown kind and a day in the future, field by field, and stores nothing', async () => {
    const before = await sourcesCount();
    const { status, body } = await register(officer, {
      kind: 'rumour',
      receivedOn: '2026-05-07',
      description: '线索',
    });
    expect(status).toBe(422);
    const problems = body.error.details.problems as Json[];
    expect(problems.map((p) => p.path).sort()).toEqual(['/kind', '/receivedOn']);
    expect(problems.find((p) => p.path === '/kind').message.zh).toContain('投诉举报');
    expect(problems.find((p) => p.path === '/receivedOn').message.en).toContain('future');
    const empty = await register(officer, { kind: 'inspection', receivedOn: '2026-05-06', description: '  ' });
    expect(empty.status).toBe(422);
    expect(await sourcesCount()).toBe(before);
  });

  it('is refused to a role without the permission (法制审核人员)', async () => {
    const reviewer = await server.as('qian.reviewer');
    expect((await reviewer.get('/api/v1/case-sources')).status).toBe(403);
    const { status } = await register(reviewer, { kind: 'inspection', receivedOn: '2026-05-06', description: '线索' });
    expect(status).toBe(403);
  });
});

describe('scope: a source is read and decided only within its subject', () => {
  it('is not listed, read, decided or filed by another subject’s users', async () => {
    const eco = await server.as('zhao.eco');
    const list = (await (await eco.get('/api/v1/case-sources')).json()) as Json;
    expect(list.items.map((i: Json) => i.id)).not.toContain(ids.source);
    expect((await eco.get(`/api/v1/case-sources/${ids.source}`)).status).toBe(404);
    const ecoHead = await server.as('sun.ecohead');
    const decide = await ecoHead.post(`/api/v1/case-sources/${ids.source}/decision`, {
      version: 1,
      outcome: 'not-filed',
      reason: '不符合立案条件',
    });
    expect(decide.status).toBe(404);
    const before = await casesCount();
    const open = await eco.post('/api/v1/cases', {
      matter: '120116-STJ-CF-0004-01',
      officers: [ids.zhao, ids.wu],
      party: PARTY,
      source: ids.source,
    });
    expect(open.status).toBe(404);
    expect(await casesCount()).toBe(before);
  });

  it('is not read by another officer of the same subject (officers see their own work)', async () => {
    const wang = await server.as('wang.officer');
    expect((await wang.get(`/api/v1/case-sources/${ids.source}`)).status).toBe(404);
  });

  it('is read by the subject’s head, who may decide; the officer may not decide', async () => {
    const list = (await (await head.get('/api/v1/case-sources')).json()) as Json;
    expect(list.items.map((i: Json) => i.id)).toContain(ids.source);
    expect(list.may).toEqual({ register: true, decide: true, file: false });
    const res = await officer.post(`/api/v1/case-sources/${ids.source}/decision`, {
      version: 1,
      outcome: 'not-filed',
      reason: '不符合立案条件',
    });
    expect(res.status).toBe(403);
  });
});

describe('deciding a source', () => {
  it('extends the period once, by the head with a reason, 15 more working days', async () => {
    const res = await head.post(`/api/v1/case-sources/${ids.source}/extension`, { version: 1, reason: '需要检验' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ dueOn: '2026-06-10', extended: true, extensionReason: '需要检验', version: 2 });
    const again = await head.post(`/api/v1/case-sources/${ids.source}/extension`, { version: 2, reason: '再延长' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.message.zh).toContain('第十八条');
  });

  it('refuses a stale version and a transfer without the receiving agency, changing nothing', async () => {
    const stale = await head.post(`/api/v1/case-sources/${ids.source}/decision`, {
      version: 1,
      outcome: 'not-filed',
      reason: '不符合立案条件',
    });
    expect(stale.status).toBe(409);
    const noAgency = await head.post(`/api/v1/case-sources/${ids.source}/decision`, {
      version: 2,
      outcome: 'transferred',
      reason: '不属于本机关管辖',
    });
    expect(noAgency.status).toBe(422);
    expect(((await noAgency.json()) as Json).error.details.problems[0].path).toBe('/transferredTo');
    const [row] = await server.db
      .select()
      .from(caseSources)
      .where(eq(caseSources.id, ids.source as string));
    expect(row).toMatchObject({ outcome: 'pending', version: 2 });
  });

  it('shows a pending source past its day as overdue', async () => {
    const { body } = await register(officer, {
      kind: 'inspection',
      receivedOn: '2026-04-27',
      description: '日常检查发现未公示营业执照',
    });
    ids.overdue = body.id;
    server.setClock(() => noon('2026-05-21'));
    officer = await server.as('li.officer');
    head = await server.as('chen.head');
    const list = (await (await officer.get('/api/v1/case-sources?outcome=pending')).json()) as Json;
    const item = list.items.find((i: Json) => i.id === ids.overdue);
    expect(item).toMatchObject({ overdue: true, daysLeft: -1, dueOn: '2026-05-20' });
    // The extended one is not.
    expect(list.items.find((i: Json) => i.id === ids.source)).toMatchObject({ overdue: false });
  });

  it('records 不予立案 with the head’s reason', async () => {
    const res = await head.post(`/api/v1/case-sources/${ids.overdue}/decision`, {
      version: 1,
      outcome: 'not-filed',
      reason: '违法行为轻微并及时改正，没有造成危害后果',
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as Json).toMatchObject({
      outcome: 'not-filed',
      overdue: false,
      decidedBy: { name: 'chen.head' },
    });
    const again = await head.post(`/api/v1/case-sources/${ids.overdue}/decision`, {
      version: 2,
      outcome: 'transferred',
      reason: '移送',
      transferredTo: '天津市滨海新区生态环境局',
    });
    expect(again.status).toBe(409);
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.target, ids.overdue as string));
    expect(events.map((e) => e.action)).toEqual(['case-source.register', 'case-source.decide']);
  });
});

describe('立案 from a source', () => {
  it('opens the case and records 立案 on the source in the same transaction', async () => {
    const res = await officer.post('/api/v1/cases', {
      matter: MATTER,
      officers: [ids.li, ids.zhou],
      party: PARTY,
      source: ids.source,
    });
    expect(res.status).toBe(201);
    const opened = (await res.json()) as Json;
    const source = (await (await officer.get(`/api/v1/case-sources/${ids.source}`)).json()) as Json;
    expect(source).toMatchObject({
      outcome: 'filed',
      caseId: opened.id,
      caseNumber: opened.number,
      decidedBy: { id: ids.li },
    });
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'case-source.file'));
    expect(event).toMatchObject({ caseId: null, target: ids.source, after: { caseId: opened.id } });
    const [open] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'case.open'), eq(auditEvents.caseId, opened.id)));
    expect(open?.after).toMatchObject({ source: ids.source });
  });

  it('refuses a second case from the same source or from a decided one, opening nothing', async () => {
    const before = await casesCount();
    for (const source of [ids.source, ids.overdue]) {
      const res = await officer.post('/api/v1/cases', {
        matter: MATTER,
        officers: [ids.li, ids.zhou],
        party: PARTY,
        source,
      });
      expect(res.status).toBe(409);
    }
    expect(await casesCount()).toBe(before);
  });
});

describe('scope over subjects: the tree and the sector', () => {
  it('lets a zone head (subject-tree) read and decide the zone bureaus’ sources, not the district’s', async () => {
    const cert = { certificateNo: '12011620260009', certificateValidUntil: '2030-12-31' };
    await server.user({ username: 'teda.officer', orgCode: '120116-TEDA-SCJ', roles: ['officer'], ...cert });
    await server.user({ username: 'zone.agency', orgCode: '120116-TEDA', roles: ['agency-head'] });
    const tedaOfficer = await server.as('teda.officer');
    const { status, body } = await register(tedaOfficer, {
      kind: 'assigned-by-superior',
      receivedOn: '2026-05-20',
      description: '上级交办：开发区某商场销售无中文标签进口食品',
    });
    expect(status).toBe(201);
    const zone = await server.as('zone.agency');
    const seen = ((await (await zone.get('/api/v1/case-sources')).json()) as Json).items.map((i: Json) => i.id);
    expect(seen).toContain(body.id);
    expect(seen).not.toContain(ids.source);
    expect((await zone.get(`/api/v1/case-sources/${ids.source}`)).status).toBe(404);
    const decided = await zone.post(`/api/v1/case-sources/${body.id}/decision`, {
      version: 1,
      outcome: 'transferred',
      reason: '违法行为发生地不在开发区',
      transferredTo: '天津市滨海新区市场监督管理局',
    });
    expect(decided.status).toBe(200);
    expect((await decided.json()) as Json).toMatchObject({
      outcome: 'transferred',
      transferredTo: '天津市滨海新区市场监督管理局',
    });
    // The 管委会 is an enforcement subject itself: what its head registers is its own subject's.
    const own = await register(zone, { kind: 'other', receivedOn: '2026-05-20', description: '线索' });
    expect(own).toMatchObject({ status: 201, body: { subject: '120116-TEDA' } });
    const district = (await (await head.get('/api/v1/case-sources')).json()) as Json;
    expect(district.items.map((i: Json) => i.id)).not.toContain(own.body.id);
  });

  it('gives the sector supervisor (行业业务监督, read-only) no sources at all', async () => {
    await server.user({ username: 'scj.sector', orgCode: '120116-SCJ', roles: ['sector-supervisor'] });
    const sector = await server.as('scj.sector');
    expect((await sector.get('/api/v1/case-sources')).status).toBe(403);
    expect((await sector.get(`/api/v1/case-sources/${ids.source}`)).status).toBe(403);
  });
});

describe('an overdue undecided source raises the subject alert (执法监督)', () => {
  it('counts the subject’s pending sources past their day and fires overdue-case-source', async () => {
    const before = (await (await head.get('/api/v1/supervision/summary')).json()) as Json;
    const scj = (s: Json) => s.subjectMetrics.find((x: Json) => x.subject.code === '120116-SCJ');
    expect(scj(before).metrics.overdueCaseSources).toBe(0);
    expect(scj(before).alerts.map((a: Json) => a.code)).not.toContain('overdue-case-source');
    // Received 4-20: due 5-13 (15 working days over 劳动节), and today is 5-21.
    const { body } = await register(officer, {
      kind: 'media',
      receivedOn: '2026-04-20',
      description: '媒体报道某菜市场销售注水肉',
    });
    expect(body).toMatchObject({ dueOn: '2026-05-13', overdue: true });
    const after = (await (await head.get('/api/v1/supervision/summary')).json()) as Json;
    expect(scj(after).metrics.overdueCaseSources).toBe(1);
    const alert = scj(after).alerts.find((a: Json) => a.code === 'overdue-case-source');
    expect(alert).toMatchObject({ level: 'red' });
    expect(alert.message.zh).toContain('有1条案源超过核查期限');
  });
});
