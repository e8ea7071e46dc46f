/**
 * The studio's working copies (#14): an implementer starts a pack on an installed version or
 * opens an installed pack's folder, edits items (a base item becomes its smallest override),
 * reverts them, validates, diffs, runs the golden tests, exports the files or the bundle and
 * publishes a version to the registry (refused while validation or tests fail). Every route
 * needs `pack.author`; activating a published version stays the system administrator's
 * (`pack.activate`, /api/v1/packs/{hash}/activate).
 */
import { z } from '@hono/zod-openapi';
import { ITEM_KINDS, type ItemKind, indexPacks, loadPackFiles, type PackIssue } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { desc } from 'drizzle-orm';
import { maxSatisfying } from 'semver';
import { stringify } from 'yaml';
import { requirePermission } from '../auth/access.ts';
import { studioWorkspaces } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { planManifest } from '../studio/manifest.ts';
import { readPackFolder } from '../studio/pack-folder.ts';
import { addRemoval, newPackManifest } from '../studio/publish.ts';
import { issueView, listItems, originOf } from '../studio/workspace-views.ts';
import { createWorkspace, removeAddedItem, revertItem, saveItems, writeFiles } from '../studio/workspaces.ts';
import { jsonBody as json, router } from './router.ts';
import { studioWorkspaceCheckRoutes } from './studio-workspace-checks.ts';
import { Id, KINDS, loaded, route } from './studio-workspace-common.ts';

const ItemParam = z
  .object({ id: z.string().min(1).max(64), kind: z.enum(KINDS), code: z.string().min(1).max(200) })
  .strict()
  .openapi('StudioWorkspaceItemParam');
/** The save's path takes any kind text, checked in the handler, so a bad body is answered as such first. */
const SaveParam = z
  .object({ id: z.string().min(1).max(64), kind: z.string().min(1).max(40), code: z.string().min(1).max(200) })
  .strict();
const kindOf = (kind: string): ItemKind => {
  if ((KINDS as readonly string[]).includes(kind)) return kind as ItemKind;
  throw new AppError(
    'validation',
    {
      problems: [{ path: '/kind', code: 'enum', message: { zh: `没有种类 ${kind}`, en: `there is no kind ${kind}` } }],
    },
    {
      zh: `没有种类 ${kind}（可用：${KINDS.join('、')}）`,
      en: `there is no kind ${kind} (known: ${KINDS.join(', ')})`,
    },
  );
};
const Revision = z.object({ revision: z.coerce.number().int().min(1) }).strict();
const Region = z.object({ code: z.string(), name: z.string(), level: z.string() }).strict();

const CreateBody = z
  .union([
    z
      .object({
        packId: z.string().min(1).max(64),
        name: z.string().trim().min(1).max(200),
        nameEn: z.string().trim().min(1).max(200).optional(),
        region: Region.optional(),
        base: z.object({ hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }).strict(),
      })
      .strict(),
    z.object({ open: z.object({ packId: z.string().min(1).max(64) }).strict() }).strict(),
  ])
  .openapi('StudioWorkspaceCreate');
const PutBody = z
  .object({ value: z.record(z.string(), z.unknown()), revision: z.number().int().min(1) })
  .strict()
  .openapi('StudioWorkspaceItemSave');
const RemoveBody = z
  .object({
    kind: z.enum(KINDS),
    code: z.string().min(1).max(200),
    reason: z.string().trim().min(1).max(500),
    revision: z.number().int().min(1),
  })
  .strict()
  .openapi('StudioWorkspaceRemove');
const ManifestBody = z
  .object({ manifest: z.record(z.string(), z.unknown()), revision: z.number().int().min(1) })
  .strict()
  .openapi('StudioWorkspaceManifest');

const notFound = (kind: string, code: string) =>
  new AppError(
    'not-found',
    { kind, code },
    { zh: `工作副本中没有 ${kind} ${code}`, en: `the working copy has no ${kind} ${code}` },
  );

