import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, cases } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let colleague: Client;

const MATTER = '120116-SCJ-CF-0001-01';
const OTHER_MATTER = '120116-SCJ-CF-0003-01';
const COMPANY = { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' };
const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X' };

/** Both officers of the bureau: a case is opened by two (行政处罚法第四十二条). */
const officerIds: string[] = [];
const open = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/v1/cases', { matter: MATTER, party: COMPANY, officers: officerIds, ...body });
const created = async (res: Response): Promise<Json> => {
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const caseCount = async () => (await server.db.select({ id: cases.id }).from(cases)).length;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    displayName: '李明',
    ...cert,
  });
  const wang = await server.user({
    username: 'wang.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    displayName: '王强',
    ...cert,
  });
  officerIds.push(li.id, wang.id);
  await server.user({ username: 'qian.agency', orgCode: '120116-SCJ', roles: ['agency-head'] });
  officer = await server.as('li.officer');
  colleague = await server.as('wang.officer');
});

describe('a possible duplicate is warned before filing', () => {
  let first: Json;

  it('answers the open cases of the same party and matter, and opens nothing until confirmed', async () => {
    first = await created(await open(officer, { confirmedDuplicates: [] }));
    const before = await caseCount();
    // Another officer of the subject, the same company (its code typed in lower case).
    const res = await open(colleague, {
      party: { ...COMPANY, idNumber: COMPANY.idNumber.toLowerCase() },
      confirmedDuplicates: [],
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as Json;
    expect(body.error.code).toBe('possible-duplicate');
    expect(body.error.message.zh).toContain(first.number);
    expect(body.error.details.duplicates).toEqual([
      {
        id: first.id,
        number: first.number,
        state: { code: 'filing', name: '立案审批' },
        openedAt: expect.any(String),
        officers: ['李明', '王强'],
      },
    ]);
    expect(await caseCount()).toBe(before);
  });

  it('opens the case once the officer confirms the cases shown, and records the confirmation', async () => {
    const second = await created(await open(colleague, { confirmedDuplicates: [first.id] }));
    // No number was consumed by the refused attempt.
    expect(Number(second.number.match(/(\d+)号$/)?.[1])).toBe(Number(first.number.match(/(\d+)号$/)?.[1]) + 1);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'case.open'), eq(auditEvents.caseId, second.id)));
    expect((event?.after as Json)?.duplicatesConfirmed).toEqual([first.number]);
    // A confirmation covers the cases seen, not a case opened since.
    const stale = await open(officer, { confirmedDuplicates: [first.id] });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Json).error.details.duplicates.map((d: Json) => d.id)).toEqual([
      first.id,
      second.id,
    ]);
  });

  it('does not warn of another party, another matter, or a closed case', async () => {
    await created(await open(officer, { party: PERSON, confirmedDuplicates: [] }));
    await created(await open(officer, { matter: OTHER_MATTER, confirmedDuplicates: [] }));
    const party = { ...PERSON, name: '李四', idNumber: '110105198001010016' };
    const closed = await created(await open(officer, { party, confirmedDuplicates: [] }));
    // The head's entry on the 立案审批表 says 不予立案, as 不予立案 requires.
    await server.issueDocuments(closed.id, { form: 'case-filing-approval', data: { agencyDecision: '不予立案' } });
    const agency = await server.as('qian.agency');
    const rejected = await agency.post(`/api/v1/cases/${closed.id}/transitions`, {
      action: 'reject-filing',
      version: closed.version,
      reason: '不属于本机关管辖。',
    });
    expect(rejected.status, await rejected.clone().text()).toBe(200);
    await created(await open(officer, { party, confirmedDuplicates: [] }));
  });

  it('checks nothing when the caller does not ask (imports, the demo)', async () => {
    await created(await open(officer, {}));
  });
});
