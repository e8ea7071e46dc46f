/**
 * 检查对象名录库 through the API: an .xlsx import judged row by row (field and reason in zh and
 * en) and saved as a whole or not at all, the register searched in scope, risk classes by the
 * pack's scheme over the entity's recorded cases, declared conflicts, and refusals.
 */
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { sealPii } from '../crypto/pii.ts';
import { auditEvents, marketEntities } from '../db/schema.ts';
import { creditCode } from '../demo/ids.ts';
import { insertTestCase } from '../documents/test-case.ts';
import { type EntityField, writeEntitySheet } from '../inspection-plans/entities-xlsx.ts';
import { XLSX_TYPE } from './xlsx-upload.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let head: Client;
let officer: Client;
let zone: Client;
let headId = '';
let officerId = '';

const code = (n: number) => creditCode('91', '120116', `MA${String(n).padStart(6, '0')}`);
const row = (n: number, over: Partial<Record<EntityField, string>> = {}): Record<EntityField, string> => ({
  creditCode: code(n),
  name: `天津滨海某某${n}号商贸有限公司`,
  address: `天津市滨海新区某某路${n}号`,
  sector: '市场监管',
  org: '120116-SCJ',
  ...over,
});

const upload = async (client: Client, rows: Record<EntityField, string>[], apply: boolean) =>
  server.app.request(`/api/v1/entities/import?apply=${apply ? 1 : 0}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': XLSX_TYPE },
    body: await writeEntitySheet(rows),
  });
const json = async (res: Response) => (await res.json()) as Json;
const entities = async () => (await server.db.select({ n: count() }).from(marketEntities))[0]?.n;

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => new Date('2026-06-10T04:00:00Z'));
  const cert = (n: string) => ({ certificateNo: `1201162026100${n}`, certificateValidUntil: '2099-12-31' });
  headId = (await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['department-head'] })).id;
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert('1') }))
    .id;
  await server.user({ username: 'zone.head', orgCode: '120116-STC-SCJ', roles: ['department-head'] });
  await server.user({ username: 'impl', orgCode: '120116-SCJ', roles: ['implementer'] });
  head = await server.as('qian.head');
  officer = await server.as('li.officer');
  zone = await server.as('zone.head');
}, 120_000);

describe('importing the register from .xlsx', () => {
  it('previews, then saves every row in one go, audited', async () => {
    const preview = await json(await upload(head, [row(1), row(2), row(3)], false));
    expect(preview.counts).toEqual({ add: 3, change: 0, unchanged: 0, reject: 0 });
    expect(await entities()).toBe(0);
    const res = await upload(head, [row(1), row(2), row(3)], true);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await entities()).toBe(3);
    const again = await json(await upload(head, [row(1), row(2, { address: '天津市滨海新区新地址1号' })], false));
    expect(again.rows.map((r: Json) => r.action)).toEqual(['unchanged', 'change']);
    const [ev] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'entity.import'));
    expect((ev?.after as Json)?.added).toEqual([code(1), code(2), code(3)]);
  });

  it('names the row, field and reason of every bad row, in zh and en, and saves nothing', async () => {
    const before = await entities();
    const bad = code(9).slice(0, 17) + (code(9).endsWith('0') ? '1' : '0');
    const res = await upload(
      head,
      [
        row(10),
        row(11, { creditCode: bad }),
        row(12, { creditCode: 'ABC' }),
        row(13, { sector: '不存在的领域' }),
        row(14, { org: '120116-NOPE' }),
        row(15, { name: '' }),
        row(10, { name: '重复' }),
      ],
      true,
    );
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.message.zh).toContain('有6行有误，未保存任何内容');
    expect(body.error.message.en).toContain('6 rows are wrong and nothing was saved');
    const rows = body.error.details.rows as Json[];
    const reasons = (n: number) => rows.find((r) => r.row === n)?.problems;
    expect(reasons(2)).toEqual([]);
    expect(reasons(3)).toEqual([
      {
        field: 'creditCode',
        reason: {
          zh: '统一社会信用代码校验位不正确',
          en: 'the check character of the unified social credit code is wrong',
        },
      },
    ]);
    expect(reasons(4)?.[0].reason.zh).toContain('18位');
    expect(reasons(5)?.[0]).toMatchObject({ field: 'sector', reason: { zh: expect.stringContaining('不存在的领域') } });
    expect(reasons(6)?.[0]).toMatchObject({ field: 'org', reason: { en: 'there is no organisation "120116-NOPE"' } });
    expect(reasons(7)?.[0]).toMatchObject({ field: 'name', reason: { zh: '名称不能为空', en: 'the name is empty' } });
    expect(reasons(8)?.[0]).toMatchObject({ field: 'creditCode', reason: { zh: '与第2行的统一社会信用代码重复' } });
    expect(await entities()).toBe(before);
  });

  it('refuses an organisation outside the importer’s scope, a file that is not a workbook, and a sheet without the header', async () => {
    const res = await upload(zone, [row(20)], true);
    expect(res.status).toBe(422);
    expect((await json(res)).error.details.rows[0].problems[0]).toMatchObject({ field: 'org' });
    const notXlsx = await server.app.request('/api/v1/entities/import?apply=1', {
      method: 'POST',
      headers: { cookie: head.cookie, 'x-csrf-token': head.csrfToken, 'content-type': XLSX_TYPE },
      body: new TextEncoder().encode('not a workbook'),
    });
    expect(notXlsx.status).toBe(422);
    expect((await json(notXlsx)).error.message.zh).toBe('文件不是有效的 Excel（.xlsx）工作簿');
  });

  it('is refused to an officer (entity.manage) before the body is read', async () => {
    const res = await upload(officer, [row(30)], true);
    expect(res.status).toBe(403);
    expect((await json(res)).error.details.permission).toBe('entity.manage');
  });
});

describe('the register', () => {
  it('lists and searches the entities in scope, each with its risk class and why', async () => {
    // Two penalty cases this year make entity 1 class D; one 3 years ago would not count.
    for (let i = 0; i < 2; i++)
      await insertTestCase(server.db, {
        packHash: server.packHash,
        createdBy: officerId,
        party: { idNumber: sealPii(code(1)) },
      });
    await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officerId,
      workflowCode: 'inspection',
      state: 'closed',
      party: { idNumber: sealPii(code(3)) },
    });
    const list = await json(await head.get('/api/v1/entities'));
    expect(list.total).toBe(3);
    const by = (n: number) => list.items.find((e: Json) => e.creditCode === code(n));
    expect(by(1).riskClass).toMatchObject({ code: 'D', facts: { penaltyCases12m: 2, penaltyCases3y: 2 } });
    expect(by(1).riskClass.why.zh).toContain('近一年被立案查处2次以上');
    expect(by(2).riskClass.code).toBe('B');
    expect(by(3).riskClass).toMatchObject({ code: 'A', facts: { inspections3y: 1 } });
    const found = await json(await officer.get(`/api/v1/entities?q=${encodeURIComponent('某某2号')}`));
    expect(found.items.map((e: Json) => e.creditCode)).toEqual([code(2)]);
    // The development zone's head sees none of the district's entities, and cannot open one.
    expect((await json(await zone.get('/api/v1/entities'))).total).toBe(0);
    expect((await zone.get(`/api/v1/entities/${by(1).id}`)).status).toBe(404);
    // An implementer has no entity.read.
    expect((await (await server.as('impl')).get('/api/v1/entities')).status).toBe(403);
  });

  it('records a declared conflict once, audited, and refuses it to an officer', async () => {
    const id = (await json(await head.get('/api/v1/entities'))).items[0].id;
    const made = await head.post(`/api/v1/entities/${id}/conflicts`, {
      userId: officerId,
      reason: '近亲属任该公司监事',
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const twice = await head.post(`/api/v1/entities/${id}/conflicts`, { userId: officerId, reason: '重复' });
    expect(twice.status).toBe(409);
    expect((await officer.post(`/api/v1/entities/${id}/conflicts`, { userId: headId, reason: '无' })).status).toBe(403);
    const view = await json(await head.get(`/api/v1/entities/${id}`));
    expect(view.conflicts).toMatchObject([{ userId: officerId, reason: '近亲属任该公司监事' }]);
  });
});
