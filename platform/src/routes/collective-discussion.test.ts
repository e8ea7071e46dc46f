/**
 * 已集体讨论 from the record (行政处罚法第五十七条第二款): finalising the 重大案件集体讨论记录 sets
 * collectiveDiscussed and the date of the meeting, in the transaction; a discussion that
 * only sends the case back (补充调查后再议) sets nothing; and the officer can no longer switch the
 * fact by hand — the server refuses it naming the record, and the fact definitions say where it
 * comes from. On a real temp database with the Binhai pack.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, reviews } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Doc {
  id: string;
  data: Record<string, unknown>;
  missing: { field: string }[];
}
interface Detail {
  version: number;
  facts: Record<string, unknown>;
  actions: { allowed: { action: string }[] };
}
interface Problem {
  path: string;
  code: string;
  message: { zh: string; en: string };
}

let server: Server;
let officer: Client;
let head: Client;
let officerId: string;

const MATTER = '120116-SCJ-CF-0001-01';
const json = async <T>(res: Response) => (await res.json()) as T;
/** A complex case, the legal review agreed, in 集体讨论. */
async function newCase() {
  const c = await insertTestCase(server.db, {
    packHash: server.packHash,
    createdBy: officerId,
    state: 'collective-discussion',
    facts: { proposedFine: 70000, proposedPenalties: ['fine'], complex: true },
  });
  const at = new Date().toISOString();
  await server.db.insert(reviews).values({
    id: randomUUID(),
    caseId: c.id,
    requestedBy: officerId,
    requestedAt: at,
    opinion: 'agree',
    decidedAt: at,
  });
  return c;
}

/** A complete record of the discussion; `decision` as the heads decided. */
const record = (decision: string) => ({
  meetingAt: '2026-06-20T17:30:00.000Z',
  place: '局三楼会议室',
  host: '钱局长',
  recorder: '李明',
  attendees: [
    { name: '钱局长', title: '局长' },
    { name: '赵副局长', title: '副局长' },
  ],
  grounds: ['情节复杂'],
  caseReport: '承办人汇报案情，建议罚款二十万元。',
  discussion: '钱局长：同意承办人意见。赵副局长：同意。',
  decision,
  ...(decision === '给予行政处罚' ? { decisionContent: '罚款二十万元' } : {}),
  hostSignature: '钱局长',
  attendeeSignatures: '钱局长、赵副局长',
  recorderSignature: '李明',
});

async function finalise(caseId: string, decision: string): Promise<string> {
  const created = await officer.call('POST', `/api/v1/cases/${caseId}/documents`, {
    form: 'collective-discussion-record',
    data: record(decision),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const doc = await json<Doc>(created);
  expect(doc.missing).toEqual([]);
  const issued = await officer.call('POST', `/api/v1/documents/${doc.id}/issue`);
  expect(issued.status, await issued.clone().text()).toBe(200);
  return doc.id;
}

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  officer = await server.as('li.officer');
  head = await server.as('qian.head');
});

describe('已集体讨论 is recorded by the 重大案件集体讨论记录', () => {
  it('finalising the record sets collectiveDiscussed with the legal date of the meeting, in its audit event', async () => {
    const c = await newCase();
    const before = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(before.facts.collectiveDiscussed).toBeUndefined();
    const id = await finalise(c.id, '给予行政处罚');
    const after = await json<Detail>(await head.get(`/api/v1/cases/${c.id}`));
    // 17:30 UTC on 20 June is 01:30 on 21 June in Beijing: the meeting's legal date.
    expect(after.facts).toMatchObject({ collectiveDiscussed: true, collectiveDiscussedAt: '2026-06-21' });
    expect(after.version).toBe(before.version + 1);
    expect(after.actions.allowed.map((a) => a.action)).toContain('discussion-decided');
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.issue'), eq(auditEvents.target, id)));
    expect(event?.after).toMatchObject({ sets: { collectiveDiscussed: true, collectiveDiscussedAt: '2026-06-21' } });
  });

  it('a discussion that sends the case back for further investigation (补充调查后再议) records no decision, and the case does not go to the decision on it', async () => {
    const c = await newCase();
    await finalise(c.id, '补充调查后再议');
    const after = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(after.facts.collectiveDiscussed).toBeUndefined();
    expect(after.facts.collectiveDiscussedAt).toBeUndefined();
    // So the heads cannot take the case to the decision on it (第五十七条第二款).
    const seen = await json<
      Detail & { actions: { refused: { action: string; refusals: { message: { zh: string } }[] }[] } }
    >(await head.get(`/api/v1/cases/${c.id}`));
    expect(seen.actions.allowed.map((a) => a.action)).not.toContain('discussion-decided');
    const refused = seen.actions.refused.find((a) => a.action === 'discussion-decided');
    expect(refused?.refusals.map((r) => r.message.zh).join('；')).toContain('定稿重大案件集体讨论记录');
  });

  it('refuses 已集体讨论 typed by hand with 422 naming the record, and says so in the fact definitions', async () => {
    const c = await newCase();
    const detail = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    for (const facts of [{ collectiveDiscussed: true }, { collectiveDiscussedAt: '2026-06-21' }]) {
      const res = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, { version: detail.version, facts });
      expect(res.status).toBe(422);
      const [problem] = (await json<{ error: { details: { problems: Problem[] } } }>(res)).error.details.problems;
      expect(problem?.code).toBe('fact-set-by-document');
      expect(problem?.message.zh).toContain('重大案件集体讨论记录');
      expect(problem?.message.en).toContain('Record of collective discussion of a major case');
    }
    const after = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(after.version).toBe(detail.version);
    expect(after.facts.collectiveDiscussed).toBeUndefined();

    const matter = await json<{ facts: { name: string; setBy?: { code: string; name: string }[] }[] }>(
      await officer.get(`/api/v1/matters/${MATTER}`),
    );
    const fact = matter.facts.find((f) => f.name === 'collectiveDiscussed');
    expect(fact?.setBy).toEqual([
      expect.objectContaining({ code: 'collective-discussion-record', name: '重大案件集体讨论记录' }),
    ]);
  });
});
