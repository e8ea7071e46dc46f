import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';
import { attachments, auditEvents, cases, documents } from '../db/schema.ts';
import { insertAttachment } from '../documents/attachments.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
const ids: Record<string, string> = {};
const id = (username: string) => ids[username] as string;

const MATTER = '120116-SCJ-CF-0001-01';
const PERSON = {
  kind: 'person',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '天津市滨海新区塘沽街道新港路100号',
};
const COMPANY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' };

const json = async (res: Response): Promise<Json> => res.json();
const problems = async (res: Response): Promise<{ path: string; message: { zh: string; en: string } }[]> =>
  (await json(res)).error.details.problems;

/** The two certified officers every case is opened with (行政处罚法第四十二条, the workflow's `opening`). */
const two = () => [id('li.officer'), id('wang.officer')];

async function open(client: Client, body: Record<string, unknown> = {}): Promise<Json> {
  const res = await client.post('/api/v1/cases', { matter: MATTER, party: PERSON, officers: two(), ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

async function act(client: Client, id: string, action: string, reason?: string) {
  const { version } = await json(await client.get(`/api/v1/cases/${id}`));
  return client.post(`/api/v1/cases/${id}/transitions`, { action, version, ...(reason ? { reason } : {}) });
}

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode, roles, ...extra })).id;
  };
  await add('li.officer', '120116-SCJ', ['officer'], { ...cert, displayName: '李执法' });
  await add('wang.officer', '120116-SCJ', ['officer'], cert);
  await add('old.officer', '120116-SCJ', ['officer'], {
    certificateNo: '12011620150009',
    certificateValidUntil: '2020-01-01',
  });
  await add('stj.officer', '120116-STJ', ['officer'], cert);
  await add('gov.officer', '120116-GOV', ['officer'], cert);
  await add('zhao.head', '120116-SCJ', ['department-head']);
  await add('qian.agency', '120116-SCJ', ['agency-head']);
  await add('wu.supervisor', '120116-SFJ', ['supervisor']);
  officer = await server.as('li.officer');
});

