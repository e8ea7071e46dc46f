import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { createAlertScheduler } from '../alerts/scheduler.ts';
import { type Actor, rolesOf } from '../auth/access.ts';
import { cases as caseRows, caseTasks, organisations, taskSteps, users } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { dayOf } from '../routes/case-views.ts';
import { referenceTasks } from './reference.ts';
import { tasksSettled } from './refresh.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are compared whole
type Json = any;

let server: Server;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const as = (username: string) => clients[username] as Client;
const json = async (res: Response): Promise<Json> => res.json();

const SCJ_MATTER = '120116-SCJ-CF-0001-01';
const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X' };
/** The facts that decide the 食品安全法第一百二十二条 benchmark's 一般 tier (a 70,000 元 fine within it). */
const DECIDING = {
  goodsValue: 8000,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  proposedFine: 70000,
  proposedPenalties: ['fine'],
};
/** Every role the walk compares: officers, approvers (agency and department heads), the reviewer, and one user holding two roles. */
const USERS = [
  'li.officer',
  'wang.officer',
  'zhao.head',
  'qian.agency',
  'sun.reviewer',
  'zhou.both',
  'old.officer',
  'stj.agency',
  'wu.supervisor',
];

/** The actor a session of the user would carry (app.ts). */
async function actorOf(username: string): Promise<Actor> {
  const [user] = await server.db
    .select()
    .from(users)
    .where(eq(users.id, ids[username] as string));
  if (!user) throw new Error(username);
  const [org] = await server.db.select().from(organisations).where(eq(organisations.code, user.orgCode));
  const path = org?.path ?? user.orgCode;
  const { pack } = await server.services.packs.activeFor(path);
  return { user, orgPath: path, roles: rolesOf(user, pack) };
}

