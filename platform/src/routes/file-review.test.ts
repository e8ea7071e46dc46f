import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { A, B, MA1, MB1 } from '../assessment/fixtures.ts';
import { measureSubjects } from '../assessment/measure.ts';
import { auditEvents, cases, fileReviewRounds, fileReviews, organisations } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const YEAR = { periodFrom: '2026-01-01', periodTo: '2026-12-31' };
const SHARE = { kind: 'share', value: 25, per: 'subject' } as const;
let server: Server;
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
const as = async (u: string) => {
  clients[u] ??= await server.as(u);
  return clients[u] as Client;
};
const body = async (res: Response): Promise<Json> => res.json();
const count = async (table: typeof fileReviewRounds | typeof fileReviews) =>
  (await server.db.select({ n: sql<number>`count(*)` }).from(table))[0]?.n;

/**
 * Closed cases by hand: A has 12 of penalty-ordinary closed in 2026 (津滨评查测〔2026〕1–12号, the first
 * handled by he.officer), one closed in 2025, one still open and one of penalty-summary (no checklist);
 * B has 5 closed in 2026. A 25 % share draws ceil(12/4) = 3 of A's and ceil(5/4) = 2 of B's.
 */
beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2027-01-10T02:00:00Z') });
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode, roles, ...extra })).id;
  };
  const cert = { certificateNo: '12011620260002', certificateValidUntil: '2030-12-31' };
  await add('zhang.supervisor', '120116-SFJ', ['supervisor']);
  await add('chen.reviewer', '120116-SFJ', ['file-reviewer']);
  await add('he.officer', A, ['officer', 'file-reviewer'], cert);
  await add('qian.agency', A, ['agency-head']);
  await add('guo.agency', B, ['agency-head']);
  await add('li.officer', A, ['officer'], cert);
  await add('wu.reviewer', B, ['file-reviewer']);
  const paths = new Map(
    (await server.db.select({ code: organisations.code, path: organisations.path }).from(organisations)).map((o) => [
      o.code,
      o.path,
    ]),
  );
  let n = 0;
  const addCase = async (subject: string, matter: string, closedAt: string | null, workflow = 'penalty-ordinary') => {
    n += 1;
    const id = randomUUID();
    ids[`case${n}`] = id;
    const officer = n === 1 ? ids['he.officer'] : ids['li.officer'];
    await server.db.insert(cases).values({
      id,
      number: `津滨评查测〔2026〕${n}号`,
      matterCode: matter,
      workflowCode: workflow,
      category: 'enforcement',
      subjectOrg: subject,
      subjectPath: paths.get(subject) ?? subject,
      packHash: server.packHash,
      state: closedAt ? 'closed' : 'investigation',
      party: { kind: 'organisation', name: '某公司', idNumber: 'sealed' },
      facts: {},
      officers: [officer as string],
      stateEntered: { filing: '2026-02-01T02:00:00.000Z' },
      extensions: {},
      openedAt: '2026-02-01T02:00:00.000Z',
      closedAt,
      createdBy: officer as string,
    });
  };
  for (let i = 1; i <= 12; i++) await addCase(A, MA1, `2026-0${1 + (i % 9)}-15T02:00:00.000Z`);
  await addCase(A, MA1, '2025-12-20T02:00:00.000Z');
  await addCase(A, MA1, null);
  await addCase(A, MA1, '2026-05-01T02:00:00.000Z', 'penalty-summary');
  for (let i = 1; i <= 5; i++) await addCase(B, MB1, '2026-06-15T02:00:00.000Z');
}, 60_000);

async function draw(username = 'zhang.supervisor', extra: Record<string, unknown> = {}) {
  return (await as(username)).post('/api/v1/file-review/rounds', {
    name: '2026年度行政处罚案卷评查',
    ...YEAR,
    checklist: 'penalty-file',
    subjects: [A, B],
    rule: SHARE,
    ...extra,
  });
}

