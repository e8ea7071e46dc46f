import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { runPass } from '../alerts/scheduler.ts';
import { auditEvents, cases, disclosures, documents, type StoredPrintContext } from '../db/schema.ts';
import { PUBLIC_PAGE_SIZE } from './public.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let head: Client;
let otherHead: Client;
let officers: string[];

const PERSON = {
  kind: 'person',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '天津市滨海新区某某路88号',
};
const COMPANY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' };
const SCRIPTED = { kind: 'organisation', name: '<script>alert("x")</script>某商行', idNumber: '91350100M000100Y43' };
const LITIGATION = {
  matter: 'legal-litigation',
  party: COMPANY,
  facts: {
    court: '天津市滨海新区人民法院',
    plaintiff: '天津某食品有限公司',
    copyReceivedAt: '2026-03-02',
    actType: '行政处罚',
  },
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
let seq = 100;

/**
 * A penalty case whose 决定书 is issued, left in 送达 as the transitions would leave it: the state
 * under test, written into the tables (the walk there is other tests' business).
 */
async function decided(party: object, o: { decidedDaysAgo?: number; issue?: boolean } = {}): Promise<Json> {
  const res = await officer.post('/api/v1/cases', { matter: FOOD_MATTER, party, officers });
  expect(res.status, await res.clone().text()).toBe(201);
  const c = (await res.json()) as Json;
  const at = daysAgo(o.decidedDaysAgo ?? 1);
  await server.db
    .update(cases)
    .set({ state: 'service', stateEntered: { filing: daysAgo(60), decision: at, service: at } })
    .where(eq(cases.id, c.id));
  if (o.issue !== false) await issue(c.id, 1, 70000, at);
  return c;
}

/** An issued 行政处罚决定书 (version n), as the document routes leave one. */
async function issue(caseId: string, version: number, fine: number, at = new Date().toISOString()) {
  seq += 1;
  await server.db.insert(documents).values({
    id: randomUUID(),
    caseId,
    formCode: 'penalty-decision',
    version,
    status: 'issued',
    number: `津滨市监罚〔2026〕${seq}号`,
    data: {
      facts: '当事人无证经营。',
      penalties: ['罚款'],
      fine,
      penaltyBasis: ['SPAQF-122-1'],
      orgName: '天津市滨海新区市场监督管理局',
      decidedAt: at.slice(0, 10),
    },
    formHash: 'test',
    createdBy: 'test',
    issuedAt: at,
    printContext: {
      citations: { 'SPAQF-122-1': '《中华人民共和国食品安全法》第一百二十二条' },
    } as unknown as StoredPrintContext,
  });
}

const alertsOf = async (client: Client, code: string, caseId: string): Promise<Json[]> => {
  const res = await client.get('/api/v1/alerts');
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).items.filter((a: Json) => a.code === code && a.case.id === caseId);
};
const publicHtml = async (path: string) => {
  const res = await server.app.request(path);
  return { status: res.status, res, text: await res.text() };
};

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'zhou.head', orgCode: '120116-SCJ', roles: ['department-head'], ...cert });
  await server.user({ username: 'qian.head', orgCode: '120116-STJ', roles: ['department-head'], ...cert });
  officers = [li.id, wang.id];
  officer = await server.as('li.officer');
  head = await server.as('zhou.head');
  otherHead = await server.as('qian.head');
}, 120_000);

describe('publishing a decision', () => {
  let person: Json;

  it('refuses an officer without disclosure.publish (403) and a head of another subject (404), and publishes nothing', async () => {
    person = await decided(PERSON);
    expect((await officer.post(`/api/v1/cases/${person.id}/disclosure`)).status).toBe(403);
    expect((await otherHead.post(`/api/v1/cases/${person.id}/disclosure`)).status).toBe(404);
    expect(await server.db.select().from(disclosures)).toEqual([]);
  });

  it('refuses a case whose 决定书 is not issued, naming it', async () => {
    const undecided = await decided(COMPANY, { issue: false });
    const res = await head.post(`/api/v1/cases/${undecided.id}/disclosure`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expect(body.error.details.problems[0].code).toBe('decision-not-issued');
    expect(body.error.message.zh).toContain('行政处罚决定书');
  });

  it('publishes the issued decision with the person’s ID masked and no phone or address, audited', async () => {
    const res = await head.post(`/api/v1/cases/${person.id}/disclosure`);
    expect(res.status, await res.clone().text()).toBe(201);
    const record = (await res.json()) as Json;
    expect(record.state).toBe('published');
    const party = record.content.find((i: Json) => i.key === '当事人');
    expect(party.value).toBe('张三（身份证号 110105********002X）');
    const stored = JSON.stringify(await server.db.select().from(disclosures).where(eq(disclosures.caseId, person.id)));
    for (const secret of ['11010519491231002X', '13812345678', '某某路88号']) expect(stored).not.toContain(secret);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'disclosure.publish'), eq(auditEvents.caseId, person.id)));
    expect(event?.after).toMatchObject({ documentNumber: record.documentNumber, late: false });
    // Once: a second publication is refused.
    const again = await head.post(`/api/v1/cases/${person.id}/disclosure`);
    expect(again.status).toBe(422);
    expect(((await again.json()) as Json).error.details.problems[0].code).toBe('already-disclosed');
  });

  it('shows the case’s disclosure to a reader of the case, with its due day and whether they may publish', async () => {
    const seen = (await (await officer.get(`/api/v1/cases/${person.id}/disclosure`)).json()) as Json;
    expect(seen).toMatchObject({ required: true, document: 'penalty-decision', within: { days: 7, kind: 'working' } });
    expect(seen.canPublish).toBe(false);
    expect(seen.record.state).toBe('published');
    expect(((await (await head.get(`/api/v1/cases/${person.id}/disclosure`)).json()) as Json).canPublish).toBe(true);
  });

  it('the `disclosed` fact is the record’s: it cannot be typed on the case any more', async () => {
    const { version } = (await (await officer.get(`/api/v1/cases/${person.id}`)).json()) as Json;
    const res = await officer.call('PATCH', `/api/v1/cases/${person.id}/facts`, {
      version,
      facts: { disclosed: true },
    });
    expect(res.status).toBe(422);
  });
});

