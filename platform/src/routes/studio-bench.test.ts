import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = Record<string, any>;

let server: Server;
let implementer: Client;
let officer: Client;
let ws: string;

const BASE = '/api/v1/studio/workspaces';
const BENCHMARK = 'DB-SPAQF-122-1';
const body = async (res: Response) => (await res.json()) as Json;

/** The facts of Binhai's golden case 无证经营 一般 (tests/discretion-market.yaml), 2026. */
const FACTS = {
  firstViolation: false,
  minorViolation: false,
  correctedPromptly: false,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  eliminatedHarm: false,
  coerced: false,
  cooperated: false,
  obstructedEnforcement: false,
  refusedCorrection: false,
  partyPriorPenalties12m: 0,
  goodsValue: 8000,
  illegalIncome: 2000,
};
/** Binhai's case-review facts (tests/guards-penalty-ordinary.yaml, first case): a fine of 2000 yuan. */
const REVIEW_FACTS = {
  workflow: 'penalty-ordinary',
  partyKind: 'organisation',
  proposedFine: 2000,
  proposedPenalties: ['fine'],
  publicInterest: false,
  hearingHeld: false,
  complex: false,
  statementNotified: false,
  hearingNotified: false,
  hearingRequested: false,
  legalReviewed: false,
  collectiveDiscussed: false,
  matter: '120116-SCJ-CF-0004-01',
};

beforeAll(async () => {
  server = await startTestServer();
  await server.user({ username: 'tang.impl', orgCode: '120116-SFJ', roles: ['implementer'] });
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  implementer = await server.as('tang.impl');
  officer = await server.as('li.officer');
  const national = validatePackDir(join(PACKS_DIR, 'cn-national'));
  await server.services.packs.importBundle(bundlePack(national.pack).text, { apply: true, actor: 'test' });
  const opened = await implementer.post(BASE, { open: { packId: 'tj-binhai' } });
  expect(opened.status).toBe(201);
  ws = (await body(opened)).id as string;
}, 300_000);

const revisionOf = async () => (await body(await implementer.get(`${BASE}/${ws}`))).revision as number;
const benchmark = async () => (await body(await implementer.get(`${BASE}/${ws}/items/discretion/${BENCHMARK}`))).value;
/** The benchmark with the ordinary tier (一般) of its 2022 version starting at 66,000 yuan instead of 65,000. */
const edited = (value: Json) => {
  const copy = structuredClone(value);
  const v2022 = copy.versions.find((v: Json) => v.version === '2022');
  // `then` of the amount's if/then/else (Reflect.set: an object's `then` reads like a promise's to the linter).
  Reflect.set(v2022.tiers.find((t: Json) => t.code === 'general').fine.min.if, 'then', 66000);
  return copy;
};

