import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bundlePack, type Matter, type ResolvedPack, readBundle, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { binhaiBundle, startTestServer } from '../../test/harness.ts';
import { answerBeforeBody, listen } from '../../test/listen.ts';
import { verifyChain } from '../audit/chain.ts';
import { auditEvents, cases, organisations, packVersions } from '../db/schema.ts';
import { BUNDLE_LIMIT, IMPORT_PATH } from './packs.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
type ErrorJson = { error: { code: string; message: { zh: string; en: string }; details?: { issues?: unknown[] } } };
interface Report {
  hash: string;
  packId: string;
  alreadyImported: boolean;
  applied: boolean;
  against: { hash: string } | null;
  changes: { kind: string; code: string; change: string }[];
  summary: Record<'added' | 'changed' | 'removed', number>;
  casesAffected: { id: string; number: string; matter: string }[];
}

const FOOD_MATTER = '120116-SCJ-CF-0001-01';
let server: Server;
let admin: Client;
let officer: Client;
let national: string;

beforeAll(async () => {
  server = await startTestServer();
  await server.user({ username: 'wang.admin', orgCode: '120116-GOV', roles: ['system-admin'] });
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  admin = await server.as('wang.admin');
  officer = await server.as('li.officer');
  const report = validatePackDir(join(PACKS_DIR, 'cn-national'));
  if (!report.ok) throw new Error('cn-national does not validate');
  national = bundlePack(report.pack).text;
  // An open case of a Binhai matter, which the national pack does not have.
  await server.db.insert(cases).values({
    id: randomUUID(),
    number: '津滨市监立〔2026〕1号',
    matterCode: FOOD_MATTER,
    workflowCode: 'penalty-ordinary',
    category: 'enforcement',
    subjectOrg: '120116-SCJ',
    subjectPath: '120116-GOV/120116-SCJ',
    packHash: server.packHash,
    state: 'investigating',
    party: { kind: 'organisation', name: '某食品公司', idNumber: 'x' },
    facts: {},
    officers: [],
    stateEntered: {},
    extensions: {},
    createdBy: 'test',
  });
}, 120_000);

/** What a refused import must leave untouched. */
async function snapshot() {
  const [versions] = await server.db.select({ n: count() }).from(packVersions);
  const [events] = await server.db.select({ n: count() }).from(auditEvents);
  const chain = await verifyChain(server.db);
  return { versions: versions?.n, events: events?.n, head: chain.ok ? chain.head : chain };
}

/** A bundle of the Binhai pack with one item changed, re-hashed so only validation can refuse it. */
function binhaiWith(change: (pack: ResolvedPack) => ResolvedPack): string {
  const read = readBundle(binhaiBundle());
  if (!read.ok) throw new Error('bundle');
  return bundlePack(change(read.pack)).text;
}

function withMatter(pack: ResolvedPack, code: string, edit: (m: Matter) => Matter): ResolvedPack {
  const matter = new Map([...pack.items.matter].map(([c, m]) => [c, c === code ? edit(m) : m]));
  return { ...pack, items: { ...pack.items, matter } };
}

describe('pack versions', () => {
  it('list the imported versions for pack.read, and refuse an officer', async () => {
    const res = await admin.get('/api/v1/packs');
    expect(res.status).toBe(200);
    const { versions } = (await res.json()) as { versions: { hash: string; packId: string; active: boolean }[] };
    expect(versions).toEqual([expect.objectContaining({ hash: server.packHash, packId: 'tj-binhai', active: true })]);
    expect(JSON.stringify(versions)).not.toContain('"bundle"');
    const refused = await officer.get('/api/v1/packs');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('forbidden');
  });

  it('tell any signed-in user which pack is in force for them, with its layers (org: null, the copy’s)', async () => {
    const res = await officer.get('/api/v1/packs/active');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: 'tj-binhai',
      version: '1.0.0',
      hash: server.packHash,
      name: '天津市滨海新区行政执法监督平台配置包',
      layers: [
        expect.objectContaining({ id: 'cn-national', version: '1.0.0' }),
        expect.objectContaining({ id: 'tj-binhai', version: '1.0.0' }),
      ],
      org: null,
    });
    expect((await server.app.request('/api/v1/packs/active')).status).toBe(401);
  });
});

