import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePack, loadPackChain, loadPackFiles, resolveLayers, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { buildStudioIndex, layerStates, studioItem } from './studio-index.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Ref {
  kind: string;
  code: string;
  name: string;
  layer: string;
  overridden: boolean;
}
interface Field {
  pointer: string;
  label: string;
  base?: unknown;
  value?: unknown;
}
interface Item extends Ref {
  item: Record<string, unknown>;
  origin: { pack: string; name: string; version: string };
  overrides: { pack: string; fields: Field[]; removed: string[] }[];
  bases: { available: boolean };
}

let server: Server;
let implementer: Client;
let admin: Client;
let officer: Client;
/** cn-national installed beside the active Binhai, not active: the version explored by hash. */
let national: { hash: string; pack: ReturnType<typeof validatePackDir>['pack'] };

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
  admin = await server.as('wang.admin');
  officer = await server.as('li.officer');
  const read = validatePackDir(join(PACKS_DIR, 'cn-national'));
  const report = await server.services.packs.importBundle(bundlePack(read.pack).text, { apply: true, actor: 'test' });
  national = { hash: report.hash, pack: read.pack };
}, 120_000);

describe('studio API', () => {
  it('refuses every read to a user without pack.author (an officer, the system administrator)', async () => {
    for (const client of [officer, admin])
      for (const path of [
        '/api/v1/studio/kinds',
        '/api/v1/studio/items?kind=matter',
        '/api/v1/studio/items?q=penalty',
        '/api/v1/studio/items/workflow/penalty-ordinary',
      ]) {
        const res = await client.get(path);
        expect(res.status, path).toBe(403);
      }
  });

  it('lists the kinds with their counts, which add up to the items of the active pack', async () => {
    const res = await implementer.get('/api/v1/studio/kinds');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      pack: { id: string; hash: string };
      layers: { id: string }[];
      total: number;
      kinds: { kind: string; label: string; count: number }[];
    };
    expect(body.pack.id).toBe('tj-binhai');
    expect(body.pack.hash).toBe(server.packHash);
    expect(body.layers.map((l) => l.id)).toEqual(['cn-national', 'tj-binhai']);
    const { pack } = await server.services.packs.active();
    for (const k of body.kinds) expect(k.count, k.kind).toBe(pack.items[k.kind as 'matter'].size);
    expect(body.kinds.reduce((n, k) => n + k.count, 0)).toBe(body.total);
    expect(body.kinds.find((k) => k.kind === 'role')?.label).toBe('角色');
  });

  it('lists the items of a kind, each with its layer of origin', async () => {
    const res = await implementer.get('/api/v1/studio/items?kind=role');
    const body = (await res.json()) as { total: number; items: Ref[] };
    expect(body.items.map((r) => r.code)).toContain('implementer');
    expect(body.items.find((r) => r.code === 'implementer')).toMatchObject({ name: '实施人员', layer: 'cn-national' });
    const workflows = (await (await implementer.get('/api/v1/studio/items?kind=workflow')).json()) as { items: Ref[] };
    expect(workflows.items.find((r) => r.code === 'penalty-ordinary')).toMatchObject({
      layer: 'cn-national',
      overridden: true,
    });
  });

  it('searches by code and by name across every kind, the exact code first', async () => {
    const byCode = (await (await implementer.get('/api/v1/studio/items?q=penalty-ordinary')).json()) as {
      total: number;
      items: Ref[];
    };
    expect(byCode.items[0]).toMatchObject({ kind: 'workflow', code: 'penalty-ordinary' });
    const kinds = new Set(byCode.items.map((r) => r.kind));
    expect(kinds.size).toBeGreaterThan(1);
    const byName = (await (
      await implementer.get(`/api/v1/studio/items?q=${encodeURIComponent('实施人员')}`)
    ).json()) as {
      items: Ref[];
    };
    expect(byName.items.map((r) => `${r.kind}/${r.code}`)).toContain('role/implementer');
    // Every answer holds the whole query in its code or a name; full-width input is folded.
    const wide = (await (
      await implementer.get(`/api/v1/studio/items?q=${encodeURIComponent('ＰＥＮＡＬＴＹ')}`)
    ).json()) as {
      total: number;
      items: Ref[];
    };
    expect(wide.total).toBeGreaterThan(0);
    for (const r of wide.items)
      expect(`${r.code} ${r.name} ${(r as { nameEn?: string }).nameEn ?? ''}`.toLowerCase()).toContain('penalty');
    const none = (await (await implementer.get('/api/v1/studio/items?q=zzzz-no-such-thing')).json()) as {
      total: number;
    };
    expect(none.total).toBe(0);
  });

  it('refuses a list without kind or query, and an unknown kind, with the field', async () => {
    const res = await implementer.get('/api/v1/studio/items');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { field: string }; message: { zh: string; en: string } } };
    expect(body.error.details.field).toBe('kind');
    expect(body.error.message.zh).toContain('种类');
    expect((await implementer.get('/api/v1/studio/items?kind=nonsense')).status).toBe(422);
    expect((await implementer.get('/api/v1/studio/items/matter/NO-SUCH')).status).toBe(404);
  });

  it('reads an item of the base: its layer of origin, no overrides', async () => {
    const res = await implementer.get('/api/v1/studio/items/role/implementer');
    const item = (await res.json()) as Item;
    expect(item.origin).toMatchObject({ pack: 'cn-national', version: '1.0.0' });
    expect(item.overrides).toEqual([]);
    expect(item.item.permissions).toEqual(['pack.read', 'pack.author']);
  });

  it('reads an overridden item: the layer that overrode it, each field it set beside the base value', async () => {
    const res = await implementer.get('/api/v1/studio/items/workflow/penalty-ordinary');
    const item = (await res.json()) as Item;
    expect(item.origin.pack).toBe('cn-national');
    expect(item.bases.available).toBe(true);
    expect(item.overrides).toHaveLength(1);
    const [binhai] = item.overrides;
    expect(binhai?.pack).toBe('tj-binhai');
    const labels = binhai?.fields.map((f) => f.label) ?? [];
    // The keyed transition is named by its key, not its index.
    expect(labels.some((l) => l.startsWith('/transitions[from=decision,action=issue-decision]'))).toBe(true);
    // A field the national transition did not have: set by Binhai, no base value.
    const refusal = binhai?.fields.find((f) => f.label.endsWith('/refusal'));
    expect(String(refusal?.value)).toContain('滨海新区平台规则');
    expect(refusal && 'base' in refusal).toBe(false);
    const when = binhai?.fields.find((f) => f.label.endsWith('/when'));
    expect(JSON.stringify(when?.value)).toContain('lateDecisionReason');
  });

  it('shows a field a layer replaced beside the base value it replaced', async () => {
    const item = (await (await implementer.get('/api/v1/studio/items/condition/needs-legal-review')).json()) as Item;
    expect(item.origin.pack).toBe('cn-national');
    const name = item.overrides[0]?.fields.find((f) => f.pointer === '/name');
    expect(name).toMatchObject({ base: '应当进行法制审核', value: '应当进行法制审核（滨海新区：普通程序必经）' });
    // Objects merge key by key: the override replaced the list under when/any, beside the national list.
    const any = item.overrides[0]?.fields.find((f) => f.pointer === '/when/any');
    expect(JSON.stringify(any?.value)).toContain('penalty-ordinary');
    expect(JSON.stringify(any?.base ?? null)).toContain('publicInterest');
    expect(JSON.stringify(any?.base ?? null)).not.toContain('penalty-ordinary');
    // Keyed elements a layer removed are listed by key.
    const types = (await (await implementer.get('/api/v1/studio/items/codelist/org-types')).json()) as Item;
    expect(types.overrides[0]?.removed).toContain('/entries[code=government]');
    // Fields of keyed elements: named by key, each base found by key in the national list (Binhai removed and
    // inserted elements before them, so their indexes differ between the two).
    const field = (label: string) => types.overrides[0]?.fields.find((f) => f.label === label);
    expect(field('/entries[code=development-zone]/name')).toMatchObject({ base: '开发区管理机构', value: '开发区类' });
    expect(field('/entries[code=street]/name')).toMatchObject({ base: '街道办事处', value: '街道' });
  });

  it('says base values are unavailable when the packs folder does not hold the installed chain', async () => {
    const { hash, pack } = await server.services.packs.active();
    const empty = mkdtempSync(join(tmpdir(), 'yifa-no-packs-'));
    const states = layerStates(pack, hash, empty);
    expect(states.ok).toBe(false);
    const item = studioItem(pack, 'workflow', 'penalty-ordinary', states);
    expect(item?.bases.available).toBe(false);
    expect(item?.overrides[0]?.fields.every((f) => f.base === undefined)).toBe(true);
    // A folder that resolves to another hash is refused too: the base shown is the installed version's.
    expect(layerStates(pack, `sha256:${'0'.repeat(64)}`, join(import.meta.dirname, '../../../packs')).ok).toBe(false);
  });

  it('finds by its index exactly what reading every item would find', async () => {
    const { pack } = await server.services.packs.active();
    const index = buildStudioIndex(pack);
    const fold = (t: string) => t.normalize('NFKC').toLowerCase();
    for (const q of [
      'p',
      'pe',
      'penalty-o',
      '法',
      '法制审核',
      'SCJ-CF',
      'ｓｃｊ',
      '审核意见',
      'Legal review',
      'zz',
      '-0',
    ]) {
      const scan = index.refs.filter((r) => fold(`${r.code}\u0000${r.name}\u0000${r.nameEn ?? ''}`).includes(fold(q)));
      const found = index.search(q, 100_000);
      expect(found.total, q).toBe(scan.length);
      expect(new Set(found.items.map((r) => `${r.kind}/${r.code}`)), q).toEqual(
        new Set(scan.map((r) => `${r.kind}/${r.code}`)),
      );
    }
    // A query across the separator between code and name finds nothing there.
    expect(index.search('\u0000', 10).total).toBe(0);
  });

  it('explores an installed version that is not active, by its hash: kinds, items, search and an item', async () => {
    const q = `hash=${encodeURIComponent(national.hash)}`;
    const { hash: activeHash } = await server.services.packs.active();
    expect(national.hash).not.toBe(activeHash);
    const kinds = (await (await implementer.get(`/api/v1/studio/kinds?${q}`)).json()) as {
      pack: { id: string; hash: string };
      active: boolean;
      layers: { id: string }[];
      total: number;
      kinds: { kind: string; count: number }[];
    };
    expect(kinds.pack).toMatchObject({ id: 'cn-national', hash: national.hash });
    expect(kinds.active).toBe(false);
    expect(kinds.layers.map((l) => l.id)).toEqual(['cn-national']);
    expect(kinds.kinds.find((k) => k.kind === 'workflow')?.count).toBe(national.pack.items.workflow.size);
    const active = (await (await implementer.get('/api/v1/studio/kinds')).json()) as typeof kinds;
    expect(active.active).toBe(true);
    expect(active.pack.hash).toBe(activeHash);
    expect(active.total).not.toBe(kinds.total);

    const matters = (await (await implementer.get(`/api/v1/studio/items?kind=matter&${q}`)).json()) as {
      total: number;
      items: Ref[];
    };
    expect(matters.total).toBe(national.pack.items.matter.size);
    expect(matters.items.every((r) => r.layer === 'cn-national' && !r.overridden)).toBe(true);
    const found = (await (await implementer.get(`/api/v1/studio/items?q=penalty-ordinary&${q}`)).json()) as {
      items: Ref[];
    };
    expect(found.items[0]).toMatchObject({ kind: 'workflow', code: 'penalty-ordinary', layer: 'cn-national' });

    // Binhai overrides 普通程序; the national version shows it as the base wrote it, no override.
    const own = (await (await implementer.get(`/api/v1/studio/items/workflow/penalty-ordinary?${q}`)).json()) as Item;
    expect(own.origin.pack).toBe('cn-national');
    expect(own.overrides).toEqual([]);
    expect(own.item).toEqual(national.pack.items.workflow.get('penalty-ordinary'));
    const inActive = (await (await implementer.get('/api/v1/studio/items/workflow/penalty-ordinary')).json()) as Item;
    expect(inActive.overrides.map((o) => o.pack)).toContain('tj-binhai');
    expect(inActive.item).not.toEqual(own.item);
  });

  it('refuses a version not installed (404, zh/en), a malformed hash (422), an item the version lacks, and every other role', async () => {
    const missing = await implementer.get(`/api/v1/studio/kinds?hash=sha256:${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    const error = ((await missing.json()) as { error: { message: { zh: string; en: string } } }).error;
    expect(error.message.zh).toContain('不存在');
    expect(error.message.en).toContain('does not exist');
    const malformed = await implementer.get('/api/v1/studio/kinds?hash=1.0.0');
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(await malformed.json())).toContain('hash');
    const { pack } = await server.services.packs.active();
    const binhaiOnly = [...pack.items.organisation.keys()].find((code) => !national.pack.items.organisation.has(code));
    expect(binhaiOnly).toBeDefined();
    const lacks = await implementer.get(
      `/api/v1/studio/items/organisation/${binhaiOnly}?hash=${encodeURIComponent(national.hash)}`,
    );
    expect(lacks.status).toBe(404);
    expect(((await lacks.json()) as { error: { message: { en: string } } }).error.message.en).toBe(
      `cn-national@1.0.0 has no organisation ${binhaiOnly}`,
    );
    const q = `hash=${encodeURIComponent(national.hash)}`;
    for (const client of [officer, admin])
      for (const path of [
        `/api/v1/studio/kinds?${q}`,
        `/api/v1/studio/items?kind=matter&${q}`,
        `/api/v1/studio/items/workflow/penalty-ordinary?${q}`,
      ])
        expect((await client.get(path)).status, path).toBe(403);
  });

  it('shows base values of a version whose folders are not here from the installed versions of its layers', async () => {
    const { chain } = loadPackChain(join(PACKS_DIR, 'tj-binhai'), { packsRoot: PACKS_DIR });
    const layer = (id: string, base: string, value: number) =>
      loadPackFiles({
        'pack.yaml': `id: ${id}\nname: 测试 ${id}\nversion: 0.1.0\nregion: { code: "120116", name: 天津市滨海新区, level: district }\nlocale: zh-CN\nmetamodel: "2"\nextends: { id: ${base}, version: "*" }\n`,
        'overrides/parameters/case-source-extension-days.yaml': `code: case-source-extension-days\nvalue: ${value}\n`,
      });
    const install = async (layers: ReturnType<typeof layer>[]) => {
      const resolved = resolveLayers([...chain, ...layers]);
      expect(resolved.issues.filter((i) => i.severity === 'error')).toEqual([]);
      return (await server.services.packs.importBundle(bundlePack(resolved.pack).text, { apply: true, actor: 'test' }))
        .hash;
    };
    const get = async (hash: string, kind: string, code: string) =>
      (await (
        await implementer.get(`/api/v1/studio/items/${kind}/${code}?hash=${encodeURIComponent(hash)}`)
      ).json()) as Omit<Item, 'overrides' | 'bases'> & {
        overrides: { pack: string; fields: Field[]; removed: string[]; baseUnknown?: true }[];
        bases: { available: boolean; reason?: { zh: string; en: string } };
      };

    // tj-binhai-x over the installed Binhai (over the installed cn-national): every base is known.
    const x = await install([layer('tj-binhai-x', 'tj-binhai', 20)]);
    const param = await get(x, 'parameter', 'case-source-extension-days');
    expect(param.bases.available).toBe(true);
    const own = param.overrides.find((o) => o.pack === 'tj-binhai-x');
    expect(own?.fields).toEqual([expect.objectContaining({ pointer: '/value', base: 15, value: 20 })]);
    const workflow = await get(x, 'workflow', 'penalty-ordinary');
    expect(workflow.bases.available).toBe(true);
    expect(workflow.overrides.find((o) => o.pack === 'tj-binhai')?.fields.some((f) => 'base' in f)).toBe(true);

    // tj-binhai-z over tj-binhai-y, which is not installed: z's base values cannot be had, and it says so.
    const z = await install([layer('tj-binhai-y', 'tj-binhai', 30), layer('tj-binhai-z', 'tj-binhai-y', 40)]);
    const partial = await get(z, 'parameter', 'case-source-extension-days');
    const byZ = partial.overrides.find((o) => o.pack === 'tj-binhai-z');
    expect(byZ?.baseUnknown).toBe(true);
    expect(byZ?.fields).toEqual([expect.objectContaining({ pointer: '/value', value: 40 })]);
    expect(byZ?.fields[0] && 'base' in byZ.fields[0]).toBe(false);
    expect(partial.overrides.find((o) => o.pack === 'tj-binhai-y')?.fields).toEqual([
      expect.objectContaining({ pointer: '/value', base: 15 }),
    ]);
    expect(partial.bases.available).toBe(false);
    expect(partial.bases.reason?.en).toContain('tj-binhai-y@0.1.0 is not installed');
  });
});
