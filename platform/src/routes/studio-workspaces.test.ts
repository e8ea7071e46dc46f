import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { desc, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents } from '../db/schema.ts';
import { readPackFolder } from '../studio/pack-folder.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
type Json = Record<string, unknown>;

let server: Server;
let implementer: Client;
let officer: Client;
let admin: Client;
let binhai: string;

const BASE = '/api/v1/studio/workspaces';
const PARAM = 'hearing-fine-person';
const body = async (res: Response) => (await res.json()) as Json;
const put = (c: Client, path: string, b: unknown) => c.call('PUT', path, b);
const del = (c: Client, path: string) => c.call('DELETE', path);

beforeAll(async () => {
  server = await startTestServer();
  await server.user({ username: 'tang.impl', orgCode: '120116-SFJ', roles: ['implementer'] });
  await server.user({ username: 'wang.admin', orgCode: '120116-GOV', roles: ['system-admin'] });
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  implementer = await server.as('tang.impl');
  officer = await server.as('li.officer');
  admin = await server.as('wang.admin');
  // cn-national installed beside the active Binhai (not active), so Binhai's own folder can be opened on it.
  const national = validatePackDir(join(PACKS_DIR, 'cn-national'));
  await server.services.packs.importBundle(bundlePack(national.pack).text, { apply: true, actor: 'test' });
  const opened = await implementer.post(BASE, { open: { packId: 'tj-binhai' } });
  expect(opened.status).toBe(201);
  binhai = (await body(opened)).id as string;
}, 300_000);

const item = async (id: string, kind: string, code: string) =>
  body(await implementer.get(`${BASE}/${id}/items/${kind}/${code}`));
const revisionOf = async (id: string) => (await body(await implementer.get(`${BASE}/${id}`))).revision as number;