describe('import', () => {
  it('is a dry run by default: added, changed and removed items, and the open cases they touch', async () => {
    const before = await snapshot();
    const res = await admin.post('/api/v1/packs/import', { bundle: national });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ packId: 'cn-national', alreadyImported: false, applied: false });
    expect(report.against?.hash).toBe(server.packHash);
    // Binhai adds its subjects and matters (removed going back to the base) and overrides base items (changed).
    expect(report.changes).toContainEqual({ kind: 'matter', code: FOOD_MATTER, change: 'removed' });
    expect(report.changes).toContainEqual({ kind: 'organisation', code: '120116-SCJ', change: 'removed' });
    expect(report.summary.removed).toBeGreaterThan(100);
    expect(report.summary.changed).toBeGreaterThan(0);
    expect(report.summary.added + report.summary.changed + report.summary.removed).toBe(report.changes.length);
    expect(report.casesAffected).toEqual([
      expect.objectContaining({ number: '津滨市监立〔2026〕1号', matter: FOOD_MATTER }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports an item added and one changed against the active version', async () => {
    const bundle = binhaiWith((pack) => {
      const renamed = withMatter(pack, FOOD_MATTER, (m) => ({ ...m, name: `${m.name}（修订）` }));
      const role = new Map(pack.items.role);
      // tj-binhai requires English names (require.englishNames), so the new role carries one.
      role.set('inspector', {
        code: 'inspector',
        name: '巡查员',
        nameEn: 'Inspector',
        scope: 'own',
        permissions: ['case.read'],
      });
      // A changed pack is a new version: a published version never changes.
      return { ...renamed, manifest: { ...renamed.manifest, version: '1.1.0' }, items: { ...renamed.items, role } };
    });
    const report = (await (await admin.post('/api/v1/packs/import', { bundle })).json()) as Report;
    expect(report.changes).toHaveLength(2);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        { kind: 'matter', code: FOOD_MATTER, change: 'changed' },
        { kind: 'role', code: 'inspector', change: 'added' },
      ]),
    );
    expect(report.casesAffected.map((c) => c.matter)).toEqual([FOOD_MATTER]);
  });

  it('refuses other content under a version already imported, dry run or not, and changes nothing', async () => {
    const before = await snapshot();
    const bundle = binhaiWith((pack) => withMatter(pack, FOOD_MATTER, (m) => ({ ...m, name: `${m.name}（改）` })));
    for (const apply of [false, true]) {
      const res = await admin.post('/api/v1/packs/import', { bundle, apply });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: { zh: string } } };
      expect(body.error.code).toBe('conflict');
      expect(body.error.message.zh).toContain('请提高版本号');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('says when the bundle is already imported, and then stores nothing', async () => {
    const before = await snapshot();
    const report = (await (
      await admin.post('/api/v1/packs/import', { bundle: binhaiBundle(), apply: true })
    ).json()) as Report;
    expect(report).toMatchObject({ hash: server.packHash, alreadyImported: true, applied: false, changes: [] });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['an altered bundle (hash no longer matches)', () => binhaiBundle().replace('滨海新区', '滨海新城'), 'bundle.hash'],
    ['a bundle of another format', () => JSON.stringify({ format: 'yifa.bundle/0', items: {} }), 'bundle.format'],
    ['text that is not JSON', () => 'PK\u0003\u0004 not a bundle', 'bundle.json'],
    [
      'an invalid pack (a matter naming a workflow that does not exist)',
      () => binhaiWith((p) => withMatter(p, FOOD_MATTER, (m) => ({ ...m, workflow: 'no-such-workflow' }))),
      undefined,
    ],
  ])('refuses %s with pack-invalid and changes nothing, even with apply', async (_what, bundle, code) => {
    const before = await snapshot();
    const res = await admin.post('/api/v1/packs/import', { bundle: bundle(), apply: true });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('pack-invalid');
    expect(body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.details?.issues?.length).toBeGreaterThan(0);
    if (code) expect(body.error.details?.issues?.[0]).toMatchObject({ code });
    else expect(JSON.stringify(body.error.details)).toContain('no-such-workflow');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an officer (403) and a body that is not the import shape (422)', async () => {
    const before = await snapshot();
    const refused = await officer.post('/api/v1/packs/import', { bundle: national, apply: true });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('forbidden');
    expect((await admin.post('/api/v1/packs/import', { bundle: national, apply: 'yes' })).status).toBe(422);
    expect((await admin.post('/api/v1/packs/import', { bundle: national, activate: true })).status).toBe(422);
    expect((await admin.post('/api/v1/packs/import', {})).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });
});

describe('body limits', () => {
  it('the import route takes a bundle above the 1 MB JSON limit', async () => {
    // Canonical JSON ignores whitespace, so padding keeps the hash valid; JSON escaping grows it more.
    const bundle = `${binhaiBundle()}${' '.repeat(1024 * 1024)}`;
    const body = JSON.stringify({ bundle });
    const bytes = Buffer.byteLength(body);
    expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
    const res = await admin.call('POST', '/api/v1/packs/import', body, { 'content-length': String(bytes) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report).alreadyImported).toBe(true);
    const streamed = await admin.call('POST', '/api/v1/packs/import', body);
    expect(streamed.status).toBe(200);
  });

  it('but not above 20 MB, whether declared or streamed', async () => {
    const body = JSON.stringify({ bundle: 'x'.repeat(20 * 1024 * 1024 + 1) });
    const declared = await admin.call('POST', '/api/v1/packs/import', body, {
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(declared.status).toBe(413);
    const streamed = await admin.call('POST', '/api/v1/packs/import', body);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorJson).error.code).toBe('too-large');
  });

  it('every other route keeps the 1 MB limit, the other pack routes too', async () => {
    const body = JSON.stringify({ bundle: 'x'.repeat(1024 * 1024 + 1) });
    for (const path of [`/api/v1/packs/${server.packHash}/activate`, '/api/v1/packs', '/api/v1/auth/password']) {
      const res = await admin.call('POST', path, body);
      expect(res.status, path).toBe(413);
    }
  });

  it('the larger limit needs a session: a stranger is refused before the body is read', async () => {
    const body = JSON.stringify({ bundle: 'x'.repeat(2 * 1024 * 1024) });
    const res = await server.app.request('/api/v1/packs/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(401);
  });

  it('an officer is refused (403) before a byte of the 20 MB body is read, over a real socket', async () => {
    const http = await listen(server.app.fetch);
    try {
      const res = await answerBeforeBody(`${http.url}${IMPORT_PATH}`, {
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'application/json' },
        length: BUNDLE_LIMIT,
        first: '{"bundle":"',
      });
      expect(res.status).toBe(403);
      expect((JSON.parse(res.body) as ErrorJson).error.code).toBe('forbidden');
      // A stranger too: no session, no body read.
      const stranger = await answerBeforeBody(`${http.url}${IMPORT_PATH}`, {
        headers: { 'content-type': 'application/json' },
        length: BUNDLE_LIMIT,
        first: '{"bundle":"',
      });
      expect(stranger.status).toBe(401);
    } finally {
      await http.close();
    }
  });
});

