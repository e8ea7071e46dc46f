import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { cases as caseRows } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';

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
/** The exceptional actions of the ordinary procedure (task: false): on the case's page, never a task. */
const EXCEPTIONAL = ['withdraw-filing', 'withdraw-case'];

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
  await server.issueDocuments(cases.closed, { form: 'case-filing-approval', data: { agencyDecision: '不予立案' } });
  await act('qian.agency', cases.closed, 'reject-filing', '不符合立案条件');
  // Another subject's case, waiting for its own agency head.
  cases.stj = await open('stj.officer', STJ_MATTER, ['stj.officer', 'stj.officer2']);
  await server.issueDocuments(cases.stj, 'case-filing-approval');
});

describe('GET /api/v1/tasks', () => {
  it("lists for each role the open cases it may act on, with the same actions as the case's page", async () => {
    const agency = await tasksOf('qian.agency');
    // 撤销立案 is allowed on the case's page, but an exceptional action (task: false), never a next step.
    // Its 立案审批表 says 同意立案, so 不予立案 is not a next step either (the form's field rules it out).
    expect(agency.get(cases.filing).actions.map((a: Json) => a.action)).toEqual(['approve-filing']);
    expect(await allowedOnPage('qian.agency', cases.filing)).toContain('withdraw-filing');
    expect(agency.get(cases.filing)).toMatchObject({
      state: { code: 'filing', name: '立案审批' },
      matter: { code: SCJ_MATTER },
      subject: { code: '120116-SCJ' },
      party: { name: '张三' },
    });
    expect(agency.get(cases.filing).actions[0]).toMatchObject({
      name: { zh: '批准立案' },
      reasonRequired: false,
      to: { code: 'investigation', terminal: false },
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
        const page = (await allowedOnPage(user, id)).filter((a) => !EXCEPTIONAL.includes(a));
        expect(actions, `${user} on ${id}`).toEqual(page);
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
    // The reviewer's step is the opinion on the review page (which takes the transition), not a bare transition.
    const [review] = (await json(await as('sun.reviewer').get('/api/v1/reviews?status=pending'))).items.filter(
      (x: Json) => x.case.id === c,
    );
    expect(reviewer.get(c).steps).toEqual([
      {
        kind: 'review',
        name: { zh: '出具法制审核意见', en: 'Give the legal review opinion' },
        href: `/reviews/${review.id}`,
      },
    ]);
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

describe('next steps by role (我的待办)', () => {
  const stepsOf = async (username: string, id: string): Promise<Json[]> =>
    (await tasksOf(username)).get(id)?.steps ?? [];
  const FILING = { code: 'case-filing-approval', name: { zh: '立案审批表', en: 'Case filing approval form' } };

  it("gives the officer the 立案审批表 to fill, and the head the approval only once the officer's part is filled", async () => {
    const id = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
    expect(await stepsOf('li.officer', id)).toEqual([
      {
        kind: 'fill',
        name: { zh: '填写《立案审批表》', en: 'Fill in the Case filing approval form' },
        action: 'approve-filing',
        document: { ...FILING, id: null },
        href: `/cases/${id}`,
      },
    ]);
    // The colleague named on the case has it too; the heads have nothing yet.
    expect((await stepsOf('wang.officer', id)).map((s) => s.kind)).toEqual(['fill']);
    for (const head of ['qian.agency', 'zhao.head']) expect((await tasksOf(head)).has(id), head).toBe(false);

    // A draft with the officer's part half filled: still the officer's, now linking to the draft.
    const created = await as('li.officer').post(`/api/v1/cases/${id}/documents`, {
      form: 'case-filing-approval',
      data: { caseSource: '监督检查发现', discoveredAt: '2026-03-01' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = await json(created);
    expect(await stepsOf('li.officer', id)).toEqual([
      expect.objectContaining({ kind: 'fill', document: { ...FILING, id: draft.id }, href: `/documents/${draft.id}` }),
    ]);
    expect((await tasksOf('qian.agency')).has(id)).toBe(false);

    // The officer's part filled: the officer is done, the agency head approves (批准立案 or 不予立案) on the form.
    const saved = await as('li.officer').call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, caseSummary: '监督检查发现当事人涉嫌未取得许可经营。', officerSignature: '李明、王强' },
      updatedAt: draft.updatedAt,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect((await tasksOf('li.officer')).has(id)).toBe(false);
    const head = await stepsOf('qian.agency', id);
    expect(head).toEqual([
      {
        kind: 'approve',
        name: { zh: '批准立案', en: 'Approve filing' },
        action: 'approve-filing',
        document: { ...FILING, id: draft.id },
        href: `/documents/${draft.id}`,
      },
      expect.objectContaining({
        kind: 'approve',
        action: 'reject-filing',
        name: { zh: '不予立案', en: 'Do not file' },
      }),
    ]);
    // The department head's opinion is optional on the form: nothing waits on it.
    expect((await tasksOf('zhao.head')).has(id)).toBe(false);
  });

  it('never offers 撤销案件 or 撤销立案 as a task, though the case page allows them', async () => {
    // cases.investigation: the head may withdraw it (撤销案件), and has nothing else to do there.
    expect(await allowedOnPage('qian.agency', cases.investigation)).toContain('withdraw-case');
    expect((await tasksOf('qian.agency')).has(cases.investigation)).toBe(false);
    for (const user of ['qian.agency', 'zhao.head', 'li.officer', 'sun.reviewer'])
      for (const task of (await tasksOf(user)).values()) {
        const actions = [...task.actions.map((a: Json) => a.action), ...task.steps.map((s: Json) => s.action)];
        for (const a of EXCEPTIONAL) expect(actions, `${user} on ${task.number}`).not.toContain(a);
      }
  });

  it("names the officer's step after the investigation as the workflow does (调查终结), and the head's after it", async () => {
    expect(await stepsOf('li.officer', cases.investigation)).toEqual([
      {
        kind: 'action',
        name: { zh: '调查终结', en: 'Conclude the investigation' },
        action: 'finish-investigation',
        href: `/cases/${cases.investigation}`,
      },
    ]);
    const id = await open('li.officer', SCJ_MATTER, ['li.officer', 'wang.officer']);
    await server.issueDocuments(id, 'case-filing-approval');
    await act('qian.agency', id, 'approve-filing');
    // No 调查终结报告 yet: the officer's step is to write it.
    expect(await stepsOf('li.officer', id)).toEqual([
      expect.objectContaining({
        kind: 'fill',
        name: { zh: '填写《案件调查终结报告》', en: 'Fill in the Investigation conclusion report' },
        document: expect.objectContaining({ code: 'investigation-report', id: null }),
      }),
    ]);
    await server.issueDocuments(id, 'investigation-report');
    await act('li.officer', id, 'finish-investigation');
    // 案件审核: the department head's, named by the workflow.
    const review = await stepsOf('zhao.head', id);
    expect(review.map((s) => s.kind)).toEqual(review.map(() => 'action'));
    expect(review.map((s) => s.name.zh)).toEqual(expect.arrayContaining(['退回补充调查']));
    expect((await tasksOf('li.officer')).has(id)).toBe(false);
  });

  it('gives the 决定书 to the officers to write, and to the agency head to sign and issue (签发) once complete', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['wang.officer'] as string],
      state: 'decision',
      facts: DECIDING,
    });
    const DECISION = {
      code: 'penalty-decision',
      name: { zh: '行政处罚决定书', en: 'Administrative penalty decision' },
    };
    expect(await stepsOf('li.officer', c.id)).toEqual([
      expect.objectContaining({
        kind: 'fill',
        document: { ...DECISION, id: null },
        name: { zh: '填写《行政处罚决定书》', en: 'Fill in the Administrative penalty decision' },
      }),
    ]);
    expect((await tasksOf('qian.agency')).has(c.id)).toBe(false);
    const created = await as('li.officer').post(`/api/v1/cases/${c.id}/documents`, {
      form: 'penalty-decision',
      data: {
        investigationCourse: '执法人员于2026年3月1日现场检查，制作现场检查笔录和询问笔录。',
        facts: '当事人未取得食品经营许可从事食品经营活动，货值金额8000元。',
        evidence: [{ name: '现场检查笔录', proves: '当事人经营场所及经营情况' }],
        statementAdoption: '当事人在规定期限内未提出陈述、申辩意见。',
        penalties: ['罚款'],
        fine: 70000,
        paymentMethod: '自收到本决定书之日起十五日内缴纳',
        reconsiderationOrgan: '天津市滨海新区人民政府',
        court: '天津市滨海新区人民法院',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = await json(created);
    expect(draft.missing).toEqual([]);
    // Complete: the officers' part is done; the head signs and issues it, on the document. The case was
    // filed in March, so the officers follow up the 90-day limit it has passed.
    expect(await stepsOf('li.officer', c.id)).toEqual([
      {
        kind: 'deadline',
        name: { zh: '已逾期：自立案之日起九十日内作出处罚决定', en: 'Overdue: 自立案之日起九十日内作出处罚决定' },
        href: `/cases/${c.id}`,
      },
    ]);
    expect(await stepsOf('qian.agency', c.id)).toEqual([
      {
        kind: 'issue',
        name: { zh: '签发《行政处罚决定书》', en: 'Sign and issue the Administrative penalty decision' },
        action: 'issue-decision',
        document: { ...DECISION, id: draft.id },
        href: `/documents/${draft.id}`,
      },
    ]);
  });

  it('gives a case officer the limit of their case running out while it waits on others, and no one else', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['wang.officer'] as string],
      state: 'case-review',
    });
    // 案件审核 is the department head's; the 90 days from 立案 (2026-03-02) are long past.
    await server.db
      .update(caseRows)
      .set({
        stateEntered: {
          filing: '2026-03-01T01:00:00.000Z',
          investigation: '2026-03-02T01:00:00.000Z',
          'case-review': '2026-05-20T01:00:00.000Z',
        },
      })
      .where(eq(caseRows.id, c.id));
    for (const officer of ['li.officer', 'wang.officer'])
      expect(
        (await stepsOf(officer, c.id)).map((s) => s.kind),
        officer,
      ).toEqual(['deadline']);
    expect((await tasksOf('li.officer')).get(c.id).nearestDeadline).toMatchObject({
      code: 'decide-within-90',
      status: 'overdue',
    });
    // The head has the review itself to do, named by the workflow, not the reminder.
    expect((await stepsOf('zhao.head', c.id)).map((s) => s.kind)).not.toContain('deadline');
    expect((await stepsOf('zhao.head', c.id)).length).toBeGreaterThan(0);
    expect((await tasksOf('old.officer')).has(c.id)).toBe(false);
  });

  it('at 告知, gives the officers the notice to write and then its 送达回证 to finalise, never the waiver nor a hearing not asked for', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: ids['li.officer'] as string,
      officers: [ids['li.officer'] as string, ids['wang.officer'] as string],
      state: 'notification',
      facts: DECIDING,
    });
    // Recent dates: no limit of the case is near, so only the steps show.
    const now = new Date().toISOString();
    await server.db
      .update(caseRows)
      .set({ stateEntered: { filing: now, investigation: now, notification: now } })
      .where(eq(caseRows.id, c.id));
    const names = async () => (await stepsOf('li.officer', c.id)).map((s) => s.name.zh);
    expect(await names()).toEqual(['填写《行政处罚事先告知书》', '填写《告知文书送达回证》']);
    await server.issueDocuments(c.id, 'advance-notice');
    // The notice issued: what is left is recording its service, which tells the case the party was told.
    expect(await names()).toEqual(['填写《告知文书送达回证》']);
    const receipt = await as('li.officer').post(`/api/v1/cases/${c.id}/documents`, {
      form: 'notice-service-receipt',
      data: {
        servedDocuments: ['行政处罚事先告知书'],
        method: '直接送达',
        servedAt: '2026-03-02',
        recipientSignature: '张某某',
        serverSignatures: '李明、王强',
      },
    });
    expect(receipt.status, await receipt.clone().text()).toBe(201);
    const draft = await json(receipt);
    expect(draft.missing).toEqual([]);
    expect(await stepsOf('li.officer', c.id)).toEqual([
      {
        kind: 'issue',
        name: { zh: '定稿《告知文书送达回证》', en: 'Finalise the Proof of service of the advance notices' },
        action: 'to-decision',
        document: {
          code: 'notice-service-receipt',
          name: { zh: '告知文书送达回证', en: 'Proof of service of the advance notices' },
          id: draft.id,
        },
        href: `/documents/${draft.id}`,
      },
    ]);
    const issued = await as('li.officer').post(`/api/v1/documents/${draft.id}/issue`);
    expect(issued.status, await issued.clone().text()).toBe(200);
    expect((await tasksOf('li.officer')).has(c.id)).toBe(false);
  });
});