describe('studio working copies API', () => {
  it('answers 403 to a user without pack.author (an officer, the system administrator), reads and writes alike', async () => {
    for (const client of [officer, admin]) {
      expect((await client.get(BASE)).status).toBe(403);
      expect((await client.get(`${BASE}/${binhai}`)).status).toBe(403);
      expect((await client.get(`${BASE}/${binhai}/export`)).status).toBe(403);
      expect((await client.post(BASE, { open: { packId: 'tj-binhai' } })).status).toBe(403);
      expect((await put(client, `${BASE}/${binhai}/items/parameter/${PARAM}`, { value: {}, revision: 1 })).status).toBe(
        403,
      );
      expect((await client.post(`${BASE}/${binhai}/publish`, { version: '9.0.0', note: 'x' })).status).toBe(403);
    }
  });

  it('starts a new pack on the installed Binhai: manifest extends it, every item from the base', async () => {
    const res = await implementer.post(BASE, {
      packId: 'tj-binhai-tanggu',
      name: '塘沽街道试点',
      nameEn: 'Tanggu pilot',
      region: { code: '120116', name: '天津市滨海新区', level: 'district' },
      base: { hash: server.packHash },
    });
    expect(res.status).toBe(201);
    const { id, revision } = await body(res);
    expect(revision).toBe(1);
    const ws = await body(await implementer.get(`${BASE}/${id}`));
    expect(ws.manifest).toMatchObject({
      id: 'tj-binhai-tanggu',
      version: '0.1.0',
      metamodel: '2',
      extends: { id: 'tj-binhai', version: '^1.0.0' },
    });
    expect(ws.base).toMatchObject({ hash: server.packHash, packId: 'tj-binhai', version: '1.0.0' });
    expect(ws.files).toEqual(['pack.yaml']);
    const { pack } = await server.services.packs.active();
    expect((ws.counts as Json).matter).toBe(pack.items.matter.size);
    expect(ws.issues).toEqual([]);
    const items = await body(await implementer.get(`${BASE}/${id}/items?kind=matter`));
    expect((items.items as Json[]).every((i) => i.origin === 'base')).toBe(true);
    const list = await body(await implementer.get(BASE));
    expect((list.workspaces as Json[]).map((w) => w.id)).toEqual(expect.arrayContaining([id, binhai]));
  });

  it('edits the manifest of a copy: checked against the manifest schema, the id kept', async () => {
    const created = await body(
      await implementer.post(BASE, { packId: 'tj-binhai-dagang', name: '大港', base: { hash: server.packHash } }),
    );
    const id = created.id as string;
    const ws = await body(await implementer.get(`${BASE}/${id}`));
    const manifest = { ...(ws.manifest as Json), region: { code: '120116', name: '大港街道', level: 'district' } };
    const bad = await put(implementer, `${BASE}/${id}/manifest`, {
      manifest: { ...manifest, id: 'tj-other', version: 'one' },
      revision: 1,
    });
    expect(bad.status).toBe(422);
    const problems = (((await body(bad)).error as Json).details as { problems: Json[] }).problems;
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/id', '/version']);
    const ok = await put(implementer, `${BASE}/${id}/manifest`, { manifest, revision: 1 });
    expect(ok.status).toBe(200);
    expect(await body(ok)).toEqual({ revision: 2 });
    const after = await body(await implementer.get(`${BASE}/${id}`));
    expect(after.manifest).toEqual(manifest);
    expect(after.issues).toEqual([]);
    expect((await put(implementer, `${BASE}/${id}/manifest`, { manifest, revision: 1 })).status).toBe(409);
  });

  it('changes the base range: refused with the field when no installed version satisfies it, for a bad range or another base; nothing changes', async () => {
    const national = (await server.services.packs.list()).find((v) => v.packId === 'cn-national');
    expect(national?.version).toBe('1.0.0');
    const id = (
      await body(
        await implementer.post(BASE, {
          packId: 'cn-beidaihe',
          name: '北戴河试点',
          region: { code: '130304', name: '北戴河区', level: 'district' },
          base: { hash: national?.hash },
        }),
      )
    ).id as string;
    const ws = await body(await implementer.get(`${BASE}/${id}`));
    const manifest = ws.manifest as Json;
    expect(manifest.extends).toEqual({ id: 'cn-national', version: '^1.0.0' });
    const refused = async (next: Json, pointer: string, code: string) => {
      const res = await put(implementer, `${BASE}/${id}/manifest`, { manifest: next, revision: 1 });
      expect(res.status, pointer).toBe(422);
      const error = (await body(res)).error as { message: { zh: string; en: string }; details: { problems: Json[] } };
      expect(error.details.problems.map((p) => [p.pointer, p.code])).toEqual([[pointer, code]]);
      return error;
    };
    const none = await refused(
      { ...manifest, extends: { id: 'cn-national', version: '^3.0.0' } },
      '/extends/version',
      'base-not-installed',
    );
    expect(none.message.zh).toBe(
      '没有已安装的 cn-national 版本满足 ^3.0.0（已安装：1.0.0）；请先由系统管理员导入满足该范围的版本',
    );
    expect(none.message.en).toBe(
      'no installed version of cn-national satisfies ^3.0.0 (installed: 1.0.0): the system administrator imports one first',
    );
    const range = await refused(
      { ...manifest, extends: { id: 'cn-national', version: 'newest' } },
      '/extends/version',
      'range',
    );
    expect(range.message.en).toContain('"newest" is not a version range');
    const other = await refused(
      { ...manifest, extends: { id: 'tj-binhai', version: '^1.0.0' } },
      '/extends/id',
      'extends-id',
    );
    expect(other.message.zh).toContain('基础包应为 cn-national');
    const { extends: _gone, ...rootless } = manifest;
    await refused(rootless, '/extends', 'extends');
    const after = await body(await implementer.get(`${BASE}/${id}`));
    expect(after.revision).toBe(1);
    expect(after.base).toEqual(ws.base);
    expect(after.manifest).toEqual(manifest);
  });

  it('rebases a copy onto the installed version its new range picks; an override the new base cannot take is a validation issue', async () => {
    // cn-national 2.0.0: the national folder with one alert dropped, imported beside 1.0.0 (a major version, so
    // Binhai's ^1.0.0 elsewhere in this file never picks it).
    const dir = mkdtempSync(join(tmpdir(), 'yifa-national-200-'));
    try {
      cpSync(join(PACKS_DIR, 'cn-national'), dir, { recursive: true });
      const pack = readFileSync(join(dir, 'pack.yaml'), 'utf8');
      writeFileSync(join(dir, 'pack.yaml'), pack.replace(/^version: 1\.0\.0$/m, 'version: 2.0.0'));
      rmSync(join(dir, 'alerts/overdue-emergency-report.yaml'));
      const read = validatePackDir(dir);
      expect(read.issues.filter((i) => i.severity === 'error')).toEqual([]);
      await server.services.packs.importBundle(bundlePack(read.pack).text, { apply: true, actor: 'test' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const versions = await server.services.packs.list();
    const v100 = versions.find((v) => v.packId === 'cn-national' && v.version === '1.0.0');
    const v200 = versions.find((v) => v.packId === 'cn-national' && v.version === '2.0.0');
    const id = (
      await body(
        await implementer.post(BASE, {
          packId: 'cn-shanhaiguan',
          name: '山海关试点',
          region: { code: '130303', name: '山海关区', level: 'district' },
          base: { hash: v100?.hash },
        }),
      )
    ).id as string;
    // An override of the alert 2.0.0 lacks, and the range left as it was: still on 1.0.0 after a save.
    const alert = (await item(id, 'alert', 'overdue-emergency-report')).value as Json;
    expect(
      (
        await put(implementer, `${BASE}/${id}/items/alert/overdue-emergency-report`, {
          value: { ...alert, notes: '试点说明' },
          revision: 1,
        })
      ).status,
    ).toBe(200);
    // An error the copy has whatever its base: a named condition naming one that does not exist.
    const broken = { code: 'shg-check', name: '山海关检查', when: { condition: 'no-such-condition' } };
    expect(
      (await put(implementer, `${BASE}/${id}/items/condition/shg-check`, { value: broken, revision: 2 })).status,
    ).toBe(200);
    const own = (await body(await implementer.get(`${BASE}/${id}`))).issues as Json[];
    expect(own.filter((i) => i.severity === 'error').map((i) => i.itemCode)).toEqual(['shg-check']);
    const manifest = (await body(await implementer.get(`${BASE}/${id}`))).manifest as Json;
    const same = await put(implementer, `${BASE}/${id}/manifest`, {
      manifest: { ...manifest, description: '山海关' },
      revision: 3,
    });
    expect(await body(same)).toEqual({ revision: 4 });
    expect((await body(await implementer.get(`${BASE}/${id}`))).base).toMatchObject({ version: '1.0.0' });

    const next = { ...manifest, description: '山海关', extends: { id: 'cn-national', version: '^2.0.0' } };
    const rebased = await put(implementer, `${BASE}/${id}/manifest`, { manifest: next, revision: 4 });
    expect(rebased.status).toBe(200);
    const answer = await body(rebased);
    expect(answer).toMatchObject({
      revision: 5,
      base: { hash: v200?.hash, packId: 'cn-national', version: '2.0.0' },
      rebased: { from: { version: '1.0.0', hash: v100?.hash }, to: { version: '2.0.0', hash: v200?.hash } },
    });
    // The answer lists what the new base brought, not the condition's error the copy had before.
    expect((answer.issues as Json[]).filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'layer.override-missing', kind: 'alert', itemCode: 'overdue-emergency-report' }),
    ]);
    const ws = await body(await implementer.get(`${BASE}/${id}`));
    expect(ws.base).toEqual({ hash: v200?.hash, packId: 'cn-national', version: '2.0.0' });
    expect(ws.manifest).toEqual(next);
    expect(
      (ws.issues as Json[])
        .filter((i) => i.severity === 'error')
        .map((i) => i.itemCode)
        .sort(),
    ).toEqual(['overdue-emergency-report', 'shg-check']);
    expect((ws.counts as Json).alert).toBe(
      (v200 ? await server.services.packs.byHash(v200.hash) : undefined)?.items.alert.size,
    );
    const [event] = await server.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.target, id))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event?.action).toBe('studio.manifest');
    expect(event?.after).toMatchObject({
      revision: 5,
      base: { from: { version: '1.0.0' }, to: { version: '2.0.0' } },
    });

    // Back to 1.0.x: the override applies again. A pinned manifest is re-pinned to the version rebased onto.
    const back = {
      ...next,
      extends: { id: 'cn-national', version: '~1.0.0', pinned: { version: '2.0.0', hash: v200?.hash } },
    };
    const again = await body(await put(implementer, `${BASE}/${id}/manifest`, { manifest: back, revision: 5 }));
    expect(again).toMatchObject({ revision: 6, base: { version: '1.0.0' } });
    expect((again.issues as Json[]).filter((i) => i.severity === 'error')).toEqual([]);
    const pinned = (await body(await implementer.get(`${BASE}/${id}`))).manifest as Json;
    expect(pinned.extends).toEqual({
      id: 'cn-national',
      version: '~1.0.0',
      pinned: { version: '1.0.0', hash: v100?.hash },
    });
  });

  it('sets require (English names for every name an officer sees) and takes it off; a require the schema lacks is refused', async () => {
    const national = (await server.services.packs.list()).find(
      (v) => v.packId === 'cn-national' && v.version === '1.0.0',
    );
    const id = (
      await body(
        await implementer.post(BASE, {
          packId: 'cn-changli',
          name: '昌黎试点',
          region: { code: '130322', name: '昌黎县', level: 'county' },
          base: { hash: national?.hash },
        }),
      )
    ).id as string;
    const value = { code: 'changli-sources', name: '昌黎案源', entries: [{ code: 'patrol', name: '巡查' }] };
    expect(
      (await put(implementer, `${BASE}/${id}/items/codelist/changli-sources`, { value, revision: 1 })).status,
    ).toBe(200);
    const manifest = (await body(await implementer.get(`${BASE}/${id}`))).manifest as Json;
    const english = (ws: Json) =>
      (ws.issues as Json[]).filter((i) => i.code === 'names.english-missing').map((i) => i.itemCode);
    expect(english(await body(await implementer.get(`${BASE}/${id}`)))).toEqual([]);

    const bad = await put(implementer, `${BASE}/${id}/manifest`, {
      manifest: { ...manifest, require: { englishNames: 'yes' } },
      revision: 2,
    });
    expect(bad.status).toBe(422);
    const problems = (((await body(bad)).error as Json).details as { problems: Json[] }).problems;
    expect(problems.map((p) => p.pointer)).toEqual(['/require/englishNames']);
    const unknown = await put(implementer, `${BASE}/${id}/manifest`, {
      manifest: { ...manifest, require: { packs: ['cn-national'] } },
      revision: 2,
    });
    expect(unknown.status).toBe(422);

    const on = await put(implementer, `${BASE}/${id}/manifest`, {
      manifest: { ...manifest, require: { englishNames: true } },
      revision: 2,
    });
    expect(await body(on)).toEqual({ revision: 3 });
    const withRequire = await body(await implementer.get(`${BASE}/${id}`));
    expect((withRequire.manifest as Json).require).toEqual({ englishNames: true });
    expect(english(withRequire)).toEqual(['changli-sources']);
    const off = await put(implementer, `${BASE}/${id}/manifest`, { manifest, revision: 3 });
    expect(await body(off)).toEqual({ revision: 4 });
    const without = await body(await implementer.get(`${BASE}/${id}`));
    expect((without.manifest as Json).require).toBeUndefined();
    expect(english(without)).toEqual([]);
  });

  it('adds an item and removes it; a base item is removed in the manifest, not deleted', async () => {
    const id = (
      await body(
        await implementer.post(BASE, { packId: 'tj-binhai-hangu', name: '汉沽', base: { hash: server.packHash } }),
      )
    ).id as string;
    const value = { code: 'hangu-sources', name: '汉沽案源', entries: [{ code: 'patrol', name: '巡查' }] };
    const added = await put(implementer, `${BASE}/${id}/items/codelist/hangu-sources`, { value, revision: 1 });
    expect(added.status).toBe(200);
    expect(await body(added)).toMatchObject({ revision: 2, file: 'codelists/hangu-sources.yaml', patch: null });
    expect((await item(id, 'codelist', 'hangu-sources')).origin).toBe('added');
    const base = await del(implementer, `${BASE}/${id}/items/parameter/${PARAM}?revision=2`);
    expect(base.status).toBe(422);
    expect(((await body(base)).error as Json).details).toMatchObject({ reason: 'base-item' });
    const gone = await del(implementer, `${BASE}/${id}/items/codelist/hangu-sources?revision=2`);
    expect(gone.status).toBe(200);
    expect((await implementer.get(`${BASE}/${id}/items/codelist/hangu-sources`)).status).toBe(404);

    const removed = await implementer.post(`${BASE}/${id}/remove`, {
      kind: 'parameter',
      code: 'statement-period-days',
      reason: '汉沽不用此参数（测试）',
      revision: 3,
    });
    expect(removed.status).toBe(200);
    const ws = await body(await implementer.get(`${BASE}/${id}`));
    expect((ws.manifest as Json).remove).toEqual([
      { kind: 'parameter', code: 'statement-period-days', reason: '汉沽不用此参数（测试）' },
    ]);
    expect((await implementer.get(`${BASE}/${id}/items/parameter/statement-period-days`)).status).toBe(404);
    const diff = await body(await implementer.get(`${BASE}/${id}/diff?against=base`));
    expect(diff.items).toEqual([{ kind: 'parameter', code: 'statement-period-days', change: 'removed', fields: [] }]);
  });

  it('refuses a bad start: an unknown base version, a pack not installed, a base not installed', async () => {
    const bad = await implementer.post(BASE, { packId: 'xx-y', name: 'y', base: { hash: `sha256:${'0'.repeat(64)}` } });
    expect(bad.status).toBe(422);
    expect((await implementer.post(BASE, { open: { packId: 'xx-none' } })).status).toBe(404);
    const res = await implementer.post(BASE, { open: { packId: 'he-shijiazhuang' } });
    expect(res.status).toBe(422);
    const error = (await body(res)).error as { message: { zh: string; en: string }; details: Json };
    expect(error.details).toMatchObject({ reason: 'base-not-installed', base: 'he-hebei' });
    expect(error.message.en).toContain('he-hebei');
  });

  it('opens tj-binhai on the installed cn-national and exports every file byte for byte', async () => {
    const ws = await body(await implementer.get(`${BASE}/${binhai}`));
    expect(ws.base).toMatchObject({ packId: 'cn-national', version: '1.0.0' });
    expect(ws.issues).toEqual([]);
    const exported = (await body(await implementer.get(`${BASE}/${binhai}/export`))).files as Record<string, string>;
    const disk = readPackFolder(join(PACKS_DIR, 'tj-binhai'));
    expect(Object.keys(exported).sort()).toEqual(Object.keys(disk).sort());
    for (const path of Object.keys(disk))
      expect(Buffer.from(exported[path] as string), path).toEqual(readFileSync(join(PACKS_DIR, 'tj-binhai', path)));
    // The same files as a .zip of the folder tj-binhai/, unzipped byte for byte; the same archive twice.
    const zipped = await implementer.get(`${BASE}/${binhai}/export?format=zip`);
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    expect(zipped.headers.get('content-disposition')).toBe('attachment; filename="tj-binhai.zip"');
    const archive = new Uint8Array(await zipped.arrayBuffer());
    const unzipped = unzipSync(archive);
    expect(Object.keys(unzipped).sort()).toEqual(
      Object.keys(disk)
        .map((p) => `tj-binhai/${p}`)
        .sort(),
    );
    for (const path of Object.keys(disk))
      expect(Buffer.from(unzipped[`tj-binhai/${path}`] as Uint8Array), path).toEqual(
        readFileSync(join(PACKS_DIR, 'tj-binhai', path)),
      );
    const again = new Uint8Array(await (await implementer.get(`${BASE}/${binhai}/export?format=zip`)).arrayBuffer());
    expect(Buffer.from(again)).toEqual(Buffer.from(archive));
    expect((await implementer.get(`${BASE}/${binhai}/export?format=tar`)).status).toBe(422);
    const bundle = await implementer.get(`${BASE}/${binhai}/export?format=bundle`);
    expect(bundle.status).toBe(200);
    const text = await bundle.text();
    // Binhai's own files over the installed national base give the installed Binhai bundle.
    expect(JSON.parse(text).hash).toBe(server.packHash);
  });

  it('edits a base parameter into a one-field override, shows it beside the base, and reverts it', async () => {
    const before = await item(binhai, 'parameter', PARAM);
    expect(before.origin).toBe('base');
    expect(before.patch).toBeNull();
    const value = { ...(before.value as Json), value: ((before.value as Json).value as number) + 5000 };
    const revision = await revisionOf(binhai);
    const res = await put(implementer, `${BASE}/${binhai}/items/parameter/${PARAM}`, { value, revision });
    expect(res.status).toBe(200);
    const saved = await body(res);
    expect(saved).toMatchObject({
      revision: revision + 1,
      file: `overrides/parameters/${PARAM}.yaml`,
      patch: { value: value.value },
      issues: [],
    });
    const files = (await body(await implementer.get(`${BASE}/${binhai}/export`))).files as Record<string, string>;
    expect(files[`overrides/parameters/${PARAM}.yaml`]).toBe(`code: ${PARAM}\nvalue: ${value.value}\n`);
    const after = await item(binhai, 'parameter', PARAM);
    expect(after).toMatchObject({ origin: 'overridden', value, base: before.value, patch: { value: value.value } });

    const diff = await body(await implementer.get(`${BASE}/${binhai}/diff?against=base`));
    const changed = (diff.items as Json[]).find((i) => i.kind === 'parameter' && i.code === PARAM);
    expect(changed).toEqual({
      kind: 'parameter',
      code: PARAM,
      change: 'changed',
      fields: [{ pointer: '/value', before: (before.value as Json).value, after: value.value }],
    });
    expect((diff.items as Json[]).some((i) => i.change === 'added' && i.kind === 'matter')).toBe(true);

    const reverted = await del(
      implementer,
      `${BASE}/${binhai}/items/parameter/${PARAM}/override?revision=${revision + 1}`,
    );
    expect(reverted.status).toBe(200);
    expect((await body(reverted)).revision).toBe(revision + 2);
    const back = await item(binhai, 'parameter', PARAM);
    expect(back).toMatchObject({ origin: 'base', value: before.value, patch: null, file: null });
    const again = (await body(await implementer.get(`${BASE}/${binhai}/export`))).files as Record<string, string>;
    expect(again[`overrides/parameters/${PARAM}.yaml`]).toBeUndefined();
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.target, binhai));
    expect(events.map((e) => e.action)).toEqual(['studio.create', 'studio.save', 'studio.revert']);
  });

  it('refuses a stale revision (409 with the current one) and a value outside the schema (422 with the field); nothing changes', async () => {
    const revision = await revisionOf(binhai);
    const before = await item(binhai, 'parameter', PARAM);
    const value = { ...(before.value as Json), value: 1 };
    const stale = await put(implementer, `${BASE}/${binhai}/items/parameter/${PARAM}`, {
      value,
      revision: revision - 1,
    });
    expect(stale.status).toBe(409);
    expect(((await body(stale)).error as Json).details).toEqual({ revision });
    const bad = await put(implementer, `${BASE}/${binhai}/items/parameter/${PARAM}`, {
      value: { ...value, type: 'no-such-type' },
      revision,
    });
    expect(bad.status).toBe(422);
    const problems = (((await body(bad)).error as Json).details as { problems: Json[] }).problems;
    expect(problems).toEqual([
      expect.objectContaining({ pointer: '/type', message: expect.objectContaining({ zh: expect.any(String) }) }),
    ]);
    expect(await revisionOf(binhai)).toBe(revision);
    expect(await item(binhai, 'parameter', PARAM)).toEqual(before);
  });

  it('runs the golden tests; refuses to publish while one fails; publishes once it passes', async () => {
    const tests = await body(await implementer.post(`${BASE}/${binhai}/tests`));
    expect(tests.failed).toBe(0);
    expect(tests.passed as number).toBeGreaterThan(40);

    // The 一般 tier of 无证经营 starts at 60000 instead of 65000: the golden case expecting 65000 fails.
    const discretion = await item(binhai, 'discretion', 'DB-SPAQF-122-1');
    const edited = structuredClone(discretion.value) as { versions: { tiers: Json[] }[] };
    for (const v of edited.versions)
      for (const t of v.tiers)
        if (t.code === 'general') Reflect.set(((t.fine as Json).min as { if: Json }).if, 'then', 60000);
    const saved = await put(implementer, `${BASE}/${binhai}/items/discretion/DB-SPAQF-122-1`, {
      value: edited,
      revision: await revisionOf(binhai),
    });
    expect(saved.status).toBe(200);
    const failing = await body(await implementer.post(`${BASE}/${binhai}/tests`));
    expect(failing.failed as number).toBeGreaterThan(0);
    const refused = await implementer.post(`${BASE}/${binhai}/publish`, { version: '1.1.0', note: '试发布' });
    expect(refused.status).toBe(422);
    const error = (await body(refused)).error as Json;
    expect(error.code).toBe('publish-refused');
    const failed = (error.details as { failedTests: Json[] }).failedTests;
    expect(failed.map((f) => f.name)).toContain('无证经营货值八千元、危害后果一般 → 一般 6.5万–8.5万');
    expect((await server.services.packs.list()).some((v) => v.version === '1.1.0')).toBe(false);

    // DB-SPAQF-122-1 is Binhai's own item: written whole; putting the value back restores it.
    expect((await body(saved)).file).toBe('discretion/DB-SPAQF-122-1.yaml');
    const restore = await put(implementer, `${BASE}/${binhai}/items/discretion/DB-SPAQF-122-1`, {
      value: discretion.value,
      revision: await revisionOf(binhai),
    });
    expect(restore.status).toBe(200);
    expect((await body(await implementer.post(`${BASE}/${binhai}/tests`))).failed).toBe(0);
    const param = await item(binhai, 'parameter', PARAM);
    await put(implementer, `${BASE}/${binhai}/items/parameter/${PARAM}`, {
      value: { ...(param.value as Json), notes: '滨海新区按本区听证规定核定。' },
      revision: await revisionOf(binhai),
    });
    const notHigher = await implementer.post(`${BASE}/${binhai}/publish`, { version: '1.0.0', note: '同版本' });
    expect(notHigher.status).toBe(422);
    const notSemver = await implementer.post(`${BASE}/${binhai}/publish`, { version: 'v2', note: 'x' });
    expect(notSemver.status).toBe(422);

    const published = await implementer.post(`${BASE}/${binhai}/publish`, { version: '1.1.0', note: '听证参数说明' });
    expect(published.status, await published.clone().text()).toBe(200);
    const report = await body(published);
    expect(report).toMatchObject({ packId: 'tj-binhai', version: '1.1.0', alreadyImported: false });
    expect(report.changes).toEqual([{ kind: 'parameter', code: PARAM, change: 'changed' }]);
    const versions = await server.services.packs.list();
    expect(versions.find((v) => v.version === '1.1.0')).toMatchObject({ packId: 'tj-binhai', active: false });
    const ws = await body(await implementer.get(`${BASE}/${binhai}`));
    expect(ws.publishedHash).toBe(report.hash);
    expect((ws.manifest as Json).version).toBe('1.1.0');
    const [event] = (await server.db.select().from(auditEvents).where(eq(auditEvents.target, binhai))).slice(-1);
    expect(event).toMatchObject({ action: 'studio.publish' });
    expect(event?.after).toMatchObject({ version: '1.1.0', note: '听证参数说明', hash: report.hash });
    const diff = await body(await implementer.get(`${BASE}/${binhai}/diff?against=published`));
    expect(diff.items).toEqual([]);
  });
});