describe('opening a case', () => {
  it('numbers it per subject and year, pins the active pack, seals personal data and records case.open', async () => {
    const a = await open(officer);
    const b = await open(officer, { party: COMPANY });
    const year = new Date().getUTCFullYear();
    expect(a.number).toMatch(new RegExp(`^津滨市监案〔${year}〕\\d{4}号$`));
    expect(Number(b.number.slice(-5, -1))).toBe(Number(a.number.slice(-5, -1)) + 1);
    expect(a.packHash).toBe(server.packHash);
    expect(a.state.code).toBe('filing');
    expect(a.officers).toEqual(two());
    expect(a.version).toBe(1);
    const [row] = await server.db.select().from(cases).where(eq(cases.id, a.id));
    expect(row?.subjectOrg).toBe('120116-SCJ');
    expect(row?.stateEntered.filing).toBeDefined();
    expect(JSON.stringify(row?.party)).not.toContain('11010519491231002X');
    expect(JSON.stringify(row?.party)).not.toContain('13812345678');
    expect(row?.party.idNumber.startsWith('sm4:')).toBe(true);
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.caseId, a.id));
    expect(events.map((e) => e.action)).toEqual(['case.open']);
    expect(JSON.stringify(events[0]?.after)).not.toContain('11010519491231002X');
  });

  it('allocates distinct numbers when cases are opened at the same moment', async () => {
    const opened = await Promise.all(Array.from({ length: 6 }, () => open(officer)));
    expect(new Set(opened.map((c) => c.number)).size).toBe(6);
  });

  it('takes facts typed by the matter and the platform, and other officers of the same subject', async () => {
    const c = await open(officer, {
      facts: {
        goodsValue: 8000,
        harmConsequence: '轻微',
        firstViolation: true,
        proposedFine: 60000,
        proposedPenalties: ['fine'],
      },
      violationDate: '2026-03-01',
      officers: [id('li.officer'), id('wang.officer')],
    });
    const detail = await json(await officer.get(`/api/v1/cases/${c.id}`));
    expect(detail.facts).toMatchObject({ goodsValue: 8000, harmConsequence: '轻微', proposedFine: 60000 });
    expect(detail.officers.map((o: Json) => o.name)).toEqual(expect.arrayContaining(['李执法', 'wang.officer']));
    expect(detail.violationDate).toBe('2026-03-01');
  });

  it('refuses users who may not open cases, and an officer whose 执法证 has expired', async () => {
    const supervisor = await server.as('wu.supervisor');
    const head = await server.as('zhao.head');
    for (const client of [supervisor, head]) {
      const res = await client.post('/api/v1/cases', { matter: MATTER, party: PERSON });
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe('forbidden');
    }
    const expired = await server.as('old.officer');
    const res = await expired.post('/api/v1/cases', { matter: MATTER, party: PERSON });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error.code).toBe('certificate-invalid');
    expect(body.error.message.zh).toContain('执法证');
  });

  it('refuses a matter the subject does not implement (权责清单 subject types)', async () => {
    const gov = await server.as('gov.officer');
    const res = await gov.post('/api/v1/cases', { matter: MATTER, party: PERSON });
    expect(res.status).toBe(403);
    expect((await json(res)).error.message.zh).toContain('实施主体');
  });

  it('refuses fewer than two certified officers (第四十二条), in the ordinary and the summary procedure, and opens nothing', async () => {
    const [before] = await server.db.select({ n: count() }).from(cases);
    for (const workflow of ['penalty-ordinary', 'penalty-summary']) {
      const matter = workflow === 'penalty-summary' ? '120116-SCJ-CF-0004-01' : MATTER;
      const alone = await officer.post('/api/v1/cases', { matter, party: PERSON, workflow });
      expect(alone.status, workflow).toBe(422);
      const [p, ...more] = await problems(alone);
      expect(more).toEqual([]);
      expect(p).toMatchObject({ path: '/officers', code: 'officers-too-few' });
      expect(p?.message.zh).toContain('《中华人民共和国行政处罚法》第四十二条');
      expect(p?.message.zh).toContain('不得少于2人');
      expect(p?.message.en).toContain('Administrative Penalty Law');
    }
    // Two named, one of them without a valid 执法证: that one is named, and one certified is too few.
    const expired = await officer.post('/api/v1/cases', {
      matter: MATTER,
      party: PERSON,
      officers: [id('li.officer'), id('old.officer')],
    });
    expect(expired.status).toBe(422);
    const found = await problems(expired);
    expect(found.map((p) => [p.path, (p as { code?: string }).code])).toEqual([
      ['/officers/1', 'officer-uncertified'],
      ['/officers', 'officers-too-few'],
    ]);
    expect(found[0]?.message.zh).toContain('执法证');
    const [after] = await server.db.select({ n: count() }).from(cases);
    expect(after?.n).toBe(before?.n);
  });

  it('refuses a matter of another sector (权责清单 sectors): the ecology bureau cannot file a food-safety case', async () => {
    const stj = await server.as('stj.officer');
    const res = await stj.post('/api/v1/cases', { matter: MATTER, party: PERSON });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error.code).toBe('forbidden');
    expect(body.error.details).toMatchObject({
      authorityItem: '120116-SCJ-CF-0001',
      itemSectors: ['market-regulation'],
      subjectSectors: ['ecology-environment'],
    });
    expect(body.error.message.zh).toContain('120116-SCJ-CF-0001');
    expect(body.error.message.zh).toContain('市场监管');
    expect(body.error.message.zh).toContain('生态环境');
    expect(body.error.message.en).toContain('Market regulation');
    const [row] = await server.db.select({ n: count() }).from(cases).where(eq(cases.subjectOrg, '120116-STJ'));
    expect(row?.n).toBe(0);
  });
});