/** The whole stored task list of a user, page by page. */
async function storedTasks(username: string): Promise<{ total: number; items: Json[] }> {
  const items: Json[] = [];
  let total = 0;
  do {
    const res = await as(username).get(`/api/v1/tasks?limit=3&offset=${items.length}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await json(res);
    total = page.total;
    expect(page.truncated).toBe(false);
    if (page.items.length === 0) break;
    items.push(...page.items);
  } while (items.length < total);
  return { total, items };
}

/** Every user's stored tasks equal the per-request computation's, in the same order. */
async function expectSameAsReference(when: string): Promise<number> {
  let compared = 0;
  for (const username of USERS) {
    const stored = await storedTasks(username);
    const reference = JSON.parse(JSON.stringify(await referenceTasks(server.services, await actorOf(username))));
    expect(stored.items, `${when}: ${username}`).toEqual(reference);
    expect(stored.total, `${when}: ${username}`).toBe(reference.length);
    compared += reference.length;
  }
  return compared;
}

/** Signs every user in again (a session ends when the clock moves on by weeks). */
async function signInAgain(): Promise<void> {
  for (const username of Object.keys(clients)) clients[username] = await server.as(username);
}

async function open(username: string, officers: string[], matter = SCJ_MATTER): Promise<string> {
  const res = await as(username).post('/api/v1/cases', {
    matter,
    party: PERSON,
    officers: officers.map((u) => ids[u]),
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
  await add('zhou.both', '120116-SCJ', ['officer', 'agency-head'], cert);
  await add('zhao.head', '120116-SCJ', ['department-head']);
  await add('qian.agency', '120116-SCJ', ['agency-head']);
  await add('sun.reviewer', '120116-SCJ', ['legal-reviewer'], { legalQualification: true });
  await add('stj.officer', '120116-STJ', ['officer'], cert);
  await add('stj.officer2', '120116-STJ', ['officer'], cert);
  await add('stj.agency', '120116-STJ', ['agency-head']);
  await add('wu.supervisor', '120116-SFJ', ['supervisor']);
}, 120_000);

describe('stored next steps (我的待办 as a read)', () => {
  it('give every role the same tasks as the per-request computation, as cases move through transitions and documents', async () => {
    let compared = 0;
    const drafted = await open('li.officer', ['li.officer', 'wang.officer']);
    const both = await open('zhou.both', ['zhou.both', 'li.officer']);
    await open('stj.officer', ['stj.officer', 'stj.officer2'], '120116-STJ-CF-0004-01');
    compared += await expectSameAsReference('opened');

    // The 立案审批表 half filled by the officer, then the officer's part complete: the approvers' turn.
    const created = await as('li.officer').post(`/api/v1/cases/${drafted}/documents`, {
      form: 'case-filing-approval',
      data: { caseSource: '监督检查发现', discoveredAt: '2026-03-01' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = await json(created);
    compared += await expectSameAsReference('draft');
    const saved = await as('li.officer').call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, caseSummary: '监督检查发现当事人涉嫌未取得许可经营。', officerSignature: '李明、王强' },
      updatedAt: draft.updatedAt,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    compared += await expectSameAsReference("officer's part filled");
    // The case of a user who is both officer and agency head: their own part and the approval.
    const own = await as('zhou.both').post(`/api/v1/cases/${both}/documents`, {
      form: 'case-filing-approval',
      data: {
        caseSource: '监督检查发现',
        discoveredAt: '2026-03-01',
        caseSummary: '监督检查发现当事人涉嫌未取得许可经营。',
        officerSignature: '周某、李明',
      },
    });
    expect(own.status, await own.clone().text()).toBe(201);
    compared += await expectSameAsReference('two roles');

    // Another case filed, investigated, reviewed by the department head, submitted to 法制审核.
    const a = await open('li.officer', ['li.officer', 'wang.officer']);
    await server.issueDocuments(a, 'case-filing-approval');
    await act('qian.agency', a, 'approve-filing');
    compared += await expectSameAsReference('filed');
    await server.issueDocuments(a, 'investigation-report');
    await act('li.officer', a, 'finish-investigation');
    compared += await expectSameAsReference('investigated');
    await act('zhao.head', a, 'submit-legal-review');
    compared += await expectSameAsReference('under 法制审核');

    // Cases written straight to the database in later states: the decision, 告知, 案件审核 long past its limit.
    await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['wang.officer'] as string],
      state: 'decision',
      facts: DECIDING,
    });
    const notice = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['zhou.both'] as string],
      state: 'notification',
      facts: DECIDING,
    });
    const late = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['wang.officer'] as string],
      state: 'case-review',
    });
    await server.db
      .update(caseRows)
      .set({
        stateEntered: {
          filing: '2026-03-01T01:00:00.000Z',
          investigation: '2026-03-02T01:00:00.000Z',
          'case-review': '2026-05-20T01:00:00.000Z',
        },
      })
      .where(eq(caseRows.id, late.id));
    compared += await expectSameAsReference('later states');
    await server.issueDocuments(notice.id, 'advance-notice');
    compared += await expectSameAsReference('notice issued');

    // Days pass: deadlines come near, periods run out; the steps are computed again for the new day.
    const now = Date.now();
    for (const days of [6, 40, 120]) {
      server.setClock(() => new Date(now + days * 86_400_000));
      await signInAgain();
      compared += await expectSameAsReference(`${days} days later`);
    }
    server.setClock(() => new Date());
    await signInAgain();
    // The walk compared tasks, not empty lists.
    expect(compared).toBeGreaterThan(30);
  }, 300_000);

  it('are stored by the write itself, forgotten by the database when a case changes behind the routes, and computed again on read', async () => {
    const id = await open('li.officer', ['li.officer', 'wang.officer']);
    const today = dayOf(server.services.now());
    await tasksSettled(server.services);
    // No read yet: the write's own hook stored them (the 立案审批表 to fill, a candidate for each transition it serves).
    const [head] = await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id));
    expect(head?.computedFor).toBe(today);
    const stored = await server.db.select().from(taskSteps).where(eq(taskSteps.caseId, id));
    expect(new Set(stored.map((s) => s.key))).toEqual(new Set(['fill:case-filing-approval']));
    // A document written straight to the database: the trigger forgets the case's steps.
    await server.issueDocuments(id, 'case-filing-approval');
    expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toEqual([]);
    expect(await server.db.select().from(taskSteps).where(eq(taskSteps.caseId, id))).toEqual([]);
    // The next read computes them: the agency head now approves.
    const page = await json(await as('qian.agency').get('/api/v1/tasks?limit=100'));
    expect(page.items.find((t: Json) => t.id === id)?.steps.map((s: Json) => s.kind)).toEqual(['action']);
    // The subject renamed: its open cases are forgotten (their steps show its name).
    await as('qian.agency').get('/api/v1/tasks');
    expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toHaveLength(1);
    const [org] = await server.db.select().from(organisations).where(eq(organisations.code, '120116-SCJ'));
    await server.db
      .update(organisations)
      .set({ name: `${org?.name}（新）` })
      .where(eq(organisations.code, '120116-SCJ'));
    expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toEqual([]);
    const renamed = await json(await as('qian.agency').get('/api/v1/tasks?limit=100'));
    expect(renamed.items.find((t: Json) => t.id === id)?.subject.name).toBe(`${org?.name}（新）`);
    await server.db
      .update(organisations)
      .set({ name: org?.name as string })
      .where(eq(organisations.code, '120116-SCJ'));
    await as('qian.agency').get('/api/v1/tasks');
    expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toHaveLength(1);
    // An officer's certificate renewed: their open cases are forgotten too.
    await server.db
      .update(users)
      .set({ certificateValidUntil: '2031-12-31' })
      .where(eq(users.id, ids['wang.officer'] as string));
    expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toEqual([]);
  });

  it('with the background refresh off, are not stored by the write but computed by the first read', async () => {
    server.services.backgroundTasks = false;
    try {
      const id = await open('li.officer', ['li.officer', 'wang.officer']);
      await tasksSettled(server.services);
      expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toEqual([]);
      const page = await json(await as('li.officer').get('/api/v1/tasks?limit=100'));
      expect(page.items.find((t: Json) => t.id === id)?.steps.map((s: Json) => s.kind)).toEqual(['fill']);
      expect(await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id))).toHaveLength(1);
    } finally {
      delete server.services.backgroundTasks;
    }
  });

  it("are computed for a new day by the scheduler's tick before anyone reads them", async () => {
    const id = await open('li.officer', ['li.officer', 'wang.officer']);
    await tasksSettled(server.services);
    const today = dayOf(server.services.now());
    const later = new Date(server.services.now().getTime() + 86_400_000);
    server.setClock(() => later);
    try {
      await createAlertScheduler(server.services, { holder: 'tasks-test' }).tick();
      const [head] = await server.db.select().from(caseTasks).where(eq(caseTasks.caseId, id));
      expect(head?.computedFor).not.toBe(today);
      expect(head?.computedFor).toBe(dayOf(later));
      // Every stored case is of the new day now.
      const stale = (await server.db.select().from(caseTasks)).filter((r) => r.computedFor !== dayOf(later));
      expect(stale).toEqual([]);
    } finally {
      server.setClock(() => new Date());
      await signInAgain();
    }
  });

  it('pages through every task without a cap: the pages together are the whole list, in order', async () => {
    for (let i = 0; i < 7; i++) await open('li.officer', ['li.officer', 'wang.officer']);
    const all = await json(await as('li.officer').get('/api/v1/tasks?limit=100'));
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(7);
    const paged = await storedTasks('li.officer');
    expect(paged.items.map((t: Json) => t.id)).toEqual(all.items.map((t: Json) => t.id));
    const past = await json(await as('li.officer').get(`/api/v1/tasks?limit=5&offset=${all.total}`));
    expect(past).toMatchObject({ total: all.total, items: [], offset: all.total });
    for (const q of ['offset=-1', 'offset=abc', 'offset=1.5']) {
      const res = await as('li.officer').get(`/api/v1/tasks?${q}`);
      expect(res.status, q).toBe(422);
      expect((await json(res)).error.details.problems[0].path).toBe('/offset');
    }
  });
});
