/**
 * The procedure a document form declares, enforced by the API on a real temp database with the
 * Binhai pack: a document belongs to its step (editableIn), each section to its roles, the facts
 * a document's issue sets are set with it and never typed by hand, the waiting period after the
 * notice holds the decision unless the party waived in writing, and fields pre-filled from the
 * discretion decision arrive filled.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, cases, reviews } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { localDate } from '../time.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Doc {
  id: string;
  data: Record<string, unknown>;
  updatedAt: string;
  status: string;
}
interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; details?: Record<string, unknown> };
}
interface Detail {
  version: number;
  facts: Record<string, unknown>;
  actions: { allowed: { action: string }[]; refused: { action: string; refusals: { message: { zh: string } }[] }[] };
}

let server: Server;
let officer: Client;
let head: Client;
let officerId: string;
const today = localDate(new Date());

/** The facts that decide the 食品安全法第一百二十二条 benchmark's 一般 tier (platform/e2e/support/api.ts). */
const DECIDING = {
  goodsValue: 8000,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  proposedFine: 70000,
  proposedPenalties: ['fine'],
};

const json = async <T>(res: Response) => (await res.json()) as T;
const newCase = (state: string, facts: Record<string, unknown> = {}) =>
  insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId, state, facts });
const create = (client: Client, caseId: string, form: string, data: Record<string, unknown> = {}) =>
  client.call('POST', `/api/v1/cases/${caseId}/documents`, { form, data });
const issue = (client: Client, id: string) => client.call('POST', `/api/v1/documents/${id}/issue`);

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  officer = await server.as('li.officer');
  head = await server.as('qian.head');
});

describe('a document belongs to its step (editableIn)', () => {
  it('refuses to create, save or issue the 立案审批表 outside 立案审批, naming the step', async () => {
    const late = await newCase('investigation');
    const res = await create(officer, late.id, 'case-filing-approval');
    expect(res.status).toBe(409);
    const body = await json<ErrorBody>(res);
    expect(body.error.code).toBe('document-state');
    expect(body.error.message.zh).toContain('立案审批');
    expect(body.error.message.zh).toContain('调查取证');
    // In English by the steps' English names, not their codes (filing-approval, investigation).
    expect(body.error.message.en).toContain('only in Filing approval; the case is in Investigation');

    // Filled in its step, then the case moves on: the draft is read-only there.
    const c = await newCase('filing');
    const draft = await json<Doc>(
      await create(officer, c.id, 'case-filing-approval', { caseSummary: '涉嫌无证经营。' }),
    );
    await server.db.update(cases).set({ state: 'investigation' }).where(eq(cases.id, c.id));
    const save = await officer.call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, caseSummary: '改写' },
      updatedAt: draft.updatedAt,
    });
    expect(save.status).toBe(409);
    expect((await json<ErrorBody>(save)).error.code).toBe('document-state');
    expect((await issue(officer, draft.id)).status).toBe(409);
  });
});

