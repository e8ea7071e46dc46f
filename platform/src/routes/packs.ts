/**
 * Pack versions: list what is imported, import a bundle (a dry run by default, reporting
 * the items added, changed and removed and the open cases they touch), activate a version for
 * the copy or for an organisation's subtree (a city's own pack), and read which one is in force.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requirePermission } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

/**
 * Largest body the import route accepts. A bundle of a district is 1–2 MB of JSON, sent
 * as a JSON string; every other route keeps the app's JSON_LIMIT.
 */
export const BUNDLE_LIMIT = 20 * 1024 * 1024;

/** The import route's path under the app, which applies BUNDLE_LIMIT instead of JSON_LIMIT. */
export const IMPORT_PATH = '/api/v1/packs/import';

const ImportRequest = z
  .object({
    bundle: z.string().min(1).max(BUNDLE_LIMIT),
    apply: z.boolean().default(false),
  })
  .strict()
  .openapi('PackImport');

const HashParam = z
  .object({ hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) })
  .strict()
  .openapi('PackHash');

const ActivateQuery = z
  .object({
    /** The root of the subtree the version is activated for; absent: the whole copy. */
    org: z.string().min(1).max(100).optional(),
  })
  .strict()
  .openapi('PackActivateQuery');

const OrgParam = z
  .object({ org: z.string().min(1).max(100) })
  .strict()
  .openapi('PackActivationOrg');

/** The body of `GET /active`: what identifies the running rules; `org` is the subtree that gave them. */
function activeInfo(hash: string, pack: ResolvedPack, org: string | null = null) {
  return {
    id: pack.manifest.id,
    version: pack.manifest.version,
    hash,
    name: pack.manifest.name,
    layers: pack.layers,
    org,
  };
}

/**
 * The import permission, checked before the body: an officer's 20 MB post is refused with 403
 * without the server reading a byte of it (the validator would read the whole body first).
 */
const mayImport: MiddlewareHandler<AppEnv> = async (c, next) => {
  requirePermission(c.get('actor'), 'pack.import');
  await next();
};

/**
 * The bundle limit, applied by the import route itself: it runs after the session check and
 * the permission, so only a caller who may import can make the server read more than JSON_LIMIT.
 */
const bundleLimit = bodyLimit({
  maxSize: BUNDLE_LIMIT,
  onError: () => {
    throw new AppError('too-large', { limit: BUNDLE_LIMIT });
  },
});

/** The pack routes. */
export function packRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['packs'],
      summary: '已导入的配置包版本 / imported pack versions',
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.read');
      const versions = await c.get('services').packs.list();
      versions.sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
      return c.json({ versions });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/active',
      tags: ['packs'],
      summary: '我所在机构适用的配置包 / the pack in force for my organisation',
      responses: ok,
    }),
    async (c) => {
      const { hash, pack, org } = c.get('pack');
      return c.json(activeInfo(hash, pack, org));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{hash}/report',
      tags: ['packs'],
      summary:
        '启用前预演：与该处现行版本相比新增、修改、删除的条目及受影响的在办案件 / the dry run of activating a version (for the copy or ?org=)',
      request: { params: HashParam, query: ActivateQuery },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.read');
      const { hash } = c.req.valid('param');
      return c.json(await c.get('services').packs.report(hash, c.req.valid('query').org));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/activations',
      tags: ['packs'],
      summary: '为机构子树单独启用的配置包 / versions active for organisation subtrees',
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.read');
      return c.json({ activations: await c.get('services').packs.activations() });
    },
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/activations/{org}',
      tags: ['packs'],
      summary: '取消机构子树单独启用的配置包 / end a subtree’s own version',
      request: { params: OrgParam },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      requirePermission(actor, 'pack.activate');
      await c.get('services').packs.deactivate(c.req.valid('param').org, actor.user.id);
      return c.json({ activations: await c.get('services').packs.activations() });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/import',
      tags: ['packs'],
      summary: '导入配置包（默认仅预演） / import a bundle (a dry run unless apply)',
      middleware: [mayImport, bundleLimit],
      request: { body: json(ImportRequest) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const { bundle, apply } = c.req.valid('json');
      const report = await c.get('services').packs.importBundle(bundle, { apply, actor: actor.user.id });
      return c.json({ ...report, applied: apply && !report.alreadyImported });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{hash}/activate',
      tags: ['packs'],
      summary:
        '启用配置包版本（给出 org 时仅为该机构及其下级启用） / activate a pack version (with org: for that subtree)',
      request: { params: HashParam, query: ActivateQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      requirePermission(actor, 'pack.activate');
      const { hash } = c.req.valid('param');
      const { org } = c.req.valid('query');
      const packs = c.get('services').packs;
      if (org !== undefined) {
        const current = (await packs.activations()).find((a) => a.org === org);
        if (current?.hash !== hash) await packs.activate(hash, actor.user.id, { org });
        return c.json(activeInfo(hash, await packs.byHash(hash), org));
      }
      // Activating the active version again would only rewrite the organisations and log a no-op.
      if ((await packs.active()).hash !== hash) await packs.activate(hash, actor.user.id);
      return c.json(activeInfo(hash, await packs.byHash(hash)));
    },
  );
  return r;
}
