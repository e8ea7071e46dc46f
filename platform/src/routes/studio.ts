/**
 * The studio's API (#14, first slice): the implementer explores the active pack — its items by
 * kind with counts, a search by code and name across every kind, and one item with the layer
 * that added it and, per overriding layer, each field it set beside the base value. Every read
 * needs `pack.author` (the implementer's permission), checked here on the server.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ITEM_KINDS, type ItemKind, type ResolvedPack } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { requirePermission } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import { OK as ok, router } from './router.ts';
import { buildStudioIndex, type LayerStates, layerStates, type StudioIndex, studioItem } from './studio-index.ts';

const KINDS = ITEM_KINDS.map((k) => k.kind) as [ItemKind, ...ItemKind[]];

/** Most search results one answer carries; the total says how many matched. */
export const SEARCH_LIMIT = 200;

const ItemsQuery = z
  .object({
    kind: z.enum(KINDS).optional(),
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT).default(50),
  })
  .strict()
  .openapi('StudioItemsQuery');

const ItemParam = z
  .object({ kind: z.enum(KINDS), code: z.string().min(1).max(200) })
  .strict()
  .openapi('StudioItemParam');

/** Per resolved pack (the registry keeps one object per hash): the index, and the layer states once asked for. */
const cache = new WeakMap<ResolvedPack, { index: StudioIndex; states?: LayerStates }>();

function entryOf(pack: ResolvedPack) {
  let entry = cache.get(pack);
  if (!entry) {
    entry = { index: buildStudioIndex(pack) };
    cache.set(pack, entry);
  }
  return entry;
}

/** The studio routes; `packsRoot` is where the installed chain's folders are read for base values. */
export function studioRoutes(packsRoot: string = PACKS_DIR) {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/kinds',
      tags: ['studio'],
      summary: '配置工作室：当前配置包的条目种类与数量 / studio: the active pack’s kinds with counts',
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const { hash, pack } = c.get('pack');
      const { index } = entryOf(pack);
      return c.json({
        pack: {
          id: pack.manifest.id,
          version: pack.manifest.version,
          name: pack.manifest.name,
          ...(pack.manifest.nameEn ? { nameEn: pack.manifest.nameEn } : {}),
          hash,
        },
        layers: pack.layers,
        total: index.refs.length,
        kinds: index.counts,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/items',
      tags: ['studio'],
      summary: '配置工作室：按种类列出或按编码、名称搜索条目 / studio: items of a kind, or a search by code and name',
      request: { query: ItemsQuery },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const { kind, q, limit } = c.req.valid('query');
      const { pack } = c.get('pack');
      const { index } = entryOf(pack);
      if (q !== undefined && q.trim() !== '') return c.json(index.search(q, limit, kind));
      if (!kind)
        throw new AppError(
          'bad-request',
          { field: 'kind', reason: 'kind or q is required' },
          { zh: '请给出种类（kind）或搜索词（q）', en: 'give a kind or a search (q)' },
        );
      const all = index.ofKind(kind);
      return c.json({ total: all.length, items: all });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/items/{kind}/{code}',
      tags: ['studio'],
      summary: '配置工作室：一个条目、其来源层及覆盖的字段 / studio: one item, its layer of origin and its overrides',
      request: { params: ItemParam },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const { kind, code } = c.req.valid('param');
      const { hash, pack } = c.get('pack');
      const entry = entryOf(pack);
      const found = pack.items[kind].get(code);
      if (found === undefined)
        throw new AppError(
          'not-found',
          { kind, code },
          { zh: `当前配置包中没有 ${kind} ${code}`, en: `the active pack has no ${kind} ${code}` },
        );
      const overridden = (pack.origins[kind].get(code)?.overrides.length ?? 0) > 0;
      // The chain's folders are read only for an item some layer overrode, once per installed version.
      if (overridden) entry.states ??= layerStates(pack, hash, packsRoot);
      const item = studioItem(pack, kind, code, entry.states ?? { ok: true, states: [pack] });
      return c.json(item);
    },
  );

  return r;
}