describe('the studio rule bench', () => {
  it('answers 403 to a user without pack.author', async () => {
    const bench = await officer.post(`${BASE}/${ws}/bench`, { kind: 'discretion', code: BENCHMARK });
    expect(bench.status).toBe(403);
    const golden = await officer.post(`${BASE}/${ws}/bench/golden`, { case: {}, revision: 1 });
    expect(golden.status).toBe(403);
    const draft = await officer.post(`${BASE}/${ws}/validate-draft`, { kind: 'parameter', code: 'x', value: {} });
    expect(draft.status).toBe(403);
  });

  it("lists the facts a benchmark reads, typed from the matters' fact definitions", async () => {
    const res = await implementer.post(`${BASE}/${ws}/bench`, { kind: 'discretion', code: BENCHMARK });
    expect(res.status).toBe(200);
    const facts = (await body(res)).facts as Json[];
    const byName = new Map(facts.map((f) => [f.name, f]));
    expect(byName.get('goodsValue')).toMatchObject({ type: 'number', from: 'matter', label: { zh: '货值金额' } });
    expect(byName.get('harmConsequence')).toMatchObject({ type: 'string', from: 'matter' });
    expect(byName.get('harmConsequence')?.values).toEqual(expect.arrayContaining(['无', '轻微', '一般', '严重']));
    expect(byName.get('correctedPromptly')).toMatchObject({ type: 'boolean' });
    // Every fact the benchmark's conditions and amounts read, and no other.
    expect([...byName.keys()].sort()).toEqual(
      [
        'coerced',
        'cooperated',
        'correctedPromptly',
        'eliminatedHarm',
        'firstViolation',
        'goodsValue',
        'harmConsequence',
        'minorViolation',
        'noSubjectiveFault',
        'obstructedEnforcement',
        'partyPriorPenalties12m',
      ].sort(),
    );
  });

  it('decides a Binhai benchmark as hand-checked: 一般 65,000–85,000 yuan under the 2022 version, then 从重 17–20 times the goods value', async () => {
    const res = await implementer.post(`${BASE}/${ws}/bench`, {
      kind: 'discretion',
      code: BENCHMARK,
      input: { facts: FACTS, violationDate: '2026-03-01' },
    });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.result).toMatchObject({
      outcome: 'tier',
      version: '2022',
      tier: { code: 'general', name: '一般', fine: { min: 65000, max: 85000 } },
    });
    expect(out.explanation.zh.length).toBeGreaterThan(2);
    expect(out.explanation.zh.join('\n')).toContain('一般');
    expect(out.explanation.en.join('\n')).toContain('Ordinary');
    expect(out.golden).toMatchObject({
      discretion: BENCHMARK,
      violationDate: '2026-03-01',
      facts: FACTS,
      expect: { tier: 'general', fine: { min: 65000, max: 85000 }, version: '2022' },
    });
    expect(out.golden.expectUndetermined).toBeUndefined();

    // 货值 20,000 yuan (≥ 10,000: multiples of it), penalised within a year: 从重 17–20 × 20,000.
    const heavier = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        input: { facts: { ...FACTS, goodsValue: 20000, partyPriorPenalties12m: 1 }, violationDate: '2026-03-01' },
      }),
    );
    expect(heavier.result.tier).toMatchObject({ code: 'heavier', fine: { min: 340000, max: 400000 } });
    // 2020: the 2019 version (before the revised 行政处罚法), whose tiers are the same.
    const old = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        input: { facts: FACTS, violationDate: '2020-06-01' },
      }),
    );
    expect(old.result.version).toBe('2019');
  });

  it('evaluates the edited, unsaved benchmark and saves nothing', async () => {
    const before = await revisionOf();
    const value = edited(await benchmark());
    const out = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        value,
        input: { facts: FACTS, violationDate: '2026-03-01' },
      }),
    );
    expect(out.result.tier.fine).toEqual({ min: 66000, max: 85000 });
    expect(await revisionOf()).toBe(before);
    expect((await benchmark()).versions[2].tiers[2].fine.min.if.then).toBe(65000);
  });

  it('lists facts it could not read in the golden case, which still passes', async () => {
    const { harmConsequence: _, ...without } = FACTS;
    const out = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        input: { facts: without, violationDate: '2026-03-01' },
      }),
    );
    // 从重 reads 危害后果 first: unknown, and nothing else decides it.
    expect(out.result.outcome).toBe('undetermined');
    expect(out.golden.expectUndetermined).toEqual(['harmConsequence']);
    expect(out.golden.expect).toEqual({ tier: 'undetermined', version: '2022' });
    // Without the goods value the tier is decided but its range is not: the case expects no range.
    const { goodsValue: __, ...noValue } = FACTS;
    const ranged = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        input: { facts: noValue, violationDate: '2026-03-01' },
      }),
    );
    expect(ranged.golden.expect).toEqual({ tier: 'general', version: '2022' });
  });

  it("refuses Binhai's 审核通过 without legal review, with the transition's reason, and allows 提交法制审核", async () => {
    const out = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'workflow',
        code: 'penalty-ordinary',
        input: { facts: REVIEW_FACTS, state: 'case-review', roles: ['department-head'] },
      }),
    );
    expect(out.states.map((s: Json) => s.code)).toContain('case-review');
    expect(out.roles.map((s: Json) => s.code)).toContain('department-head');
    const pass = out.result.transitions.find((t: Json) => t.action === 'pass-case-review');
    expect(pass.allowed).toBe(false);
    // The national transition's own reason, with its article: unless needs-legal-review (Binhai: always).
    expect(pass.refusals[0].code).toBe('unless');
    expect(pass.refusals[0].message.zh).toContain('第五十八条');
    expect(pass.refusals[0].message.en).toContain('Article 58');
    expect(out.result.transitions.find((t: Json) => t.action === 'submit-legal-review').allowed).toBe(true);
    expect(out.golden.expect.allowed).toContain('submit-legal-review');
    expect(out.golden.expect.refused).toContainEqual({ action: 'pass-case-review', because: 'unless' });
  });

  it('refuses an item that does not fit its schema (422 with the field) and an item the copy lacks (404)', async () => {
    const bad = await implementer.post(`${BASE}/${ws}/bench`, {
      kind: 'discretion',
      code: BENCHMARK,
      value: { ...(await benchmark()), versions: 'none' },
      input: { facts: FACTS, violationDate: '2026-03-01' },
    });
    expect(bad.status).toBe(422);
    const err = (await body(bad)).error;
    expect(err.details.problems.map((p: Json) => p.pointer)).toContain('/versions');
    expect(err.message.zh).toContain('/versions');
    const missing = await implementer.post(`${BASE}/${ws}/bench`, { kind: 'discretion', code: 'DB-NONE' });
    expect(missing.status).toBe(404);
    const badDate = await implementer.post(`${BASE}/${ws}/bench`, {
      kind: 'discretion',
      code: BENCHMARK,
      input: { violationDate: '1 March' },
    });
    expect(badDate.status).toBe(422);
  });
});

