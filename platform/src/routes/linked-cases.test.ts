import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { runPass } from '../alerts/scheduler.ts';
import { auditEvents, cases, documents } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let elsewhere: Client;
let head: Client;

const DECISION_MATTER = '120116-SCJ-CF-0001-01';
const COMPANY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' };
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
const ALERT = 'revoked-decision-disclosure';

const created = async (res: Response): Promise<Json> => {
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const caseCount = async () => (await server.db.select({ id: cases.id }).from(cases)).length;
const detail = async (client: Client, id: string): Promise<Json> => (await client.get(`/api/v1/cases/${id}`)).json();
const setFacts = async (client: Client, id: string, facts: Record<string, unknown>) => {
  const { version } = await detail(client, id);
  const res = await client.call('PATCH', `/api/v1/cases/${id}/facts`, { version, facts });
  expect(res.status, await res.clone().text()).toBe(200);
};
/**
 * Ends a case as its last transition would leave it: the state under test, not the way there.
 * Written straight into the table, no event announces it, so the alert scheduler judges every
 * case again (alerts are stored, #15: a change made outside the platform waits for a pass).
 */
const close = async (id: string) => {
  await server.db.update(cases).set({ state: 'closed', closedAt: new Date().toISOString() }).where(eq(cases.id, id));
  await runPass(server.services, { full: true });
};
/**
 * Discloses the decision (公示, #16): its 决定书 issued as the document routes leave one, then
 * published by the department head — the record is what the rules read as `disclosed`.
 */
const disclose = async (id: string) => {
  await server.db.insert(documents).values({
    id: randomUUID(),
    caseId: id,
    formCode: 'penalty-decision',
    version: 1,
    status: 'issued',
    number: '津滨市监罚〔2026〕1号',
    data: { penalties: ['罚款'], fine: 1000, orgName: '天津市滨海新区市场监督管理局', decidedAt: '2026-03-01' },
    formHash: 'test',
    createdBy: 'test',
    issuedAt: new Date().toISOString(),
  });
  const res = await head.post(`/api/v1/cases/${id}/disclosure`);
  expect(res.status, await res.clone().text()).toBe(201);
};
const revokedAlerts = async (client: Client): Promise<Json[]> => {
  const res = await client.get('/api/v1/alerts');
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).items.filter((a: Json) => a.code === ALERT);
};

let decision: Json;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'zhao.officer', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  await server.user({ username: 'zhou.head', orgCode: '120116-SCJ', roles: ['department-head'], ...cert });
  officer = await server.as('li.officer');
  head = await server.as('zhou.head');
  elsewhere = await server.as('zhao.officer');
  decision = await created(
    await officer.post('/api/v1/cases', { matter: DECISION_MATTER, party: COMPANY, officers: [li.id, wang.id] }),
  );
}, 120_000);

describe('a case linked to the case it concerns', () => {
  let litigation: Json;

  it('links an 应诉 case to a decision case the officer may read, by number, and records the link', async () => {
    litigation = await created(await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.number }));
    expect(litigation.linkedCase).toEqual({ id: decision.id, number: decision.number });
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'case.open'), eq(auditEvents.caseId, litigation.id)));
    expect((event?.after as Json)?.linkedCase).toBe(decision.number);
  });

  it('shows the link both ways, with number, matter name and state', async () => {
    const from = await detail(officer, litigation.id);
    expect(from.linkedCase).toEqual({
      id: decision.id,
      number: decision.number,
      matter: { code: DECISION_MATTER, name: expect.any(String), nameEn: expect.any(String) },
      state: { code: 'filing', name: '立案审批', nameEn: 'Filing approval' },
      closed: false,
    });
    expect(from.linkedFrom).toEqual([]);
    const to = await detail(officer, decision.id);
    expect(to.linkedCase).toBeNull();
    expect(to.linkedFrom).toEqual([
      {
        id: litigation.id,
        number: litigation.number,
        matter: { code: 'legal-litigation', name: '行政应诉案件办理', nameEn: expect.any(String) },
        state: { code: 'received', name: expect.any(String), nameEn: expect.any(String) },
        closed: false,
      },
    ]);
  });

  it('answers 404 for a case out of the actor’s scope, by number or id, as for one that does not exist, and opens nothing', async () => {
    const before = await caseCount();
    for (const linkedCase of [decision.number, decision.id, '津滨市监案〔2026〕9999号']) {
      const res = await elsewhere.post('/api/v1/cases', { ...LITIGATION, linkedCase });
      expect(res.status, linkedCase).toBe(404);
      expect(((await res.json()) as Json).error.details).toEqual({ linkedCase });
    }
    expect(await caseCount()).toBe(before);
  });
});

