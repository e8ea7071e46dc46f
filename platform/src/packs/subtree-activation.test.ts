/**
 * Several packs in one copy (#14): a province's copy runs 河北省's pack, and 石家庄市's pack (built
 * on it) is activated for the city's subtree by the system administrator. A city officer then
 * works under the city's pack — its matters, its organisations hung under the province — while an
 * officer of 保定市 keeps the province's; a case pins the version its officer worked under.
 * Real temp libsql, the real packs.
 */
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, cases, organisations } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const bundleOf = (id: string) => {
  const report = validatePackDir(join(PACKS_DIR, id));
  if (!report.ok) throw new Error(`${id} does not validate: ${report.issues[0]?.message.en}`);
  return bundlePack(report.pack).text;
};

const CITY_MATTER = '130100-SCJ-CF-0001-01';
const CERT = { certificateNo: '13010020260001', certificateValidUntil: '2030-12-31' };
const PARTY = { kind: 'organisation', name: '石家庄某食品有限公司', idNumber: '91350100M000100Y43' };

let server: Server;
let hebei: string;
let city: string;
const json = async (res: Response): Promise<Json> => res.json();

beforeAll(async () => {
  server = await startTestServer();
  const { packs } = server.services;
  hebei = (await packs.importBundle(bundleOf('he-hebei'), { apply: true, actor: 'test' })).hash;
  city = (await packs.importBundle(bundleOf('he-shijiazhuang'), { apply: true, actor: 'test' })).hash;
  await packs.activate(hebei, 'test');
  await server.user({ username: 'admin', orgCode: '130000-GOV', roles: ['system-admin'] });
  await server.user({ username: 'bd.officer', orgCode: '130600-SCJ', roles: ['officer'], ...CERT });
}, 120_000);