describe('choosing the workflow', () => {
  it('opens a case under an alternative workflow of its matter (简易程序), and refuses any other', async () => {
    const summary = await open(officer, { matter: '120116-SCJ-CF-0004-01', workflow: 'penalty-summary' });
    expect(summary.workflow).toEqual({ code: 'penalty-summary', name: '行政处罚简易程序' });
    expect(summary.state.code).toBe('on-site');
    const [row] = await server.db.select().from(cases).where(eq(cases.id, summary.id));
    expect(row?.workflowCode).toBe('penalty-summary');
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.caseId, summary.id));
    expect(event?.after).toMatchObject({ workflow: 'penalty-summary', state: 'on-site' });
    const own = await open(officer, { workflow: 'penalty-ordinary' });
    expect(own.workflow.code).toBe('penalty-ordinary');
    // 120116-SCJ-CF-0001-01 has no alternative; a legal-affairs workflow is never one.
    for (const workflow of ['penalty-summary', 'reconsideration', 'no-such-workflow']) {
      const res = await officer.post('/api/v1/cases', { matter: MATTER, party: PERSON, workflow });
      expect(res.status).toBe(422);
      expect((await problems(res))[0]?.path).toBe('/workflow');
    }
  });
});

describe('bad input is a clear 4xx, never a 500', () => {
  // With the two officers a case needs, so each test sees only the problem it is about.
  const post = (body: unknown) =>
    officer.post(
      '/api/v1/cases',
      body && typeof body === 'object' && !('officers' in body) ? { ...body, officers: two() } : body,
    );

  it('malformed JSON, wrong types, unknown fields', async () => {
    const malformed = await officer.call('POST', '/api/v1/cases', '{"matter": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.code).toBe('invalid-json');
    const wrongType = await post({ matter: 42, party: PERSON });
    expect(wrongType.status).toBe(422);
    expect((await problems(wrongType))[0]?.path).toBe('/matter');
    const unknownTop = await post({ matter: MATTER, party: PERSON, state: 'closed' });
    expect(unknownTop.status).toBe(422);
    const unknownParty = await post({ matter: MATTER, party: { ...PERSON, admin: true } });
    expect(unknownParty.status).toBe(422);
    expect((await problems(unknownParty))[0]?.path).toBe('/party');
    const badKind = await post({ matter: MATTER, party: { ...PERSON, kind: 'robot' } });
    expect((await problems(badKind))[0]?.path).toBe('/party/kind');
    const badDate = await post({ matter: MATTER, party: PERSON, violationDate: '2026-02-30' });
    expect((await problems(badDate))[0]?.path).toBe('/violationDate');
    const future = await post({ matter: MATTER, party: PERSON, violationDate: '2999-01-01' });
    expect(future.status).toBe(422);
    const noBody = await officer.call('POST', '/api/v1/cases');
    expect([400, 422]).toContain(noBody.status);
  });

  it('a wrong 身份证号 or 统一社会信用代码 check digit names the field in zh and en', async () => {
    const person = await post({ matter: MATTER, party: { ...PERSON, idNumber: '110105194912310021' } });
    expect(person.status).toBe(422);
    const body = await json(person);
    expect(body.error.code).toBe('validation');
    expect(body.error.message.zh).toContain('当事人身份证号');
    expect(body.error.message.zh).toContain('校验位');
    expect(body.error.message.en).toContain('ID card number');
    expect(body.error.details.problems[0].path).toBe('/party/idNumber');
    const org = await post({ matter: MATTER, party: { ...COMPANY, idNumber: '91350100M000100Y44' } });
    const p = (await problems(org))[0];
    expect(p?.message.zh).toContain('统一社会信用代码');
    expect(p?.message.en).toContain('unified social credit code');
    const short = await post({ matter: MATTER, party: { ...PERSON, idNumber: '12345' } });
    expect((await problems(short))[0]?.message.zh).toContain('18位');
  });

  it('oversized strings, bodies over the limit', async () => {
    const long = await post({ matter: MATTER, party: { ...PERSON, name: '张'.repeat(201) } });
    expect(long.status).toBe(422);
    expect((await problems(long))[0]?.path).toBe('/party/name');
    const longFact = await post({ matter: MATTER, party: PERSON, facts: { harmConsequence: 'x'.repeat(3000) } });
    expect(longFact.status).toBe(422);
    const huge = await post({ matter: MATTER, party: { ...PERSON, address: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    const control = await post({ matter: MATTER, party: { ...PERSON, name: '张\u0000三' } });
    expect(control.status).toBe(422);
  });

  it('control and bidirectional characters in names, addresses and representatives: 422 naming field and character', async () => {
    const refused: [Record<string, unknown>, string, string][] = [
      [{ ...COMPANY, name: '天津某\u202Emoc.食品有限公司' }, '/party/name', 'U+202E'],
      [{ ...PERSON, name: '张\u200F三' }, '/party/name', 'U+200F'],
      [{ ...PERSON, address: '新港路\u2066100号\u2069' }, '/party/address', 'U+2066'],
      [{ ...COMPANY, representative: '\u061C王五' }, '/party/representative', 'U+061C'],
      [{ ...PERSON, name: '张\u0085三' }, '/party/name', 'U+0085'],
    ];
    for (const [party, path, char] of refused) {
      const res = await post({ matter: MATTER, party });
      expect(res.status, path).toBe(422);
      const [p, ...more] = await problems(res);
      expect(more).toEqual([]);
      expect(p).toMatchObject({ path, code: 'control-character' });
      expect(p?.message.zh).toContain(char);
      expect(p?.message.zh).toContain('控制字符');
      expect(p?.message.en).toContain('bidirectional');
    }
    // Chinese, Uyghur and Latin names with their ordinary punctuation are fine.
    await open(officer, {
      party: { ...COMPANY, name: '天津（滨海）某·食品有限公司', representative: 'ئەخمەت Smith-王' },
    });
  });

  it('facts: unknown names, wrong types, enums, ranges, penalty kinds the matter does not allow', async () => {
    const res = await post({
      matter: MATTER,
      party: PERSON,
      facts: {
        unknownThing: 1,
        goodsValue: -5,
        harmConsequence: '很严重',
        firstViolation: 'yes',
        partyPriorPenalties12m: 1.5,
        proposedPenalties: ['detention'],
        state: 'closed',
      },
    });
    expect(res.status).toBe(422);
    const found = await problems(res);
    const paths = found.map((p) => p.path).sort();
    // The English message names the allowed values in English, with the Chinese value to enter.
    expect(found.find((p) => p.path === '/facts/harmConsequence')?.message.en).toContain(
      'must be one of None (无), Minor (轻微), Ordinary (一般), Serious (严重)',
    );
    expect(paths).toEqual(
      [
        '/facts/unknownThing',
        '/facts/goodsValue',
        '/facts/harmConsequence',
        '/facts/firstViolation',
        '/facts/partyPriorPenalties12m',
        '/facts/proposedPenalties',
        '/facts/state',
      ].sort(),
    );
    const proto = await officer.call(
      'POST',
      '/api/v1/cases',
      `{"matter":"${MATTER}","party":${JSON.stringify(PERSON)},"officers":${JSON.stringify(two())},"facts":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}}`,
      { 'content-type': 'application/json' },
    );
    expect(proto.status).toBe(422);
    expect((await problems(proto)).map((p) => p.path)).toEqual(['/facts/constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const day of ['2026-13-45', '2026-02-30', 'yesterday'])
      expect((await post({ matter: 'legal-litigation', party: PERSON, facts: { copyReceivedAt: day } })).status).toBe(
        422,
      );
    const unknownMatter = await post({ matter: 'no-such-matter', party: PERSON });
    expect(unknownMatter.status).toBe(422);
    const elsewhere = await post({ matter: MATTER, party: PERSON, officers: [id('stj.officer')] });
    expect(elsewhere.status).toBe(422);
    expect((await problems(elsewhere))[0]?.path).toBe('/officers/0');
  });

  it('SQL and script text is stored and returned as plain data', async () => {
    const evil = "'; DROP TABLE cases;--";
    const script = '<script>alert(1)</script>';
    const c = await open(officer, { party: { ...PERSON, name: evil, address: script, representative: script } });
    const detail = await json(await officer.get(`/api/v1/cases/${c.id}`));
    expect(detail.party.name).toBe(evil);
    expect(detail.party.address).toBe(script);
    expect(detail.party.representative).toBe(script);
    const list = await json(await officer.get(`/api/v1/cases?q=${encodeURIComponent(evil)}`));
    expect(list.items.map((i: Json) => i.id)).toEqual([c.id]);
    const wild = await json(await officer.get(`/api/v1/cases?q=${encodeURIComponent('%')}`));
    expect(wild.total).toBe(0);
    const [{ n }] = (await server.db.select({ n: sql<number>`count(*)` }).from(cases)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });

  it('control characters in a search are text: ?q=%00 matches nothing (not every case) and never fails', async () => {
    await open(officer);
    expect((await json(await officer.get('/api/v1/cases'))).total).toBeGreaterThan(0);
    for (const q of ['%00', '%E5%BC%A0%00', '%0A%00', '%1B%5B2J', '%E2%80%AE', '%7F']) {
      const res = await officer.get(`/api/v1/cases?q=${q}`);
      expect(res.status, q).toBe(200);
      expect((await json(res)).total, q).toBe(0);
    }
  });
});

describe('reading cases', () => {
  it('lists my cases with masked identifiers and the nearest deadline', async () => {
    const c = await open(officer);
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    expect((await act(agency, c.id, 'approve-filing')).status).toBe(200);
    const list = await json(await officer.get('/api/v1/cases?state=investigation'));
    const row = list.items.find((i: Json) => i.id === c.id);
    expect(row.party.idNumber).toBe('110105********002X');
    expect(row.party.phone).toBe('138****5678');
    expect(row.party.address).toBe('天津市滨海新****');
    expect(row.state).toMatchObject({ code: 'investigation', name: '调查取证' });
    expect(row.nearestDeadline).toMatchObject({ code: 'decide-within-90', daysLeft: 90, status: 'running' });
    expect(list.items.every((i: Json) => i.state.code === 'investigation')).toBe(true);
    const paged = await json(await officer.get('/api/v1/cases?page=1&pageSize=2'));
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);
    expect((await officer.get('/api/v1/cases?page=0')).status).toBe(422);
    expect((await officer.get('/api/v1/cases?pageSize=1000')).status).toBe(422);
  });

  it('shows the detail: actions allowed and refused with reasons, deadlines, documents, timeline', async () => {
    const c = await open(officer);
    const detail = await json(await officer.get(`/api/v1/cases/${c.id}`));
    expect(detail.number).toBe(c.number);
    expect(detail.matter.code).toBe(MATTER);
    expect(detail.matter.legalBasis.penalty[0].text).toContain('食品');
    expect(detail.party.idNumber).toBe('11010519491231002X');
    expect(detail.actions.allowed).toEqual([]);
    const approve = detail.actions.refused.find((a: Json) => a.action === 'approve-filing');
    const codes = approve.refusals.map((r: Json) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['role', 'documents']));
    const role = approve.refusals.find((r: Json) => r.code === 'role');
    expect(role.message.zh).toContain('行政机关负责人');
    expect(role.message.zh).not.toContain('agency-head');
    expect(role.message.en).toContain('requires one of the roles Head of the administrative agency');
    expect(role.params.required).toContain('agency-head');
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({ action: 'case.open', actor: { id: id('li.officer'), name: '李执法' } });
    expect(detail.documents).toEqual([]);
    expect(detail.reviews).toEqual([]);
    // The agency head may approve once the filing form is done (and says 同意立案, which rules out 不予立案);
    // the supervisor reads it masked and may do nothing.
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await json(await (await server.as('qian.agency')).get(`/api/v1/cases/${c.id}`));
    expect(agency.actions.allowed.map((a: Json) => a.action)).toEqual(['approve-filing', 'withdraw-filing']);
    expect(agency.actions.refused.find((a: Json) => a.action === 'reject-filing')).toMatchObject({
      reasonRequired: true,
      to: { code: 'not-filed', terminal: true },
      refusals: [{ code: 'document-field' }],
    });
    expect(agency.documents[0]).toMatchObject({ form: 'case-filing-approval', status: 'issued', version: 1 });
    const sup = await json(await (await server.as('wu.supervisor')).get(`/api/v1/cases/${c.id}`));
    expect(sup.party.idNumber).toBe('110105********002X');
    expect(sup.party.masked).toBe(true);
    expect(sup.actions.allowed).toEqual([]);
    const perm = sup.actions.refused[0].refusals.map((r: Json) => r.code);
    expect(perm).toContain('role');
    expect((await officer.get(`/api/v1/cases/${randomUUID()}`)).status).toBe(404);
  });
});

describe('facts', () => {
  it('records facts under optimistic concurrency, with before and after in the audit', async () => {
    const c = await open(officer, { facts: { goodsValue: 5000 } });
    const ok = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: 1,
      facts: { goodsValue: 12000, proposedFine: 120000, complex: true },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ version: 2, facts: { goodsValue: 12000, proposedFine: 120000 } });
    const stale = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, { version: 1, facts: { goodsValue: 1 } });
    expect(stale.status).toBe(409);
    const body = await json(stale);
    expect(body.error.code).toBe('conflict');
    expect(body.error.details.currentVersion).toBe(2);
    const cleared = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: 2,
      facts: { complex: null },
    });
    expect((await json(cleared)).facts.complex).toBeUndefined();
    const [row] = await server.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row?.facts.goodsValue).toBe(12000);
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.caseId, c.id));
    const first = events.find((e) => e.action === 'case.facts');
    expect(first?.before).toEqual({ goodsValue: 5000, proposedFine: null, complex: null });
    expect(first?.after).toEqual({ goodsValue: 12000, proposedFine: 120000, complex: true });
    const bad = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: 3,
      facts: { goodsValue: 'many' },
    });
    expect(bad.status).toBe(422);
    const noVersion = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, { facts: {} });
    expect(noVersion.status).toBe(422);
    const supervisor = await server.as('wu.supervisor');
    expect((await supervisor.call('PATCH', `/api/v1/cases/${c.id}/facts`, { version: 3, facts: {} })).status).toBe(403);
  });
});