describe('drawing a round', () => {
  it('draws a share of each subject’s closed cases of the period, with the seed and algorithm recorded and audited', async () => {
    const res = await draw('zhang.supervisor', { seed: 20261231 });
    expect(res.status, await res.clone().text()).toBe(201);
    const round = await body(res);
    expect(round).toMatchObject({ seed: '20261231', algorithm: expect.stringContaining('xoroshiro128plus') });
    expect(round.strata.map((s: Json) => [s.subject, s.population, s.drawn])).toEqual([
      [A, 12, 3],
      [B, 5, 2],
    ]);
    const view = await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}`));
    expect(view.files).toHaveLength(5);
    const numbers = view.files.map((f: Json) => Number(/〔2026〕(\d+)号/.exec(f.case.number)?.[1]));
    // Only 2026's closed penalty-ordinary cases: A's 1–12, B's 16–20.
    for (const k of numbers) expect((k >= 1 && k <= 12) || (k >= 16 && k <= 20)).toBe(true);
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file-review.draw'), eq(auditEvents.target, round.id)));
    expect(event?.after).toMatchObject({ seed: 20261231, rule: SHARE, checklist: 'penalty-file' });
    expect((event?.after as Json)?.candidates).toHaveLength(17);

    // The same seed over the same cases draws the same files; the verification draws again and agrees.
    const again = await body(await draw('zhang.supervisor', { seed: 20261231 }));
    const view2 = await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${again.id}`));
    expect(view2.files.map((f: Json) => f.case.id)).toEqual(view.files.map((f: Json) => f.case.id));
    const verified = await body(
      await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}/verify`),
    );
    expect(verified).toMatchObject({ same: true, seed: 20261231, drawn: 5 });
  });

  it('draws a count per subject and workflow', async () => {
    const res = await draw('zhang.supervisor', { rule: { kind: 'count', value: 2, per: 'subject-workflow' } });
    expect(res.status, await res.clone().text()).toBe(201);
    const round = await body(res);
    expect(round.strata.map((s: Json) => [s.subject, s.workflow, s.drawn])).toEqual([
      [A, 'penalty-ordinary', 2],
      [B, 'penalty-ordinary', 2],
    ]);
  });

  it('refuses who may not run one, and bad input with the field, storing nothing', async () => {
    const before = [await count(fileReviewRounds), await count(fileReviews)];
    expect((await draw('li.officer')).status).toBe(403);
    expect((await draw('qian.agency')).status).toBe(403);
    const bad = await draw('zhang.supervisor', {
      checklist: 'nope',
      periodTo: '2025-01-01',
      subjects: [A, 'no-such-subject'],
    });
    expect(bad.status).toBe(422);
    const paths = (await body(bad)).error.details.problems.map((p: Json) => p.path);
    expect(paths).toEqual(['/checklist', '/periodTo', '/subjects/1']);
    const empty = await draw('zhang.supervisor', { periodFrom: '2024-01-01', periodTo: '2024-12-31' });
    expect(empty.status).toBe(422);
    expect((await body(empty)).error.message.zh).toContain('没有适用');
    expect([await count(fileReviewRounds), await count(fileReviews)]).toEqual(before);
  });
});

describe('scope', () => {
  it('shows a subject’s head only its own files; an officer none', async () => {
    const round = await body(await draw('zhang.supervisor', { seed: 7 }));
    const own = await body(await (await as('qian.agency')).get(`/api/v1/file-review/rounds/${round.id}`));
    expect(own.files.map((f: Json) => f.subject.code)).toEqual([A, A, A]);
    const other = await body(await (await as('guo.agency')).get(`/api/v1/file-review/rounds/${round.id}`));
    expect(other.files.map((f: Json) => f.subject.code)).toEqual([B, B]);
    expect((await (await as('guo.agency')).get(`/api/v1/file-review/files/${own.files[0].id}`)).status).toBe(404);
    const results = await body(await (await as('guo.agency')).get(`/api/v1/file-review/rounds/${round.id}/results`));
    expect(results.items.map((r: Json) => r.subject)).toEqual([B]);
    expect((await (await as('li.officer')).get('/api/v1/file-review/rounds')).status).toBe(403);
    const list = await body(await (await as('zhang.supervisor')).get('/api/v1/file-review/rounds'));
    expect(list.subjects.map((x: Json) => x.code)).toEqual(expect.arrayContaining([A, B]));
    expect((await body(await (await as('qian.agency')).get('/api/v1/file-review/rounds'))).subjects).toEqual([]);
  });
});

describe('scoring', () => {
  let round: Json;
  let files: Json[];
  const score = async (u: string, id: string, b: Json) =>
    (await as(u)).post(`/api/v1/file-review/files/${id}/score`, b);

  beforeAll(async () => {
    // A count of all 12 of A's cases, so that he.officer's own case (number 1) is among them.
    round = await body(
      await draw('zhang.supervisor', { subjects: [A], rule: { kind: 'count', value: 12, per: 'subject' } }),
    );
    files = (await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}`))).files;
    // The organiser gives every file but he.officer's own case to chen.reviewer.
    const res = await (await as('zhang.supervisor')).post(`/api/v1/file-review/rounds/${round.id}/assign`, {
      assignments: files
        .filter((f) => f.case.id !== ids.case1)
        .map((f) => ({ file: f.id, reviewer: ids['chen.reviewer'] })),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('saves a draft with its total, refuses bad marks unchanged, finishes and locks', async () => {
    const f = files.find((x) => x.case.id !== ids.case1);
    const marks = [
      { point: 'evidence-records', deduction: 'signature-missing', note: '询问笔录缺当事人签名' },
      { point: 'archive-order', points: 1.5, note: '无卷内目录' },
    ];
    const saved = await score('chen.reviewer', f.id, {
      version: 1,
      marks: [...marks.slice(0, 1), { ...marks[1], note: '无卷内目录，当事人电话13812345678' }],
      finish: false,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const draft = await body(saved);
    expect(draft).toMatchObject({ state: 'draft', total: 95.5, qualified: true, version: 2 });
    // Personal data typed into a note is stored masked.
    expect(draft.marks[1].note).toBe('无卷内目录，当事人电话138****5678');

    const bad = await score('chen.reviewer', f.id, {
      version: 2,
      marks: [
        { point: 'procedure-deadlines', points: 8, note: '超期' },
        { point: 'law-citation', points: 1, note: '' },
      ],
      finish: true,
    });
    expect(bad.status).toBe(422);
    expect((await body(bad)).error.details.problems.map((p: Json) => p.path)).toEqual([
      '/marks/0/points',
      '/marks/1/note',
    ]);
    const unchanged = await body(await (await as('chen.reviewer')).get(`/api/v1/file-review/files/${f.id}`));
    expect(unchanged).toMatchObject({ state: 'draft', total: 95.5, version: 2 });

    const done = await score('chen.reviewer', f.id, { version: 2, marks, finish: true });
    expect(await body(done)).toMatchObject({ state: 'finished', total: 95.5, qualified: true, version: 3 });
    const locked = await score('chen.reviewer', f.id, { version: 3, marks: [], finish: true });
    expect(locked.status).toBe(409);
    expect((await body(locked)).error.message.zh).toContain('锁定');

    // A correction needs a reason; with one, the change is audited before and after.
    const noReason = await (await as('chen.reviewer')).post(`/api/v1/file-review/files/${f.id}/correct`, {
      version: 3,
      marks: [],
    });
    expect(noReason.status).toBe(422);
    const corrected = await (await as('chen.reviewer')).post(`/api/v1/file-review/files/${f.id}/correct`, {
      version: 3,
      marks: [{ point: 'officers-two', note: '现场检查笔录仅一名执法人员签名' }],
      reason: '复核发现现场检查只有一名执法人员',
    });
    expect(await body(corrected)).toMatchObject({ state: 'finished', total: 0, qualified: false, corrections: 1 });
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file-review.correct'), eq(auditEvents.target, f.id)));
    expect(event?.before).toMatchObject({ total: 95.5, qualified: true });
    expect(event?.after).toMatchObject({ total: 0, qualified: false, reason: '复核发现现场检查只有一名执法人员' });
  });

  it('refuses a reviewer their own case (回避) and an officer any', async () => {
    const own = files.find((x) => x.case.id === ids.case1);
    const assign = await (await as('zhang.supervisor')).post(`/api/v1/file-review/rounds/${round.id}/assign`, {
      assignments: [{ file: own.id, reviewer: ids['he.officer'] }],
    });
    expect(assign.status).toBe(422);
    expect((await body(assign)).error.message.zh).toContain('回避');
    // Not assigned to them, so not theirs to score.
    const res = await score('he.officer', own.id, { version: 1, marks: [], finish: false });
    expect(res.status).toBe(404);
    const other = files.find((x) => x.case.id !== ids.case1 && x.state === 'pending');
    expect((await score('li.officer', other.id, { version: 1, marks: [], finish: false })).status).toBe(403);
  });

  it('feeds the assessment: files finished in the period, passed, and their scores, per subject', async () => {
    const now = (await body(await (await as('chen.reviewer')).get(`/api/v1/file-review/rounds/${round.id}`))).files;
    const pending = now.filter((x: Json) => x.state === 'pending' && x.case.id !== ids.case1);
    // Two more finished: one at 100 (passes), one at 70 (fails: 80 to pass).
    expect((await score('chen.reviewer', pending[0].id, { version: 1, marks: [], finish: true })).status).toBe(200);
    const fail = [
      { point: 'evidence-chain', points: 10, note: '缺主体资格证明，证据不能相互印证' },
      { point: 'law-discretion', points: 10, note: '未说明裁量理由' },
      { point: 'archive-order', points: 5, note: '未装订' },
      { point: 'archive-timely', points: 3, note: '未归档' },
      { point: 'documents-writing', points: 2, note: '涂改未确认' },
    ];
    expect(
      await body(await score('chen.reviewer', pending[1].id, { version: 1, marks: fail, finish: true })),
    ).toMatchObject({ total: 70, qualified: false });
    const subjects = (await server.db.select().from(organisations).where(eq(organisations.code, A))).map((o) => ({
      code: o.code,
      name: o.name,
      type: o.type,
      path: o.path,
    }));
    const m = await measureSubjects(
      server.db,
      (await server.services.packs.active()).pack,
      subjects,
      { from: '2027-01-01', to: '2027-12-31' },
      '2027-12-31',
      ['reviewedFiles', 'qualifiedFiles', 'reviewedFilesScore'],
    );
    // Finished on 2027-01-10: the corrected file (0), the full one (100) and the failed one (70).
    expect(m.get(A)).toEqual({ reviewedFiles: 3, qualifiedFiles: 1, reviewedFilesScore: 170 });
    const last = await measureSubjects(
      server.db,
      (await server.services.packs.active()).pack,
      subjects,
      { from: '2026-01-01', to: '2026-12-31' },
      '2026-12-31',
      ['reviewedFiles'],
    );
    expect(m.get(B)).toBeUndefined();
    expect(last.get(A)).toEqual({ reviewedFiles: 0 });
  });
});

describe('assigning reviewers', () => {
  let round: Json;
  let files: Json[];
  const assign = async (u: string, assignments: Json[]) =>
    (await as(u)).post(`/api/v1/file-review/rounds/${round.id}/assign`, { assignments });
  const assignees = async () =>
    (await server.db.select().from(fileReviews).where(eq(fileReviews.roundId, round.id))).map((f) => [
      f.id,
      f.assigneeId,
    ]);

  beforeAll(async () => {
    // All of A's 12 (he.officer's own case 1 among them) and all of B's 5.
    round = await body(await draw('zhang.supervisor', { rule: { kind: 'count', value: 12, per: 'subject' } }));
    files = (await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}`))).files;
  });
  const ofA = () => files.filter((f) => f.subject.code === A && f.case.id !== ids.case1);
  const ofB = () => files.filter((f) => f.subject.code === B);

  it('shows a reviewer nothing until files are assigned, then only those; audited per file', async () => {
    const chen = await as('chen.reviewer');
    expect((await body(await chen.get('/api/v1/file-review/rounds'))).items.map((r: Json) => r.id)).not.toContain(
      round.id,
    );
    expect((await chen.get(`/api/v1/file-review/rounds/${round.id}`)).status).toBe(404);
    const [a1, a2] = ofA();
    const res = await assign('zhang.supervisor', [
      { file: a1.id, reviewer: ids['chen.reviewer'] },
      { file: a2.id, reviewer: ids['chen.reviewer'] },
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    const back = await body(res);
    expect(back.files.find((f: Json) => f.id === a1.id).assignee).toEqual({
      id: ids['chen.reviewer'],
      name: expect.any(String),
    });
    expect((await body(await chen.get('/api/v1/file-review/rounds'))).items.map((r: Json) => r.id)).toContain(round.id);
    const view = await body(await chen.get(`/api/v1/file-review/rounds/${round.id}`));
    expect(view.files.map((f: Json) => f.id).sort()).toEqual([a1.id, a2.id].sort());
    const results = await body(await chen.get(`/api/v1/file-review/rounds/${round.id}/results`));
    expect(results.items).toEqual([expect.objectContaining({ subject: A, sampled: 2 })]);
    // Another file of the round: neither read nor scored.
    const other = ofA()[2];
    expect((await chen.get(`/api/v1/file-review/files/${other.id}`)).status).toBe(404);
    expect(
      (await chen.post(`/api/v1/file-review/files/${other.id}/score`, { version: 1, marks: [], finish: false })).status,
    ).toBe(404);
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file-review.assign'), inArray(auditEvents.target, [a1.id, a2.id])));
    expect(events.map((e) => [e.actor, (e.after as Json).assignee])).toEqual([
      [ids['zhang.supervisor'], ids['chen.reviewer']],
      [ids['zhang.supervisor'], ids['chen.reviewer']],
    ]);
  });

  it('refuses 回避, a non-reviewer and an unknown file on their rows, and changes nothing', async () => {
    const before = await assignees();
    const own = files.find((f) => f.case.id === ids.case1);
    const [, , a3] = ofA();
    const [b1, b2] = ofB();
    const res = await assign('zhang.supervisor', [
      { file: a3.id, reviewer: ids['chen.reviewer'] }, // fine alone
      { file: own.id, reviewer: ids['he.officer'] }, // handled the case
      { file: b1.id, reviewer: ids['wu.reviewer'] }, // belongs to B: 交叉评查
      { file: a3.id, reviewer: ids['wu.reviewer'] }, // the same file twice
      { file: b2.id, reviewer: ids['li.officer'] }, // not a reviewer
      { file: 'no-such-file', reviewer: ids['chen.reviewer'] },
    ]);
    expect(res.status).toBe(422);
    const problems = (await body(res)).error.details.problems;
    expect(problems.map((p: Json) => [p.path, p.code])).toEqual([
      ['/assignments/1/reviewer', 'recused-own-case'],
      ['/assignments/2/reviewer', 'recused-own-subject'],
      ['/assignments/3/file', 'assigned-twice'],
      ['/assignments/4/reviewer', 'not-a-reviewer'],
      ['/assignments/5/file', 'unknown-file'],
    ]);
    expect(problems[1].message.zh).toContain('交叉评查');
    expect(problems[1].message.en).toContain('other subjects');
    expect(await assignees()).toEqual(before);
    // he.officer may review B's files: another subject, not their case.
    expect((await assign('zhang.supervisor', [{ file: b1.id, reviewer: ids['he.officer'] }])).status).toBe(200);
  });

  it('lets only the organiser assign, lists the reviewers, and never reassigns a started review', async () => {
    const [a1] = ofA();
    expect((await assign('qian.agency', [{ file: a1.id, reviewer: ids['chen.reviewer'] }])).status).toBe(403);
    expect((await assign('chen.reviewer', [{ file: a1.id, reviewer: ids['chen.reviewer'] }])).status).toBe(403);
    const reviewers = await body(
      await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}/reviewers`),
    );
    const listed = reviewers.items.map((r: Json) => r.id);
    expect(listed).toEqual(expect.arrayContaining([ids['chen.reviewer'], ids['he.officer'], ids['wu.reviewer']]));
    expect(listed).not.toContain(ids['li.officer']);
    const started = await (await as('chen.reviewer')).post(`/api/v1/file-review/files/${a1.id}/score`, {
      version: 1,
      marks: [],
      finish: false,
    });
    expect(started.status, await started.clone().text()).toBe(200);
    const moved = await assign('zhang.supervisor', [{ file: a1.id, reviewer: ids['he.officer'] }]);
    expect(moved.status).toBe(422);
    expect((await body(moved)).error.details.problems[0].code).toBe('review-started');
    // A file nobody started is taken back with null.
    const [, , a3] = ofA();
    expect((await assign('zhang.supervisor', [{ file: a3.id, reviewer: ids['chen.reviewer'] }])).status).toBe(200);
    expect((await assign('zhang.supervisor', [{ file: a3.id, reviewer: null }])).status).toBe(200);
    expect((await (await as('chen.reviewer')).get(`/api/v1/file-review/files/${a3.id}`)).status).toBe(404);
  });
});