describe('an alert on a closed case (includeClosed)', () => {
  it('warns that a revoked decision’s disclosure must be withdrawn, on the 应诉 case, closed or not', async () => {
    await disclose(decision.id);
    const lost = await created(await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.id }));
    await setFacts(officer, lost.id, { finalResult: '撤销或部分撤销' });
    const open = (await revokedAlerts(officer)).filter((a) => a.case.id === lost.id);
    expect(open.map((a) => a.level)).toEqual(['orange']);
    expect(open[0].message.zh).toContain(decision.number);
    await close(lost.id);
    await close(decision.id);
    // Closed, the case is still scanned for this rule alone, and the warning turns red.
    const closed = (await revokedAlerts(officer)).filter((a) => a.case.id === lost.id);
    expect(closed.map((a) => [a.level, a.case.state.code])).toEqual([['red', 'closed']]);
  });

  it('is quiet on a closed case that recorded the withdrawal, or whose judgment upheld the decision', async () => {
    const withdrawn = await created(await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.id }));
    await setFacts(officer, withdrawn.id, { finalResult: '撤销或部分撤销', disclosureWithdrawnAt: '2026-03-05' });
    const upheld = await created(await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.id }));
    await setFacts(officer, upheld.id, { finalResult: '驳回诉讼请求' });
    await close(withdrawn.id);
    await close(upheld.id);
    const ids = (await revokedAlerts(officer)).map((a) => a.case.id);
    expect(ids).not.toContain(withdrawn.id);
    expect(ids).not.toContain(upheld.id);
  });

  it('keeps every other rule off a closed case', async () => {
    const res = await officer.get('/api/v1/alerts');
    const items = ((await res.json()) as Json).items as Json[];
    const onClosed = items.filter((a) => a.case.state.code === 'closed').map((a) => a.code);
    expect(onClosed.length).toBeGreaterThan(0);
    expect(new Set(onClosed)).toEqual(new Set([ALERT]));
  });

  it('judges a closed case by the rules that say includeClosed only', async () => {
    // A pack with one more rule on 应诉 cases, without includeClosed: it fires on an open case, not a closed one.
    const { pack: binhai } = validatePackDir(join(PACKS_DIR, 'tj-binhai'));
    const alerts = new Map(binhai.items.alert);
    const pack = {
      ...binhai,
      manifest: { ...binhai.manifest, version: '1.0.1-test' },
      items: { ...binhai.items, alert: alerts },
    };
    alerts.set('litigation-open', {
      code: 'litigation-open',
      name: '应诉案件在办',
      nameEn: 'Lawsuit being defended',
      scope: 'case',
      appliesTo: { matters: ['legal-litigation'] },
      when: { fact: 'matter', operator: 'equal', value: 'legal-litigation' },
      levels: [{ level: 'blue' }],
      notify: ['case-officers'],
      message: '案件{caseNumber}在办',
    });
    const report = await server.services.packs.importBundle(bundlePack(pack).text, { apply: true, actor: 'test' });
    await server.services.packs.activate(report.hash, 'test');
    const later = await created(await officer.post('/api/v1/cases', { ...LITIGATION, linkedCase: decision.id }));
    await setFacts(officer, later.id, { finalResult: '撤销或部分撤销' });
    const on = async () =>
      (((await (await officer.get('/api/v1/alerts')).json()) as Json).items as Json[])
        .filter((a) => a.case.id === later.id)
        .map((a) => a.code)
        .sort();
    expect(await on()).toEqual(['litigation-open', ALERT]);
    await close(later.id);
    expect(await on()).toEqual([ALERT]);
  });
});