/** The working-copy routes; `packsRoot` is where installed packs' folders are opened from. */
export function studioWorkspaceRoutes(packsRoot: string = PACKS_DIR) {
  const r = router();
  r.openapi(route('get', '/', '工作副本列表 / the working copies'), async (c) => {
    requirePermission(c.get('actor'), 'pack.author');
    const rows = await c
      .get('services')
      .db.select({
        id: studioWorkspaces.id,
        packId: studioWorkspaces.packId,
        name: studioWorkspaces.name,
        base: studioWorkspaces.base,
        revision: studioWorkspaces.revision,
        updatedAt: studioWorkspaces.updatedAt,
        updatedBy: studioWorkspaces.updatedBy,
        publishedHash: studioWorkspaces.publishedHash,
      })
      .from(studioWorkspaces)
      .orderBy(desc(studioWorkspaces.updatedAt));
    return c.json({ workspaces: rows });
  });

  r.openapi(
    route(
      'post',
      '/',
      '新建配置包或打开已安装的配置包 / start a pack on an installed version, or open an installed pack',
      {
        body: json(CreateBody),
      },
    ),
    async (c) => {
      const actor = c.get('actor');
      requirePermission(actor, 'pack.author');
      const body = c.req.valid('json');
      const { db, packs, now } = c.get('services');
      const versions = await packs.list();
      if ('open' in body) {
        const folder = indexPacks(packsRoot).get(body.open.packId);
        if (!folder)
          throw new AppError(
            'not-found',
            { packId: body.open.packId },
            { zh: `配置包目录中没有 ${body.open.packId}`, en: `the packs folder has no pack ${body.open.packId}` },
          );
        const files = readPackFolder(folder.dir);
        const manifest = loadPackFiles(files).manifest;
        const ext = manifest?.extends as { id?: string; version?: string } | undefined;
        let base = null;
        if (ext?.id) {
          const ofId = versions.filter((v) => v.packId === ext.id);
          const best = maxSatisfying(
            ofId.map((v) => v.version),
            ext.version ?? '*',
          );
          const found = ofId.find((v) => v.version === best);
          if (!found)
            throw new AppError(
              'validation',
              { field: 'open.packId', reason: 'base-not-installed', base: ext.id, range: ext.version ?? '*' },
              {
                zh: `${body.open.packId} 的基础包 ${ext.id}（${ext.version ?? '*'}）尚未导入注册表，请先导入`,
                en: `${body.open.packId} extends ${ext.id} (${ext.version ?? '*'}), which is not installed: import it first`,
              },
            );
          base = { hash: found.hash, packId: found.packId, version: found.version };
        }
        const name = typeof manifest?.name === 'string' ? manifest.name : body.open.packId;
        const created = await createWorkspace(
          db,
          { packId: body.open.packId, name, base, files, actor: actor.user.id },
          { packs, now },
        );
        return c.json(created, 201);
      }
      const info = versions.find((v) => v.hash === body.base.hash);
      if (!info)
        throw new AppError(
          'validation',
          { field: 'base.hash', reason: 'not-installed' },
          { zh: `注册表中没有版本 ${body.base.hash}`, en: `the registry has no version ${body.base.hash}` },
        );
      const base = await packs.byHash(info.hash);
      const manifest = newPackManifest(body, base);
      const created = await createWorkspace(
        db,
        {
          packId: body.packId,
          name: body.name,
          base: { hash: info.hash, packId: info.packId, version: info.version },
          files: { 'pack.yaml': manifest },
          actor: actor.user.id,
        },
        { packs, now },
      );
      return c.json(created, 201);
    },
  );

  r.openapi(
    route('get', '/{id}', '一个工作副本：清单、文件、数量与问题 / one working copy', { params: Id }),
    async (c) => {
      const { row, ws, issues } = await loaded(c, c.req.valid('param').id);
      const counts = Object.fromEntries(ITEM_KINDS.map(({ kind }) => [kind, ws.pack.items[kind].size]));
      return c.json({
        id: row.id,
        packId: row.packId,
        name: row.name,
        manifest: ws.source.manifest ?? null,
        base: row.base,
        revision: row.revision,
        publishedHash: row.publishedHash,
        files: Object.keys(row.files).sort(),
        counts,
        issues: issues().map(issueView),
      });
    },
  );

  r.openapi(
    route('get', '/{id}/items', '工作副本的条目 / items of the working copy', {
      params: Id,
      query: z.object({ kind: z.enum(KINDS).optional(), q: z.string().max(100).optional() }).strict(),
    }),
    async (c) => {
      const { ws } = await loaded(c, c.req.valid('param').id);
      const { kind, q } = c.req.valid('query');
      const items = listItems(ws, kind, q);
      return c.json({ total: items.length, items });
    },
  );

  r.openapi(
    route(
      'get',
      '/{id}/items/{kind}/{code}',
      '一个条目、其基础值与本包的覆盖 / one item, its base value and this pack’s override',
      {
        params: ItemParam,
      },
    ),
    async (c) => {
      const { id, kind, code } = c.req.valid('param');
      const { ws } = await loaded(c, id);
      const value = ws.pack.items[kind].get(code);
      if (value === undefined) throw notFound(kind, code);
      const own = ws.source.items.find((i) => i.kind === kind && i.code === code);
      const patch = own?.override ? own.data : null;
      return c.json({
        kind,
        code,
        value,
        base: ws.base?.items[kind].get(code) ?? null,
        patch,
        file: own?.file ?? null,
        origin: originOf(ws, kind, code),
        schema: kind,
      });
    },
  );

  r.openapi(
    route(
      'put',
      '/{id}/items/{kind}/{code}',
      '保存一个条目（基础条目写成最小覆盖）/ save an item (a base item as its smallest override)',
      {
        params: SaveParam,
        body: json(PutBody),
      },
    ),
    async (c) => {
      const { id, code } = c.req.valid('param');
      const kind = kindOf(c.req.valid('param').kind);
      const { value, revision } = c.req.valid('json');
      const { services } = await loaded(c, id);
      const saved = await saveItems(
        services.db,
        id,
        { revision, actor: c.get('actor').user.id, items: [{ kind, code, value }] },
        { packs: services.packs, now: services.now },
      );
      const after = await loaded(c, id);
      const item = saved.saved[0];
      const issues = after
        .issues()
        .map(issueView)
        .filter((i) => i.kind === kind && i.itemCode === code);
      return c.json({ revision: saved.revision, file: item?.file ?? null, patch: item?.patch ?? null, issues });
    },
  );

  r.openapi(
    route(
      'delete',
      '/{id}/items/{kind}/{code}/override',
      '恢复为基础值（删除覆盖）/ revert to the base (remove the override)',
      {
        params: ItemParam,
        query: Revision,
      },
    ),
    async (c) => {
      const { id, kind, code } = c.req.valid('param');
      const { services } = await loaded(c, id);
      const done = await revertItem(
        services.db,
        id,
        { revision: c.req.valid('query').revision, actor: c.get('actor').user.id, kind, code },
        { packs: services.packs, now: services.now },
      );
      return c.json(done);
    },
  );

  r.openapi(
    route('delete', '/{id}/items/{kind}/{code}', '删除本包新增的条目 / remove an item this pack added', {
      params: ItemParam,
      query: Revision,
    }),
    async (c) => {
      const { id, kind, code } = c.req.valid('param');
      const { services } = await loaded(c, id);
      const done = await removeAddedItem(
        services.db,
        id,
        { revision: c.req.valid('query').revision, actor: c.get('actor').user.id, kind, code },
        { packs: services.packs, now: services.now },
      );
      return c.json(done);
    },
  );

  r.openapi(
    route(
      'put',
      '/{id}/manifest',
      '修改清单 pack.yaml（可改基础包的版本范围，即换到满足它的已安装版本）/ edit the manifest (a new base range rebases the copy)',
      {
        params: Id,
        body: json(ManifestBody),
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { manifest, revision } = c.req.valid('json');
      const { row, ws, services, issues: before } = await loaded(c, id);
      const plan = planManifest({
        manifest,
        packId: row.packId,
        base: row.base,
        previous: ws.source.manifest,
        versions: await services.packs.list(),
      });
      if (!plan.ok)
        throw new AppError(
          'validation',
          { problems: plan.problems, ...(plan.reason ? { reason: plan.reason } : {}) },
          plan.problems.length === 1 ? plan.problems[0]?.message : undefined,
        );
      const rebase = plan.rebase;
      const done = await writeFiles(
        services.db,
        id,
        {
          revision,
          actor: c.get('actor').user.id,
          files: { 'pack.yaml': stringify(plan.manifest, { lineWidth: 0 }) },
          action: 'studio.manifest',
          detail: { file: 'pack.yaml', ...(rebase ? { base: { from: rebase.from, to: rebase.to } } : {}) },
          ...(rebase ? { base: rebase.to } : {}),
        },
        { packs: services.packs, now: services.now },
      );
      if (!rebase) return c.json(done);
      // Rebased: what the new base brings (an override that no longer applies …) is answered here,
      // each issue the copy did not have before; all of them are the validation tab's.
      const key = (i: PackIssue) => [i.code, i.file, i.pointer, JSON.stringify(i.params ?? null)].join('\u0000');
      const had = new Set(before().map(key));
      const after = await loaded(c, id);
      const brought = after.issues().filter((i) => !had.has(key(i)));
      return c.json({ ...done, base: after.row.base, rebased: rebase, issues: brought.map(issueView) });
    },
  );

  r.openapi(
    route('post', '/{id}/remove', '在清单中移除一个基础条目 / remove a base item in the manifest', {
      params: Id,
      body: json(RemoveBody),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { kind, code, reason, revision } = c.req.valid('json');
      const { ws, row, services } = await loaded(c, id);
      if (!ws.base?.items[kind].has(code))
        throw new AppError(
          'validation',
          { field: 'code', reason: 'not-in-base' },
          { zh: `基础包中没有 ${kind} ${code}`, en: `the base has no ${kind} ${code}` },
        );
      const text = addRemoval(row.files['pack.yaml'] ?? '', { kind, code, reason });
      const overrides = ws.source.items.filter((i) => i.kind === kind && i.code === code).map((i) => i.file);
      const done = await writeFiles(
        services.db,
        id,
        {
          revision,
          actor: c.get('actor').user.id,
          files: { 'pack.yaml': text, ...Object.fromEntries(overrides.map((f) => [f, null])) },
          action: 'studio.remove',
          detail: { kind, code, reason },
        },
        { packs: services.packs, now: services.now },
      );
      return c.json(done);
    },
  );

  // Validate, diff, golden tests, export and publish: studio-workspace-checks.ts.
  r.route('/', studioWorkspaceCheckRoutes());

  return r;
}
