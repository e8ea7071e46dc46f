/**
 * Linking a case after it was opened, and removing a link, each with a reason (PUT / DELETE
 * /cases/{id}/linked-case): only by those who handle the case, only to a case they may read, never
 * to itself or both ways, recorded in the audit; and a link shows another case's id only to a user
 * who may read that case. On a real temp database with the Binhai pack.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let li: Client;
let chen: Client;
let zhao: Client;
let decision: Json;
let litigation: Json;

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

const json = async (res: Response): Promise<Json> => res.json();
const detail = async (client: Client, id: string): Promise<Json> => json(await client.get(`/api/v1/cases/${id}`));
const link = async (client: Client, id: string, body: Record<string, unknown>) =>
  client.call('PUT', `/api/v1/cases/${id}/linked-case`, { version: (await detail(li, id)).version, ...body });
const unlink = async (client: Client, id: string, body: Record<string, unknown>) =>
  client.call('DELETE', `/api/v1/cases/${id}/linked-case`, { version: (await detail(li, id)).version, ...body });
const events = (caseId: string, action: string) =>
  server.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.caseId, caseId)));

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const liUser = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const wang = await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  const chenUser = await server.user({ username: 'chen.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'zhao.officer', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  li = await server.as('li.officer');
  chen = await server.as('chen.officer');
  zhao = await server.as('zhao.officer');
  const opened = async (body: unknown) => {
    const res = await li.post('/api/v1/cases', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return json(res);
  };
  decision = await opened({ matter: '120116-SCJ-CF-0001-01', party: COMPANY, officers: [liUser.id, wang.id] });
  // Handled by li and chen: chen reads the 应诉 case, not the decision case.
  litigation = await opened({ ...LITIGATION, officers: [liUser.id, chenUser.id] });
});

describe('linking a case after it was opened', () => {
  it('links the 应诉 case to the decision case with a reason, shown both ways and recorded', async () => {
    const before = await detail(li, litigation.id);
    expect(before.linkedCase).toBeNull();
    const res = await link(li, litigation.id, { linkedCase: decision.number, reason: '原告起诉的是本局该处罚决定' });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body.version).toBe(before.version + 1);
    expect(body.linkedCase).toMatchObject({ id: decision.id, number: decision.number });
    expect((await detail(li, decision.id)).linkedFrom.map((l: Json) => l.id)).toEqual([litigation.id]);
    const [event] = await events(litigation.id, 'case.link');
    expect(event?.before).toEqual({ linkedCase: null });
    expect(event?.after).toEqual({ linkedCase: decision.number, reason: '原告起诉的是本局该处罚决定' });
  });

  it('shows the other case’s number but not its id to a user who may not read it', async () => {
    const seen = await detail(chen, litigation.id);
    expect(seen.linkedCase).toMatchObject({ id: null, number: decision.number, state: { code: 'filing' } });
    expect((await chen.get(`/api/v1/cases/${decision.id}`)).status).toBe(404);
  });

  it('refuses a link without a reason, to itself, both ways, to a case the user may not read, or on a stale version — and changes nothing', async () => {
    const before = await detail(li, litigation.id);
    const noReason = await link(li, litigation.id, { linkedCase: decision.id, reason: ' ' });
    expect(noReason.status).toBe(422);
    const self = await link(li, decision.id, { linkedCase: decision.id, reason: '误' });
    expect((await json(self)).error.details.problems[0].code).toBe('link-self');
    const cycle = await link(li, decision.id, { linkedCase: litigation.number, reason: '相互关联' });
    expect(cycle.status).toBe(422);
    expect((await json(cycle)).error.details.problems[0]).toMatchObject({ code: 'link-cycle' });
    // chen handles the 应诉 case but may not read the decision case: the same 404 as no case at all.
    const unreadable = await link(chen, litigation.id, { linkedCase: decision.number, reason: '关联' });
    expect(unreadable.status).toBe(404);
    expect((await json(unreadable)).error.details).toEqual({ linkedCase: decision.number });
    // Another bureau's officer does not see the case at all.
    expect((await link(zhao, litigation.id, { linkedCase: decision.number, reason: '关联' })).status).toBe(404);
    const stale = await li.call('PUT', `/api/v1/cases/${litigation.id}/linked-case`, {
      linkedCase: decision.id,
      reason: '关联',
      version: before.version - 1,
    });
    expect(stale.status).toBe(409);
    const after = await detail(li, litigation.id);
    expect(after.version).toBe(before.version);
    expect(after.linkedCase.id).toBe(decision.id);
    expect(await events(litigation.id, 'case.link')).toHaveLength(1);
  });

  it('removes a link made in error with a reason, and refuses to remove one that is not there', async () => {
    const res = await unlink(chen, litigation.id, { reason: '关联有误：原告起诉的是另一份决定' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).linkedCase).toBeNull();
    expect((await detail(li, decision.id)).linkedFrom).toEqual([]);
    const [event] = await events(litigation.id, 'case.unlink');
    expect(event?.before).toEqual({ linkedCase: decision.number });
    expect(event?.after).toMatchObject({ linkedCase: null, reason: '关联有误：原告起诉的是另一份决定' });
    const again = await unlink(li, litigation.id, { reason: '再次取消' });
    expect(again.status).toBe(422);
    expect((await json(again)).error.message.zh).toBe('本案没有关联案件');
  });
});