describe('each section is filled by its roles', () => {
  it("refuses the officer's entry in the agency head's part, and the head's in the officer's, naming the section", async () => {
    const c = await newCase('filing');
    const mine = { caseSource: '投诉举报', sourceDetail: '举报登记号 1', discoveredAt: '2026-02-27' };
    const refused = await create(officer, c.id, 'case-filing-approval', { ...mine, agencyDecision: '同意立案' });
    expect(refused.status).toBe(403);
    const body = await json<ErrorBody>(refused);
    expect(body.error.code).toBe('document-section');
    expect(body.error.message.zh).toContain('机关负责人审批');
    expect(body.error.message.zh).toContain('行政机关负责人');
    expect(body.error.details).toMatchObject({ section: 'agency', fields: ['agencyDecision'] });

    const draft = await json<Doc>(await create(officer, c.id, 'case-filing-approval', mine));
    expect(draft.data.caseSource).toBe('投诉举报');
    const put = (client: Client, data: Record<string, unknown>, updatedAt: string) =>
      client.call('PUT', `/api/v1/documents/${draft.id}`, { data, updatedAt });
    const meddling = await put(head, { ...draft.data, caseSummary: '负责人改写的案情' }, draft.updatedAt);
    expect(meddling.status).toBe(403);
    expect((await json<ErrorBody>(meddling)).error.details).toMatchObject({ section: 'officer' });

    // The approval waits on the head's own part: it is the head's task once the officer's part is
    // filled (caseSummary and the signature are still empty here), and not before.
    const taskOf = async (client: Client) =>
      (
        await json<{ items: { id: string; steps: { kind: string; action?: string }[] }[] }>(
          await client.get('/api/v1/tasks'),
        )
      ).items.find((t) => t.id === c.id);
    expect(await taskOf(head)).toBeUndefined();
    const filled = await put(
      officer,
      { ...draft.data, caseSummary: '涉嫌无证经营。', officerSignature: '李明' },
      draft.updatedAt,
    );
    expect(filled.status, await filled.clone().text()).toBe(200);
    const ready = await json<Doc>(filled);
    expect((await taskOf(head))?.steps).toContainEqual(
      expect.objectContaining({ kind: 'approve', action: 'approve-filing' }),
    );

    const approved = await put(
      head,
      { ...ready.data, agencyDecision: '同意立案', agencySignature: '钱局长' },
      ready.updatedAt,
    );
    expect(approved.status).toBe(200);
    expect((await json<Doc>(approved)).data).toMatchObject({ agencyDecision: '同意立案', caseSource: '投诉举报' });
  });
});

describe('the document view says which fields the user may edit (the server’s rules, for the page)', () => {
  interface Editing {
    editableFields: string[];
    notEditable: { zh: string; en: string } | null;
    parts: { code: string; title: { zh: string; en: string }; filledBy: { zh: string; en: string }; mine: boolean }[];
  }
  const OFFICERS = ['caseSource', 'caseSummary', 'officerOpinion', 'officerSignature'];
  const HEADS = ['agencyDecision', 'notFiledReason', 'agencyOpinion', 'agencySignature', 'approvedAt'];

  it('gives the officer the officers’ part, the agency head the approval, each part with who fills it', async () => {
    const c = await newCase('filing');
    const created = await create(officer, c.id, 'case-filing-approval', { caseSource: '投诉举报' });
    const draft = await json<Doc & Editing>(created);
    for (const f of OFFICERS) expect(draft.editableFields, f).toContain(f);
    for (const f of [...HEADS, 'departmentOpinion']) expect(draft.editableFields, f).not.toContain(f);
    expect(draft.notEditable).toBeNull();
    const agency = draft.parts.find((p) => p.code === 'agency');
    expect(agency).toMatchObject({ title: { zh: '机关负责人审批' }, filledBy: { zh: '行政机关负责人' }, mine: false });
    expect(draft.parts.find((p) => p.code === 'officer')?.mine).toBe(true);

    const seen = await json<Editing>(await head.get(`/api/v1/documents/${draft.id}`));
    for (const f of HEADS) expect(seen.editableFields, f).toContain(f);
    for (const f of OFFICERS) expect(seen.editableFields, f).not.toContain(f);
    expect(seen.parts.find((p) => p.code === 'officer')).toMatchObject({
      title: { zh: '承办人填写', en: 'Filled by the case officers' },
      filledBy: { zh: '执法人员' },
      mine: false,
    });
    // What the view offers is what a save may change: the head's own part is taken, the officers' refused.
    const own = await head.call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, agencyOpinion: '同意。' },
      updatedAt: draft.updatedAt,
    });
    expect(own.status, await own.clone().text()).toBe(200);
  });

  it('gives nothing outside the form’s step, saying why, and nothing of an issued document', async () => {
    const c = await newCase('filing');
    const draft = await json<Doc>(await create(officer, c.id, 'case-filing-approval', { caseSource: '投诉举报' }));
    await server.db.update(cases).set({ state: 'investigation' }).where(eq(cases.id, c.id));
    const late = await json<Editing>(await officer.get(`/api/v1/documents/${draft.id}`));
    expect(late.editableFields).toEqual([]);
    expect(late.notEditable?.zh).toBe('立案审批表只能在“立案审批”环节填写和出具，本案现处于“调查取证”环节');
    expect(late.notEditable?.en).toContain('only in Filing approval');

    const record = await json<Doc>(
      await create(officer, c.id, 'on-site-inspection-record', {
        startedAt: '2026-03-02T09:30:00+08:00',
        endedAt: '2026-03-02T10:30:00+08:00',
        place: '天津市滨海新区新港街道某某路12号',
        presentPerson: '张某某',
        recorder: '李明',
        findings: '当事人经营场所内未悬挂食品经营许可证。',
        inspectorSignatures: '李明、王强',
        presentPersonSignature: '张某某',
        identityShown: true,
        avoidanceInformed: true,
      }),
    );
    expect((record as Doc & Editing).editableFields).toContain('findings');
    const issued = await json<Doc & Editing>(await issue(officer, record.id));
    expect(issued.status).toBe('issued');
    expect(issued.editableFields).toEqual([]);
    expect(issued.notEditable).toBeNull();
  });
});

