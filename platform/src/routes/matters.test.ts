import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
const json = async (res: Response): Promise<Json> => res.json();

beforeAll(async () => {
  server = await startTestServer();
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  await server.user({ username: 'wu.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  await server.user({ username: 'sys.admin', orgCode: '120116-SFJ', roles: ['system-admin'] });
  officer = await server.as('li.officer');
});

describe('searching matters', () => {
  it('finds matters by a word of their name, cause or keywords, with everything the officer needs', async () => {
    const res = await officer.get(`/api/v1/matters?q=${encodeURIComponent('食品')}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.total).toBeGreaterThan(0);
    const m = body.items.find((x: Json) => x.code === '120116-SCJ-CF-0001-01');
    expect(m).toBeDefined();
    expect(m.category).toBe('enforcement');
    expect(m.cause).toBe('未取得食品生产经营许可从事食品生产经营活动');
    expect(m.authorityItem).toMatchObject({
      code: '120116-SCJ-CF-0001',
      powerType: { code: 'CF', name: '行政处罚' },
      legalReview: true,
    });
    const penalty = m.legalBasis.penalty[0];
    expect(penalty.code).toBe('SPAQF-122-1');
    expect(penalty.law).toContain('食品安全法');
    expect(penalty.article).toContain('第一百二十二条');
    expect(penalty.text).toContain('食品');
    expect(m.legalBasis.violated[0].text).toBeTruthy();
    expect(m.penaltyKinds.map((k: Json) => k.name)).toEqual(['没收违法所得', '没收非法财物', '罚款']);
    expect(m.discretion.code).toBe('DB-SPAQF-122-1');
    expect(m.discretion.version.label).toBe('2022');
    expect(m.discretion.legalRange.min).toBeDefined();
    expect(m.discretion.tiers.map((t: Json) => t.code)).toEqual(['heavier', 'lighter', 'general']);
    expect(m.workflow).toEqual({
      code: 'penalty-ordinary',
      name: '行政处罚普通程序',
      nameEn: 'Administrative penalty, ordinary procedure',
    });
    expect(m.documents.find((d: Json) => d.code === 'penalty-decision')?.issued).toBe(true);
    // English names for the English screens: the benchmark, its tiers and no-penalty rules, the documents, the item.
    expect(m.discretion.nameEn).toBeTruthy();
    expect(m.discretion.tiers.filter((t: Json) => !t.nameEn)).toEqual([]);
    expect(m.discretion.noPenalty.filter((n: Json) => !n.nameEn)).toEqual([]);
    expect(m.documents.filter((d: Json) => !d.nameEn)).toEqual([]);
    expect(m.authorityItem.nameEn).toBe(
      'Penalty for producing or trading food without a food production or trading licence',
    );
    expect(m.facts).toBeUndefined();
  });

  it('finds a subject’s matters by code prefix, and narrows with more words', async () => {
    const scj = await json(await officer.get('/api/v1/matters?q=120116-SCJ'));
    // The 区市场监管局's ten: nine penalty and licensing matters and the 双随机抽查 检查.
    expect(scj.total).toBe(10);
    expect(scj.items.every((x: Json) => x.code.startsWith('120116-SCJ'))).toBe(true);
    const both = await json(await officer.get(`/api/v1/matters?q=${encodeURIComponent('食品 许可')}`));
    expect(both.items.map((x: Json) => x.code)).toContain('120116-SCJ-CF-0001-01');
    expect(both.total).toBeLessThan(scj.total);
    const none = await json(await officer.get('/api/v1/matters?q=zzzz-nothing'));
    expect(none).toEqual({ total: 0, items: [] });
    const all = await json(await officer.get('/api/v1/matters'));
    expect(all.total).toBeGreaterThan(40);
  });

  const codes = async (q: string): Promise<string[]> =>
    (await json(await officer.get(`/api/v1/matters?q=${encodeURIComponent(q)}`))).items.map((x: Json) => x.code);

  it('finds matters by the law they apply, and says which basis matched', async () => {
    const body = await json(await officer.get(`/api/v1/matters?q=${encodeURIComponent('食品安全法')}`));
    expect(body.items.map((x: Json) => x.code)).toEqual([
      '120116-SCJ-CF-0001-01',
      '120116-SCJ-CF-0002-01',
      '120116-SCJ-CF-0003-01',
      '120116-SCJ-CF-0004-01',
      '120116-SCJ-CF-0005-01',
      '120116-SCJ-CF-0006-01',
    ]);
    expect(body.items[1].matchedBasis).toEqual(['SPAQF-34-1-2', 'SPAQF-124-1-1']);
    expect(await codes('中华人民共和国消防法')).toContain('120116-XF-CF-0005-01');
    expect(await codes('Food Safety Law')).toContain('120116-SCJ-CF-0002-01');
  });

  it('finds matters by article, in the law’s numerals or in digits, alone or after the law', async () => {
    for (const q of [
      '第一百二十四条',
      '第124条',
      '124条',
      '食品安全法第一百二十四条',
      '《食品安全法》第124条',
      '第１２４条',
    ])
      expect(await codes(q), q).toEqual(['120116-SCJ-CF-0002-01']);
    expect(await codes('第一百二十四条第一款第（一）项')).toEqual(['120116-SCJ-CF-0002-01']);
    expect(await codes('第124条第1款第1项')).toEqual(['120116-SCJ-CF-0002-01']);
    expect(await codes('消防法第六十条')).toContain('120116-XF-CF-0005-01');
    expect(await codes('第一百二十四条 消防法')).toEqual([]);
  });

  it('finds a matter by a fragment of its code, or of its basis’s code, with or without separators', async () => {
    for (const q of ['SCJ-CF-0003', 'scj-cf-0003', 'scjcf0003', 'CF-0003-01'])
      expect(await codes(q), q).toContain('120116-SCJ-CF-0003-01');
    expect(await codes('scjcf0003')).toEqual(['120116-SCJ-CF-0003-01']);
    expect(await codes('SPAQF-124')).toEqual(['120116-SCJ-CF-0002-01']);
  });

  it('finds matters by a word of their name, keywords or article text, own names first', async () => {
    expect(await codes('标签')).toEqual(['120116-SCJ-CF-0003-01', '120116-SCJ-CF-0004-01']);
    expect(await codes('label')).toEqual(['120116-SCJ-CF-0003-01', '120116-SCJ-CF-0004-01']);
    // Only the article's text (食品安全法第一百二十四条) names 农药残留.
    const residue = await json(await officer.get(`/api/v1/matters?q=${encodeURIComponent('农药残留')}`));
    expect(residue.items.map((x: Json) => x.code)).toEqual(['120116-SCJ-CF-0002-01']);
    expect(residue.items[0].matchedBasis).toContain('SPAQF-124-1-1');
    // 许可 is in 0001's name but only in the others' texts: 0001 comes first.
    const licence = await codes('食品 许可');
    expect(licence[0]).toBe('120116-SCJ-CF-0001-01');
    expect(licence.length).toBeGreaterThan(1);
  });

  it('answers a matter with its facts for the open-case form', async () => {
    const m = await json(await officer.get('/api/v1/matters/120116-SCJ-CF-0001-01'));
    const goods = m.facts.find((f: Json) => f.name === 'goodsValue');
    expect(goods).toMatchObject({ type: 'number', unit: '元', minimum: 0, source: 'matter', label: '货值金额' });
    expect(m.facts.find((f: Json) => f.name === 'harmConsequence').enum).toEqual(['无', '轻微', '一般', '严重']);
    expect(m.facts.find((f: Json) => f.name === 'proposedFine')).toMatchObject({
      type: 'number',
      source: 'platform',
      label: '拟罚款金额',
    });
    expect(m.facts.some((f: Json) => f.name === 'legalReviewed')).toBe(false);
    // Facts a document's issue records come with the documents, so the form shows them read-only.
    expect(m.facts.find((f: Json) => f.name === 'statementNotified').setBy).toEqual([
      expect.objectContaining({ code: 'notice-service-receipt', name: '告知文书送达回证' }),
    ]);
    expect(m.facts.find((f: Json) => f.name === 'lateDecisionReason').setBy).toBeUndefined();
  });

  it('marks a matter’s own fact that one of its documents records, so the form shows it read-only', async () => {
    const m = await json(await officer.get('/api/v1/matters/legal-information-report'));
    expect(m.facts.find((f: Json) => f.name === 'reportSubmittedAt')).toMatchObject({
      source: 'matter',
      setBy: [expect.objectContaining({ code: 'information-report', name: '法治工作信息报送单' })],
    });
    expect(m.facts.find((f: Json) => f.name === 'dueDate').setBy).toBeUndefined();
  });

  it('answers bad input and missing matters clearly', async () => {
    expect((await officer.get('/api/v1/matters/no-such-matter')).status).toBe(404);
    const long = await officer.get(`/api/v1/matters?q=${'x'.repeat(101)}`);
    expect(long.status).toBe(422);
    expect((await json(long)).error.details.problems[0].path).toBe('/q');
    const sql = await officer.get(`/api/v1/matters?q=${encodeURIComponent("'; DROP TABLE cases;--")}`);
    expect(sql.status).toBe(200);
  });

  it('takes control characters in a search as text: they match nothing and never fail', async () => {
    for (const q of ['%00', '%E9%A3%9F%00', '%1B', '%7F', '%E2%80%AE', '%C2%85']) {
      const res = await officer.get(`/api/v1/matters?q=${q}`);
      expect(res.status, q).toBe(200);
      expect((await json(res)).total, q).toBe(0);
    }
    // Beside a real word, a control character is a word of its own that no matter has.
    expect((await json(await officer.get('/api/v1/matters?q=%E9%A3%9F%E5%93%81'))).total).toBeGreaterThan(0);
    expect((await json(await officer.get('/api/v1/matters?q=%E9%A3%9F%E5%93%81%20%00'))).total).toBe(0);
  });

  it('is for those who read or open cases', async () => {
    expect((await (await server.as('wu.supervisor')).get('/api/v1/matters?q=食品')).status).toBe(200);
    const admin = await (await server.as('sys.admin')).get('/api/v1/matters');
    expect(admin.status).toBe(403);
    expect((await json(admin)).error.code).toBe('forbidden');
    expect((await server.app.request('/api/v1/matters')).status).toBe(401);
  });
});

describe('the 立案 search follows the authority list (权责清单)', () => {
  it('offers the subject’s own matters first and marks the others not allowed, with the reason', async () => {
    await server.user({
      username: 'stj.officer',
      orgCode: '120116-STJ',
      roles: ['officer'],
      certificateNo: '12011620260002',
      certificateValidUntil: '2030-12-31',
    });
    const stj = await server.as('stj.officer');
    const body = await json(await stj.get('/api/v1/matters'));
    const allowed = body.items.map((m: Json) => m.allowed);
    // Every allowed matter comes before every refused one.
    expect(allowed.indexOf(false)).toBeGreaterThan(0);
    expect(allowed.slice(allowed.indexOf(false))).not.toContain(true);
    // Allowed: the bureau's own items, and matters outside the authority list (no item to restrict them).
    for (const m of body.items.filter((x: Json) => x.allowed))
      expect(m.authorityItem?.code ?? '120116-STJ-', m.code).toMatch(/^120116-STJ-/);
    expect(body.items[0].authorityItem?.code).toMatch(/^120116-STJ-/);
    const food = await json(await stj.get(`/api/v1/matters?q=${encodeURIComponent('120116-SCJ-CF-0001-01')}`));
    const [m] = food.items;
    expect(m.allowed).toBe(false);
    expect(m.refusal.zh).toContain('120116-SCJ-CF-0001');
    expect(m.refusal.zh).toContain('生态环境');
    expect(m.refusal.en).toContain('Market regulation');
    const mine = await json(await officer.get(`/api/v1/matters/120116-SCJ-CF-0001-01`));
    expect(mine).toMatchObject({ allowed: true, refusal: null });
    const theirs = await json(await stj.get(`/api/v1/matters/120116-SCJ-CF-0001-01`));
    expect(theirs.allowed).toBe(false);
  });
});
