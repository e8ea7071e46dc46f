import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';
import { documents, reviews } from '../db/schema.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { localDate } from '../time.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
const ids: Record<string, string> = {};
const id = (username: string) => ids[username] as string;
const clients: Record<string, Client> = {};
const as = (username: string) => clients[username] as Client;
const json = async (res: Response): Promise<Json> => res.json();

const MATTER = '120116-SCJ-CF-0001-01';
const PASS = {
  subjectLawful: true,
  procedureLawful: true,
  factsClear: true,
  lawCorrectDiscretionProper: true,
  documentsComplete: true,
  crimeReferral: false,
  other: false,
};
/** What the reviewer enters of the 法制审核意见书 besides the opinion, on the same page. */
const DOC = { reviewGrounds: ['达到本地重大执法决定标准'], materials: ['拟作出的处罚决定文本', '证据材料'] };
const REASONS = '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。';
/** An agreeing opinion that completes the document. */
const AGREE = { opinion: 'agree', checklist: PASS, comment: REASONS, document: DOC };

async function act(client: Client, caseId: string, action: string, reason?: string): Promise<Json> {
  const { version } = await json(await client.get(`/api/v1/cases/${caseId}`));
  const res = await client.post(`/api/v1/cases/${caseId}/transitions`, {
    action,
    version,
    ...(reason ? { reason } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
}

/** A case of the SCJ taken through filing and investigation and submitted for 法制审核. */
async function underReview(officers = [id('li.officer'), id('wang.officer')]) {
  const res = await as('li.officer').post('/api/v1/cases', {
    matter: MATTER,
    party: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
    facts: FOOD_FACTS,
    violationDate: '2026-06-01',
    officers,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const c = await json(res);
  // The 立案审批表 as the agency head approved it.
  await server.db.insert(documents).values({
    id: randomUUID(),
    caseId: c.id,
    formCode: 'case-filing-approval',
    version: 1,
    status: 'issued',
    data: { agencyDecision: '同意立案' },
    formHash: 'test',
    createdBy: 'test',
  });
  await act(as('qian.agency'), c.id, 'approve-filing');
  await server.issueDocuments(c.id, 'investigation-report');
  await act(as('li.officer'), c.id, 'finish-investigation');
  const submitted = await act(as('zhao.head'), c.id, 'submit-legal-review');
  return { caseId: c.id as string, number: c.number as string, submitted };
}

const opinion = (client: Client, reviewId: string, body: unknown) =>
  client.post(`/api/v1/reviews/${reviewId}/opinion`, body);

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
  await add('sun.reviewer', ['legal-reviewer'], { legalQualification: true, displayName: '孙审核' });
  await add('zhou.reviewer', ['legal-reviewer'], { legalQualification: false });
  await add('he.both', ['officer', 'legal-reviewer'], { ...cert, legalQualification: true });
  await server.user({ username: 'zhou.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  clients['zhou.supervisor'] = await server.as('zhou.supervisor');
});

describe('法制审核', () => {
  it('entering the legal-review state requests a review, due by the workflow deadline', async () => {
    const { caseId, submitted } = await underReview();
    expect(submitted.state).toMatchObject({ code: 'legal-review', kind: 'legal-review' });
    expect(submitted.review.id).toBeTruthy();
    const today = new Date().toISOString().slice(0, 10);
    expect(submitted.review.dueDate > today).toBe(true);
    const detail = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    expect(detail.reviews).toHaveLength(1);
    expect(detail.reviews[0]).toMatchObject({ status: 'pending', opinion: null, dueDate: submitted.review.dueDate });
    const limit = detail.deadlines.find((d: Json) => d.code === 'legal-review-limit');
    expect(limit.due).toBe(submitted.review.dueDate);
    expect(detail.timeline.map((e: Json) => e.action)).toContain('review.request');
  });

  it('queues it for the reviewer with what to check: party, proposed fine, the discretion tier, documents', async () => {
    const { caseId, number, submitted } = await underReview();
    const queue = await json(await as('sun.reviewer').get('/api/v1/reviews'));
    expect(queue.status).toBe('pending');
    const item = queue.items.find((i: Json) => i.id === submitted.review.id);
    expect(item).toMatchObject({ status: 'pending', caseId, dueDate: submitted.review.dueDate });
    expect(item.case).toMatchObject({
      number,
      matter: { code: MATTER },
      state: { code: 'legal-review' },
      proposedFine: 70000,
      proposedPenalties: ['fine'],
    });
    expect(item.case.party.idNumber).toBe('110105********002X');
    // The stored value stays the pack's Chinese word; its English label (enumEn) comes along.
    expect(item.case.facts.find((f: Json) => f.name === 'harmConsequence')).toMatchObject({
      value: '一般',
      valueEn: 'Ordinary',
    });
    expect(item.case.discretion).toMatchObject({
      outcome: 'tier',
      tier: { code: 'general', fine: { min: 65000, max: 85000 } },
      legalRange: { min: 50000, max: 100000 },
      proposedFineOutsideTier: false,
    });
    expect(item.case.discretion.explanation.zh.join('\n')).toContain('一般');
    expect(item.case.documents.map((d: Json) => d.form).sort()).toEqual([
      'case-filing-approval',
      'investigation-report',
    ]);
    const decided = await json(await as('sun.reviewer').get('/api/v1/reviews?status=decided'));
    expect(decided.items.some((i: Json) => i.id === submitted.review.id)).toBe(false);
    expect((await as('sun.reviewer').get('/api/v1/reviews?status=maybe')).status).toBe(422);
    expect((await as('li.officer').get('/api/v1/reviews')).status).toBe(403);
  });

  it('takes an opinion only from a qualified reviewer, once, with the checklist and a comment unless agreeing', async () => {
    const { caseId, submitted } = await underReview();
    const rid = submitted.review.id;
    const unqualified = await opinion(as('zhou.reviewer'), rid, { opinion: 'agree', checklist: PASS });
    expect(unqualified.status).toBe(403);
    const body = await json(unqualified);
    expect(body.error.code).toBe('legal-qualification-required');
    expect(body.error.message.zh).toContain('法律职业资格');
    expect((await opinion(as('li.officer'), rid, { opinion: 'agree', checklist: PASS })).status).toBe(403);
    const sun = as('sun.reviewer');
    const missingItem = await opinion(sun, rid, { opinion: 'agree', checklist: { ...PASS, other: undefined } });
    expect(missingItem.status).toBe(422);
    expect((await json(missingItem)).error.details.problems[0].path).toBe('/checklist/other');
    const extra = await opinion(sun, rid, { opinion: 'agree', checklist: { ...PASS, pretty: true } });
    expect(extra.status).toBe(422);
    const wrongType = await opinion(sun, rid, { opinion: 'agree', checklist: { ...PASS, factsClear: 'yes' } });
    expect(wrongType.status).toBe(422);
    const noComment = await opinion(sun, rid, { opinion: 'disagree', checklist: { ...PASS, factsClear: false } });
    expect(noComment.status).toBe(422);
    expect((await json(noComment)).error.details.problems[0].path).toBe('/comment');
    const contradiction = await opinion(sun, rid, { opinion: 'agree', checklist: { ...PASS, factsClear: false } });
    expect(contradiction.status).toBe(422);
    expect((await json(contradiction)).error.details.problems[0].path).toBe('/checklist/factsClear');
    const referral = await opinion(sun, rid, { opinion: 'agree', checklist: { ...PASS, crimeReferral: true } });
    expect((await json(referral)).error.details.problems[0].path).toBe('/checklist/crimeReferral');
    const malformed = await sun.call('POST', `/api/v1/reviews/${rid}/opinion`, '{"opinion":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    const { version } = await json(await sun.get(`/api/v1/cases/${caseId}`));

    const [first, second] = await Promise.all([
      opinion(sun, rid, { ...AGREE, comment: '<script>alert(1)</script>' }),
      opinion(sun, rid, {
        opinion: 'disagree',
        checklist: PASS,
        comment: '不同意',
        document: { ...DOC, suggestions: '补充调查' },
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = first.status === 200 ? await json(first) : await json(second);
    expect(won).toMatchObject({ status: 'decided', reviewer: { id: id('sun.reviewer'), name: '孙审核' } });
    const again = await opinion(sun, rid, { opinion: 'agree', checklist: PASS });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe('review-decided');

    // The opinion changed the case: a transition prepared on the old version is stale.
    const stale = await as('qian.agency').post(`/api/v1/cases/${caseId}/transitions`, {
      action: 'withdraw-case',
      version,
      reason: 'x',
    });
    expect(stale.status).toBe(409);
    const decided = await json(await sun.get('/api/v1/reviews?status=decided'));
    expect(decided.items.map((i: Json) => i.id)).toContain(rid);
    expect((await json(await sun.get(`/api/v1/cases/${caseId}`))).timeline.map((e: Json) => e.action)).toContain(
      'review.opinion',
    );
  });

  it('records a comment with someone’s ID number or phone number in it masked in the audit', async () => {
    const { caseId, submitted } = await underReview();
    const comment = '证人赵某（身份证号130102199207153839，电话13722223333）的证言未经核实，请补充调查。';
    const res = await opinion(as('sun.reviewer'), submitted.review.id, {
      opinion: 'disagree',
      checklist: { ...PASS, factsClear: false },
      comment,
      document: { ...DOC, suggestions: '补充调查证人证言。' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { timeline } = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    const event = timeline.find((e: Json) => e.action === 'review.opinion');
    expect(event.after.comment).toBe(
      '证人赵某（身份证号130102********3839，电话137****3333）的证言未经核实，请补充调查。',
    );
    // The audit holds it masked, in the opinion and in the return it takes (the comment is its reason).
    const rows = await server.db.$client.execute({
      sql: 'SELECT "after" FROM audit_events WHERE case_id = ?',
      args: [caseId],
    });
    for (const secret of ['130102199207153839', '13722223333'])
      expect(JSON.stringify(rows.rows), secret).not.toContain(secret);
    // The return's reason reads as typed for the case's officer, masked for a supervisor, like any reason.
    const returned = (t: Json[]) => t.find((e: Json) => e.after?.action === 'review-return')?.after;
    expect(returned(timeline).reason).toBe(comment);
    const supervised = (await json(await as('zhou.supervisor').get(`/api/v1/cases/${caseId}`))).timeline;
    expect(returned(supervised).reason).toBe(event.after.comment);
    for (const secret of ['130102199207153839', '13722223333'])
      expect(JSON.stringify(supervised), secret).not.toContain(secret);
    // The review itself: whole for the case's officer, masked for a supervisor, who sees personal data masked.
    expect((await json(await as('li.officer').get(`/api/v1/cases/${caseId}`))).reviews[0].comment).toBe(comment);
    const seen = await json(await as('zhou.supervisor').get(`/api/v1/cases/${caseId}`));
    expect(seen.reviews[0].comment).toBe(event.after.comment);
    // At rest the review row holds the comment masked and the original sealed.
    const stored = await server.db.$client.execute({
      sql: 'SELECT comment, sealed_comment FROM reviews WHERE id = ?',
      args: [submitted.review.id],
    });
    expect(stored.rows[0]?.comment).toBe(event.after.comment);
    expect(String(stored.rows[0]?.sealed_comment)).toMatch(/^sm4:/);
  });

  it('the opinion and checklist fill the 法制审核意见书 and take 审核同意 in one request: entered once', async () => {
    const { caseId, number, submitted } = await underReview();
    const sun = as('sun.reviewer');
    const before = await json(await sun.get(`/api/v1/cases/${caseId}`));
    const res = await opinion(sun, submitted.review.id, AGREE);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      status: 'decided',
      opinion: 'agree',
      document: { form: 'legal-review-opinion', version: 1, status: 'draft' },
      transition: { action: 'review-agree', state: { code: 'notification' } },
    });
    // The document holds the opinion, the checklist and the reviewer, and what the reviewer entered with it.
    const doc = await json(await sun.get(`/api/v1/documents/${body.document.id}`));
    expect(doc.data).toMatchObject({
      caseNumber: number,
      opinion: '同意',
      subjectLawful: '符合',
      factsClear: '符合',
      lawCorrect: '符合',
      discretionProper: '符合',
      procedureLawful: '符合',
      documentsProper: '符合',
      crimeSuspected: false,
      reasons: REASONS,
      reviewer: '孙审核',
      reviewerSignature: '孙审核',
      reviewGrounds: DOC.reviewGrounds,
      materials: DOC.materials,
      submittedAt: localDate(new Date(submitted.review.requestedAt ?? before.reviews[0].requestedAt)),
      reviewedAt: localDate(new Date()),
    });
    expect(doc.missing).toEqual([]);
    // The case moved on by the reviewer's one request: no second agree.
    const after = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    expect(after.state.code).toBe('notification');
    expect(after.reviews[0]).toMatchObject({ status: 'decided', opinion: 'agree' });
    const events = after.timeline.map((e: Json) => e.action);
    expect(events).toEqual(expect.arrayContaining(['review.opinion', 'document.create', 'case.transition']));
    expect(events.filter((e: string) => e === 'case.transition')).toHaveLength(
      before.timeline.filter((e: Json) => e.action === 'case.transition').length + 1,
    );
    expect((await json(await sun.get('/api/v1/reviews'))).items.some((i: Json) => i.id === submitted.review.id)).toBe(
      false,
    );
    // The officer cannot change the reviewer's document, now that its step has passed.
    const put = await as('li.officer').call('PUT', `/api/v1/documents/${doc.id}`, {
      data: { ...doc.data, reasons: '改写' },
      updatedAt: doc.updatedAt,
    });
    expect(put.status).toBe(409);
    expect((await json(put)).error.code).toBe('document-state');
    // A reviewer may act only in a legal-review state.
    const move = await sun.post(`/api/v1/cases/${caseId}/transitions`, {
      action: 'to-decision',
      version: after.version,
    });
    expect(move.status).toBe(403);
    expect((await verifyChain(server.db)).ok).toBe(true);
  });

  it('refuses an opinion whose document could not be issued, naming the fields, and writes nothing', async () => {
    const { caseId, submitted } = await underReview();
    const sun = as('sun.reviewer');
    const before = await json(await sun.get(`/api/v1/cases/${caseId}`));
    const res = await opinion(sun, submitted.review.id, { opinion: 'agree', checklist: PASS });
    expect(res.status).toBe(422);
    const body = await json(res);
    const paths = body.error.details.problems.map((p: Json) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/document/reviewGrounds', '/comment']));
    expect(body.error.message.zh).toContain('法制审核情形');
    expect(body.error.message.zh).toContain('审核意见及理由');
    expect(body.error.message.en).toContain('Ground for legal review');
    // A field the opinion fills is not entered beside it.
    const twice = await opinion(sun, submitted.review.id, { ...AGREE, document: { ...DOC, opinion: '不同意' } });
    expect(twice.status).toBe(422);
    expect((await json(twice)).error.details.problems[0]).toMatchObject({
      path: '/document/opinion',
      code: 'filled-by-review',
    });
    const after = await json(await sun.get(`/api/v1/cases/${caseId}`));
    expect(after.version).toBe(before.version);
    expect(after.state.code).toBe('legal-review');
    expect(after.reviews[0]).toMatchObject({ status: 'pending', opinion: null });
    expect(after.timeline.map((e: Json) => e.action)).not.toContain('review.opinion');
    const docs = await json(await sun.get(`/api/v1/cases/${caseId}/documents`));
    expect(docs.documents.map((d: Json) => d.form)).not.toContain('legal-review-opinion');
  });

  it("keeps the reviewer's 法制审核意见书 the reviewer's: the officer's entry is refused, the opinion fills the draft", async () => {
    const { caseId, submitted } = await underReview();
    const officer = as('li.officer');
    const entered = await officer.post(`/api/v1/cases/${caseId}/documents`, {
      form: 'legal-review-opinion',
      data: { reviewGrounds: ['涉及重大公共利益'] },
    });
    expect(entered.status).toBe(403);
    expect((await json(entered)).error).toMatchObject({ code: 'document-section', details: { section: 'reviewer' } });
    // A draft with only what the case pre-fills is nobody's entry; the officer's edit of it is refused.
    const draft = await json(await officer.post(`/api/v1/cases/${caseId}/documents`, { form: 'legal-review-opinion' }));
    const edit = await officer.call('PUT', `/api/v1/documents/${draft.id}`, {
      data: { ...draft.data, opinion: '同意', reasons: '同意' },
      updatedAt: draft.updatedAt,
    });
    expect(edit.status).toBe(403);
    expect((await json(edit)).error.message.zh).toContain('法制审核人员');
    // The reviewer's opinion fills that draft (the same version), and the case moves on.
    const res = await opinion(as('sun.reviewer'), submitted.review.id, AGREE);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body.document).toMatchObject({ id: draft.id, version: 1 });
    expect(body.transition.state.code).toBe('notification');
  });

  it('a disagreeing opinion fills the document and returns the case (退回补充调查) in the same submit, the comment as the reason', async () => {
    const { caseId, submitted } = await underReview();
    const comment = '违法所得的认定缺少进货票据佐证。';
    const res = await opinion(as('sun.reviewer'), submitted.review.id, {
      opinion: 'disagree',
      checklist: { ...PASS, factsClear: false },
      comment,
      document: { ...DOC, suggestions: '补充调取进货票据。' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body.transition).toMatchObject({ action: 'review-return', state: { code: 'investigation' } });
    const doc = await json(await as('sun.reviewer').get(`/api/v1/documents/${body.document.id}`));
    expect(doc.data).toMatchObject({ opinion: '不同意', factsClear: '不符合', subjectLawful: '符合' });
    const detail = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    expect(detail.state.code).toBe('investigation');
    expect(detail.reviews[0]).toMatchObject({ id: submitted.review.id, status: 'decided', opinion: 'disagree' });
    const returned = detail.timeline.find(
      (e: Json) => e.action === 'case.transition' && e.after?.action === 'review-return',
    );
    expect(returned, JSON.stringify(detail.timeline.map((e: Json) => e.action))).toBeTruthy();
    expect(JSON.stringify(returned)).toContain(comment);
    // Not a second action: the reviewer has nothing left to take on this case.
    const reviewer = await json(await as('sun.reviewer').get(`/api/v1/cases/${caseId}`));
    expect(reviewer.actions.allowed.map((a: Json) => a.action)).not.toContain('review-return');
  });

  it('a case already told (back after its hearing) is agreed without 审核同意: the agency head decides next', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: id('li.officer'),
      officers: [id('li.officer'), id('wang.officer')],
      state: 'legal-review',
      facts: {
        ...FOOD_FACTS,
        complex: false,
        publicInterest: false,
        statementNotified: true,
        hearingRequested: true,
        hearingHeld: true,
      },
    });
    const rid = randomUUID();
    await server.db
      .insert(reviews)
      .values({ id: rid, caseId: c.id, requestedBy: id('zhao.head'), requestedAt: new Date().toISOString() });
    const res = await opinion(as('sun.reviewer'), rid, AGREE);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).transition).toBeNull();
    const agency = await json(await as('qian.agency').get(`/api/v1/cases/${c.id}`));
    expect(agency.state.code).toBe('legal-review');
    // Agreed: what is left to the head is the decision (or the collective discussion), not a second agree.
    const allowed = agency.actions.allowed.map((a: Json) => a.action);
    expect(
      allowed.some((a: string) => a === 'to-decision' || a === 'submit-discussion'),
      JSON.stringify(agency.actions),
    ).toBe(true);
  });

  it('a returned case closes its review without an opinion; resubmitting opens a fresh one', async () => {
    const { caseId, submitted } = await underReview();
    await act(as('sun.reviewer'), caseId, 'review-return', '证据不足，补充调查');
    const detail = await json(await as('li.officer').get(`/api/v1/cases/${caseId}`));
    expect(detail.state.code).toBe('investigation');
    expect(detail.reviews[0]).toMatchObject({ id: submitted.review.id, status: 'closed', opinion: null });
    const pending = await json(await as('sun.reviewer').get('/api/v1/reviews'));
    expect(pending.items.some((i: Json) => i.id === submitted.review.id)).toBe(false);
    const closed = await opinion(as('sun.reviewer'), submitted.review.id, { opinion: 'agree', checklist: PASS });
    expect(closed.status).toBe(409);
    await act(as('li.officer'), caseId, 'finish-investigation');
    const again = await act(as('zhao.head'), caseId, 'submit-legal-review');
    expect(again.review.id).not.toBe(submitted.review.id);
    expect(again.review.dueDate).toBeTruthy();
  });

  it('an officer of the case may not review it (回避)', async () => {
    const { submitted } = await underReview([id('li.officer'), id('he.both')]);
    const res = await opinion(as('he.both'), submitted.review.id, { opinion: 'agree', checklist: PASS });
    expect(res.status).toBe(403);
    expect((await json(res)).error.message.zh).toContain('回避');
  });

  it('answers a review that does not exist with 404, and keeps the audit chain whole', async () => {
    const res = await opinion(as('sun.reviewer'), randomUUID(), { opinion: 'agree', checklist: PASS });
    expect(res.status).toBe(404);
    expect((await verifyChain(server.db)).ok).toBe(true);
  });
});

describe('a pack whose review document is issued (出具)', () => {
  it('issues the document in the opinion’s transaction, recorded as issued by the reviewer', async () => {
    // Binhai with the 法制审核意见书 made an issued document: a variant pack, active for new cases.
    const { pack: binhai } = validatePackDir(join(PACKS_DIR, 'tj-binhai'));
    const forms = new Map(binhai.items.document);
    const form = forms.get('legal-review-opinion');
    if (!form) throw new Error('no legal-review-opinion in tj-binhai');
    forms.set('legal-review-opinion', { ...form, issued: true });
    const variant = {
      ...binhai,
      manifest: { ...binhai.manifest, version: '1.0.1-issued-review' },
      items: { ...binhai.items, document: forms },
    };
    const report = await server.services.packs.importBundle(bundlePack(variant).text, { apply: true, actor: 'test' });
    await server.services.packs.activate(report.hash, 'test');
    const { caseId, submitted } = await underReview();
    const res = await opinion(as('sun.reviewer'), submitted.review.id, AGREE);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body.document).toMatchObject({ form: 'legal-review-opinion', status: 'issued' });
    expect(body.transition.state.code).toBe('notification');
    const doc = await json(await as('sun.reviewer').get(`/api/v1/documents/${body.document.id}`));
    expect(doc).toMatchObject({ status: 'issued', data: { opinion: '同意', reviewer: '孙审核' } });
    const issue = (await json(await as('li.officer').get(`/api/v1/cases/${caseId}`))).timeline.find(
      (e: Json) => e.action === 'document.issue',
    );
    expect(issue).toMatchObject({ target: body.document.id, actor: { id: id('sun.reviewer') } });
    expect((await verifyChain(server.db)).ok).toBe(true);
  });
});