describe('facts that documents set', () => {
  it('serving the notices sets the notified facts and dates in the issue, recorded in its audit event', async () => {
    const c = await newCase('notification', { proposedFine: 3000, proposedPenalties: ['fine'] });
    const receipt = await json<Doc>(
      await create(officer, c.id, 'notice-service-receipt', {
        servedDocuments: ['行政处罚事先告知书', '行政处罚听证告知书'],
        method: '直接送达',
        servedAt: '2026-03-02',
        recipientSignature: '张某某',
        serverSignatures: '李明、王强',
      }),
    );
    const before = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(before.facts.statementNotified).toBeUndefined();
    expect((await issue(officer, receipt.id)).status).toBe(200);
    const after = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(after.facts).toMatchObject({
      statementNotified: true,
      statementNotifiedAt: '2026-03-02',
      hearingNotified: true,
      hearingNotifiedAt: '2026-03-02',
    });
    expect(after.version).toBe(before.version + 1);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.issue'), eq(auditEvents.target, receipt.id)));
    expect(event?.after).toMatchObject({ sets: { statementNotified: true, statementNotifiedAt: '2026-03-02' } });
  });

  it('refuses such a fact typed by hand with 422 naming the document that sets it', async () => {
    const c = await newCase('notification');
    const detail = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    const res = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: detail.version,
      facts: { statementNotified: true, hearingRequested: false },
    });
    expect(res.status).toBe(422);
    const body = await json<
      ErrorBody & { error: { details: { problems: { path: string; code: string; message: { zh: string } }[] } } }
    >(res);
    expect(body.error.details.problems).toHaveLength(1);
    expect(body.error.details.problems[0]).toMatchObject({
      path: '/facts/statementNotified',
      code: 'fact-set-by-document',
    });
    expect(body.error.details.problems[0]?.message.zh).toContain('告知文书送达回证');
  });
});

