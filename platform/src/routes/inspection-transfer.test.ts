/**
 * 行政检查 → 转立案 through the API, as cn-national's inspection workflow has it: two officers
 * start the inspection and record it (现场检查笔录, 第五十五条), propose a penalty case, fill their
 * part of the 立案审批表 in the 转立案审批 step, the agency head fills the approval, and 批准立案
 * (第五十四条第二款) ends the inspection as transferred. The form belongs to that step: before it,
 * it cannot be filled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { insertTestCase } from '../documents/test-case.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let head: Client;
let officers: string[] = [];

const json = async (res: Response) => (await res.json()) as Json;
const view = async (id: string) => json(await officer.get(`/api/v1/cases/${id}`));
const act = async (client: Client, id: string, action: string, reason?: string) => {
  const { version } = await view(id);
  return client.post(`/api/v1/cases/${id}/transitions`, { action, version, ...(reason ? { reason } : {}) });
};
const create = (client: Client, caseId: string, form: string, data: Record<string, unknown> = {}) =>
  client.call('POST', `/api/v1/cases/${caseId}/documents`, { form, data });

const RECORD = {
  startedAt: '2026-06-10T09:30:00+08:00',
  endedAt: '2026-06-10T10:30:00+08:00',
  place: '天津市滨海新区新港街道某某路12号',
  presentPerson: '张某某',
  recorder: '李明',
  findings: '当事人经营场所内未悬挂食品经营许可证，现场有待售预包装食品。',
  inspectorSignatures: '李明、王强',
  presentPersonSignature: '张某某',
  identityShown: true,
  avoidanceInformed: true,
};
const OFFICER_PART = {
  caseSource: '监督检查发现',
  discoveredAt: '2026-06-10',
  caseSummary: '现场检查发现当事人涉嫌未取得食品经营许可从事食品销售，符合立案条件。',
  officerSignature: '李明',
};

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => new Date('2026-06-10T04:00:00Z'));
  const cert = (n: string) => ({ certificateNo: `1201162026000${n}`, certificateValidUntil: '2099-12-31' });
  officers = [
    (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert('1') })).id,
    (await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert('2') })).id,
  ];
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  officer = await server.as('li.officer');
  head = await server.as('qian.head');
});

describe('行政检查 → 转立案 (行政处罚法第五十四条第二款、第五十五条)', () => {
  it('goes from the inspection to 转立案审批, where the 立案审批表 is filled by its signers, to 已转立案', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officers[0] as string,
      officers,
      workflowCode: 'inspection',
      state: 'assigned',
    });
    const started = await act(officer, c.id, 'start-inspection');
    expect(started.status, await started.clone().text()).toBe(200);

    // The 立案审批表 belongs to the 转立案审批 step: not yet during the inspection.
    const early = await create(officer, c.id, 'case-filing-approval', OFFICER_PART);
    expect(early.status).toBe(409);
    expect((await json(early)).error.message.zh).toContain('转立案审批');

    const record = await create(officer, c.id, 'on-site-inspection-record', RECORD);
    expect(record.status, await record.clone().text()).toBe(201);
    const finalised = await officer.call('POST', `/api/v1/documents/${(await json(record)).id}/issue`);
    expect(finalised.status, await finalised.clone().text()).toBe(200);
    const proposed = await act(officer, c.id, 'propose-filing');
    expect(proposed.status, await proposed.clone().text()).toBe(200);
    expect((await view(c.id)).state.code).toBe('transfer');

    // In 转立案审批 the officers fill their part, the agency head the approval (each only their own).
    const created = await create(officer, c.id, 'case-filing-approval', OFFICER_PART);
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = await json(created);
    const approved = await head.call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, agencyDecision: '同意立案', agencySignature: '钱局长' },
      updatedAt: draft.updatedAt,
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect((await json(approved)).missing).toEqual([]);

    const before = await json(await head.get(`/api/v1/cases/${c.id}`));
    expect(before.actions.allowed.map((a: Json) => a.action)).toContain('approve-filing');
    const filed = await act(head, c.id, 'approve-filing');
    expect(filed.status, await filed.clone().text()).toBe(200);
    const after = await view(c.id);
    expect(after.state.code).toBe('transferred');
    expect(after.timeline.filter((e: Json) => e.action === 'case.transition').map((e: Json) => e.after.action)).toEqual(
      ['start-inspection', 'propose-filing', 'approve-filing'],
    );
  });

  it("names only the ordinary procedure's step when an ordinary case is past 立案审批", async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officers[0] as string,
      state: 'investigation',
    });
    const res = await create(officer, c.id, 'case-filing-approval', OFFICER_PART);
    expect(res.status).toBe(409);
    const { message } = (await json(res)).error;
    expect(message.zh).toBe('立案审批表只能在“立案审批”环节填写和出具，本案现处于“调查取证”环节');
    expect(message.en).not.toContain('transfer');
  });
});
