import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedPack } from '@yifa/metamodel';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';
import { canonicalJson } from '../canonical.ts';
import { auditEvents, documents } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { localDate } from '../time.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Problem {
  path: string;
  field: string;
  code: string;
  message: { zh: string; en: string };
}
interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; details?: { problems?: Problem[]; missing?: string[] } };
}
interface Doc {
  id: string;
  caseId: string;
  version: number;
  status: 'draft' | 'issued';
  number: string | null;
  data: Record<string, unknown>;
  personalData: 'full' | 'masked';
  fields: Record<string, { visible: boolean; required: boolean; readOnly: boolean }>;
  missing: Problem[];
  problems: Problem[];
  formHash: string;
  hash: string | null;
  intact: boolean;
  supersedes: string | null;
  updatedAt: string;
  issuedAt: string | null;
  print: { partyName?: string; caseNumber?: string; date: string; citations?: Record<string, string> };
}

let server: Server;
let pack: ResolvedPack;
let officer: Client;
/** The agency head, who issues (签发) the 行政处罚决定书 (penalty-decision issuedBy). */
let head: Client;
let officerId: string;
const ids: Record<string, string> = {};
const YEAR = localDate(new Date()).slice(0, 4);
const sm3 = (text: string) => createHash('sm3').update(text).digest('hex');
const PARTY_ID = '91120116MA05JXQ21D';

/** Everything a 罚款 penalty decision needs that the case does not pre-fill. */
const COMPLETE = {
  investigationCourse: '2026年3月1日，执法人员对当事人经营场所进行检查，发现其未取得食品经营许可从事食品销售。',
  facts: '当事人自2026年1月起未取得食品经营许可销售预包装食品。',
  evidence: [
    { name: '现场检查笔录', proves: '当事人经营场所及经营情况' },
    { name: '询问笔录', proves: '当事人未取得许可从事经营的事实' },
  ],
  discretionExplanation: '当事人初次违法，积极配合调查，适用一般阶次，在法定幅度内从轻处罚。',
  penalties: ['罚款'],
  reconsiderationOrgan: '天津市滨海新区人民政府',
  court: '天津市滨海新区人民法院',
};

async function newCase(
  facts: Record<string, unknown> = { proposedFine: 50000 },
  createdBy = officerId,
  state?: string,
) {
  return insertTestCase(server.db, { packHash: server.packHash, createdBy, facts, ...(state ? { state } : {}) });
}