describe('activate', () => {
  it('refuses an officer, an unknown version and a malformed hash', async () => {
    const refused = await officer.post(`/api/v1/packs/${server.packHash}/activate`);
    expect(refused.status).toBe(403);
    const unknown = await admin.post(`/api/v1/packs/sha256:${'0'.repeat(64)}/activate`);
    expect(unknown.status).toBe(404);
    expect((await admin.post('/api/v1/packs/latest/activate')).status).toBe(422);
  });

  it('imports with apply, then activates: organisations follow, the chain records both', async () => {
    const own = await startTestServer();
    await own.user({ username: 'wang.admin', orgCode: '120116-GOV', roles: ['system-admin'] });
    const client = await own.as('wang.admin');
    const bundle = binhaiWith((pack) => ({ ...pack, manifest: { ...pack.manifest, version: '1.0.1' } }));
    const imported = (await (await client.post('/api/v1/packs/import', { bundle, apply: true })).json()) as Report;
    expect(imported).toMatchObject({ applied: true, alreadyImported: false, changes: [] });
    const [event] = (await own.db.select().from(auditEvents)).filter((e) => e.action === 'pack.import').slice(-1);
    expect(event).toMatchObject({ target: imported.hash });

    expect(((await (await client.get('/api/v1/packs/active')).json()) as { hash: string }).hash).toBe(own.packHash);
    const res = await client.post(`/api/v1/packs/${encodeURIComponent(imported.hash)}/activate`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'tj-binhai', version: '1.0.1', hash: imported.hash });
    const active = (await (await client.get('/api/v1/packs/active')).json()) as { hash: string; version: string };
    expect(active).toMatchObject({ hash: imported.hash, version: '1.0.1' });
    const { versions } = (await (await client.get('/api/v1/packs')).json()) as {
      versions: { hash: string; active: boolean }[];
    };
    expect(versions.filter((v) => v.active).map((v) => v.hash)).toEqual([imported.hash]);
    expect(versions).toHaveLength(2);
    const [orgs] = await own.db.select({ n: count() }).from(organisations);
    const read = readBundle(bundle);
    expect(read.ok && orgs?.n === read.pack.items.organisation.size).toBe(true);
    const actions = (await own.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['pack.import', 'pack.activate']);
    expect((await verifyChain(own.db)).ok).toBe(true);

    // Activating the active version again changes nothing.
    const events = actions.length;
    expect((await client.post(`/api/v1/packs/${imported.hash}/activate`)).status).toBe(200);
    expect(await own.db.select({ n: count() }).from(auditEvents)).toEqual([{ n: events }]);
  });
});

describe('the implementer publishes, the system administrator activates', () => {
  let implementer: Client;
  beforeAll(async () => {
    await server.user({ username: 'tang.impl', orgCode: '120116-SFJ', roles: ['implementer'] });
    implementer = await server.as('tang.impl');
  });

  it('an implementer reads the versions and the dry run, but is refused (403) import, activation for the copy or a subtree, and ending one; nothing changes', async () => {
    const before = await snapshot();
    const activations = await (await admin.get('/api/v1/packs/activations')).json();
    expect((await implementer.get('/api/v1/packs')).status).toBe(200);
    const report = await implementer.get(`/api/v1/packs/${server.packHash}/report?org=120116-GOV`);
    expect(report.status).toBe(200);
    for (const res of [
      await implementer.post(IMPORT_PATH, { bundle: national, apply: true }),
      await implementer.post(`/api/v1/packs/${server.packHash}/activate`),
      await implementer.post(`/api/v1/packs/${server.packHash}/activate?org=120116-GOV`),
      await implementer.call('DELETE', '/api/v1/packs/activations/120116-GOV'),
    ]) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
    expect(await (await admin.get('/api/v1/packs/activations')).json()).toEqual(activations);
  });
});