describe('a pack active for an organisation subtree', () => {
  it('is refused for a pack not built on the copy’s, for an organisation not in both, and to an officer', async () => {
    const admin = await server.as('admin');
    const self = await admin.post(`/api/v1/packs/${hebei}/activate?org=130100-GOV`);
    expect(self.status).toBe(422);
    expect((await json(self)).error.message.en).toContain('is not built on he-hebei');
    const binhai = await admin.post(`/api/v1/packs/${server.packHash}/activate?org=130100-GOV`);
    expect(binhai.status).toBe(422);
    // 长安区 is the city's own: the province's pack has no place to hang it.
    const own = await admin.post(`/api/v1/packs/${city}/activate?org=130102-GOV`);
    expect(own.status).toBe(422);
    expect((await json(own)).error.message.zh).toContain('须同时在 he-hebei 和 he-shijiazhuang 中');
    const officer = await server.as('bd.officer');
    expect((await officer.post(`/api/v1/packs/${city}/activate?org=130100-GOV`)).status).toBe(403);
    expect((await json(await admin.get('/api/v1/packs/activations'))).activations).toEqual([]);
  });

  it('reports before activating: the city’s items against the province’s, the roots it may take, a refusal', async () => {
    const admin = await server.as('admin');
    const report = await json(await admin.get(`/api/v1/packs/${city}/report?org=130100-GOV`));
    expect(report).toMatchObject({ packId: 'he-shijiazhuang', org: '130100-GOV', against: { packId: 'he-hebei' } });
    expect(report.refused).toBeUndefined();
    expect(report.changes).toContainEqual({ kind: 'matter', code: CITY_MATTER, change: 'added' });
    expect(report.summary.added).toBeGreaterThan(0);
    expect(report.roots.map((r: Json) => r.code)).toContain('130100-GOV');
    expect(report.roots.map((r: Json) => r.code)).not.toContain('130102-GOV');
    const wrong = await json(await admin.get(`/api/v1/packs/${city}/report?org=130102-GOV`));
    expect(wrong.refused.en).toContain('must be in both he-hebei and he-shijiazhuang');
    // The province's own version, for the copy: nothing changes.
    expect((await json(await admin.get(`/api/v1/packs/${hebei}/report`))).summary).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
    });
    const officer = await server.as('bd.officer');
    expect((await officer.get(`/api/v1/packs/${city}/report`)).status).toBe(403);
  });

  it('gives the city’s officers the city’s pack, hung under the province, and the others the province’s', async () => {
    const admin = await server.as('admin');
    const res = await admin.post(`/api/v1/packs/${city}/activate?org=130100-GOV`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json(res)).toMatchObject({ id: 'he-shijiazhuang', org: '130100-GOV' });
    expect((await json(await admin.get('/api/v1/packs/activations'))).activations).toMatchObject([
      { org: '130100-GOV', hash: city, packId: 'he-shijiazhuang', version: '0.1.0' },
    ]);
    const versions = (await json(await admin.get('/api/v1/packs'))).versions as Json[];
    expect(versions.find((v) => v.hash === city)).toMatchObject({ active: false, activeFor: ['130100-GOV'] });
    expect(versions.find((v) => v.hash === hebei)).toMatchObject({ active: true, activeFor: [] });

    // The city's own bureau (not in the province's pack) is under the province, so province scopes reach it.
    const [changan] = await server.db.select().from(organisations).where(eq(organisations.code, '130102-SCJ'));
    expect(changan?.path).toBe('130000-GOV/130100-GOV/130102-GOV/130102-SCJ');
    const [root] = await server.db.select().from(organisations).where(eq(organisations.code, '130100-GOV'));
    expect(root).toMatchObject({ parent: '130000-GOV', path: '130000-GOV/130100-GOV' });
    // The province's own and 保定's organisations stay.
    for (const code of ['130000-GOV', '130600-SCJ'])
      expect(await server.db.select().from(organisations).where(eq(organisations.code, code))).toHaveLength(1);

    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'pack.activate'))
      .orderBy(auditEvents.seq)
      .limit(1)
      .offset(2);
    expect(event?.after).toEqual({ packId: 'he-shijiazhuang', version: '0.1.0', org: '130100-GOV' });

    await server.user({ username: 'ca.officer', orgCode: '130102-SCJ', roles: ['officer'], ...CERT });
    await server.user({ username: 'ca.officer2', orgCode: '130102-SCJ', roles: ['officer'], ...CERT });
    const ca = await server.as('ca.officer');
    const bd = await server.as('bd.officer');
    expect(await json(await ca.get('/api/v1/packs/active'))).toMatchObject({
      id: 'he-shijiazhuang',
      org: '130100-GOV',
    });
    expect(await json(await bd.get('/api/v1/packs/active'))).toMatchObject({ id: 'he-hebei', org: null });
    // The city's matter is there for the city's officer only.
    expect((await ca.get(`/api/v1/matters/${CITY_MATTER}`)).status).toBe(200);
    expect((await bd.get(`/api/v1/matters/${CITY_MATTER}`)).status).toBe(404);

    const opened = await ca.post('/api/v1/cases', {
      matter: CITY_MATTER,
      party: PARTY,
      officers: [(await json(await ca.get('/api/v1/auth/me'))).id, await idOf('ca.officer2')],
    });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const caseId = (await json(opened)).id as string;
    const [row] = await server.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.packHash).toBe(city);
    // The city bureau's own number prefix (冀石长市监), from the city's pack.
    expect((await json(await ca.get(`/api/v1/cases/${caseId}`))).number).toMatch(/^冀石长市监案〔\d{4}〕\d{4}号$/);
  });

  it('ends with deactivation: the city’s officers go back to the province’s pack, its own bureaus leave', async () => {
    const admin = await server.as('admin');
    const res = await admin.call('DELETE', '/api/v1/packs/activations/130100-GOV');
    expect(res.status).toBe(200);
    expect((await json(res)).activations).toEqual([]);
    expect(await server.db.select().from(organisations).where(eq(organisations.code, '130102-SCJ'))).toHaveLength(0);
    expect((await admin.call('DELETE', '/api/v1/packs/activations/130100-GOV')).status).toBe(404);
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.action, 'pack.deactivate'));
    expect(event?.before).toEqual({ org: '130100-GOV', hash: city });
  });
});

async function idOf(username: string): Promise<string> {
  const { users } = await import('../db/schema.ts');
  const [u] = await server.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u?.id as string;
}