async function create(client: Client, caseId: string, body: unknown) {
  return client.call('POST', `/api/v1/cases/${caseId}/documents`, body);
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startTestServer();
  pack = await server.services.packs.byHash(server.packHash);
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  ids.li = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  officerId = ids.li;
  ids.wang = (await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  ids.zhao = (await server.user({ username: 'zhao.other', orgCode: '120116-STJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'qian.reviewer', orgCode: '120116-STJ', roles: ['legal-reviewer'] });
  await server.user({ username: 'sun.reviewer', orgCode: '120116-SCJ', roles: ['legal-reviewer'] });
  await server.user({ username: 'zhou.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  ids.expired = (
    await server.user({
      username: 'expired.officer',
      orgCode: '120116-SCJ',
      roles: ['officer'],
      certificateNo: '12011620190009',
      certificateValidUntil: '2020-12-31',
    })
  ).id;
  officer = await server.as('li.officer');
  head = await server.as('qian.head');
});

describe('creating a draft', () => {
  it('lists what the matter lacks, then pre-fills a draft from the case', async () => {
    const c = await newCase();
    const before = await json<{ documents: unknown[]; lacking: { form: string; formName: string }[] }>(
      await officer.get(`/api/v1/cases/${c.id}/documents`),
    );
    expect(before.documents).toEqual([]);
    expect(before.lacking.map((l) => l.form)).toContain('penalty-decision');
    expect(before.lacking.find((l) => l.form === 'penalty-decision')?.formName).toBe('行政处罚决定书');

    const res = await create(officer, c.id, { form: 'penalty-decision', data: { penalties: ['罚款'] } });
    expect(res.status).toBe(201);
    const doc = await json<Doc>(res);
    expect(doc).toMatchObject({ version: 1, status: 'draft', number: null, personalData: 'full', supersedes: null });
    expect(doc.data).toMatchObject({
      partyName: '天津某某餐饮有限公司',
      partyIdNumber: PARTY_ID,
      partyRepresentative: '张某某',
      partyAddress: '天津市滨海新区新港街道某某路18号',
      orgName: '天津市滨海新区市场监督管理局',
      violatedBasis: ['SPAQF-35-1'],
      penaltyBasis: ['SPAQF-122-1'],
      decidedAt: localDate(new Date()),
      fine: 50000,
      totalAmount: 50000,
      hearingHeld: false,
      statementAdoption: '当事人在规定期限内未提出陈述、申辩意见。',
    });
    expect(doc.data.discretionExplanation).toBeUndefined();
    expect(doc.formHash).toBe(sm3(canonicalJson(pack.items.document.get('penalty-decision'))));
    expect(doc.fields.orgName?.readOnly).toBe(true);
    expect(doc.fields.fine).toMatchObject({ visible: true, required: true });
    expect(doc.missing.map((m) => m.field)).toEqual(
      expect.arrayContaining(['investigationCourse', 'facts', 'evidence', 'discretionExplanation']),
    );
    expect(doc.missing[0]?.message.zh).toMatch(/必填/);

    const after = await json<{ documents: { form: string; version: number; status: string }[]; lacking: unknown[] }>(
      await officer.get(`/api/v1/cases/${c.id}/documents`),
    );
    expect(after.documents).toMatchObject([{ form: 'penalty-decision', version: 1, status: 'draft' }]);
    expect(after.lacking).not.toContainEqual(expect.objectContaining({ form: 'penalty-decision' }));

    // The audit log records the creation, without the party's identifier in full.
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.create'), eq(auditEvents.target, doc.id)));
    expect(event?.caseId).toBe(c.id);
    expect(JSON.stringify(event?.after)).not.toContain(PARTY_ID);
    expect(JSON.stringify(event?.after)).toContain('911201********Q21D');
  });

  it('pre-fills the case number, the cause, the officers and the discretion panel result', async () => {
    // In 立案审批, the step the 立案审批表 belongs to (editableIn).
    const c = await newCase({ proposedFine: 8000, discretionExplanation: '适用从轻阶次。' }, officerId, 'filing');
    const filing = await json<Doc>(await create(officer, c.id, { form: 'case-filing-approval' }));
    expect(filing.data).toMatchObject({
      caseNumber: c.number,
      cause: '未取得食品生产经营许可从事食品生产经营活动',
      officers: 'li.officer（12011620260001）',
      partyPhone: '13812345678',
      officerOpinion: '建议立案调查。',
    });
    const decision = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision' }));
    expect(decision.data.discretionExplanation).toBe('适用从轻阶次。');
    // 罚款 is not chosen yet, so the fine field is hidden and not stored.
    expect(decision.data.fine).toBeUndefined();
    expect(decision.fields.fine?.visible).toBe(false);
  });

  it('refuses a second first version, a form the matter does not use, and bad data', async () => {
    const c = await newCase(undefined, officerId, 'filing');
    expect((await create(officer, c.id, { form: 'penalty-decision' })).status).toBe(201);
    const again = await create(officer, c.id, { form: 'penalty-decision' });
    expect(again.status).toBe(409);
    expect((await json<ErrorBody>(again)).error.code).toBe('document-exists');

    const foreign = await create(officer, c.id, { form: 'reconsideration-decision' });
    expect(foreign.status).toBe(422);
    const fb = await json<ErrorBody>(foreign);
    expect(fb.error.details?.problems?.[0]).toMatchObject({ path: '/form', field: 'form' });
    expect(fb.error.details?.problems?.[0]?.message.zh).toContain('reconsideration-decision');

    const wrong = await create(officer, c.id, { form: 'case-filing-approval', data: { discoveredAt: 'yesterday' } });
    expect(wrong.status).toBe(422);
    const wb = await json<ErrorBody>(wrong);
    expect(wb.error.code).toBe('validation');
    expect(wb.error.details?.problems?.[0]).toMatchObject({ field: 'discoveredAt', path: '/discoveredAt' });
    expect(wb.error.details?.problems?.[0]?.message.zh).toMatch(/发现日期/);
    expect(wb.error.details?.problems?.[0]?.message.en).toMatch(/discoveredAt/);

    const unknownField = await create(officer, c.id, { form: 'inquiry-record', data: { isAdmin: true } });
    expect(unknownField.status).toBe(422);
    expect((await json<ErrorBody>(unknownField)).error.details?.problems?.[0]?.field).toBe('isAdmin');
  });

  it('answers malformed and mistyped requests with clear 4xx errors', async () => {
    const c = await newCase();
    const malformed = await officer.call('POST', `/api/v1/cases/${c.id}/documents`, '{"form": ');
    expect(malformed.status).toBe(400);
    expect((await json<ErrorBody>(malformed)).error.code).toBe('invalid-json');

    const cases: [unknown, string][] = [
      [{ form: 42 }, '/form'],
      [{ form: 'inquiry-record', data: 'all of it' }, '/data'],
      [{ form: 'inquiry-record', data: ['x'] }, '/data'],
      [{ form: 'inquiry-record', admin: true }, '/'],
      [{ form: 'inquiry-record', data: { __proto__x: 1 } }, '/data/__proto__x'],
      [{}, '/form'],
    ];
    for (const [body, path] of cases) {
      const res = await create(officer, c.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const b = await json<ErrorBody>(res);
      expect(b.error.details?.problems?.[0]?.path).toBe(path);
      expect(b.error.details?.problems?.[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const proto = await officer.call(
      'POST',
      `/api/v1/cases/${c.id}/documents`,
      '{"form":"inquiry-record","data":{"__proto__":{"polluted":true}}}',
    );
    // zod drops a `__proto__` key: the document is created without it, and no prototype is touched.
    expect(proto.status).toBe(201);
    expect(JSON.stringify((await json<Doc>(proto)).data)).not.toContain('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const noType = await server.app.request(`/api/v1/cases/${c.id}/documents`, {
      method: 'POST',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'text/plain' },
      body: 'form=penalty-decision',
    });
    expect(noType.status).toBe(415);
    expect((await json<ErrorBody>(noType)).error.code).toBe('unsupported-media');
    expect((await officer.get('/api/v1/cases/no-such-case/documents')).status).toBe(404);
  });

  it('refuses an officer whose certificate has expired', async () => {
    const c = await newCase({}, ids.expired);
    const expired = await server.as('expired.officer');
    const res = await create(expired, c.id, { form: 'penalty-decision' });
    expect(res.status).toBe(403);
    expect((await json<ErrorBody>(res)).error.code).toBe('certificate-invalid');
  });
});

describe('editing and issuing', () => {
  it('stores script and SQL text as plain data and prints it escaped', async () => {
    const c = await newCase();
    const hostile = `<script>alert("x")</script>'; DROP TABLE documents; --`;
    const doc = await json<Doc>(
      await create(officer, c.id, { form: 'penalty-decision', data: { ...COMPLETE, facts: hostile } }),
    );
    expect(doc.data.facts).toBe(hostile);
    const read = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(read.data.facts).toBe(hostile);
    const html = await (await officer.get(`/api/v1/documents/${doc.id}/print`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;; DROP TABLE documents; --');
    expect((await server.db.select().from(documents)).length).toBeGreaterThan(0);
  });

  it('edits a draft, with an optimistic check and read-only fields kept', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const put = (body: unknown) => officer.call('PUT', `/api/v1/documents/${doc.id}`, body);

    const edited = await put({ data: { ...doc.data, court: '天津市第三中级人民法院' }, updatedAt: doc.updatedAt });
    expect(edited.status).toBe(200);
    const e = await json<Doc>(edited);
    expect(e.data.court).toBe('天津市第三中级人民法院');
    expect(e.updatedAt > doc.updatedAt).toBe(true);

    const stale = await put({ data: doc.data, updatedAt: doc.updatedAt });
    expect(stale.status).toBe(409);
    expect((await json<ErrorBody>(stale)).error.code).toBe('conflict');

    const readOnly = await put({ data: { ...e.data, orgName: '某某公司' } });
    expect(readOnly.status).toBe(422);
    expect((await json<ErrorBody>(readOnly)).error.details?.problems?.[0]).toMatchObject({
      field: 'orgName',
      code: 'read-only',
    });
    const { orgName: _omitted, ...withoutOrg } = e.data;
    const kept = await json<Doc>(await put({ data: withoutOrg }));
    expect(kept.data.orgName).toBe('天津市滨海新区市场监督管理局');

    const wrongType = await put({ data: { ...e.data, fine: '五万元' } });
    expect(wrongType.status).toBe(422);
    expect((await json<ErrorBody>(wrongType)).error.details?.problems?.[0]?.field).toBe('fine');
    expect((await put({ data: e.data, extra: 1 })).status).toBe(422);
    expect((await put({ updatedAt: 5 })).status).toBe(422);
    expect((await officer.call('PUT', `/api/v1/documents/${doc.id}`, '{"data": {')).status).toBe(400);

    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.update'), eq(auditEvents.target, doc.id)));
    expect(event?.before).toMatchObject({ data: { court: '天津市滨海新区人民法院' } });
    expect(event?.after).toMatchObject({ data: { court: '天津市第三中级人民法院' } });
  });

  it('records personal data typed into free text in the audit log masked only', async () => {
    // An ID number with a valid check digit, a mobile number and an address, typed into 检查情况.
    const typed = ['130102199207153839', '13722223333', '天津市南开区鞍山道某某里5号楼2单元301室'];
    const findings = `现场负责人张某，身份证号${typed[0]}，电话${typed[1]}，住${typed[2]}。`;
    const masked = '现场负责人张某，身份证号130102********3839，电话137****3333，住天津市南开区****。';
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'on-site-inspection-record', data: { findings } }));
    expect(doc.data.findings).toBe(findings);
    const later = `${findings}另查明：当事人未取得许可。`;
    const edited = await officer.call('PUT', `/api/v1/documents/${doc.id}`, { data: { ...doc.data, findings: later } });
    expect(edited.status).toBe(200);

    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.target, doc.id));
    expect(events.map((e) => e.action)).toEqual(['document.create', 'document.update']);
    const [created, updated] = events;
    expect(created?.after).toMatchObject({ data: { findings: masked } });
    expect(updated?.before).toMatchObject({ data: { findings: masked } });
    expect(updated?.after).toMatchObject({ data: { findings: `${masked}另查明：当事人未取得许可。` } });
    for (const secret of typed) expect(JSON.stringify(events), secret).not.toContain(secret);
  });

  it('refuses to issue with required fields empty, listing them in zh and en', async () => {
    const c = await newCase();
    const doc = await json<Doc>(
      await create(officer, c.id, { form: 'penalty-decision', data: { penalties: ['罚款'] } }),
    );
    const res = await head.post(`/api/v1/documents/${doc.id}/issue`);
    expect(res.status).toBe(422);
    const b = await json<ErrorBody>(res);
    expect(b.error.code).toBe('validation');
    expect(b.error.details?.missing).toEqual(
      expect.arrayContaining(['investigationCourse', 'facts', 'evidence', 'discretionExplanation', 'court']),
    );
    expect(b.error.message.zh).toContain('违法事实：必填');
    expect(b.error.message.en).toContain('facts: required');
    const still = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(still.status).toBe('draft');
  });

  it('issues once: numbered, hashed, immutable, recorded', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    expect(doc.missing).toEqual([]);
    const res = await head.post(`/api/v1/documents/${doc.id}/issue`);
    expect(res.status).toBe(200);
    const issued = await json<Doc>(res);
    expect(issued.status).toBe('issued');
    expect(issued.number).toMatch(new RegExp(`^津滨市监罚〔${YEAR}〕\\d{4}号$`));
    expect(issued.intact).toBe(true);
    expect(issued.hash).toBe(
      sm3(
        canonicalJson({
          form: 'penalty-decision',
          version: 1,
          number: issued.number,
          data: issued.data,
          formHash: issued.formHash,
          issuedAt: issued.issuedAt,
          print: issued.print,
        }),
      ),
    );
    expect(issued.print).toMatchObject({ partyName: '天津某某餐饮有限公司', caseNumber: c.number });

    const twice = await head.post(`/api/v1/documents/${doc.id}/issue`);
    expect(twice.status).toBe(409);
    expect((await json<ErrorBody>(twice)).error.code).toBe('document-issued');
    const edit = await officer.call('PUT', `/api/v1/documents/${doc.id}`, { data: { ...issued.data, court: 'x' } });
    expect(edit.status).toBe(409);
    expect((await json<ErrorBody>(edit)).error.code).toBe('document-issued');
    const again = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(again.data).toEqual(issued.data);
    expect(again.hash).toBe(issued.hash);

    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.issue'), eq(auditEvents.target, doc.id)));
    expect(event?.after).toMatchObject({ number: issued.number, hash: issued.hash });
    expect((await verifyChain(server.db)).ok).toBe(true);
  });

  it('is issued (签发) and numbered by the agency head, never by the officer who drafted it', async () => {
    const c = await newCase();
    type Issuing = Doc & { mayIssue: boolean; issuers: { roles: string[]; names: { zh: string; en: string } } | null };
    const doc = await json<Issuing>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    expect(doc.missing).toEqual([]);
    // The officer's view says who issues it, and that the officer does not.
    expect(doc).toMatchObject({
      mayIssue: false,
      issuers: { roles: ['agency-head'], names: { zh: '行政机关负责人', en: 'Head of the administrative agency' } },
    });
    const refused = await officer.post(`/api/v1/documents/${doc.id}/issue`);
    expect(refused.status).toBe(403);
    const body = await json<ErrorBody & { error: { details: { form: string; issuedBy: string[] } } }>(refused);
    expect(body.error.code).toBe('document-issuer');
    expect(body.error.details).toMatchObject({ form: 'penalty-decision', issuedBy: ['agency-head'] });
    expect(body.error.message.zh).toBe('行政处罚决定书由行政机关负责人签发（出具），您不能出具');
    expect(body.error.message.en).toContain('Head of the administrative agency');
    // Nothing numbered, nothing recorded.
    const still = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(still).toMatchObject({ status: 'draft', number: null });
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.issue'), eq(auditEvents.target, doc.id)));
    expect(events).toEqual([]);

    const seen = await json<Issuing>(await head.get(`/api/v1/documents/${doc.id}`));
    expect(seen.mayIssue).toBe(true);
    const issued = await json<Doc>(await head.post(`/api/v1/documents/${doc.id}/issue`));
    expect(issued.status).toBe('issued');
    expect(issued.number).toMatch(new RegExp(`^津滨市监罚〔${YEAR}〕\\d{4}号$`));
    // A form the pack leaves to the officers (the 立案审批表, below) names no issuer.
    const filing = await newCase(undefined, officerId, 'filing');
    const form = await json<Issuing>(await create(officer, filing.id, { form: 'case-filing-approval', data: {} }));
    expect(form).toMatchObject({ mayIssue: true, issuers: null });
  });

  it('dates and numbers by the legal date in China, not the UTC date', async () => {
    // 2026-12-31 17:30 UTC is 2027-01-01 01:30 in Beijing.
    server.setClock(() => new Date('2026-12-31T17:30:00.000Z'));
    try {
      const late = await server.as('li.officer');
      const c = await newCase();
      const doc = await json<Doc>(await create(late, c.id, { form: 'penalty-decision', data: COMPLETE }));
      expect(doc.data.decidedAt).toBe('2027-01-01');
      const lateHead = await server.as('qian.head');
      const issued = await json<Doc>(await lateHead.post(`/api/v1/documents/${doc.id}/issue`));
      expect(issued.number).toMatch(/^津滨市监罚〔2027〕\d{4}号$/);
      expect(await (await late.get(`/api/v1/documents/${doc.id}/print`)).text()).toContain('2027年1月1日');
    } finally {
      server.setClock(() => new Date());
    }
  });

  it('issues a draft once when two requests race for it', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const [a, b] = await Promise.all([
      head.post(`/api/v1/documents/${doc.id}/issue`),
      head.post(`/api/v1/documents/${doc.id}/issue`),
    ]);
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.issue'), eq(auditEvents.target, doc.id)));
    expect(events).toHaveLength(1);
  });

  it("numbers with the issuing organisation's own pattern where it has one (a different word before 罚)", async () => {
    const cert = { certificateNo: '12011620260077', certificateValidUntil: '2099-12-31' };
    const { id: createdBy } = await server.user({
      username: 'xu.fire',
      orgCode: '120116-XFZD',
      roles: ['officer'],
      ...cert,
    });
    const fire = await server.as('xu.fire');
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy,
      subjectOrg: '120116-XFZD',
      matterCode: '120116-XF-CF-0001-01',
      facts: { proposedFine: 50000 },
    });
    const doc = await json<Doc>(await create(fire, c.id, { form: 'penalty-decision', data: COMPLETE }));
    // The decision is the head's to issue (签发), the fire brigade's own head.
    await server.user({ username: 'xu.fire.head', orgCode: '120116-XFZD', roles: ['agency-head'] });
    const fireHead = await server.as('xu.fire.head');
    const issued = await json<Doc>(await fireHead.post(`/api/v1/documents/${doc.id}/issue`));
    // packs/tj-binhai/organisations/120116-XFZD.yaml: numbering.penalty-decision; the market regulator keeps the form's 罚.
    expect(issued.number).toMatch(new RegExp(`^津滨消行罚决字〔${YEAR}〕\\d{4}号$`));
  });

  it('issues a form without a numbering pattern without a number', async () => {
    const c = await newCase(undefined, officerId, 'filing');
    const draft = await json<Doc>(
      await create(officer, c.id, {
        form: 'case-filing-approval',
        data: {
          caseSource: '投诉举报',
          sourceDetail: '举报登记号 2026-0227-001',
          discoveredAt: '2026-02-27',
          caseSummary: '接群众举报，当事人涉嫌无证经营。',
          officerSignature: 'li.officer',
        },
      }),
    );
    // The agency head fills their own part of the 立案审批表 (sections).
    const data = { ...draft.data, agencyDecision: '同意立案', agencySignature: '局长' };
    const doc = await json<Doc>(
      await head.call('PUT', `/api/v1/documents/${draft.id}`, { data, updatedAt: draft.updatedAt }),
    );
    const issued = await json<Doc>(await officer.post(`/api/v1/documents/${doc.id}/issue`));
    expect(issued).toMatchObject({ status: 'issued', number: null, intact: true });
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('corrects an issued document with a new draft version that supersedes it, for a reason it records', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const correct = (id: string, body: unknown) => officer.post(`/api/v1/documents/${id}/correct`, body);
    const reason = '罚款金额计算有误，当事人联系电话13812345678核对后更正';
    const draftCorrect = await correct(doc.id, { reason });
    expect(draftCorrect.status).toBe(409);
    expect((await json<ErrorBody>(draftCorrect)).error.code).toBe('document-draft');

    const issued = await json<Doc>(await head.post(`/api/v1/documents/${doc.id}/issue`));
    // No reason, an empty one or one over 500 characters: refused, and no version is created.
    for (const bad of [{}, { reason: '' }, { reason: '   ' }, { reason: '理'.repeat(501) }]) {
      const refused = await correct(doc.id, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(422);
      const problems = (await json<ErrorBody>(refused)).error.details?.problems ?? [];
      expect(problems.map((p) => p.path)).toContain('/reason');
    }
    expect((await server.db.select().from(documents).where(eq(documents.caseId, c.id))).map((d) => d.version)).toEqual([
      1,
    ]);

    const res = await correct(doc.id, { reason });
    expect(res.status).toBe(201);
    const v2 = await json<Doc & { correctionReason: string | null }>(res);
    expect(v2).toMatchObject({ version: 2, status: 'draft', number: null, supersedes: doc.id, data: issued.data });
    expect(v2.correctionReason).toBe(reason);
    // At rest the phone number in the reason is masked, the typed text sealed beside it.
    const [row] = await server.db.select().from(documents).where(eq(documents.id, v2.id));
    expect(row?.correctionReason).toBe('罚款金额计算有误，当事人联系电话138****5678核对后更正');
    expect(row?.sealedCorrectionReason).toMatch(/\S/);
    expect(row?.sealedCorrectionReason).not.toContain('13812345678');
    // The audit event records it masked; the case's timeline shows it to the officer as typed.
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.correct'), eq(auditEvents.target, v2.id)));
    expect(event?.after).toMatchObject({ reason: '罚款金额计算有误，当事人联系电话138****5678核对后更正' });
    expect(JSON.stringify(event)).not.toContain('13812345678');
    const detail = await json<{ timeline: { action: string; after?: { reason?: string } }[] }>(
      await officer.get(`/api/v1/cases/${c.id}`),
    );
    expect(detail.timeline.find((e) => e.action === 'document.correct')?.after?.reason).toBe(reason);
    const supervisor = await server.as('zhou.supervisor');
    expect(
      (await json<Doc & { correctionReason: string }>(await supervisor.get(`/api/v1/documents/${v2.id}`)))
        .correctionReason,
    ).toBe('罚款金额计算有误，当事人联系电话138****5678核对后更正');

    const again = await correct(doc.id, { reason });
    expect(again.status).toBe(409);
    expect((await json<ErrorBody>(again)).error.code).toBe('document-exists');

    const fixed = await json<Doc>(
      await officer.call('PUT', `/api/v1/documents/${v2.id}`, { data: { ...v2.data, fine: 40000 } }),
    );
    expect(fixed.data.totalAmount).toBe(40000);
    const v2issued = await json<Doc>(await head.post(`/api/v1/documents/${v2.id}/issue`));
    expect(v2issued.number).not.toBe(issued.number);
    const v1 = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(v1).toMatchObject({ status: 'issued', number: issued.number, hash: issued.hash, intact: true });
    expect(v1.data.fine).toBe(50000);

    const list = await json<{ documents: { version: number; status: string; supersedes: string | null }[] }>(
      await officer.get(`/api/v1/cases/${c.id}/documents`),
    );
    expect(list.documents.map((d) => [d.version, d.status, d.supersedes])).toEqual([
      [1, 'issued', null],
      [2, 'issued', doc.id],
    ]);
  });

  it('gives 20 documents issued at once 20 consecutive numbers', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await newCase();
      drafts.push((await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }))).id);
    }
    const results = await Promise.all(drafts.map((id) => head.post(`/api/v1/documents/${id}/issue`)));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = await Promise.all(results.map(async (r) => (await json<Doc>(r)).number as string));
    expect(new Set(numbers).size).toBe(20);
    const seqs = numbers.map((n) => Number(/(\d{4})号$/.exec(n)?.[1])).sort((a, b) => a - b);
    const first = seqs[0] as number;
    expect(seqs).toEqual(seqs.map((_, i) => first + i));
    const rows = await server.db.select({ number: documents.number }).from(documents);
    const all = rows.map((r) => r.number).filter((n) => n !== null);
    expect(new Set(all).size).toBe(all.length);
    expect((await verifyChain(server.db)).ok).toBe(true);
  });
});