describe('save as golden case', () => {
  it('adds the case to a test item; the golden run passes it, and fails it with its explanation after an edit changes the result', async () => {
    const out = await body(
      await implementer.post(`${BASE}/${ws}/bench`, {
        kind: 'discretion',
        code: BENCHMARK,
        input: { facts: FACTS, violationDate: '2026-03-01' },
      }),
    );
    const revision = await revisionOf();
    const saved = await implementer.post(`${BASE}/${ws}/bench/golden`, { case: out.golden, revision });
    expect(saved.status).toBe(200);
    const s = await body(saved);
    expect(s).toMatchObject({
      revision: revision + 1,
      suite: 'studio-bench',
      index: 0,
      file: 'tests/studio-bench.yaml',
    });
    const suite = (await body(await implementer.get(`${BASE}/${ws}/items/test/studio-bench`))).value;
    expect(suite.cases).toEqual([out.golden]);

    const mine = async () => {
      const run = await body(await implementer.post(`${BASE}/${ws}/tests`, {}));
      return (run.results as Json[]).find((r) => r.suite === 'studio-bench' && r.index === 0) as Json;
    };
    expect((await mine()).passed).toBe(true);

    // The same name again is refused; so is a stale revision and a case the schema refuses — nothing saved.
    const again = await implementer.post(`${BASE}/${ws}/bench/golden`, { case: out.golden, revision: revision + 1 });
    expect(again.status).toBe(422);
    const stale = await implementer.post(`${BASE}/${ws}/bench/golden`, {
      case: { ...out.golden, name: 'another' },
      revision,
    });
    expect(stale.status).toBe(409);
    const broken = await implementer.post(`${BASE}/${ws}/bench/golden`, {
      case: { name: 'no expectation', discretion: BENCHMARK, violationDate: '2026-03-01', facts: {} },
      revision: revision + 1,
    });
    expect(broken.status).toBe(422);
    expect(await revisionOf()).toBe(revision + 1);

    // The benchmark edited and saved: the ordinary tier starts at 66,000, so the case fails, saying why.
    const put = await implementer.call('PUT', `${BASE}/${ws}/items/discretion/${BENCHMARK}`, {
      value: edited(await benchmark()),
      revision: revision + 1,
    });
    expect(put.status).toBe(200);
    const failed = await mine();
    expect(failed.passed).toBe(false);
    expect(failed.failures).toEqual([
      { what: 'fine', expected: { min: 65000, max: 85000 }, actual: { min: 66000, max: 85000 } },
    ]);
    expect(failed.explanation.zh.join('\n')).toContain('66,000');
  });
});

describe('validation of an unsaved item', () => {
  it("finds the resolved pack's errors with the item edited, places them on its field, and saves nothing", async () => {
    const before = await revisionOf();
    const value = await benchmark();
    const ok = await body(
      await implementer.post(`${BASE}/${ws}/validate-draft`, { kind: 'discretion', code: BENCHMARK, value }),
    );
    expect(ok.item).toEqual([]);
    const res = await implementer.post(`${BASE}/${ws}/validate-draft`, {
      kind: 'discretion',
      code: BENCHMARK,
      value: { ...value, basis: ['NO-SUCH-BASIS'] },
    });
    expect(res.status).toBe(200);
    const out = await body(res);
    expect(out.item.length).toBeGreaterThan(0);
    expect(out.item[0]).toMatchObject({ kind: 'discretion', itemCode: BENCHMARK, pointer: '/basis/0' });
    expect(out.item[0].message.zh).toContain('NO-SUCH-BASIS');
    expect(out.issues.length).toBeGreaterThanOrEqual(out.item.length);
    expect(typeof out.ms).toBe('number');
    // A value the schema refuses is an issue of its field too, not a refusal of the request.
    const schema = await body(
      await implementer.post(`${BASE}/${ws}/validate-draft`, {
        kind: 'discretion',
        code: BENCHMARK,
        value: { ...value, bogus: 1 },
      }),
    );
    expect(schema.item.map((i: Json) => i.code)).toContain('schema.additionalProperties');
    expect(await revisionOf()).toBe(before);
    expect((await body(await implementer.get(`${BASE}/${ws}/validate`))).issues).toEqual(ok.issues);
  });

  it('refuses a kind that does not exist (422)', async () => {
    const res = await implementer.post(`${BASE}/${ws}/validate-draft`, { kind: 'nothing', code: 'x', value: {} });
    expect(res.status).toBe(422);
  });
});
