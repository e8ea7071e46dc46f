/**
 * A copy keeps running the packs it already has (#12: "a copy can still install and run a
 * version-1 bundle"). The fixture is the Binhai bundle as the yifa of 17fd887 built it, before the
 * pack format moved to metamodel 2 (gzip of `yifa pack build packs/tj-binhai`). It is imported
 * into a fresh database by today's registry, activated, and a case is opened on it, its discretion
 * served and its next step judged through the API, pinned to that bundle's hash.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Db } from '../src/db/client.ts';
import { openDb } from '../src/db/client.ts';
import { createServices } from '../src/services.ts';
import { createUser } from '../src/users.ts';
import { FOOD_FACTS, FOOD_MATTER } from './food-case.ts';
import { PASSWORD } from './harness.ts';

const BUNDLE = gunzipSync(
  readFileSync(join(import.meta.dirname, 'fixtures', 'tj-binhai-1.0.0-metamodel-1.json.gz')),
).toString('utf8');
const HASH = 'sha256:834f5b87ed85302957d7a4c8203afccd7f1a110c1d33a6ca559458e9ebb134ad';

let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-v1-'));
  db = await openDb(`file:${join(dir, 'yifa.db')}`);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const report = await services.packs.importBundle(BUNDLE, { apply: true, actor: 'test' });
  await services.packs.activate(report.hash, 'test');
  app = createApp(services);
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  for (const username of ['v1.officer', 'v1.officer2'])
    await createUser(db, {
      username,
      displayName: username,
      password: PASSWORD,
      orgCode: '120116-SCJ',
      roles: ['officer'],
      ...cert,
    });
  await createUser(db, {
    username: 'v1.agency',
    displayName: 'v1.agency',
    password: PASSWORD,
    orgCode: '120116-SCJ',
    roles: ['agency-head'],
  });
}, 120_000);

afterAll(() => db.$client.close());

async function signIn(username: string) {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: string } };
  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  return { id: user.id, call };
}

describe('a metamodel-1 bundle on today’s platform', () => {
  it('installs and activates with the hash it was built with', async () => {
    const res = await (await signIn('v1.officer')).call('GET', '/api/v1/packs/active');
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(HASH);
  });

  it('runs a case: opened on its matter, its benchmark served, its next step judged by its pinned workflow', async () => {
    const officer = await signIn('v1.officer');
    const other = await signIn('v1.officer2');
    const opened = await officer.call('POST', '/api/v1/cases', {
      matter: FOOD_MATTER,
      party: { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' },
      officers: [officer.id, other.id],
      facts: FOOD_FACTS,
    });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const c = (await opened.json()) as { id: string; packHash: string };
    expect(c.packHash).toBe(HASH);
    const rules = await officer.call('GET', `/api/v1/cases/${c.id}/rules`);
    expect(rules.status).toBe(200);
    expect(((await rules.json()) as { discretion: { code: string } | null }).discretion?.code).toBe('DB-SPAQF-122-1');
    const agency = await signIn('v1.agency');
    const detail = (await (await agency.call('GET', `/api/v1/cases/${c.id}`)).json()) as {
      version: number;
      actions: { allowed: { action: string }[]; refused: { action: string }[] };
    };
    expect([...detail.actions.allowed, ...detail.actions.refused].map((a) => a.action)).toContain('approve-filing');
  });
});