describe('the files sampled on the first screen', () => {
  it('counts the files drawn, reviewed and passed in the months, under an organisation, in the reader’s scope', async () => {
    const summary = async (u: string, q = '') =>
      body(await (await as(u)).get(`/api/v1/file-review/summary?from=2027-01&to=2027-01${q}`));
    const before = {
      all: await summary('zhang.supervisor'),
      b: await summary('zhang.supervisor', `&org=${B}`),
      a: await summary('qian.agency'),
    };
    // All 12 of A's closed cases of 2026 and all 5 of B's, drawn on 2027-01-10.
    const round = await body(await draw('zhang.supervisor', { rule: { kind: 'count', value: 12, per: 'subject' } }));
    expect((await summary('zhang.supervisor')).sampled - before.all.sampled).toBe(17);
    expect((await summary('zhang.supervisor', `&org=${B}`)).sampled - before.b.sampled).toBe(5);
    // A's head reads A's files only.
    expect((await summary('qian.agency')).sampled - before.a.sampled).toBe(12);
    // One of B's finished at 100: reviewed and passed.
    const files = (await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}`)))
      .files;
    const b1 = files.find((f: Json) => f.subject.code === B);
    await (await as('zhang.supervisor')).post(`/api/v1/file-review/rounds/${round.id}/assign`, {
      assignments: [{ file: b1.id, reviewer: ids['chen.reviewer'] }],
    });
    const done = await (await as('chen.reviewer')).post(`/api/v1/file-review/files/${b1.id}/score`, {
      version: 1,
      marks: [],
      finish: true,
    });
    expect(done.status).toBe(200);
    const after = await summary('zhang.supervisor', `&org=${B}`);
    expect([after.finished - before.b.finished, after.qualified - before.b.qualified]).toEqual([1, 1]);
    // Drawn in 2027, so nothing in 2026; an unknown organisation is refused with the field.
    const last = await body(
      await (await as('zhang.supervisor')).get('/api/v1/file-review/summary?from=2026-01&to=2026-12'),
    );
    expect(last).toEqual({ sampled: 0, finished: 0, qualified: 0 });
    const unknown = await (await as('zhang.supervisor')).get('/api/v1/file-review/summary?org=nowhere');
    expect(unknown.status).toBe(422);
    expect((await body(unknown)).error.details.problems[0].path).toBe('/org');
    expect((await (await as('li.officer')).get('/api/v1/file-review/summary')).status).toBe(403);
  });
});

describe('the round’s pinned checklist', () => {
  it('scores a round’s files by the checklist it was drawn under when a new pack is activated mid-round', async () => {
    const round = await body(
      await draw('zhang.supervisor', { subjects: [B], rule: { kind: 'count', value: 2, per: 'subject' } }),
    );
    const [file] = (await body(await (await as('zhang.supervisor')).get(`/api/v1/file-review/rounds/${round.id}`)))
      .files;
    const assigned = await (await as('zhang.supervisor')).post(`/api/v1/file-review/rounds/${round.id}/assign`, {
      assignments: [{ file: file.id, reviewer: ids['chen.reviewer'] }],
    });
    expect(assigned.status).toBe(200);
    // The new version has no 归档 group (archive-order is gone; 92 in all) and passes a file at 90.
    const { pack: binhai } = validatePackDir(join(PACKS_DIR, 'tj-binhai'));
    const lists = new Map(binhai.items['review-checklist']);
    const old = lists.get('penalty-file');
    if (!old) throw new Error('no penalty-file');
    lists.set('penalty-file', {
      ...old,
      passMark: 90,
      groups: old.groups.filter((g) => !g.points.some((p) => p.code === 'archive-order')) as typeof old.groups,
    });
    const pack = {
      ...binhai,
      manifest: { ...binhai.manifest, version: '1.0.1-review-test' },
      items: { ...binhai.items, 'review-checklist': lists },
    };
    const report = await server.services.packs.importBundle(bundlePack(pack).text, { apply: true, actor: 'test' });
    await server.services.packs.activate(report.hash, 'test');
    expect((await server.services.packs.active()).hash).not.toBe(server.packHash);

    const chen = await as('chen.reviewer');
    const view = await body(await chen.get(`/api/v1/file-review/files/${file.id}`));
    expect(view.checklist).toMatchObject({ passMark: 80, max: 100 });
    expect(view.checklist.groups.flatMap((g: Json) => g.points.map((p: Json) => p.code))).toContain('archive-order');
    const res = await chen.post(`/api/v1/file-review/files/${file.id}/score`, {
      version: view.version,
      marks: [{ point: 'archive-order', points: 5, note: '未装订' }],
      finish: true,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // By the round's checklist: 95 of 100 passes at 80 (by the new one archive-order is unknown).
    expect(await body(res)).toMatchObject({ state: 'finished', total: 95, qualified: true });
    // A round drawn now is drawn under the new version.
    const later = await body(
      await draw('zhang.supervisor', { subjects: [B], rule: { kind: 'count', value: 1, per: 'subject' } }),
    );
    const [stored] = await server.db.select().from(fileReviewRounds).where(eq(fileReviewRounds.id, later.id));
    expect(stored?.packHash).toBe(report.hash);
  });
});
