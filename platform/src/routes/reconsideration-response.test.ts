/**
 * 行政应议 on a real platform (#16): the market regulator, respondent in a reconsideration of its own
 * penalty decision, answers it as a cn-national legal-affairs case linked to that decision — the
 * procedure the reconsideration body applies decides the reply period (行政复议法第四十八条、第五十四条),
 * the period counts in working days from the day the copy was received whatever day the case was
 * registered, the decision's result decides performance (第七十七条), and a revoked decision that
 * was disclosed must have its disclosure withdrawn (行政处罚法第四十八条).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { documents } from '../db/schema.ts';
import { legalDateOf } from '../time.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const COMPANY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' };

let server: Server;
let legal: Client;
let agency: Client;
let decision: Json;

const created = async (res: Response): Promise<Json> => {
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const detail = async (id: string): Promise<Json> => (await legal.get(`/api/v1/cases/${id}`)).json();
const act = async (client: Client, id: string, action: string) => {
  const { version } = await detail(id);
  return client.post(`/api/v1/cases/${id}/transitions`, { action, version });
};
const setFacts = async (id: string, facts: Record<string, unknown>) => {
  const { version } = await detail(id);
  const res = await legal.call('PATCH', `/api/v1/cases/${id}/facts`, { version, facts });
  expect(res.status, await res.clone().text()).toBe(200);
};
const alertsOn = async (id: string): Promise<Json[]> =>
  (((await (await legal.get('/api/v1/alerts')).json()) as Json).items as Json[]).filter((a) => a.case?.id === id);
/** A legal day `days` before today, as the platform counts days (China time). */
const daysAgo = (days: number) => legalDateOf(new Date(Date.now() - days * 86_400_000).toISOString());
/** A 应议 case of the decision, received on `copyReceivedAt`. */
const respond = (procedure: '普通程序' | '简易程序', copyReceivedAt: string) =>
  legal.post('/api/v1/cases', {
    matter: 'legal-reconsideration-response',
    party: COMPANY,
    linkedCase: decision.number,
    facts: {
      reconsiderationOrgan: '天津市滨海新区人民政府',
      actType: '行政处罚',
      actNumber: '津滨市监罚〔2026〕1号',
      procedure,
      copyReceivedAt,
    },
  });

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'ma.legal', orgCode: '120116-SCJ', roles: ['legal-affairs'] });
  await server.user({ username: 'qian.agency', orgCode: '120116-SCJ', roles: ['agency-head'] });
  await server.user({ username: 'zhou.head', orgCode: '120116-SCJ', roles: ['department-head'] });
  const officer = await server.as('li.officer');
  legal = await server.as('ma.legal');
  agency = await server.as('qian.agency');
  decision = await created(
    await officer.post('/api/v1/cases', {
      matter: '120116-SCJ-CF-0001-01',
      party: COMPANY,
      officers: [li.id, wang.id],
    }),
  );
}, 120_000);

describe('行政应议: the agency answers a reconsideration of its own decision', () => {
  it('opens linked to the decision and takes the procedure the reconsideration body applies, refusing the other', async () => {
    const c = await created(await respond('普通程序', daysAgo(0)));
    expect(c.linkedCase).toEqual({ id: decision.id, number: decision.number });
    const simple = await act(legal, c.id, 'start-reply-simple');
    expect(simple.status).toBe(409);
    const refusal = ((await simple.json()) as Json).error.details.refusals[0];
    expect(refusal.message.zh).toContain('第四十八条');
    expect((await act(legal, c.id, 'start-reply')).status).toBe(200);
    const after = await detail(c.id);
    expect(after.state.code).toBe('replying');
    // The reply is the agency head's to submit, and only once the 答复书 is issued.
    expect((await act(legal, c.id, 'submit-reply')).status).toBe(409);
    expect((await act(agency, c.id, 'submit-reply')).status).toBe(409);
    await server.issueDocuments(c.id, 'reconsideration-reply');
    expect((await act(agency, c.id, 'submit-reply')).status).toBe(200);
    expect((await detail(c.id)).state.code).toBe('awaiting-decision');
  });

  it('warns in working days from the copy’s receipt: red past ten, however late the case was registered', async () => {
    // Received three weeks ago (fifteen working days or so), registered today.
    const late = await created(await respond('普通程序', daysAgo(21)));
    const [alert] = (await alertsOn(late.id)).filter((a) => a.code === 'reconsideration-reply-overdue');
    expect(alert?.level).toBe('red');
    expect(alert?.message.zh).toContain('视为该行政行为没有证据、依据');
    // Received today: nothing yet.
    const fresh = await created(await respond('简易程序', daysAgo(0)));
    expect((await alertsOn(fresh.id)).map((a) => a.code)).not.toContain('reconsideration-reply-overdue');
  });

  it('performs a revoking decision, and warns until the revoked decision’s disclosure is withdrawn', async () => {
    // The decision was issued and disclosed (公示) before the reconsideration revoked it.
    await server.db.insert(documents).values({
      id: randomUUID(),
      caseId: decision.id,
      formCode: 'penalty-decision',
      version: 1,
      status: 'issued',
      number: '津滨市监罚〔2026〕1号',
      data: { penalties: ['罚款'], fine: 1000, orgName: '天津市滨海新区市场监督管理局', decidedAt: '2026-03-01' },
      formHash: 'test',
      createdBy: 'test',
      issuedAt: new Date().toISOString(),
    });
    const head = await server.as('zhou.head');
    const published = await head.post(`/api/v1/cases/${decision.id}/disclosure`);
    expect(published.status, await published.clone().text()).toBe(201);

    const c = await created(await respond('简易程序', daysAgo(0)));
    await act(legal, c.id, 'start-reply-simple');
    await server.issueDocuments(c.id, 'reconsideration-reply');
    await act(agency, c.id, 'submit-reply');
    // No result recorded yet: neither closing nor performing is allowed.
    expect((await act(legal, c.id, 'decision-upheld')).status).toBe(409);
    await setFacts(c.id, { outcome: '撤销', decisionReceivedAt: daysAgo(0) });
    expect((await act(legal, c.id, 'decision-upheld')).status).toBe(409);
    expect((await act(legal, c.id, 'decision-to-perform')).status).toBe(200);
    const [alert] = (await alertsOn(c.id)).filter((a) => a.code === 'revoked-decision-disclosure');
    expect(alert?.level).toBe('orange');
    expect(alert?.message.zh).toContain(decision.number);
    await setFacts(c.id, { disclosureWithdrawnAt: daysAgo(0) });
    expect((await alertsOn(c.id)).map((a) => a.code)).not.toContain('revoked-decision-disclosure');
  });
});
