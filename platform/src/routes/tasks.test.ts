import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { cases as caseRows } from '../db/schema.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const as = (username: string) => clients[username] as Client;
const json = async (res: Response): Promise<Json> => res.json();

const SCJ_MATTER = '120116-SCJ-CF-0001-01';
const STJ_MATTER = '120116-STJ-CF-0004-01';
const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X' };

/** The tasks of a user, by case id. */
async function tasksOf(username: string): Promise<Map<string, Json>> {
  const res = await as(username).get('/api/v1/tasks?limit=100');
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await json(res);
  return new Map(body.items.map((t: Json) => [t.id, t]));
}

/** The actions a user may take on a case, as the case's own page answers them. */
async function allowedOnPage(username: string, caseId: string): Promise<string[]> {
  const detail = await json(await as(username).get(`/api/v1/cases/${caseId}`));
  return detail.actions.allowed.map((a: Json) => a.action);
}

async function open(username: string, matter: string, officers?: string[]): Promise<string> {
  const res = await as(username).post('/api/v1/cases', {
    matter,
    party: PERSON,
    ...(officers ? { officers: officers.map((u) => ids[u]) } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).id;
}

async function act(username: string, caseId: string, action: string, reason?: string) {
  const { version } = await json(await as(username).get(`/api/v1/cases/${caseId}`));
  const res = await as(username).post(`/api/v1/cases/${caseId}/transitions`, {
    action,
    version,
    ...(reason ? { reason } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const cases = { filing: '', investigation: '', closed: '', stj: '' };

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode, roles, ...extra })).id;
    clients[username] = await server.as(username);
  };
  await add('li.officer', '120116-SCJ', ['officer'], cert);
  await add('wang.officer', '120116-SCJ', ['officer'], cert);
  await add('old.officer', '120116-SCJ', ['officer'], {
    certificateNo: '12011620150009',
    certificateValidUntil: '2020-01-01',
  });
  await add('zhao.head', '120116-SCJ', ['department-head']);
  await add('qian.agency', '120116-SCJ', ['agency-head']);
  await add('sun.reviewer', '120116-SCJ', ['legal-reviewer'], { legalQualification: true });
  await add('stj.officer', '120116-STJ', ['officer'], cert);
  await add('stj.officer2', '120116-STJ', ['officer'], cert);
  await add('stj.agency', '120116-STJ', ['agency-head']);
  await add('wu.supervisor', '120116-SFJ', ['supervisor']);

  // filing: the filing approval issued, waiting for the agency head.
  cases.filing = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
  await server.issueDocuments(cases.filing, 'case-filing-approval');
  // investigation: filed, the report done; the officers may finish the investigation.
  cases.investigation = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
  await server.issueDocuments(cases.investigation, 'case-filing-approval');
  await act('qian.agency', cases.investigation, 'approve-filing');
  await server.issueDocuments(cases.investigation, 'investigation-report');
  // closed: not filed, so nobody has anything left to do.
  cases.closed = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
  await server.issueDocuments(cases.closed, 'case-filing-approval');
  await act('qian.agency', cases.closed, 'reject-filing', '不符合立案条件');
  // Another subject's case, waiting for its own agency head.
  cases.stj = await open('stj.officer', STJ_MATTER, ['stj.officer', 'stj.officer2']);
  await server.issueDocuments(cases.stj, 'case-filing-approval');
});

