/**
 * Confirmations an officer gives for what was done (出示执法证件 第五十五条, 告知申请回避的权利 第四十三条)
 * are never pre-set by the pack: a new 现场检查笔录 or 询问笔录 has them unset, lists them missing,
 * and is not issued until the officer sets them — on a real temp database with the Binhai pack.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { insertTestCase } from '../documents/test-case.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Doc {
  id: string;
  data: Record<string, unknown>;
  updatedAt: string;
  missing: { field: string }[];
}

let server: Server;
let officer: Client;
let officerId: string;

const json = async <T>(res: Response) => (await res.json()) as T;

/** Everything else the record needs, so only the confirmations are left. */
const RECORDS = {
  'on-site-inspection-record': {
    fields: ['identityShown', 'avoidanceInformed'],
    data: {
      startedAt: '2026-03-02T09:30:00+08:00',
      endedAt: '2026-03-02T10:30:00+08:00',
      place: '天津市滨海新区新港街道某某路12号',
      presentPerson: '张某某',
      recorder: '李明',
      findings: '当事人经营场所内未悬挂食品经营许可证。',
      inspectorSignatures: '李明、王强',
      presentPersonSignature: '张某某',
    },
  },
  'inquiry-record': {
    fields: ['identityShown', 'rightsInformed'],
    data: {
      startedAt: '2026-03-03T14:00:00+08:00',
      endedAt: '2026-03-03T15:00:00+08:00',
      place: '天津市滨海新区市场监督管理局询问室',
      recorder: '王强',
      intervieweeName: '张某某',
      relation: '法定代表人或负责人',
      questionsAndAnswers: '问：你是否申请回避？答：不申请。',
      intervieweeSignature: '张某某',
      inquirerSignatures: '李明、王强',
      recorderSignature: '王强',
    },
  },
} as const;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  officer = await server.as('li.officer');
});

describe('required confirmations start unset', () => {
  for (const [form, { fields, data }] of Object.entries(RECORDS))
    it(`${form}: unset when created, missing, and not issued until the officer sets them`, async () => {
      const c = await insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId });
      const created = await officer.call('POST', `/api/v1/cases/${c.id}/documents`, { form, data });
      expect(created.status, await created.clone().text()).toBe(201);
      const draft = await json<Doc>(created);
      for (const f of fields) expect(draft.data[f], f).toBeUndefined();
      expect(draft.missing.map((m) => m.field).sort()).toEqual([...fields].sort());

      const refused = await officer.call('POST', `/api/v1/documents/${draft.id}/issue`);
      expect(refused.status).toBe(422);
      const body = await json<{ error: { details: { missing: string[] }; message: { zh: string } } }>(refused);
      expect(body.error.details.missing.sort()).toEqual([...fields].sort());
      expect(body.error.message.zh).toContain('已出示执法证件');

      const confirmed = Object.fromEntries(fields.map((f) => [f, true]));
      const saved = await officer.call('PUT', `/api/v1/documents/${draft.id}`, {
        data: { ...draft.data, ...confirmed },
        updatedAt: draft.updatedAt,
      });
      expect(saved.status, await saved.clone().text()).toBe(200);
      expect((await json<Doc>(saved)).missing).toEqual([]);
      const issued = await officer.call('POST', `/api/v1/documents/${draft.id}/issue`);
      expect(issued.status, await issued.clone().text()).toBe(200);
    });
});