describe('the waiting period after the notice (第四十五条、第六十二条)', () => {
  it('refuses the decision on the day the notice is served, naming the article, and allows it once the party waives in writing', async () => {
    const c = await newCase('notification', {
      proposedFine: 3000,
      proposedPenalties: ['fine'],
      publicInterest: false,
      complex: false,
      hearingRequested: false,
    });
    await server.issueDocuments(c.id, 'advance-notice');
    const at = new Date().toISOString();
    await server.db.insert(reviews).values({
      id: randomUUID(),
      caseId: c.id,
      requestedBy: officerId,
      requestedAt: at,
      opinion: 'agree',
      decidedAt: at,
    });
    const receipt = await json<Doc>(
      await create(officer, c.id, 'notice-service-receipt', {
        servedDocuments: ['行政处罚事先告知书'],
        method: '直接送达',
        servedAt: today,
        recipientSignature: '张某某',
        serverSignatures: '李明、王强',
      }),
    );
    expect((await issue(officer, receipt.id)).status).toBe(200);
    const decision = (d: Detail) => d.actions.refused.find((a) => a.action === 'to-decision');
    const waiting = await json<Detail>(await head.get(`/api/v1/cases/${c.id}`));
    const refusal =
      decision(waiting)
        ?.refusals.map((r) => r.message.zh)
        .join('；') ?? '';
    expect(refusal).toContain('陈述申辩期限届满或者当事人书面放弃（第四十五条、第六十二条）');

    const waiver = await json<Doc>(
      await create(officer, c.id, 'rights-waiver', {
        waivedRights: ['陈述、申辩权利'],
        signedAt: today,
        partySignature: '张某某',
      }),
    );
    expect((await issue(officer, waiver.id)).status).toBe(200);
    const waived = await json<Detail>(await head.get(`/api/v1/cases/${c.id}`));
    expect(waived.facts.statementWaived).toBe(true);
    expect(decision(waived)).toBeUndefined();
    expect(waived.actions.allowed.map((a) => a.action)).toContain('to-decision');
  });
});

describe('fields pre-filled from the discretion decision', () => {
  it('arrive filled with the tier and the explanation the benchmark decides on the case facts', async () => {
    const c = await newCase('investigation', DECIDING);
    const report = await json<Doc>(await create(officer, c.id, 'investigation-report'));
    expect(report.data.discretionTier).toBe('一般');
    const explanation = String(report.data.discretionExplanation);
    expect(explanation).toContain(
      '《未取得食品生产经营许可从事食品生产经营活动的裁量基准》（2022年版），适用“一般”裁量阶次',
    );
    // Formal text as an officer writes it: the benchmark by its name, never its code or the rule trace.
    expect(explanation).not.toMatch(/DB-SPAQF-122-1|[✓=]|结论：|情节“/);
  });
});

