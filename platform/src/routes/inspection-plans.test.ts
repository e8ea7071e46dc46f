/**
 * 抽查计划 through the API: a plan created and checked, drawn at the risk scheme's rates with two
 * certified officers per inspection and 回避 (declared conflicts, last time's officers), the draw
 * made again from the seed and inputs the audit chain recorded, refused a second time, opened as
 * inspection cases in one transaction, and its results listed; refusals by permission and scope.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { sealPii } from '../crypto/pii.ts';
import { auditEvents, cases, entityConflicts, inspectionPlans, marketEntities, planInspections } from '../db/schema.ts';
import { creditCode } from '../demo/ids.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { writeEntitySheet } from '../inspection-plans/entities-xlsx.ts';
import { XLSX_TYPE } from './xlsx-upload.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const MATTER = '120116-SCJ-JC-0001-01';
let server: Server;
let head: Client;
let officer: Client;
let zone: Client;
const certified: string[] = [];
let uncertified = '';

const code = (n: number) => creditCode('91', '120116', `MB${String(n).padStart(6, '0')}`);
const json = async (res: Response) => (await res.json()) as Json;
const PLAN = {
  name: '2026年第三季度食品经营者双随机抽查',
  sector: 'market-regulation',
  periodFrom: '2026-07-01',
  periodTo: '2026-12-31',
  matter: MATTER,
};

async function newPlan(body: Record<string, unknown> = {}) {
  const res = await head.post('/api/v1/inspection-plans', { ...PLAN, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}
const draw = (plan: Json, client = head) =>
  client.post(`/api/v1/inspection-plans/${plan.id}/draw`, { version: plan.version });

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => new Date('2026-06-10T04:00:00Z'));
  const cert = (n: number) => ({
    certificateNo: `12011620262${String(n).padStart(3, '0')}`,
    certificateValidUntil: '2099-12-31',
  });
  for (let i = 1; i <= 6; i++)
    certified.push(
      (await server.user({ username: `o${i}`, orgCode: '120116-SCJ', roles: ['officer'], ...cert(i) })).id,
    );
  // Not drawn: a certificate that lapses during the period, and none at all.
  await server.user({
    username: 'lapsing',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '120116202699',
    certificateValidUntil: '2026-09-30',
  });
  uncertified = (await server.user({ username: 'nocert', orgCode: '120116-SCJ', roles: ['officer'] })).id;
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['department-head'] });
  await server.user({ username: 'zone.head', orgCode: '120116-STC-SCJ', roles: ['department-head'] });
  head = await server.as('qian.head');
  officer = await server.as('o1');
  zone = await server.as('zone.head');
  // 100 entities: 1–10 with two penalty cases this year (D), 11–30 with one (C), 31–50 inspected (A), the rest B.
  const rows = Array.from({ length: 100 }, (_, i) => ({
    creditCode: code(i + 1),
    name: `滨海某某${i + 1}号食品店`,
    address: `天津市滨海新区某某路${i + 1}号`,
    sector: 'market-regulation',
    org: '120116-SCJ',
  }));
  const res = await server.app.request('/api/v1/entities/import?apply=1', {
    method: 'POST',
    headers: { cookie: head.cookie, 'x-csrf-token': head.csrfToken, 'content-type': XLSX_TYPE },
    body: await writeEntitySheet(rows),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const party = (n: number) => ({ idNumber: sealPii(code(n)) });
  for (let n = 1; n <= 30; n++)
    for (let k = 0; k < (n <= 10 ? 2 : 1); k++)
      await insertTestCase(server.db, {
        packHash: server.packHash,
        createdBy: certified[0] as string,
        party: party(n),
      });
  for (let n = 31; n <= 50; n++)
    await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: certified[0] as string,
      workflowCode: 'inspection',
      matterCode: MATTER,
      state: 'closed',
      party: party(n),
    });
}, 120_000);

describe('creating a plan', () => {
  it('refuses a bad plan field by field, in zh and en', async () => {
    const res = await head.post('/api/v1/inspection-plans', {
      ...PLAN,
      sector: 'nope',
      periodFrom: '2026-12-31',
      periodTo: '2026-07-01',
      matter: '120116-SCJ-CF-0001-01',
    });
    expect(res.status).toBe(422);
    const problems = (await json(res)).error.details.problems as Json[];
    expect(problems.map((p) => p.path).sort()).toEqual(['/periodTo', '/sector']);
    expect(problems.find((p) => p.path === '/periodTo').message).toEqual({
      zh: '结束日期不能早于开始日期',
      en: 'the period cannot end before it starts',
    });
    const penaltyMatter = await head.post('/api/v1/inspection-plans', { ...PLAN, matter: '120116-SCJ-CF-0001-01' });
    expect((await json(penaltyMatter)).error.details.problems[0]).toMatchObject({
      path: '/matter',
      code: 'not-inspection',
    });
    const elsewhere = await head.post('/api/v1/inspection-plans', { ...PLAN, orgCode: '120116-STC-SCJ' });
    expect((await json(elsewhere)).error.details.problems[0]).toMatchObject({ path: '/orgCode' });
  });

  it('is refused to an officer, who may read plans but not make them', async () => {
    expect((await officer.post('/api/v1/inspection-plans', PLAN)).status).toBe(403);
    expect((await officer.get('/api/v1/inspection-plans')).status).toBe(200);
  });
});

describe('drawing a plan', () => {
  let plan: Json;
  let drawn: Json;

  it('draws each class at its rate for the period, two different certified officers each', async () => {
    plan = await newPlan();
    expect(plan.state).toBe('draft');
    const res = await draw(plan);
    expect(res.status, await res.clone().text()).toBe(200);
    drawn = await json(res);
    expect(drawn.state).toBe('drawn');
    expect(drawn.seed).toMatch(/^\d+$/);
    expect(drawn.algorithm).toContain('xoroshiro128plus');
    // 184 days: D ceil(10×20%×184/365)=2, C ceil(20×10%×184/365)=2, A ceil(20×3%×184/365)=1, B ceil(50×5%×184/365)=2.
    expect(drawn.classes.map((k: Json) => [k.code, k.entities, k.drawn])).toEqual([
      ['D', 10, 2],
      ['C', 20, 2],
      ['A', 20, 1],
      ['B', 50, 2],
    ]);
    expect(drawn.inspections).toHaveLength(7);
    const n = (i: Json) => Number(i.entity.name.match(/(\d+)号/)[1]);
    for (const i of drawn.inspections) {
      const expected = n(i) <= 10 ? 'D' : n(i) <= 30 ? 'C' : n(i) <= 50 ? 'A' : 'B';
      expect(i.riskClass).toBe(expected);
      expect(i.officers).toHaveLength(2);
      expect(i.officers[0].id).not.toBe(i.officers[1].id);
      for (const o of i.officers) expect(certified).toContain(o.id);
      expect(i.officers.map((o: Json) => o.id)).not.toContain(uncertified);
    }
  });

  it('draws it again from the recorded seed and inputs and gets the same', async () => {
    const v = await json(await officer.get(`/api/v1/inspection-plans/${plan.id}/verify`));
    expect(v).toMatchObject({ same: true, seed: Number(drawn.seed) });
    const [ev] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'inspection-plan.draw'));
    expect((ev?.after as Json)?.seed).toBe(Number(drawn.seed));
  });

  it('finds a tampered draw: the stored officers no longer match the seed', async () => {
    const other = await newPlan({ name: '篡改检验' });
    const d = await json(await draw(other));
    await server.db
      .update(planInspections)
      .set({ officers: [...(d.inspections[0].officers as Json[]).map((o) => o.id)].reverse() })
      .where(eq(planInspections.planId, other.id));
    expect((await json(await head.get(`/api/v1/inspection-plans/${other.id}/verify`))).same).toBe(false);
  });

  it('refuses to draw a plan twice', async () => {
    const res = await head.post(`/api/v1/inspection-plans/${plan.id}/draw`, { version: drawn.version });
    expect(res.status).toBe(409);
    expect((await json(res)).error.message.zh).toBe('计划已抽取，不能重新抽取');
    // Two draws of one plan at once: one is drawn, the other refused, and the plan holds one draw.
    const p = await newPlan({ name: '并发抽取检验' });
    const both = await Promise.all([draw(p), draw(p)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const view = await json(await head.get(`/api/v1/inspection-plans/${p.id}`));
    expect(view.inspections).toHaveLength(
      (await json(both.find((r) => r.status === 200) as Response)).inspections.length,
    );
  });

  it('never gives an entity an officer with a declared conflict, nor last time’s officers', async () => {
    // Every entity declares a conflict with o1; with last time's two out as well, three of six remain.
    const all = await server.db.select({ id: marketEntities.id }).from(marketEntities);
    const conflict = (userId: string) =>
      all.map((e) => ({
        id: `c-${userId}-${e.id}`,
        entityId: e.id,
        userId,
        reason: '测试',
        declaredBy: 'test',
        declaredAt: '2026-06-10T00:00:00Z',
      }));
    await server.db.insert(entityConflicts).values(conflict(certified[0] as string));
    // Last time's officers of each entity, from every plan drawn so far, in the order drawn.
    const last = new Map<string, string[]>();
    for (const r of await server.db
      .select({ e: planInspections.entityId, officers: planInspections.officers })
      .from(planInspections)
      .innerJoin(inspectionPlans, eq(inspectionPlans.id, planInspections.planId))
      .orderBy(asc(inspectionPlans.drawnAt), asc(sql`${planInspections}.rowid`)))
      last.set(r.e, r.officers);
    let again = 0;
    for (let round = 0; round < 4; round++) {
      const res = await draw(await newPlan({ name: `回避检验${round}` }));
      expect(res.status, await res.clone().text()).toBe(200);
      for (const i of (await json(res)).inspections) {
        const ids = i.officers.map((o: Json) => o.id);
        expect(ids).not.toContain(certified[0]);
        if (last.has(i.entity.id)) again++;
        for (const o of last.get(i.entity.id) ?? []) expect(ids).not.toContain(o);
        last.set(i.entity.id, ids);
      }
    }
    // Not vacuous: some entities were drawn again (10 D entities, 2 drawn each time).
    expect(again).toBeGreaterThan(0);
  });

  it('refuses the whole draw when an entity drawn has fewer than two officers left, and draws nothing', async () => {
    // o1–o5 in conflict with every entity: one officer is left.
    const all = await server.db.select({ id: marketEntities.id }).from(marketEntities);
    for (const u of certified.slice(1, 5))
      await server.db.insert(entityConflicts).values(
        all.map((e) => ({
          id: `c-${u}-${e.id}`,
          entityId: e.id,
          userId: u,
          reason: '测试',
          declaredBy: 'test',
          declaredAt: '2026-06-10T00:00:00Z',
        })),
      );
    const p = await newPlan({ name: '人员不足检验' });
    const res = await draw(p);
    expect(res.status).toBe(422);
    expect((await json(res)).error.message.zh).toContain('可派执法人员不足两名');
    expect((await json(await head.get(`/api/v1/inspection-plans/${p.id}`))).state).toBe('draft');
  });
});

describe('opening the inspections and the results', () => {
  it('opens every drawn inspection as a case of the inspection workflow, with its two officers, once', async () => {
    await server.db.delete(entityConflicts);
    const plan = await newPlan({ name: '立案检验' });
    const drawn = await json(await draw(plan));
    const res = await head.post(`/api/v1/inspection-plans/${plan.id}/open`, { version: drawn.version });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).opened).toBe(drawn.inspections.length);
    const view = await json(await head.get(`/api/v1/inspection-plans/${plan.id}`));
    expect(view.state).toBe('opened');
    for (const i of view.inspections) {
      expect(i.case.number).toBeTruthy();
      const [c] = await server.db.select().from(cases).where(eq(cases.id, i.case.id));
      expect(c).toMatchObject({ workflowCode: 'inspection', matterCode: MATTER, state: 'assigned' });
      expect(c?.officers).toEqual(i.officers.map((o: Json) => o.id));
      expect(i.result).toMatchObject({ state: 'assigned', final: false });
    }
    const again = await head.post(`/api/v1/inspection-plans/${plan.id}/open`, { version: view.version });
    expect(again.status).toBe(409);
    // A finished inspection appears among the results to disclose, with its date and result.
    await server.db
      .update(cases)
      .set({ state: 'closed', closedAt: '2026-07-15T02:00:00Z' })
      .where(eq(cases.id, view.inspections[0].case.id));
    const results = await json(await officer.get(`/api/v1/inspection-plans/${plan.id}/results`));
    expect(results.items).toEqual([
      {
        entity: { name: view.inspections[0].entity.name, creditCode: view.inspections[0].entity.creditCode },
        date: '2026-07-15',
        result: { name: '检查结束', nameEn: 'Inspection closed' },
      },
    ]);
  });

  it('keeps plans within scope: another subject’s head sees none and cannot draw one', async () => {
    const plan = await newPlan({ name: '范围检验' });
    expect((await json(await zone.get('/api/v1/inspection-plans'))).items).toEqual([]);
    expect((await zone.get(`/api/v1/inspection-plans/${plan.id}`)).status).toBe(404);
    expect((await draw(plan, zone)).status).toBe(404);
    expect((await draw(plan, officer)).status).toBe(403);
  });

  it('discloses a drawn plan and its finished inspections on the public pages, without sign-in, officers or addresses', async () => {
    await server.db.delete(entityConflicts);
    const draft = await newPlan({ name: '公示检验（未抽取）' });
    const plan = await newPlan({ name: '公示检验' });
    const drawn = await json(await draw(plan));
    const opened = await head.post(`/api/v1/inspection-plans/${plan.id}/open`, { version: drawn.version });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const view = await json(await head.get(`/api/v1/inspection-plans/${plan.id}`));
    const [done, ...open] = view.inspections;
    await server.db
      .update(cases)
      .set({ state: 'closed', closedAt: '2026-08-03T02:00:00Z' })
      .where(eq(cases.id, done.case.id));
    const page = async (path: string) => {
      const res = await server.app.request(path);
      return { status: res.status, text: await res.text(), csp: res.headers.get('content-security-policy') };
    };
    const list = await page('/public/inspections');
    expect(list.status).toBe(200);
    expect(list.csp).toContain("default-src 'none'");
    expect(list.text).toContain('公示检验');
    expect(list.text).toContain(`/public/inspections/${plan.id}`);
    // A plan not drawn yet is not public.
    expect(list.text).not.toContain('公示检验（未抽取）');
    expect((await page(`/public/inspections/${draft.id}`)).status).toBe(404);
    const one = await page(`/public/inspections/${plan.id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain(done.entity.name);
    expect(one.text).toContain(done.entity.creditCode);
    expect(one.text).toContain('2026-08-03');
    expect(one.text).toContain('检查结束');
    expect(one.text).toContain(`另有 ${open.length} 户检查尚未结束`);
    // Still-open inspections are not named; no officer, address or case number is on the page.
    for (const i of open) expect(one.text).not.toContain(i.entity.name);
    for (const o of done.officers) expect(one.text).not.toContain(o.name);
    expect(one.text).not.toContain(done.entity.address);
    expect(one.text).not.toContain(done.case.number);
    expect((await page('/public/inspections?after=bad')).status).toBe(400);
    expect((await page('/public/inspections/not-a-plan')).status).toBe(404);
  });
});
