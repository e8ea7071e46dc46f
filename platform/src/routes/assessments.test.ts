import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { A, B, writeHistory } from '../assessment/fixtures.ts';
import { assessmentResults, assessmentRuns, auditEvents, cases } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
let server: Server;
let ids: Record<string, string>;
const clients: Record<string, Client> = {};
const as = async (u: string) => {
  clients[u] ??= await server.as(u);
  return clients[u] as Client;
};

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2027-01-10T02:00:00Z') });
  const add = async (username: string, orgCode: string, roles: string[], extra = {}) =>
    (await server.user({ username, orgCode, roles, ...extra })).id;
  ids = await writeHistory(server.db, server.packHash, add);
  await add('zhang.supervisor', '120116-SFJ', ['supervisor']);
  await add('qian.agency', A, ['agency-head']);
  await add('guo.agency', B, ['agency-head']);
  await add('li.officer', A, ['officer'], { certificateNo: '12011620260002', certificateValidUntil: '2030-12-31' });
  // Building the pack and the database takes a while on a loaded machine.
}, 60_000);

async function run(username = 'zhang.supervisor', body: unknown = YEAR, scheme = 'binhai-2026') {
  return (await as(username)).post(`/api/v1/assessments/${scheme}/runs`, body);
}

describe('POST /assessments/{scheme}/runs', () => {
  it('computes a draft over every subject, ranked, with the indicators not measurable and why', async () => {
    const res = await run();
    expect(res.status, await res.clone().text()).toBe(201);
    const created: Json = await res.json();
    expect(created).toMatchObject({ scheme: 'binhai-2026', status: 'draft', period: YEAR, asOf: '2026-12-31' });
    // 案卷评查合格率 is measured (file-review/); no file reviewed here: empty → full marks.
    expect(created.summary.measurableWeight).toBe(90);
    expect(created.summary.excluded.map((x: Json) => [x.code, x.weight])).toEqual([['disclosure-in-time', 10]]);
    expect(created.summary.excluded[0].metrics[0].why.zh).toContain('公示');
    const view: Json = await (
      await (await as('zhang.supervisor')).get(`/api/v1/assessments/runs/${created.id}`)
    ).json();
    expect(view.ranked).toBe(true);
    const a = view.results.find((r: Json) => r.subject.code === A);
    const b = view.results.find((r: Json) => r.subject.code === B);
    expect(a).toMatchObject({ score: 27.78, grade: '不合格', vetoed: ['legal-review-rate'] });
    expect(b).toMatchObject({ score: 64.44, grade: '合格' });
    expect(b.rank).toBeLessThan(a.rank);
    // Ranks follow scores among the subjects with records; those without any come after, unranked.
    const ranked = view.results.filter((r: Json) => r.rank !== null);
    expect(ranked.map((r: Json) => r.subject.code).sort()).toEqual([A, B]);
    const rest = view.results.slice(ranked.length);
    expect(rest.length).toBeGreaterThan(100);
    for (const r of rest) expect(r).toMatchObject({ rank: null, noRecords: true });
    expect(rest[0].explanation.zh.join('\n')).toContain('不参与排名');
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'assessment.run' AND ${auditEvents.target} = ${created.id}`);
    expect(event?.after).toMatchObject({ scheme: 'binhai-2026', excluded: ['disclosure-in-time'] });
  });

  it('refuses a reversed period, one too long and one before the scheme, in Chinese and English, storing nothing', async () => {
    const before = (await server.db.select().from(assessmentRuns)).length;
    const reversed = await run('zhang.supervisor', { from: '2026-12-31', to: '2026-01-01' });
    expect(reversed.status).toBe(422);
    const body: Json = await reversed.json();
    expect(body.error.details.problems[0]).toMatchObject({ path: '/to', code: 'period-reversed' });
    expect(body.error.details.problems[0].message.zh).toContain('早于开始日');
    const early: Json = await (await run('zhang.supervisor', { from: '2025-01-01', to: '2025-12-31' })).json();
    expect(early.error.details.problems.map((p: Json) => p.code)).toEqual(['before-scheme']);
    expect(early.error.details.problems[0].message.en).toContain('applies from 2026-01-01');
    const long: Json = await (await run('zhang.supervisor', { from: '2026-01-01', to: '2027-03-01' })).json();
    expect(long.error.details.problems.map((p: Json) => p.code)).toEqual(['period-too-long']);
    expect((await run('zhang.supervisor', { from: 'yesterday', to: '2026-12-31' })).status).toBe(422);
    expect((await run('zhang.supervisor', YEAR, 'no-such-scheme')).status).toBe(404);
    expect((await server.db.select().from(assessmentRuns)).length).toBe(before);
  });

  it('is the centre’s: an agency head or an officer may not compute a run (403)', async () => {
    expect((await run('qian.agency')).status).toBe(403);
    expect((await run('li.officer')).status).toBe(403);
  });
});

describe('reading a run', () => {
  it('shows a subject’s head only its own subjects, without the ranking; an officer nothing (403)', async () => {
    const { id } = (await (await run()).json()) as Json;
    const view: Json = await (await (await as('qian.agency')).get(`/api/v1/assessments/runs/${id}`)).json();
    expect(view.ranked).toBe(false);
    expect(view.results.length).toBeGreaterThan(0);
    for (const r of view.results) {
      expect(r.subject.code.startsWith(A)).toBe(true);
      expect(r.rank).toBeUndefined();
    }
    const own = view.results.find((r: Json) => r.subject.code === A);
    expect(own.indicators[3].explanation.zh).toContain('经法制审核的重大执法决定数 1 / 重大执法决定数 2');
    expect((await (await as('li.officer')).get(`/api/v1/assessments/runs/${id}`)).status).toBe(403);
  });

  it('drills from a metric to the cases it counted; another subject’s head cannot (404)', async () => {
    const { id } = (await (await run()).json()) as Json;
    const path = `/api/v1/assessments/runs/${id}/subjects/${A}/metrics/majorCases`;
    const drill: Json = await (await (await as('qian.agency')).get(path)).json();
    expect(drill).toMatchObject({ value: 2, total: 2, changedSinceRun: false });
    expect(drill.rows.map((r: Json) => r.id).sort()).toEqual([ids.c1, ids.c3].sort());
    expect(drill.rows[0]).toMatchObject({ kind: 'case' });
    expect((await (await as('guo.agency')).get(path)).status).toBe(404);
    const unmeasured = `/api/v1/assessments/runs/${id}/subjects/${A}/metrics/decisionsToDisclose`;
    expect((await (await as('zhang.supervisor')).get(unmeasured)).status).toBe(404);
  });
});

describe('publishing', () => {
  it('freezes a run: published once (409 after), unchanged when computed again (a new draft), and the database refuses changes', async () => {
    const { id } = (await (await run()).json()) as Json;
    expect((await (await as('qian.agency')).post(`/api/v1/assessments/runs/${id}/publish`)).status).toBe(403);
    const published = await (await as('zhang.supervisor')).post(`/api/v1/assessments/runs/${id}/publish`);
    expect(published.status, await published.clone().text()).toBe(200);
    expect(await published.json()).toMatchObject({ status: 'published', publishedBy: expect.any(String) });
    const again = await (await as('zhang.supervisor')).post(`/api/v1/assessments/runs/${id}/publish`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.message.zh).toContain('已经发布并冻结');
    const frozen: Json = await (await (await as('zhang.supervisor')).get(`/api/v1/assessments/runs/${id}`)).json();

    // New records after publishing: a recomputation sees them in a new draft; the published run does not change.
    // B's open case d2 is closed in the period: closure 3/3 → 10 points, 61 of 90 = 67.78.
    await server.db
      .update(cases)
      .set({ state: 'closed', closedAt: '2026-10-01T02:00:00.000Z' })
      .where(eq(cases.id, ids.d2 as string));
    const redo: Json = await (await run()).json();
    expect(redo.id).not.toBe(id);
    expect(redo.status).toBe('draft');
    const redone: Json = await (await (await as('zhang.supervisor')).get(`/api/v1/assessments/runs/${redo.id}`)).json();
    expect(redone.results.find((r: Json) => r.subject.code === B).score).toBe(67.78);
    expect(frozen.results.find((r: Json) => r.subject.code === B).score).toBe(64.44);
    const still: Json = await (await (await as('zhang.supervisor')).get(`/api/v1/assessments/runs/${id}`)).json();
    expect(still).toEqual(frozen);
    await expect(
      server.db.update(assessmentResults).set({ score: 100 }).where(eq(assessmentResults.runId, id)),
    ).rejects.toThrow();
    await expect(server.db.delete(assessmentRuns).where(eq(assessmentRuns.id, id))).rejects.toThrow();
    const events = await server.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'assessment.publish' AND ${auditEvents.target} = ${id}`);
    expect(events).toHaveLength(1);
  });
});