describe('立案 and 不予立案 follow what the approver wrote on the 立案审批表 (第五十四条第二款)', () => {
  /** A filing case whose form the officer has filled and the head has decided with `decision`. */
  const decided = async (decision: '同意立案' | '不予立案') => {
    const c = await newCase('filing');
    const draft = await json<Doc>(
      await create(officer, c.id, 'case-filing-approval', {
        caseSource: '投诉举报',
        sourceDetail: '举报登记号 2026-0301-002',
        discoveredAt: '2026-02-27',
        caseSummary: '接群众举报，当事人涉嫌未取得食品经营许可从事食品销售。',
        officerSignature: '李明',
      }),
    );
    const head_ = { agencyDecision: decision, agencySignature: '钱局长' };
    const reason =
      decision === '不予立案' ? { notFiledReason: '经核查，举报所涉经营者已取得许可，违法事实不能成立。' } : {};
    const put = await head.call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, ...head_, ...reason },
      updatedAt: draft.updatedAt,
    });
    expect(put.status, await put.clone().text()).toBe(200);
    return c;
  };
  const act = async (id: string, action: string, reason?: string) => {
    const { version } = await json<Detail>(await head.get(`/api/v1/cases/${id}`));
    return head.post(`/api/v1/cases/${id}/transitions`, { action, version, ...(reason ? { reason } : {}) });
  };

  it('refuses 不予立案 against a form that says 同意立案, with 422 citing the form and its field, and changes nothing', async () => {
    const c = await decided('同意立案');
    const detail = await json<Detail>(await head.get(`/api/v1/cases/${c.id}`));
    const shown = detail.actions.refused.find((a) => a.action === 'reject-filing');
    expect(shown?.refusals.map((r) => r.message.zh)).toContain(
      '立案审批表“机关负责人审批”栏为“同意立案”，不能执行此操作',
    );
    expect(detail.actions.allowed.map((a) => a.action)).toContain('approve-filing');

    const refused = await act(c.id, 'reject-filing', '不符合立案条件');
    expect(refused.status).toBe(422);
    const body = await json<
      ErrorBody & { error: { details: { refusals: { code: string; params: Record<string, unknown> }[] } } }
    >(refused);
    expect(body.error.code).toBe('document-field-refused');
    expect(body.error.message.zh).toContain('立案审批表“机关负责人审批”栏为“同意立案”');
    expect(body.error.message.en).toContain(
      '"Approval by the head of the agency" on the Case filing approval form says "Approve opening the case"',
    );
    expect(body.error.details.refusals[0]).toMatchObject({
      code: 'document-field',
      params: { document: 'case-filing-approval', field: 'agencyDecision', actual: '同意立案', notEqual: '同意立案' },
    });
    const [row] = await server.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row?.state).toBe('filing');
    expect((await act(c.id, 'approve-filing')).status).toBe(200);
  });

  it('refuses 批准立案 against a form that says 不予立案, and allows 不予立案 there', async () => {
    const c = await decided('不予立案');
    const refused = await act(c.id, 'approve-filing');
    expect(refused.status).toBe(422);
    const body = await json<ErrorBody>(refused);
    expect(body.error.message.zh).toContain('立案审批表“机关负责人审批”栏须为“同意立案”，现填写的是“不予立案”');
    // In English the options read by the form's optionsEn; the Chinese record keeps its words.
    expect(body.error.message.en).toContain('must say "Approve opening the case"; it says "Do not open a case"');
    expect((await act(c.id, 'reject-filing', '违法事实不能成立')).status).toBe(200);
    const [row] = await server.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row?.state).toBe('not-filed');
  });
});

describe("the decision's 陈述申辩 sentence follows what happened (第四十五条、第六十二条)", () => {
  const FACTS = { proposedFine: 3000, proposedPenalties: ['fine'] };
  const adoption = async (caseId: string) =>
    (await json<Doc>(await create(officer, caseId, 'penalty-decision'))).data.statementAdoption;

  it('says no statement was made only when none was recorded and the party did not waive', async () => {
    const c = await newCase('notification', FACTS);
    expect(await adoption(c.id)).toBe('当事人在规定期限内未提出陈述、申辩意见。');
  });

  it('says the party waived in writing once the waiver is recorded', async () => {
    const c = await newCase('notification', FACTS);
    const waiver = await json<Doc>(
      await create(officer, c.id, 'rights-waiver', {
        waivedRights: ['陈述、申辩权利'],
        signedAt: today,
        partySignature: '张某某',
      }),
    );
    expect((await issue(officer, waiver.id)).status).toBe(200);
    expect(await adoption(c.id)).toBe('当事人书面声明放弃陈述、申辩权利。');
  });

  it('says a statement was made once the 陈述申辩笔录 is recorded, which sets the fact and its date', async () => {
    const c = await newCase('notification', FACTS);
    const record = await json<Doc>(
      await create(officer, c.id, 'statement-record', {
        madeAt: today,
        manner: '口头陈述申辩',
        statement: '当事人称系初次经营，已在申请许可，请求从轻处罚。',
        partySignature: '张某某',
      }),
    );
    expect((await issue(officer, record.id)).status).toBe(200);
    const detail = await json<Detail>(await officer.get(`/api/v1/cases/${c.id}`));
    expect(detail.facts).toMatchObject({ statementMade: true, statementMadeAt: today });
    const sentence = String(await adoption(c.id));
    expect(sentence).toBe('当事人在规定期限内提出了陈述、申辩意见（见陈述申辩笔录）。');
    expect(sentence).not.toContain('未提出');
  });
});
