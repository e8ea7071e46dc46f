import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS, FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { runPass } from '../alerts/scheduler.ts';
import { alertRecipients, alerts, auditEvents, cases } from '../db/schema.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

/** The cases are opened on a Monday and judged a month later: 22 working days after filing. */
const OPENED = new Date('2026-03-02T02:00:00Z');
const LATER = new Date('2026-04-01T02:00:00Z');
const MATTER = FOOD_MATTER;
const FACTS = FOOD_FACTS;

let server: Server;
const ids: Record<string, string> = {};
let clients: Record<string, Client> = {};
const json = async (res: Response): Promise<Json> => res.json();

/** Moves the clock; sessions idle longer than the policy allows end, so everyone signs in again. */
function at(when: Date) {
  server.setClock(() => when);
  clients = {};
}

/** A minute later, so that each step of a case enters its state after the one before. */
function tick() {
  const next = new Date(server.services.now().getTime() + 60_000);
  server.setClock(() => next);
}

async function as(username: string): Promise<Client> {
  clients[username] ??= await server.as(username);
  return clients[username] as Client;
}

async function act(username: string, caseId: string, action: string): Promise<Json> {
  const c = await as(username);
  const { version } = await json(await c.get(`/api/v1/cases/${caseId}`));
  const res = await c.post(`/api/v1/cases/${caseId}/transitions`, { action, version });
  expect(res.status, `${username} ${action}: ${await res.clone().text()}`).toBe(200);
  return json(res);
}