describe('GET /api/v1/tasks', () => {
  it("lists for each role the open cases it may act on, with the same actions as the case's page", async () => {
    const agency = await tasksOf('qian.agency');
    expect(agency.get(cases.filing).actions.map((a: Json) => a.action)).toEqual([
      'approve-filing',
      'reject-filing',
      'withdraw-filing',
    ]);
    expect(agency.get(cases.filing)).toMatchObject({
      state: { code: 'filing', name: '立案审批' },
      matter: { code: SCJ_MATTER },
      subject: { code: '120116-SCJ' },
      party: { name: '张三' },
    });
    expect(agency.get(cases.filing).actions[1]).toMatchObject({
      name: { zh: '不予立案' },
      reasonRequired: true,
      to: { code: 'not-filed', terminal: true },
    });
    const officer = await tasksOf('li.officer');
    expect([...officer.keys()]).toEqual([cases.investigation]);
    expect(officer.get(cases.investigation).actions.map((a: Json) => a.action)).toEqual(['finish-investigation']);
    for (const [user, tasks] of [
      ['qian.agency', agency],
      ['li.officer', officer],
    ] as const)
      for (const id of [cases.filing, cases.investigation]) {
        const actions = tasks.get(id)?.actions.map((a: Json) => a.action) ?? [];
        expect(actions, `${user} on ${id}`).toEqual(await allowedOnPage(user, id));
      }
  });

  it('shows a case under 法制审核 to the reviewer, and leaves closed cases out', async () => {
    const c = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
    await server.issueDocuments(c, 'case-filing-approval');
    await act('qian.agency', c, 'approve-filing');
    await server.issueDocuments(c, 'investigation-report');
    await act('li.officer', c, 'finish-investigation');
    await act('zhao.head', c, 'submit-legal-review');
    const reviewer = await tasksOf('sun.reviewer');
    expect(reviewer.get(c)?.state.code).toBe('legal-review');
    expect(reviewer.get(c).actions.map((a: Json) => a.action)).toEqual(await allowedOnPage('sun.reviewer', c));
    expect(reviewer.get(c).actions.length).toBeGreaterThan(0);
    // Outside a legal-review node the reviewer (no case.transition) has nothing to do.
    expect(reviewer.has(cases.filing)).toBe(false);
    expect(reviewer.has(cases.investigation)).toBe(false);
    for (const user of ['qian.agency', 'li.officer', 'sun.reviewer'])
      expect((await tasksOf(user)).has(cases.closed)).toBe(false);
  });

  it("never lists another subject's cases", async () => {
    const scj = await tasksOf('qian.agency');
    expect(scj.has(cases.stj)).toBe(false);
    const stj = await tasksOf('stj.agency');
    expect([...stj.keys()]).toEqual([cases.stj]);
    expect(stj.get(cases.stj).subject.code).toBe('120116-STJ');
    expect((await tasksOf('stj.officer')).size).toBe(0);
  });

  it('gives no tasks to a supervisor, nor to an officer whose 执法证 has expired', async () => {
    expect((await tasksOf('wu.supervisor')).size).toBe(0);
    // A case opened by two certified officers, on which a third was named whose 执法证 has since
    // expired (a case is never opened with one: 第四十二条).
    const id = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
    await server.db
      .update(caseRows)
      .set({ officers: [ids['li.officer'], ids['wang.officer'], ids['old.officer']] as string[] })
      .where(eq(caseRows.id, id));
    await server.issueDocuments(id, 'case-filing-approval', 'investigation-report');
    expect((await tasksOf('old.officer')).size).toBe(0);
  });

  it('orders by the nearest deadline and keeps to the limit', async () => {
    const all = await json(await as('qian.agency').get('/api/v1/tasks'));
    expect(all.limit).toBe(50);
    expect(all.truncated).toBe(false);
    expect(all.total).toBe(all.items.length);
    const days = all.items.map((t: Json) => t.nearestDeadline?.daysLeft ?? Number.POSITIVE_INFINITY);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const one = await json(await as('qian.agency').get('/api/v1/tasks?limit=1'));
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(all.total);
  });

  it('answers bad parameters with 422 and strangers with 401', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5']) {
      const res = await as('li.officer').get(`/api/v1/tasks?${q}`);
      expect(res.status, q).toBe(422);
      const body = await json(res);
      expect(body.error.code).toBe('validation');
      expect(body.error.details.problems[0].path).toBe('/limit');
    }
    expect((await server.app.request('/api/v1/tasks')).status).toBe(401);
  });
});
