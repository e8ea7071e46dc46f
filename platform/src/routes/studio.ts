/**
 * The studio's API (#14, first slice): the implementer explores the active pack — or, with
 * `?hash=`, any installed registry version, read-only — its items by
 * kind with counts, a search by code and name across every kind, and one item with the layer
 * that added it and, per overriding layer, each field it set beside the base value. Every read
 * needs `pack.author` (the implementer's permission), checked here on the server.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ITEM_KINDS, type ItemKind, type ResolvedPack } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import type { Context } from 'hono';
import { requirePermission } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { OK as ok, router } from './router.ts';
import {
  buildStudioIndex,
  type LayerStates,
  layerStates,
  registryStates,
  type StudioIndex,
  studioItem,
} from './studio-index.ts';

const KINDS = ITEM_KINDS.map((k) => k.kind) as [ItemKind, ...ItemKind[]];

/** Most search results one answer carries; the total says how many matched. */
export const SEARCH_LIMIT = 200;

/** An installed registry version to read instead of the active pack (its bundle hash). */
const Hash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/)
  .optional();

const VersionQuery = z.object({ hash: Hash }).strict().openapi('StudioVersionQuery');

const ItemsQuery = z
  .object({
    hash: Hash,
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

/** The pack a request explores: the installed version `hash` names (404 if none), or the active one. */
async function explored(c: Context<AppEnv>, hash: string | undefined): Promise<{ hash: string; pack: ResolvedPack }> {
  const active = c.get('pack');
  if (hash === undefined || hash === active.hash) return active;
  return { hash, pack: await c.get('services').packs.byHash(hash) };
}

/** The studio routes; `packsRoot` is where the installed chain's folders are read for base values. */
export function studioRoutes(packsRoot: string = PACKS_DIR) {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/kinds',
      tags: ['studio'],
      summary:
        '配置工作室：当前配置包（或某个已导入版本）的条目种类与数量 / studio: the kinds with counts of the active pack, or of an installed version',
      request: { query: VersionQuery },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const { hash, pack } = await explored(c, c.req.valid('query').hash);
      const { index } = entryOf(pack);
      return c.json({
        pack: {
          id: pack.manifest.id,
          version: pack.manifest.version,
          name: pack.manifest.name,
          ...(pack.manifest.nameEn ? { nameEn: pack.manifest.nameEn } : {}),
          hash,
        },
        active: hash === c.get('pack').hash,
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
      const { kind, q, limit, hash } = c.req.valid('query');
      const { pack } = await explored(c, hash);
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
      request: { params: ItemParam, query: VersionQuery },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const { kind, code } = c.req.valid('param');
      const { hash, pack } = await explored(c, c.req.valid('query').hash);
      const active = hash === c.get('pack').hash;
      const entry = entryOf(pack);
      const found = pack.items[kind].get(code);
      if (found === undefined)
        throw new AppError(
          'not-found',
          { kind, code },
          active
            ? { zh: `当前配置包中没有 ${kind} ${code}`, en: `the active pack has no ${kind} ${code}` }
            : {
                zh: `${pack.manifest.id}@${pack.manifest.version} 中没有 ${kind} ${code}`,
                en: `${pack.manifest.id}@${pack.manifest.version} has no ${kind} ${code}`,
              },
        );
      const overridden = (pack.origins[kind].get(code)?.overrides.length ?? 0) > 0;
      // The chain's folders are read only for an item some layer overrode, once per installed version;
      // when they are not the installed chain, the earlier layers' installed versions are the states.
      let states = entry.states;
      if (overridden && !states) {
        states = layerStates(pack, hash, packsRoot);
        if (!states.ok) {
          const { packs } = c.get('services');
          const fromRegistry = await registryStates(pack, await packs.list(), (h) => packs.byHash(h));
          if (fromRegistry) states = { ok: true, states: fromRegistry };
        }
        // States with a layer not installed are read again next time: it may be imported meanwhile.
        if (!states.ok || states.states.every((s) => s !== undefined)) entry.states = states;
      }
      const item = studioItem(pack, kind, code, states ?? { ok: true, states: [pack] });
      return c.json(item);
    },
  );

  return r;
}