describe('the overdue-disclosure alert, from the records', () => {
  it('warns of a decision not disclosed after seven working days, and clears when it is published', async () => {
    const late = await decided(COMPANY, { decidedDaysAgo: 20 });
    await runPass(server.services, { full: true });
    const before = await alertsOf(head, 'overdue-disclosure', late.id);
    expect(before.map((a) => a.level)).toEqual(['red']);
    const res = await head.post(`/api/v1/cases/${late.id}/disclosure`);
    expect(res.status).toBe(201);
    // Published after its due day: the record says so.
    expect(((await res.json()) as Json).late).toBe(true);
    expect(await alertsOf(head, 'overdue-disclosure', late.id)).toEqual([]);
  });
});

describe('withdrawing and correcting', () => {
  let decision: Json;
  let lawsuit: Json;
  let record: Json;

  beforeAll(async () => {
    decision = await decided(COMPANY);
    record = (await (await head.post(`/api/v1/cases/${decision.id}/disclosure`)).json()) as Json;
    lawsuit = (await (await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.id })).json()) as Json;
    const { version } = (await (await officer.get(`/api/v1/cases/${lawsuit.id}`)).json()) as Json;
    const res = await officer.call('PATCH', `/api/v1/cases/${lawsuit.id}/facts`, {
      version,
      facts: { finalResult: '撤销或部分撤销' },
    });
    expect(res.status).toBe(200);
  });

  it('raises revoked-decision-disclosure on the lawsuit while the revoked decision stays disclosed', async () => {
    expect((await alertsOf(officer, 'revoked-decision-disclosure', lawsuit.id)).length).toBe(1);
  });

  it('refuses a withdrawal without a reason, with a cause that does not link to the decision, or by an officer', async () => {
    const url = `/api/v1/cases/${decision.id}/disclosure/withdraw`;
    const noReason = await head.post(url, { reason: ' ', version: record.version });
    expect(noReason.status).toBe(422);
    const other = await decided(COMPANY);
    const wrong = await head.post(url, { reason: '判决撤销', version: record.version, cause: other.number });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as Json).error.details.problems[0].code).toBe('cause-not-linked');
    expect((await officer.post(url, { reason: '判决撤销', version: record.version })).status).toBe(403);
    const stale = await head.post(url, { reason: '判决撤销', version: record.version + 5 });
    expect(stale.status).toBe(409);
    const [row] = await server.db.select().from(disclosures).where(eq(disclosures.caseId, decision.id));
    expect(row?.state).toBe('published');
  });

  it('withdraws it with the reason and the lawsuit, clears the alert, and the page says 已撤回 without the content', async () => {
    const res = await head.post(`/api/v1/cases/${decision.id}/disclosure/withdraw`, {
      reason: '天津市滨海新区人民法院判决撤销该处罚决定',
      version: record.version,
      cause: lawsuit.number,
      changedOn: new Date().toISOString().slice(0, 10),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const withdrawn = (await res.json()) as Json;
    expect(withdrawn.state).toBe('withdrawn');
    expect(await alertsOf(officer, 'revoked-decision-disclosure', lawsuit.id)).toEqual([]);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'disclosure.withdraw'), eq(auditEvents.caseId, decision.id)));
    expect(event?.after).toMatchObject({ state: 'withdrawn', cause: lawsuit.number, late: false });
    const page = await publicHtml(`/public/decisions/${record.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('已撤回');
    expect(page.text).toContain('判决撤销该处罚决定');
    expect(page.text).toContain(record.documentNumber);
    expect(page.text).not.toContain('天津某食品有限公司');
    expect(page.text).not.toContain('70,000');
    expect((await publicHtml('/public/')).text).not.toContain(record.documentNumber);
    const again = await head.post(`/api/v1/cases/${decision.id}/disclosure/withdraw`, {
      reason: '再次撤回',
      version: withdrawn.version,
    });
    expect(((await again.json()) as Json).error.details.problems[0].code).toBe('already-withdrawn');
  });

  it('corrects a disclosure from the corrected decision (a new issued version)', async () => {
    const changed = await decided(COMPANY);
    const first = (await (await head.post(`/api/v1/cases/${changed.id}/disclosure`)).json()) as Json;
    await issue(changed.id, 2, 30000);
    const res = await head.post(`/api/v1/cases/${changed.id}/disclosure/correct`, {
      reason: '复议决定变更罚款数额',
      version: first.version,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const corrected = (await res.json()) as Json;
    expect(corrected.state).toBe('corrected');
    expect(corrected.content.find((i: Json) => i.key === '处罚内容').value).toBe('罚款30,000元');
    const page = await publicHtml(`/public/decisions/${first.id}`);
    expect(page.text).toContain('已更正');
    expect(page.text).toContain('罚款30,000元');
    expect(page.text).not.toContain('罚款70,000元');
  });
});

describe('the public pages', () => {
  it('need no sign-in, run no script, and escape a party named <script>', async () => {
    const c = await decided(SCRIPTED);
    const r = (await (await head.post(`/api/v1/cases/${c.id}/disclosure`)).json()) as Json;
    for (const path of ['/public/', `/public/decisions/${r.id}`]) {
      const page = await publicHtml(path);
      expect(page.status).toBe(200);
      expect(page.res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.res.headers.get('content-type')).toContain('text/html');
      // Asked for again each time: a withdrawal is never hidden behind a cached copy.
      expect(page.res.headers.get('cache-control')).toBe('no-cache');
      expect(page.text).not.toContain('<script');
      expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;某商行');
    }
  });

  it('search by a name or a 文号 and by publication date; bad input is a 400 that says why', async () => {
    const all = await server.db.select().from(disclosures);
    const shown = all.filter((d) => d.state !== 'withdrawn');
    const one = shown[0] as (typeof shown)[number];
    const byNumber = await publicHtml(`/public/?q=${encodeURIComponent(one.documentNumber)}`);
    expect(byNumber.text).toContain(one.documentNumber);
    expect(byNumber.text.match(/<tr>/g)?.length).toBe(2); // the header and the one row
    const byName = await publicHtml(`/public/?q=${encodeURIComponent('张三')}`);
    expect(byName.text).toContain('张三');
    expect(byName.text).not.toContain('天津某食品有限公司');
    // From the start of a name (an index range), not within it: 食品有限 is in a name but starts none.
    expect((await publicHtml(`/public/?q=${encodeURIComponent('天津某')}`)).text).toContain('天津某食品有限公司');
    expect((await publicHtml(`/public/?q=${encodeURIComponent('食品有限')}`)).text).toContain('没有符合条件的公示信息');
    const none = await publicHtml('/public/?from=2030-01-01');
    expect(none.text).toContain('没有符合条件的公示信息');
    const bad = await publicHtml('/public/?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('公示日期（自）应为 YYYY-MM-DD');
    const badCursor = await publicHtml('/public/?after=1%27%20OR%201=1');
    expect(badCursor.status).toBe(400);
    expect((await publicHtml('/public/decisions/not-an-id')).status).toBe(404);
    expect((await publicHtml(`/public/decisions/${randomUUID()}`)).status).toBe(404);
  });

  it('page by a cursor: every shown record once, newest first', async () => {
    const cases_ = [];
    for (let i = 0; i < PUBLIC_PAGE_SIZE + 3; i++) cases_.push(await decided(COMPANY));
    for (const c of cases_) expect((await head.post(`/api/v1/cases/${c.id}/disclosure`)).status).toBe(201);
    const seen: string[] = [];
    let path: string | null = '/public/';
    let pages = 0;
    while (path) {
      const page = await publicHtml(path);
      pages += 1;
      seen.push(...[...page.text.matchAll(/href="\/public\/decisions\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string));
      const next = /href="([^"]+)" rel="next"/.exec(page.text)?.[1];
      path = next ? next.replaceAll('&amp;', '&') : null;
    }
    const shown = (await server.db.select().from(disclosures)).filter((d) => d.state !== 'withdrawn');
    expect(pages).toBe(Math.ceil(shown.length / PUBLIC_PAGE_SIZE));
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(shown.map((d) => d.id)));
  });

  it('the officers’ 公示 list: records of the scope and decisions awaiting publication', async () => {
    const waiting = await decided(PERSON);
    const list = (await (await head.get('/api/v1/disclosures')).json()) as Json;
    expect(list.pending.map((p: Json) => p.caseId)).toContain(waiting.id);
    expect(list.records.length).toBeGreaterThan(0);
    const elsewhere = (await (await otherHead.get('/api/v1/disclosures')).json()) as Json;
    expect(elsewhere).toEqual({ pending: [], records: [] });
    expect((await officer.get('/api/v1/disclosures')).status).toBe(403);
  });
});