describe('transitions', () => {
  it('refuses with the reasons, rejects unknown actions, missing reasons and stale versions', async () => {
    const c = await open(officer);
    const agency = await server.as('qian.agency');
    const refused = await act(agency, c.id, 'approve-filing');
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.error.code).toBe('transition-refused');
    const docs = body.error.details.refusals.find((r: Json) => r.code === 'documents');
    expect(docs.message.zh).toContain('立案');
    // The form by its name, never its code (#13); the code stays in the params.
    expect(docs.message.en).toContain('Case filing approval');
    expect(docs.message.en).not.toContain('case-filing-approval');
    expect(docs.params.documents.map((d: Json) => d.code)).toContain('case-filing-approval');
    const unknown = await act(agency, c.id, 'teleport');
    expect(unknown.status).toBe(422);
    expect((await problems(unknown))[0]?.path).toBe('/action');
    const noReason = await act(agency, c.id, 'reject-filing');
    expect(noReason.status).toBe(422);
    expect((await problems(noReason))[0]?.path).toBe('/reason');
    await server.issueDocuments(c.id, 'case-filing-approval');
    const stale = await agency.post(`/api/v1/cases/${c.id}/transitions`, { action: 'approve-filing', version: 7 });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.currentVersion).toBe(1);
    const byOfficer = await act(officer, c.id, 'approve-filing');
    expect(byOfficer.status).toBe(409);
    expect((await json(byOfficer)).error.details.refusals[0].code).toBe('role');
  });

  it('of two concurrent transitions with the same version, exactly one wins', async () => {
    const c = await open(officer);
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    const send = () => agency.post(`/api/v1/cases/${c.id}/transitions`, { action: 'approve-filing', version: 1 });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409) as Response;
    expect((await json(loser)).error.code).toBe('conflict');
    const [row] = await server.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row?.state).toBe('investigation');
    expect(row?.version).toBe(2);
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.caseId, c.id));
    expect(events.filter((e) => e.action === 'case.transition')).toHaveLength(1);
  });

  it('refuses an officer whose certificate has expired', async () => {
    const c = await open(officer);
    await server.db
      .update(cases)
      .set({ officers: [id('li.officer'), id('old.officer')] })
      .where(eq(cases.id, c.id));
    const expired = await server.as('old.officer');
    const res = await expired.post(`/api/v1/cases/${c.id}/transitions`, { action: 'approve-filing', version: 1 });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('certificate-invalid');
    const facts = await expired.call('PATCH', `/api/v1/cases/${c.id}/facts`, { version: 1, facts: { goodsValue: 1 } });
    expect(facts.status).toBe(403);
  });

  it('records a reason with someone’s ID number, phone number or address in it masked in the audit', async () => {
    const c = await open(officer);
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    expect((await act(agency, c.id, 'approve-filing')).status).toBe(200);
    const typed = ['130102199207153839', '13722223333', '天津市南开区鞍山道某某里5号楼2单元301室'];
    const reason = `举报人王某（身份证号${typed[0]}，电话${typed[1]}，住${typed[2]}）撤回举报，经核实无违法事实`;
    expect((await act(agency, c.id, 'withdraw-case', reason)).status).toBe(200);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, c.id), eq(auditEvents.action, 'case.transition')))
      .orderBy(sql`${auditEvents.seq} desc`)
      .limit(1);
    expect(event?.after).toMatchObject({
      state: 'withdrawn',
      reason: '举报人王某（身份证号130102********3839，电话137****3333，住天津市南开区****）撤回举报，经核实无违法事实',
    });
    // The event is the only record of the reason: the original is sealed beside the masked text,
    // so nothing of it is in the clear in the audit table, and nothing typed is lost.
    const rows = await server.db.$client.execute({
      sql: 'SELECT "after" FROM audit_events WHERE case_id = ?',
      args: [c.id],
    });
    for (const secret of typed) expect(JSON.stringify(rows.rows), secret).not.toContain(secret);
    // The officer, who sees the case's personal data, reads the reason as typed; the supervisor masked.
    const last = (body: Json) => body.timeline.filter((e: Json) => e.action === 'case.transition').at(-1).after;
    const mine = last(await json(await officer.get(`/api/v1/cases/${c.id}`)));
    expect(mine.reason).toBe(reason);
    expect(mine.sealedReason).toBeUndefined();
    const supervisor = await server.as('wu.supervisor');
    const theirs = last(await json(await supervisor.get(`/api/v1/cases/${c.id}`)));
    expect(theirs.reason).toBe(
      '举报人王某（身份证号130102********3839，电话137****3333，住天津市南开区****）撤回举报，经核实无违法事实',
    );
    expect(theirs.sealedReason).toBeUndefined();
  });

  it('closes a withdrawn case, which then takes no more facts', async () => {
    const c = await open(officer);
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    expect((await act(agency, c.id, 'approve-filing')).status).toBe(200);
    const withdrawn = await act(agency, c.id, 'withdraw-case', '当事人无违法事实');
    expect(withdrawn.status).toBe(200);
    const body = await json(withdrawn);
    expect(body.state).toMatchObject({ code: 'withdrawn', terminal: true });
    expect(body.closedAt).not.toBeNull();
    const detail = await json(await officer.get(`/api/v1/cases/${c.id}`));
    const last = detail.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'case.transition',
      after: { state: 'withdrawn', reason: '当事人无违法事实' },
    });
    const facts = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: detail.version,
      facts: { goodsValue: 1 },
    });
    expect(facts.status).toBe(409);
    expect((await json(facts)).error.code).toBe('case-closed');
  });

  it('withdraws a filing opened by mistake (撤销立案): the number stays recorded, with its reason, and is never reused', async () => {
    const c = await open(officer);
    const agency = await server.as('qian.agency');
    const noReason = await act(agency, c.id, 'withdraw-filing');
    expect(noReason.status).toBe(422);
    const res = await act(agency, c.id, 'withdraw-filing', '误选执法事项，重复立案');
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).state).toMatchObject({ code: 'filing-withdrawn', name: '撤销立案', terminal: true });
    const detail = await json(await officer.get(`/api/v1/cases/${c.id}`));
    expect(detail.number).toBe(c.number);
    expect(detail.closedAt).not.toBeNull();
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'case.transition',
      after: { state: 'filing-withdrawn', reason: '误选执法事项，重复立案' },
    });
    // Still listed under its number, and the next case takes the next number.
    const listed = await json(await officer.get(`/api/v1/cases?q=${encodeURIComponent(c.number)}`));
    expect(listed.items.map((i: Json) => i.state.code)).toEqual(['filing-withdrawn']);
    const next = await open(officer);
    expect(Number(next.number.slice(-5, -1))).toBeGreaterThan(Number(c.number.slice(-5, -1)));
  });

  it('refuses every write that belongs to a closed case — documents, corrections, evidence — and changes nothing', async () => {
    const c = await open(officer);
    await server.issueDocuments(c.id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    expect((await act(agency, c.id, 'approve-filing')).status).toBe(200);
    const created = await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'inquiry-record', data: {} });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = await json(created);
    const [issued] = await server.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.caseId, c.id), eq(documents.formCode, 'case-filing-approval')));
    expect((await act(agency, c.id, 'withdraw-case', '当事人无违法事实')).status).toBe(200);

    const tally = async () => ({
      documents: (await server.db.select({ n: count() }).from(documents).where(eq(documents.caseId, c.id)))[0]?.n,
      attachments: (await server.db.select({ n: count() }).from(attachments).where(eq(attachments.caseId, c.id)))[0]?.n,
      events: (await server.db.select({ n: count() }).from(auditEvents))[0]?.n,
      draft: (await server.db.select().from(documents).where(eq(documents.id, draft.id)))[0],
    });
    const before = await tally();
    const png = Buffer.alloc(256, 7);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    const writes: [string, Response][] = [
      ['new document', await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'advance-notice', data: {} })],
      ['edit draft', await officer.call('PUT', `/api/v1/documents/${draft.id}`, { data: draft.data })],
      ['issue draft', await officer.post(`/api/v1/documents/${draft.id}/issue`)],
      ['correct issued', await officer.post(`/api/v1/documents/${issued?.id}/correct`, { reason: '笔误' })],
      [
        'upload evidence',
        await server.app.request(`/api/v1/cases/${c.id}/attachments?filename=photo.png`, {
          method: 'POST',
          headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'image/png' },
          body: png,
        }),
      ],
      ['fine check', await officer.post(`/api/v1/cases/${c.id}/fine-check`, {})],
    ];
    for (const [what, res] of writes) {
      expect(res.status, `${what}: ${await res.clone().text()}`).toBe(409);
      expect((await json(res)).error.code, what).toBe('case-closed');
    }
    // The writes' own transactions refuse too, for a write that read the case before it closed.
    await expect(
      insertAttachment(
        server.db,
        {
          id: randomUUID(),
          caseId: c.id,
          sha256: '0'.repeat(64),
          size: 1,
          mime: 'image/png',
          filename: 'late.png',
          uploadedBy: id('li.officer'),
        },
        { actor: id('li.officer'), action: 'attachment.upload', caseId: c.id },
        new Date().toISOString(),
      ),
    ).rejects.toMatchObject({ code: 'case-closed' });
    expect(await tally()).toEqual(before);
  });

  it('keeps the audit chain whole', async () => {
    expect((await verifyChain(server.db)).ok).toBe(true);
  });
});
