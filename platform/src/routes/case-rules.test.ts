import type { DiscretionBenchmark, DocumentForm } from '@yifa/metamodel';
import { createRuleEnv, decideDiscretion, evaluateForm } from '@yifa/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_FACTS } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { insertTestCase } from '../documents/test-case.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let officerId: string;
const json = async (res: Response): Promise<Json> => res.json();

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'zhao.other', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  officer = await server.as('li.officer');
});

describe('the rules of a case', () => {
  it('gives the browser what it needs to run the same field rules and discretion as the server', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officerId,
      facts: { ...FOOD_FACTS },
    });
    const res = await officer.get(`/api/v1/cases/${c.id}/rules`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.packHash).toBe(server.packHash);
    expect(body.matter).toBe('120116-SCJ-CF-0001-01');
    expect(body.stateDocuments).toContain('investigation-report');
    expect(body.actionNames['submit-legal-review']).toEqual({ zh: '提交法制审核', en: 'Submit for legal review' });
    const decision = body.forms.find((f: DocumentForm) => f.code === 'penalty-decision') as DocumentForm;
    expect(decision.fields.length).toBeGreaterThan(10);
    expect(body.facts.map((f: Json) => f.name)).toEqual(expect.arrayContaining(['goodsValue', 'proposedFine']));
    expect(body.context.facts).toMatchObject({ state: 'investigation', caseNumber: c.number, goodsValue: 8000 });

    // What the browser builds from the answer decides as the server does.
    const env = createRuleEnv({
      parameters: body.parameters,
      conditions: body.conditions,
      calendars: body.calendars,
      facts: body.facts,
    });
    const state = evaluateForm(decision, { penalties: ['罚款'] }, env, body.context);
    expect(state.ok && state.value.fields.fine).toMatchObject({ visible: true, required: true });
    const hidden = evaluateForm(decision, { penalties: ['警告'] }, env, body.context);
    expect(hidden.ok && hidden.value.fields.fine?.visible).toBe(false);
    const d = decideDiscretion(
      body.discretion as DiscretionBenchmark,
      { ...body.context, violationDate: '2026-06-01', proposedFine: 70000 },
      env,
    );
    expect(d.ok && d.value.tier?.code).toBe('general');
  });

  it('answers 404 for a case outside the reader’s scope', async () => {
    const c = await insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId });
    const other = await server.as('zhao.other');
    expect((await other.get(`/api/v1/cases/${c.id}/rules`)).status).toBe(404);
  });
});

describe('colleagues', () => {
  it('lists the certified officers of my subject only, and needs case.create', async () => {
    await server.user({
      username: 'wang.officer',
      orgCode: '120116-SCJ',
      roles: ['officer'],
      certificateNo: '1',
      certificateValidUntil: '2000-01-01',
    });
    await server.user({ username: 'sun.reviewer', orgCode: '120116-SCJ', roles: ['legal-reviewer'] });
    const body = await json(await officer.get('/api/v1/colleagues'));
    expect(body.items.map((u: Json) => [u.name, u.certificateValid, u.me])).toEqual([
      ['li.officer', true, true],
      ['wang.officer', false, false],
    ]);
    const reviewer = await server.as('sun.reviewer');
    expect((await reviewer.get('/api/v1/colleagues')).status).toBe(403);
  });
});
