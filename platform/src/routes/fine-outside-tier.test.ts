import { caseContext } from '@yifa/engine';
import { evaluateAlerts } from '@yifa/rules';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS, FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, cases } from '../db/schema.ts';
import { loadCase } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';

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

const MATTER = FOOD_MATTER;
/** 货值 8,000 元, 一般情节: the tier 一般 (65,000–85,000 元) of 食品安全法第一百二十二条's benchmark. */
const FACTS = { ...FOOD_FACTS };
const REASON = '当事人拒不配合调查，经集体讨论决定在阶次以上处罚。';
/** What an advance notice needs besides its prefilled fields to be issued. */
const NOTICE = {
  facts: '当事人未取得食品经营许可销售预包装食品。',
  evidenceSummary: '现场笔录、询问笔录、进货单据。',
  discretionExplanation: '适用一般阶次。',
  proposedPenalties: ['罚款'],
  contact: '李执法',
  contactPhone: '022-12345678',
};

async function act(username: string, caseId: string, action: string) {
  const { version } = await json(await as(username).get(`/api/v1/cases/${caseId}`));
  const res = await as(username).post(`/api/v1/cases/${caseId}/transitions`, { action, version });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A case submitted for 法制审核 with a proposed fine of 70,000 元 (inside its tier). */
async function underReview(): Promise<string> {
  const res = await as('li.officer').post('/api/v1/cases', {
    matter: MATTER,
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    facts: FACTS,
    violationDate: '2026-06-01',
    officers: [ids['li.officer'], ids['wang.officer']],
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await json(res)).id as string;
  await server.issueDocuments(id, 'case-filing-approval');
  await act('qian.agency', id, 'approve-filing');
  await server.issueDocuments(id, 'investigation-report');
  await act('li.officer', id, 'finish-investigation');
  await act('zhao.head', id, 'submit-legal-review');
  return id;
}

const factsOf = async (caseId: string): Promise<Json> =>
  (await json(await as('li.officer').get(`/api/v1/cases/${caseId}`))).facts;

/** A draft advance notice of the case stating this fine. */
async function notice(caseId: string, fine: number, reason?: string) {
  return as('li.officer').post(`/api/v1/cases/${caseId}/documents`, {
    form: 'advance-notice',
    data: { ...NOTICE, proposedFine: fine },
    ...(reason ? { fineOutsideTierReason: reason } : {}),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode: '120116-SCJ', roles, ...extra })).id;
    clients[username] = await server.as(username);
  };
  await add('li.officer', ['officer'], cert);
  await add('wang.officer', ['officer'], cert);
  await add('zhao.head', ['department-head']);
  await add('qian.agency', ['agency-head']);
  await add('sun.reviewer', ['legal-reviewer'], { legalQualification: true });
  await server.user({ username: 'zhou.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  clients['zhou.supervisor'] = await server.as('zhou.supervisor');
});

describe('a proposed fine outside the discretion tier', () => {
  it('is refused on a document without a reason, with the tier and the fine in zh and en', async () => {
    const caseId = await underReview();
    const res = await notice(caseId, 90000);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('validation');
    expect(error.details.problems).toEqual([
      expect.objectContaining({
        path: '/fineOutsideTierReason',
        field: 'proposedFine',
        code: 'fine-outside-tier-reason',
      }),
    ]);
    expect(error.message.zh).toBe(
      '拟罚款 90,000 元超出所适用的裁量阶次“一般”（65,000–85,000 元），须说明理由（可在案件“裁量”页填写）',
    );
    // In English by the tier's English name (Ordinary), not its Chinese one.
    expect(error.message.en).toContain('outside the discretion tier "Ordinary" (65,000–85,000 yuan)');
    expect((await factsOf(caseId)).fineOutsideTier).toBeUndefined();
    // Inside the tier, nothing is asked and nothing is recorded.
    expect((await notice(caseId, 80000)).status).toBe(201);
    expect((await factsOf(caseId)).fineOutsideTier).toBeUndefined();
  });

  it('is recorded on the case with its reason, which stands for the same fine until issued', async () => {
    const caseId = await underReview();
    const created = await notice(caseId, 90000, REASON);
    expect(created.status, await created.clone().text()).toBe(201);
    const doc = await json(created);
    const facts = await factsOf(caseId);
    expect(facts).toMatchObject({
      fineOutsideTier: true,
      fineOutsideTierFine: 90000,
      fineOutsideTierReason: REASON,
      discretionTier: '一般',
      proposedFine: 70000,
    });
    // The officer cannot set or clear the server's facts.
    const { version } = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    const patch = await as('li.officer').call('PATCH', `/api/v1/cases/${caseId}/facts`, {
      version,
      facts: { fineOutsideTier: false },
    });
    expect(patch.status).toBe(422);
    // Saving the same fine again needs no new reason; another fine outside the tier does.
    const same = await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, { data: doc.data });
    expect(same.status, await same.clone().text()).toBe(200);
    const other = await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, {
      data: { ...doc.data, proposedFine: 95000 },
    });
    expect(other.status).toBe(422);
    // Back inside the tier at the case's own proposal (70,000 元), the document clears the flag;
    // outside again, it needs the reason again.
    const back = await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, {
      data: { ...doc.data, proposedFine: 70000 },
    });
    expect(back.status, await back.clone().text()).toBe(200);
    expect(await factsOf(caseId)).toMatchObject({ fineOutsideTier: false });
    expect((await factsOf(caseId)).fineOutsideTierReason).toBeUndefined();
    expect((await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, { data: doc.data })).status).toBe(422);
    const again = await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, {
      data: doc.data,
      fineOutsideTierReason: REASON,
    });
    expect(again.status, await again.clone().text()).toBe(200);
    const issued = await as('li.officer').post(`/api/v1/documents/${doc.id}/issue`);
    expect(issued.status, await issued.clone().text()).toBe(200);
    const detail = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    const recorded = detail.timeline.filter((e: Json) => e.action === 'case.facts');
    expect(recorded.at(-1).after).toMatchObject({ fineOutsideTier: true, fineOutsideTierReason: REASON });
  });

  it('fires the national alert fine-outside-tier off the recorded fact', async () => {
    const caseId = await underReview();
    const alertOf = async () => {
      const s = server.services;
      const today = localDate(s.now());
      const [row] = await server.db.select().from(cases).where(eq(cases.id, caseId));
      if (!row) throw new Error(caseId);
      const loaded = await loadCase(s.db, s.packs, row, today);
      const rule = loaded.pack.items.alert.get('fine-outside-tier');
      if (!rule) throw new Error('the national pack has no fine-outside-tier alert');
      const { context } = caseContext(loaded.snapshot, today, loaded.env);
      const report = evaluateAlerts([rule], context, loaded.env);
      if (!report.ok) throw new Error(JSON.stringify(report.issues));
      return report.value.fired[0];
    };
    expect(await alertOf()).toBeUndefined();
    expect((await notice(caseId, 90000, REASON)).status).toBe(201);
    const fired = await alertOf();
    expect(fired).toMatchObject({ code: 'fine-outside-tier', level: 'yellow' });
    expect(fired?.message.zh).toContain('（一般）');
  });

  it('is checked for the case’s own proposal on the discretion tab, and cleared when back inside', async () => {
    const caseId = await underReview();
    const setFine = async (fine: number) => {
      const { version } = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
      const res = await as('li.officer').call('PATCH', `/api/v1/cases/${caseId}/facts`, {
        version,
        facts: { proposedFine: fine },
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await setFine(90000);
    const missing = await as('li.officer').post(`/api/v1/cases/${caseId}/fine-check`, {});
    expect(missing.status).toBe(422);
    expect((await json(missing)).error.details.problems[0]).toMatchObject({ path: '/reason' });
    const ok = await as('li.officer').post(`/api/v1/cases/${caseId}/fine-check`, { reason: REASON });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await json(ok)).check).toMatchObject({
      fine: 90000,
      outside: true,
      tier: { name: '一般', fine: { min: 65000, max: 85000 } },
    });
    // A document stating the same fine takes the recorded reason.
    expect((await notice(caseId, 90000)).status).toBe(201);
    await setFine(70000);
    expect((await as('li.officer').post(`/api/v1/cases/${caseId}/fine-check`, {})).status).toBe(200);
    const facts = await factsOf(caseId);
    expect(facts.fineOutsideTier).toBe(false);
    expect(facts.fineOutsideTierReason).toBeUndefined();
    const bad = await as('li.officer').post(`/api/v1/cases/${caseId}/fine-check`, { reason: '', extra: 1 });
    expect(bad.status).toBe(422);
    // A reason reads as it was written: no bidirectional controls that reorder it on the record.
    const bidi = await as('li.officer').post(`/api/v1/cases/${caseId}/fine-check`, { reason: `${REASON}\u202E` });
    expect(bidi.status).toBe(422);
    expect((await json(bidi)).error.details.problems[0]).toMatchObject({ path: '/reason', code: 'control-character' });
  });

  it('records a reason with someone’s phone number or address in it masked in the audit and for masked readers', async () => {
    const caseId = await underReview();
    const reason = '当事人经营者王某（电话13722223333，住天津市南开区鞍山道某某里5号楼）拒不配合调查。';
    const masked = '当事人经营者王某（电话137****3333，住天津市南开区****）拒不配合调查。';
    expect((await notice(caseId, 90000, reason)).status).toBe(201);
    expect((await factsOf(caseId)).fineOutsideTierReason).toBe(reason);
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId));
    const recorded = events.filter((e) => e.action === 'case.facts');
    expect(recorded.map((e) => (e.after as Json).fineOutsideTierReason)).toEqual([masked]);
    for (const secret of ['13722223333', '天津市南开区鞍山道某某里5号楼'])
      expect(JSON.stringify(events), secret).not.toContain(secret);
    // At rest the case row holds the reason masked and the original sealed, as the party's own data.
    const stored = await server.db.$client.execute({
      sql: 'SELECT facts, sealed_facts FROM cases WHERE id = ?',
      args: [caseId],
    });
    expect(JSON.parse(String(stored.rows[0]?.facts)).fineOutsideTierReason).toBe(masked);
    expect(String(stored.rows[0]?.sealed_facts)).toMatch(/^sm4:/);
    for (const secret of ['13722223333', '天津市南开区鞍山道某某里5号楼'])
      expect(JSON.stringify(stored.rows), secret).not.toContain(secret);

    // A supervisor sees the case's personal data masked; so does the reviewer's summary, as its party.
    const seen = await json(await as('zhou.supervisor').get(`/api/v1/cases/${caseId}`));
    expect(seen.party.masked).toBe(true);
    expect(seen.facts.fineOutsideTierReason).toBe(masked);
    const queue = await json(await as('sun.reviewer').get('/api/v1/reviews'));
    const item = queue.items.find((i: Json) => i.caseId === caseId);
    expect(item.case.fineOutsideTier.reason).toBe(masked);
    expect(item.case.enteredFacts.fineOutsideTierReason).toBe(masked);
  });

  it('is shown to the 法制审核 reviewer with the tier, the fine and the reason; penalty kinds by name', async () => {
    const caseId = await underReview();
    expect((await notice(caseId, 90000, REASON)).status).toBe(201);
    const queue = await json(await as('sun.reviewer').get('/api/v1/reviews'));
    const item = queue.items.find((i: Json) => i.caseId === caseId);
    expect(item.case.fineOutsideTier).toEqual({
      fine: 90000,
      reason: REASON,
      recorded: true,
      tier: { code: 'general', name: '一般', nameEn: 'Ordinary', fine: { min: 65000, max: 85000 } },
      noPenalty: null,
    });
    expect(item.case.proposedPenaltyKinds).toEqual([{ code: 'fine', name: '罚款', nameEn: expect.any(String) }]);
    const inside = await underReview();
    const plain = (await json(await as('sun.reviewer').get('/api/v1/reviews'))).items.find(
      (i: Json) => i.caseId === inside,
    );
    expect(plain.case.fineOutsideTier).toBeNull();
  });
});