/** A case of the market regulator opened by li.officer with wang.officer. */
async function open(facts: Record<string, unknown> = FACTS): Promise<Opened> {
  const res = await (await as('li.officer')).post('/api/v1/cases', {
    matter: MATTER,
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    facts,
    violationDate: '2026-02-20',
    officers: [ids['li.officer'], ids['wang.officer']],
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

/** The case taken through filing, investigation and case review to 法制审核. */
async function toLegalReview(c: { id: string }) {
  await server.issueDocuments(c.id, 'case-filing-approval');
  tick();
  await act('qian.agency', c.id, 'approve-filing');
  await server.issueDocuments(c.id, 'investigation-report');
  tick();
  await act('li.officer', c.id, 'finish-investigation');
  tick();
  await act('zhao.head', c.id, 'submit-legal-review');
}

async function alertsOf(username: string, query = ''): Promise<Json[]> {
  const res = await (await as(username)).get(`/api/v1/alerts${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json(res)).items;
}

/** The codes of the alerts a user gets on a case. */
async function codesOn(username: string, caseId: string, query = ''): Promise<string[]> {
  return (await alertsOf(username, query))
    .filter((a) => a.case?.id === caseId)
    .map((a) => a.code)
    .sort();
}

type Opened = { id: string; number: string };
let first: Opened;
let second: Opened;
let outsideTier: Opened;
let unreviewed: Opened;

beforeAll(async () => {
  server = await startTestServer({ now: () => OPENED });
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode, roles, ...extra })).id;
  };
  await add('li.officer', '120116-SCJ', ['officer'], cert);
  await add('wang.officer', '120116-SCJ', ['officer'], cert);
  await add('zhou.officer', '120116-SCJ', ['officer'], cert);
  await add('zhao.head', '120116-SCJ', ['department-head']);
  await add('qian.agency', '120116-SCJ', ['agency-head']);
  await add('sun.reviewer', '120116-SCJ', ['legal-reviewer'], { legalQualification: true });
  await add('ma.officer', '120116-STJ', ['officer'], cert);
  await add('tang.head', '120116-STJ', ['department-head']);
  await add('guo.agency', '120116-STJ', ['agency-head']);
  await add('jian.supervisor', '120116-SFJ', ['supervisor']);
  await add('sys.admin', '120116-SFJ', ['system-admin']);

  first = await open();
  second = await open();
  outsideTier = await open({ ...FACTS, proposedFine: 95000 });
  await toLegalReview(outsideTier);
  unreviewed = await open();
  await toLegalReview(unreviewed);
  // A decision without an approving review, as imported history or a changed workflow can leave one.
  tick();
  const [row] = await server.db.select().from(cases).where(eq(cases.id, unreviewed.id));
  await server.db
    .update(cases)
    .set({ state: 'decision', stateEntered: { ...row?.stateEntered, decision: server.services.now().toISOString() } })
    .where(eq(cases.id, unreviewed.id));
  at(LATER);
  // A month on with no event: the deadlines that passed are found by the scheduler's pass (as is
  // the decision written straight into the table above).
  await runPass(server.services);
}, 120_000);

describe('GET /alerts', () => {
  it('warns the officers of the case and the head of the unit of a filing decision overdue', async () => {
    const mine = (await alertsOf('li.officer')).filter((a) => a.case?.id === first.id);
    expect(mine).toHaveLength(1);
    const alert = mine[0];
    expect(alert).toMatchObject({
      code: 'overdue-filing',
      level: 'red',
      addressedToMe: true,
      case: { id: first.id, number: first.number, state: { code: 'filing' }, subject: { code: '120116-SCJ' } },
      recipients: [
        { code: 'case-officers', name: { zh: '承办执法人员' } },
        { code: 'department-head', name: { zh: '承办机构负责人' } },
      ],
    });
    expect(alert.message.zh).toContain(first.number);
    // Opened on Monday 2026-03-02, judged on 2026-04-01: 22 working days (30 calendar days).
    expect(alert.message.zh).toContain('登记已22个工作日');
    expect(alert.message.en).toContain('registered 22 working day(s) ago');
    expect(alert.case.cause).toBeTruthy();
    expect(alert.why.zh).toContain('十五个工作日');
    expect(await codesOn('wang.officer', first.id)).toEqual(['overdue-filing']);
    expect(await codesOn('zhao.head', first.id)).toEqual(['overdue-filing']);
  });

  it('does not warn those the rule does not name, unless a supervisor asks for every alert in scope', async () => {
    // Not an officer of the case, and its scope (own cases) does not reach it.
    expect(await codesOn('zhou.officer', first.id)).toEqual([]);
    expect(await codesOn('qian.agency', first.id)).toEqual([]);
    expect(await codesOn('jian.supervisor', first.id)).toEqual([]);
    expect(await codesOn('qian.agency', first.id, '?all=1')).toEqual(['overdue-filing']);
    const all = (await alertsOf('jian.supervisor', '?all=1')).filter((a) => a.case?.id === first.id);
    expect(all).toMatchObject([{ code: 'overdue-filing', addressedToMe: false }]);
  });

  it('warns officers, head and legal reviewer of a fine outside the discretion tier', async () => {
    const outside = (await alertsOf('li.officer')).find(
      (a) => a.case?.id === outsideTier.id && a.code === 'fine-outside-tier',
    );
    expect(outside).toMatchObject({ level: 'yellow', case: { state: { code: 'legal-review' } } });
    expect(outside.message.zh).toMatch(/95,?000/);
    expect(outside.message.zh).toContain('一般');
    for (const user of ['wang.officer', 'zhao.head', 'sun.reviewer'])
      expect(await codesOn(user, outsideTier.id), user).toContain('fine-outside-tier');
    expect(await codesOn('qian.agency', outsideTier.id)).not.toContain('fine-outside-tier');
    // The legal review has run past its ten working days as well: that one is for reviewer and head.
    expect(await codesOn('sun.reviewer', outsideTier.id)).toEqual(['fine-outside-tier', 'overdue-legal-review']);
    expect(await codesOn('li.officer', outsideTier.id)).toEqual(['fine-outside-tier']);
  });

  it('warns the agency head, reviewer and supervisor of a decision without legal review', async () => {
    for (const user of ['li.officer', 'qian.agency', 'sun.reviewer', 'jian.supervisor'])
      expect(await codesOn(user, unreviewed.id), user).toContain('missing-legal-review');
    // The case also lacks its collective discussion (第五十七条第二款): pick the legal-review alert by its code.
    const alert = (await alertsOf('jian.supervisor')).find(
      (a) => a.case?.id === unreviewed.id && a.code === 'missing-legal-review',
    );
    expect(alert).toMatchObject({ code: 'missing-legal-review', level: 'yellow', addressedToMe: true });
    expect(await codesOn('zhao.head', unreviewed.id)).not.toContain('missing-legal-review');
    expect(await codesOn('zhao.head', unreviewed.id, '?all=1')).toContain('missing-legal-review');
  });

  it('shows nothing of another subject, even to its heads asking for everything', async () => {
    const theirs = [first, second, outsideTier, unreviewed].map((c) => c.id);
    for (const [user, query] of [
      ['ma.officer', ''],
      ['tang.head', ''],
      ['tang.head', '?all=1'],
      ['guo.agency', '?all=1'],
    ] as const) {
      const seen = (await alertsOf(user, query)).filter((a) => theirs.includes(a.case?.id));
      expect(seen, `${user}${query}`).toEqual([]);
    }
  });

  it('sorts the most severe first, filters by level and counts what it found', async () => {
    const res = await json(await (await as('jian.supervisor')).get('/api/v1/alerts?all=1&kind=case'));
    expect(res).toMatchObject({ all: true, scope: 'all' });
    // Stored alerts: the total is what matched, not a number of cases scanned.
    expect(res.total).toBe(res.items.length);
    expect(new Set(res.items.map((a: Json) => a.case.id))).toEqual(
      new Set([first, second, outsideTier, unreviewed].map((c) => c.id)),
    );
    const levels = res.items.map((a: Json) => a.level);
    const order = ['red', 'orange', 'yellow', 'blue'];
    expect([...levels].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(levels);
    expect(res.counts.total).toBe(res.items.length);
    expect(res.counts.red).toBe(levels.filter((l: string) => l === 'red').length);
    const red = await alertsOf('jian.supervisor', '?all=1&kind=case&level=red');
    expect(red.length).toBe(res.counts.red);
    expect(red.every((a) => a.level === 'red')).toBe(true);
    expect(await alertsOf('jian.supervisor', '?all=1&limit=1')).toHaveLength(1);
  });

  it('answers bad query parameters with 422 and the field problems', async () => {
    const c = await as('zhao.head');
    for (const [query, path] of [
      ['?all=yes', '/all'],
      ['?level=purple', '/level'],
      ['?limit=0', '/limit'],
      ['?limit=many', '/limit'],
    ]) {
      const res = await c.get(`/api/v1/alerts${query}`);
      expect(res.status, query).toBe(422);
      const body = await json(res);
      expect(body.error).toMatchObject({
        code: 'validation',
        message: { zh: expect.any(String), en: expect.any(String) },
      });
      expect(body.error.details.problems[0]).toMatchObject({ path, message: { zh: expect.any(String) } });
    }
  });

  it('checks permissions on the server', async () => {
    const admin = await (await as('sys.admin')).get('/api/v1/alerts');
    expect(admin.status).toBe(403);
    expect((await json(admin)).error.code).toBe('forbidden');
    expect((await (await as('li.officer')).get('/api/v1/alerts?all=1')).status).toBe(403);
    expect((await (await as('sun.reviewer')).get('/api/v1/alerts?all=1')).status).toBe(403);
  });

  it('drops the alert once its condition no longer holds', async () => {
    expect(await codesOn('li.officer', second.id)).toEqual(['overdue-filing']);
    await server.issueDocuments(second.id, 'case-filing-approval');
    await act('qian.agency', second.id, 'approve-filing');
    expect(await codesOn('li.officer', second.id)).toEqual([]);
    expect(await codesOn('jian.supervisor', second.id, '?all=1')).toEqual([]);
    // Closed, not deleted: it stays on the record with why it closed.
    const closed = (await alertsOf('li.officer', '?status=closed')).filter((a) => a.case?.id === second.id);
    expect(closed).toMatchObject([{ code: 'overdue-filing', status: 'closed', closed: { why: 'cleared' } }]);
  });
});

describe('GET /supervision/summary', () => {
  it('counts cases by state and overdue, and alerts by level and subject, within the scope', async () => {
    const res = await (await as('jian.supervisor')).get('/api/v1/supervision/summary');
    expect(res.status, await res.clone().text()).toBe(200);
    const s = await json(res);
    expect(s.scope).toBe('all');
    expect(s.cases).toMatchObject({ total: 4, open: 4, overdue: 1 });
    const state = (code: string) => s.cases.byState.find((x: Json) => x.state.code === code);
    expect(state('filing')).toMatchObject({ workflow: { code: 'penalty-ordinary' }, total: 1, open: 1, overdue: 0 });
    expect(state('legal-review')).toMatchObject({ state: { name: '法制审核' }, total: 1, overdue: 1 });
    expect(state('decision')).toMatchObject({ total: 1 });
    const all = await json(await (await as('jian.supervisor')).get('/api/v1/alerts?all=1&kind=case&limit=1000'));
    expect(s.alerts.total).toBe(all.counts.total);
    expect(s.alerts.red).toBe(all.counts.red);
    expect(s.subjects).toHaveLength(1);
    expect(s.subjects[0]).toMatchObject({
      subject: { code: '120116-SCJ', name: expect.any(String) },
      open: 4,
      overdue: 1,
      alerts: { total: all.counts.total },
    });
  });

  it('measures each subject this year and raises the subject alerts: 持证人员零参与, 权责事项零履职', async () => {
    const s = await json(await (await as('jian.supervisor')).get('/api/v1/supervision/summary'));
    expect(s.period).toEqual({ from: '2026-01-01', to: s.today });
    const of = (code: string) => s.subjectMetrics.find((x: Json) => x.subject.code === code);
    const codes = (code: string) => of(code).alerts.map((a: Json) => `${a.code}:${a.level}`);
    // 区市场监管局: three certified officers, two of them on this year's cases, one matter's item exercised.
    expect(of('120116-SCJ').metrics).toMatchObject({
      certifiedOfficers: 3,
      officersWithCases: 2,
      authorityItemsExercised: 1,
    });
    expect(of('120116-SCJ').metrics.authorityItems).toBeGreaterThan(1);
    expect(codes('120116-SCJ')).toEqual(['subject-zero-participation:yellow']);
    // 区生态环境局: one certified officer and no case this year.
    const stj = of('120116-STJ');
    expect(stj.metrics).toMatchObject({ certifiedOfficers: 1, officersWithCases: 0, authorityItemsExercised: 0 });
    expect(stj.metrics.authorityItems).toBeGreaterThan(0);
    expect(codes('120116-STJ').sort()).toEqual(['subject-zero-exercise:red', 'subject-zero-participation:red']);
    const zero = stj.alerts.find((a: Json) => a.code === 'subject-zero-exercise');
    expect(zero.message.zh).toContain(`${stj.subject.name}本期权责清单事项${stj.metrics.authorityItems}项，履行0项`);
    expect(zero.recipients.map((r: Json) => r.code)).toEqual(['subject-head', 'supervisor']);
    // The most severe first.
    expect(s.subjectMetrics.findIndex((x: Json) => x.subject.code === '120116-STJ')).toBeLessThan(
      s.subjectMetrics.findIndex((x: Json) => x.subject.code === '120116-SCJ'),
    );
  });

  it('is the head’s own subject for a head, nothing of another subject, and refused to officers', async () => {
    const theirs = await json(await (await as('tang.head')).get('/api/v1/supervision/summary'));
    expect(theirs).toMatchObject({ scope: 'subject', cases: { total: 0, open: 0 }, subjects: [] });
    expect(theirs.subjectMetrics.map((x: Json) => x.subject.code)).toEqual(['120116-STJ']);
    const own = await json(await (await as('zhao.head')).get('/api/v1/supervision/summary'));
    expect(own.cases.total).toBe(4);
    const officer = await (await as('li.officer')).get('/api/v1/supervision/summary');
    expect(officer.status).toBe(403);
  });
});

describe('stored alerts', () => {
  /** The stored alert of a rule on a case (or subject), as the database holds it. */
  async function stored(rule: string, on: { caseId?: string; subject?: string }) {
    const rows = await server.db.select().from(alerts).where(eq(alerts.ruleCode, rule));
    return rows.filter((r) => (on.caseId ? r.caseId === on.caseId : r.caseId === null && r.subjectOrg === on.subject));
  }

  it('raises an alert on the transition that makes its rule hold, not on a later pass', async () => {
    const [row] = await stored('fine-outside-tier', { caseId: outsideTier.id });
    // Raised when the case went to 法制审核 (a month before the pass at LATER), by the system, on the record.
    expect((row?.raisedAt ?? '') < LATER.toISOString()).toBe(true);
    expect(row?.raisedAt).toBeTruthy();
    expect(row).toMatchObject({ status: 'raised', level: 'yellow', key: `fine-outside-tier:case:${outsideTier.id}` });
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.target, row?.id ?? ''));
    expect(events).toMatchObject([{ action: 'alert.raise', actor: 'system:alerts', caseId: outsideTier.id }]);
    // One open alert per rule and case, however often it is evaluated.
    await runPass(server.services);
    expect(await stored('fine-outside-tier', { caseId: outsideTier.id })).toHaveLength(1);
  });

  it('resolves recipients when raised: the officers on the case, roles, and the head of the subject', async () => {
    const [filing] = await stored('overdue-filing', { caseId: first.id });
    const recipients = async (id: string) =>
      (await server.db.select().from(alertRecipients).where(eq(alertRecipients.alertId, id)))
        .map((r) => r.recipient)
        .sort();
    expect(await recipients(filing?.id ?? '')).toEqual(
      [`user:${ids['li.officer']}`, `user:${ids['wang.officer']}`, 'role:department-head'].sort(),
    );
    // 区生态环境局 exercised none of its authority items: its head (agency-head, headsSubject) is told.
    const [zero] = await stored('subject-zero-exercise', { subject: '120116-STJ' });
    expect(await recipients(zero?.id ?? '')).toEqual(['role:supervisor', `user:${ids['guo.agency']}`]);
    const mine = (await alertsOf('guo.agency', '?kind=subject')).map((a) => `${a.subject.code}:${a.code}`).sort();
    expect(mine).toEqual(['120116-STJ:subject-zero-exercise', '120116-STJ:subject-zero-participation']);
    const item = (await alertsOf('guo.agency', '?kind=subject'))[0];
    expect(item).toMatchObject({
      case: null,
      addressedToMe: true,
      recipients: [{ code: 'subject-head' }, { code: 'supervisor' }],
    });
    // Not the unit head of that bureau, nor the head of another subject.
    expect(await alertsOf('tang.head', '?kind=subject')).toEqual([]);
    expect((await alertsOf('qian.agency', '?kind=subject')).map((a) => a.subject.code)).not.toContain('120116-STJ');
  });

  it('is marked read, handled with a required note, and leaves the unread count', async () => {
    const c = await as('jian.supervisor');
    const alert = (await alertsOf('jian.supervisor', `?case=${unreviewed.id}&rule=missing-legal-review`))[0];
    expect(alert).toMatchObject({ status: 'raised', read: null, handled: null, addressedToMe: true });
    const unread = async () => (await json(await c.get('/api/v1/alerts/unread-count'))).unread as number;
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    const read = await c.post(`/api/v1/alerts/${alert.id}/read`, {});
    expect(read.status, await read.clone().text()).toBe(200);
    expect(await json(read)).toMatchObject({ status: 'read', read: { by: { id: ids['jian.supervisor'] } } });
    expect(await unread()).toBe(before - 1);
    // A note is required: a refusal names the field in both languages and changes nothing.
    for (const body of [{}, { note: '   ' }]) {
      const res = await c.post(`/api/v1/alerts/${alert.id}/handle`, body);
      expect(res.status).toBe(422);
      const error = (await json(res)).error;
      expect(error.details.problems[0]).toMatchObject({
        path: '/note',
        message: { zh: expect.any(String), en: expect.any(String) },
      });
    }
    expect((await json(await c.get(`/api/v1/alerts/${alert.id}`))).status).toBe('read');
    const handled = await c.post(`/api/v1/alerts/${alert.id}/handle`, { note: '已督促承办机构补正法制审核' });
    expect(handled.status, await handled.clone().text()).toBe(200);
    expect(await json(handled)).toMatchObject({
      status: 'handled',
      handled: { note: '已督促承办机构补正法制审核', by: { id: ids['jian.supervisor'], name: 'jian.supervisor' } },
      why: { zh: expect.any(String), en: expect.any(String) },
    });
    const trail = await server.db.select().from(auditEvents).where(eq(auditEvents.target, alert.id));
    expect(trail.map((e) => `${e.action}:${e.actor}`)).toEqual([
      'alert.raise:system:alerts',
      `alert.read:${ids['jian.supervisor']}`,
      `alert.handle:${ids['jian.supervisor']}`,
    ]);
    // Handled is not closed: the condition still holds, so it stays on the board until it clears.
    expect((await alertsOf('jian.supervisor', '?status=handled')).map((a) => a.id)).toContain(alert.id);
  });

  it('refuses to handle an alert that has closed', async () => {
    const [closed] = (await stored('overdue-filing', { caseId: second.id })).filter((r) => r.status === 'closed');
    const res = await (await as('li.officer')).post(`/api/v1/alerts/${closed?.id}/handle`, { note: '已处理' });
    expect(res.status).toBe(409);
    expect((await json(res)).error.message.zh).toContain('已关闭');
  });

  it('is not found outside the scope, and refused to roles that read no alerts', async () => {
    const [row] = await stored('missing-legal-review', { caseId: unreviewed.id });
    const id = row?.id ?? '';
    for (const user of ['tang.head', 'ma.officer', 'guo.agency', 'zhou.officer']) {
      const c = await as(user);
      expect((await c.get(`/api/v1/alerts/${id}`)).status, user).toBe(404);
      expect((await c.post(`/api/v1/alerts/${id}/read`, {})).status, user).toBe(404);
      expect((await c.post(`/api/v1/alerts/${id}/handle`, { note: 'x' })).status, user).toBe(404);
      expect(
        (await alertsOf(user, user.endsWith('officer') ? '' : '?all=1')).map((a) => a.id),
        user,
      ).not.toContain(id);
    }
    // The unit head is not named by the rule but supervises the subject (statistics.read): may read it.
    expect((await (await as('zhao.head')).get(`/api/v1/alerts/${id}`)).status).toBe(200);
    // An officer of the case is named (case-officers).
    expect((await (await as('li.officer')).get(`/api/v1/alerts/${id}`)).status).toBe(200);
    const admin = await as('sys.admin');
    expect((await admin.get(`/api/v1/alerts/${id}`)).status).toBe(403);
    expect((await admin.get('/api/v1/alerts/unread-count')).status).toBe(403);
    expect((await admin.post(`/api/v1/alerts/${id}/handle`, { note: 'x' })).status).toBe(403);
  });
});
