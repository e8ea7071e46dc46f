import { join } from 'node:path';
import {
  bundlePack,
  ITEM_KINDS,
  indexPacks,
  loadPackChain,
  type ResolvedPack,
  resolveLayers,
  validatePackDir,
} from '@yifa/metamodel';
import { PACKS_DIR, packFolders } from '@yifa/packs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, studioWorkspaces } from '../db/schema.ts';
import { readPackFolder } from './pack-folder.ts';
import { resolveWorkspace } from './workspace-resolve.ts';
import { createWorkspace, resolvedWorkspace, revertItem, saveItems, workspaceRow } from './workspaces.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
/** Installed registry hash of each pack id that a pack of packs/ extends. */
const installed = new Map<string, string>();

const itemsOf = (pack: ResolvedPack) =>
  Object.fromEntries(ITEM_KINDS.map(({ kind }) => [kind, [...(pack.items[kind] as ReadonlyMap<string, unknown>)]]));
/** Origins by kind, in code order (a bundle keeps them as an object; layering in the order items came). */
const originsOf = (pack: ResolvedPack) =>
  Object.fromEntries(
    ITEM_KINDS.map(({ kind }) => [kind, [...pack.origins[kind]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]),
  );

/** The packs of packs/ that extend another, with the id they extend. */
const extending = packFolders()
  .map(({ id, dir }) => ({ id, dir, base: (loadPackChain(dir).chain.at(-2)?.manifest?.id as string) ?? null }))
  .filter((p) => p.base !== null);

beforeAll(async () => {
  server = await startTestServer();
  const index = indexPacks(PACKS_DIR);
  for (const base of new Set(extending.map((p) => p.base as string))) {
    const dir = index.get(base)?.dir as string;
    const report = validatePackDir(dir);
    const imported = await server.services.packs.importBundle(bundlePack(report.pack).text, {
      apply: true,
      actor: 'test',
    });
    installed.set(base, imported.hash);
  }
}, 300_000);

describe('working copies', () => {
  it('resolve tj-binhai over the installed cn-national exactly as layering the real folders', async () => {
    const base = await server.services.packs.byHash(installed.get('cn-national') as string);
    const ws = resolveWorkspace(readPackFolder(join(PACKS_DIR, 'tj-binhai')), base);
    const real = resolveLayers(loadPackChain(join(PACKS_DIR, 'tj-binhai')).chain);
    expect(ws.loadIssues).toEqual([]);
    expect(itemsOf(ws.pack)).toEqual(itemsOf(real.pack));
    expect(originsOf(ws.pack)).toEqual(originsOf(real.pack));
    expect(ws.pack.layers).toEqual(real.pack.layers);
    expect(ws.pack.removed).toEqual(real.pack.removed);
    expect(ws.pack.manifest).toEqual(real.pack.manifest);
    // And so the same bundle: the same content hash as the folders give.
    expect(bundlePack(ws.pack).hash).toBe(bundlePack(real.pack).hash);
  });

  it('parse again only the files an edit changed, and resolve the same as without the cache', async () => {
    const base = await server.services.packs.byHash(installed.get('cn-national') as string);
    const files = readPackFolder(join(PACKS_DIR, 'tj-binhai'));
    const parsed = new Map();
    const first = resolveWorkspace(files, base, parsed);
    expect(parsed.size).toBe(
      new Set(Object.values(files).filter((_, i) => /\.(ya?ml|json)$/.test(Object.keys(files)[i] as string))).size,
    );
    const changed = Object.keys(files).find((f) => f.startsWith('matters/')) as string;
    const next = { ...files, [changed]: `${files[changed]}# edited\n` };
    const second = resolveWorkspace(next, base, parsed);
    const data = (ws: typeof first, file: string) => ws.source.items.find((i) => i.file === file)?.data;
    const unchanged = Object.keys(files).find((f) => f.startsWith('discretion/')) as string;
    expect(data(second, unchanged)).toBe(data(first, unchanged));
    expect(data(second, changed)).not.toBe(data(first, changed));
    expect(parsed.has(files[changed] as string)).toBe(false);
    expect(itemsOf(second.pack)).toEqual(itemsOf(resolveWorkspace(next, base).pack));
  });

  it.each(extending)(
    'keep every file of $id byte for byte, and resolve it as its folders do',
    async ({ id, dir, base }) => {
      const files = readPackFolder(dir);
      const hash = installed.get(base as string) as string;
      const info = (await server.services.packs.list()).find((v) => v.hash === hash);
      const created = await createWorkspace(server.db, {
        packId: id,
        name: id,
        base: { hash, packId: base as string, version: info?.version as string },
        files,
        actor: 'test',
      });
      const row = await workspaceRow(server.db, created.id);
      expect(Object.keys(row.files).sort()).toEqual(Object.keys(files).sort());
      for (const [path, text] of Object.entries(files))
        expect(Buffer.from(row.files[path] as string)).toEqual(Buffer.from(text));
      const resolved = await resolvedWorkspace(server.db, row, { packs: server.services.packs });
      const real = resolveLayers(loadPackChain(dir).chain);
      expect(itemsOf(resolved.pack)).toEqual(itemsOf(real.pack));
      expect(originsOf(resolved.pack)).toEqual(originsOf(real.pack));
      expect(resolved.pack.layers).toEqual(real.pack.layers);
      // A bundle keeps removals sorted by kind and code; a chain lists them layer by layer.
      const sorted = (p: ResolvedPack) =>
        [...p.removed].sort((a, b) => `${a.kind}/${a.code}`.localeCompare(`${b.kind}/${b.code}`));
      expect(sorted(resolved.pack)).toEqual(sorted(real.pack));
    },
  );

  describe('saving', () => {
    let id: string;
    const ctx = () => ({ packs: server.services.packs });
    const param = 'hearing-fine-person';

    beforeAll(async () => {
      const hash = installed.get('cn-national') as string;
      ({ id } = await createWorkspace(server.db, {
        packId: 'tj-binhai',
        name: 'Binhai',
        base: { hash, packId: 'cn-national', version: '1.0.0' },
        files: readPackFolder(join(PACKS_DIR, 'tj-binhai')),
        actor: 'test',
      }));
    });

    it('writes a one-field override for a base parameter, and revert removes it', async () => {
      const row = await workspaceRow(server.db, id);
      const before = await resolvedWorkspace(server.db, row, ctx());
      const value = structuredClone(before.pack.items.parameter.get(param)) as unknown as Record<string, unknown>;
      expect(value).toBeDefined();
      value.value = (value.value as number) + 1000;
      const saved = await saveItems(
        server.db,
        id,
        { revision: row.revision, actor: 'tang', items: [{ kind: 'parameter', code: param, value }] },
        ctx(),
      );
      expect(saved.revision).toBe(row.revision + 1);
      const file = `overrides/parameters/${param}.yaml`;
      expect(saved.saved).toEqual([expect.objectContaining({ file, patch: { value: value.value } })]);
      const after = await workspaceRow(server.db, id);
      expect(after.files[file]).toBe(`code: ${param}\nvalue: ${value.value}\n`);
      const unedited = Object.keys(row.files).filter((f) => f !== file);
      for (const f of unedited) expect(after.files[f]).toBe(row.files[f]);
      const resolved = await resolvedWorkspace(server.db, after, ctx());
      expect(resolved.pack.items.parameter.get(param)).toEqual(value);
      const [event] = await server.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.target, id))
        .orderBy(auditEvents.seq)
        .then((rows) => rows.slice(-1));
      expect(event?.action).toBe('studio.save');
      expect(event?.actor).toBe('tang');

      const reverted = await revertItem(
        server.db,
        id,
        { revision: saved.revision, actor: 'tang', kind: 'parameter', code: param },
        ctx(),
      );
      const back = await workspaceRow(server.db, id);
      expect(reverted.revision).toBe(saved.revision + 1);
      expect(back.files[file]).toBeUndefined();
      const base = (await resolvedWorkspace(server.db, back, ctx())).base;
      expect((await resolvedWorkspace(server.db, back, ctx())).pack.items.parameter.get(param)).toEqual(
        base?.items.parameter.get(param),
      );
    });

    it('refuses a stale revision and a value outside the schema, and saves nothing', async () => {
      const row = await workspaceRow(server.db, id);
      const value = structuredClone(
        (await resolvedWorkspace(server.db, row, ctx())).pack.items.parameter.get(param),
      ) as unknown as Record<string, unknown>;
      const stale = saveItems(
        server.db,
        id,
        { revision: row.revision - 1, actor: 'tang', items: [{ kind: 'parameter', code: param, value }] },
        ctx(),
      );
      await expect(stale).rejects.toMatchObject({ code: 'conflict', details: { revision: row.revision } });
      const good = { kind: 'parameter' as const, code: param, value: { ...value, name: '改过的名称' } };
      const bad = { kind: 'parameter' as const, code: param, value: { ...value, type: 'no-such-type' } };
      const refused = saveItems(server.db, id, { revision: row.revision, actor: 'tang', items: [good, bad] }, ctx());
      await expect(refused).rejects.toMatchObject({
        code: 'validation',
        details: { problems: [expect.objectContaining({ pointer: '/type' })] },
      });
      const [after] = await server.db.select().from(studioWorkspaces).where(eq(studioWorkspaces.id, id));
      expect(after?.revision).toBe(row.revision);
      expect(after?.files).toEqual(row.files);
    });

    it('writes a new item of this pack whole, in canonical YAML', async () => {
      const row = await workspaceRow(server.db, id);
      const value = {
        code: 'studio-test-list',
        name: '工作室测试代码表',
        entries: [{ code: 'a', name: '甲', nameEn: 'A' }],
      };
      const saved = await saveItems(
        server.db,
        id,
        { revision: row.revision, actor: 'tang', items: [{ kind: 'codelist', code: value.code, value }] },
        ctx(),
      );
      const after = await workspaceRow(server.db, id);
      expect(saved.saved[0]?.file).toBe('codelists/studio-test-list.yaml');
      expect(after.files['codelists/studio-test-list.yaml']).toBe(
        'code: studio-test-list\nname: 工作室测试代码表\nentries:\n  - code: a\n    name: 甲\n    nameEn: A\n',
      );
      const resolved = await resolvedWorkspace(server.db, after, ctx());
      expect(resolved.pack.items.codelist.get(value.code)).toEqual(value);
      expect(resolved.pack.origins.codelist.get(value.code)?.pack).toBe('tj-binhai');
    });
  });
});