describe('printing', () => {
  it('prints an issued document as the same A4 HTML every time, and as a searchable PDF', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const draftHtml = await (await officer.get(`/api/v1/documents/${doc.id}/print`)).text();
    expect(draftHtml).toContain('（未编号）');
    const issued = await json<Doc>(await head.post(`/api/v1/documents/${doc.id}/issue`));

    const res = await officer.get(`/api/v1/documents/${doc.id}/print`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    const html = await res.text();
    for (const text of [
      issued.number as string,
      '天津市滨海新区市场监督管理局',
      '行政处罚决定书',
      '天津某某餐饮有限公司',
      PARTY_ID,
      '《中华人民共和国食品安全法》第一百二十二条第一款',
    ])
      expect(html).toContain(text);

    // Years later (the clock moves on) the same bytes come back.
    server.setClock(() => new Date(Date.now() + 3 * 365 * 86_400_000));
    try {
      const later = await (await (await server.as('li.officer')).get(`/api/v1/documents/${doc.id}/print`)).text();
      expect(later).toBe(html);
    } finally {
      server.setClock(() => new Date());
    }

    const pdf = await officer.get(`/api/v1/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const disposition = pdf.headers.get('content-disposition') ?? '';
    expect(disposition).toContain('filename="penalty-decision-v1.pdf"');
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(`行政处罚决定书-${issued.number}.pdf`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'yifa-doc-')), 'd.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(issued.number as string);
    expect(text).toContain('天津某某餐饮有限公司');
    // A second PDF says the same (its bytes differ only by pdfmake's creation date).
    writeFileSync(file, Buffer.from(await (await officer.get(`/api/v1/documents/${doc.id}/pdf`)).arrayBuffer()));
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toBe(text);
  });

  it('serves a print page under a policy that runs no script and applies only its own stylesheet', async () => {
    const c = await newCase();
    const doc = await json<Doc>(
      await create(officer, c.id, {
        form: 'penalty-decision',
        data: { ...COMPLETE, facts: '<script>alert(1)</script>' },
      }),
    );
    const res = await officer.get(`/api/v1/documents/${doc.id}/print`);
    expect(res.status).toBe(200);
    const policy = new Map(
      (res.headers.get('content-security-policy') ?? '').split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    // The app shows an issued document's print page in a frame of its own origin.
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      (m) =>
        `'sha256-${createHash('sha256')
          .update(m[1] as string)
          .digest('base64')}'`,
    );
    expect(styles).toHaveLength(1);
    expect(policy.get('style-src')).toEqual(styles);
  });

  it('refuses to reprint an issued document whose stored data was altered', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const issued = await json<Doc>(await head.post(`/api/v1/documents/${doc.id}/issue`));
    await server.db
      .update(documents)
      .set({ data: { ...issued.data, fine: 1 } })
      .where(eq(documents.id, doc.id));
    const res = await officer.get(`/api/v1/documents/${doc.id}/print`);
    expect(res.status).toBe(409);
    expect((await json<ErrorBody>(res)).error.code).toBe('document-altered');
    expect((await officer.get(`/api/v1/documents/${doc.id}/pdf`)).status).toBe(409);
    expect((await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`))).intact).toBe(false);
  });
});

describe('API description', () => {
  it('describes the document and attachment routes in the OpenAPI document', async () => {
    const res = await server.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths);
    for (const p of [
      '/api/v1/cases/{id}/documents',
      '/api/v1/documents/{id}',
      '/api/v1/documents/{id}/issue',
      '/api/v1/documents/{id}/correct',
      '/api/v1/documents/{id}/print',
      '/api/v1/documents/{id}/pdf',
      '/api/v1/cases/{id}/attachments',
      '/api/v1/attachments/{id}',
    ])
      expect(paths).toContain(p);
  });
});

describe('scope', () => {
  it('hides documents from officers and reviewers who may not see the case (404), and masks personal data', async () => {
    const c = await newCase();
    const doc = await json<Doc>(await create(officer, c.id, { form: 'penalty-decision', data: COMPLETE }));
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/v1/cases/${c.id}/documents`],
      ['POST', `/api/v1/cases/${c.id}/documents`, { form: 'inquiry-record' }],
      ['GET', `/api/v1/documents/${doc.id}`],
      ['PUT', `/api/v1/documents/${doc.id}`, { data: doc.data }],
      ['POST', `/api/v1/documents/${doc.id}/issue`, {}],
      ['POST', `/api/v1/documents/${doc.id}/correct`, { reason: '更正' }],
      ['GET', `/api/v1/documents/${doc.id}/print`],
      ['GET', `/api/v1/documents/${doc.id}/pdf`],
    ];
    for (const username of ['zhao.other', 'qian.reviewer', 'wang.officer']) {
      const other = await server.as(username);
      for (const [method, path, body] of paths) {
        const res = await other.call(method, path, body);
        const expected = username === 'qian.reviewer' && path.endsWith('/issue') ? 403 : 404;
        expect(res.status, `${username} ${method} ${path}`).toBe(expected);
      }
    }
    const stillDraft = await json<Doc>(await officer.get(`/api/v1/documents/${doc.id}`));
    expect(stillDraft.status).toBe('draft');

    // A reviewer of the same subject reads it in full; a supervisor reads it masked and cannot edit.
    const reviewer = await server.as('sun.reviewer');
    expect((await json<Doc>(await reviewer.get(`/api/v1/documents/${doc.id}`))).data.partyIdNumber).toBe(PARTY_ID);
    const supervisor = await server.as('zhou.supervisor');
    const seen = await json<Doc>(await supervisor.get(`/api/v1/documents/${doc.id}`));
    expect(seen.personalData).toBe('masked');
    expect(seen.data.partyIdNumber).toBe('911201********Q21D');
    expect(seen.data.partyAddress).toBe('天津市滨海新****');
    const html = await (await supervisor.get(`/api/v1/documents/${doc.id}/print`)).text();
    expect(html).not.toContain(PARTY_ID);
    const edit = await supervisor.call('PUT', `/api/v1/documents/${doc.id}`, { data: doc.data });
    expect(edit.status).toBe(403);
    expect((await json<ErrorBody>(edit)).error.code).toBe('forbidden');
  });
});
