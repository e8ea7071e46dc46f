/**
 * The working-copy routes that check and ship a copy (#14): validate (every issue of the
 * resolved copy, placed on its item and field), diff against the base or the last published
 * version field by field, run the golden tests, export the files (byte for byte where not
 * edited; as JSON or as a .zip of the pack's folder) or the bundle, and publish a version to the registry. All need `pack.author`.
 */
import { z } from '@hono/zod-openapi';
import { bundlePack } from '@yifa/metamodel';
import { runPackTests } from '@yifa/rules';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../errors.ts';
import { publishWorkspace } from '../studio/publish.ts';
import { diffItems, issueView } from '../studio/workspace-views.ts';
import { jsonBody as json, router } from './router.ts';
import { Id, loaded, route } from './studio-workspace-common.ts';

/**
 * The copy's files as a .zip of one folder named after the pack, in the layout of `packs/`: each
 * file's text as UTF-8, byte for byte as kept; fixed timestamps, so the same files give the same
 * archive. fflate writes it (a maintained zero-dependency zip library) rather than code of ours.
 */
export function zipFolder(packId: string, files: Record<string, string>): Uint8Array<ArrayBuffer> {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const path of Object.keys(files).sort()) entries[`${packId}/${path}`] = [strToU8(files[path] ?? ''), { mtime }];
  const zip = zipSync(entries, { level: 6 });
  return new Uint8Array(zip);
}

const zipHeaders = (packId: string) => ({
  'content-type': 'application/zip',
  'content-disposition': `attachment; filename="${packId}.zip"`,
});

const PublishBody = z
  .object({
    version: z.string().min(1).max(64),
    note: z.string().trim().min(1).max(2000),
    revision: z.number().int().min(1).optional(),
  })
  .strict()
  .openapi('StudioWorkspacePublish');

/** Validate, diff, tests, export and publish, under /api/v1/studio/workspaces. */
export function studioWorkspaceCheckRoutes() {
  const r = router();

  r.openapi(route('get', '/{id}/validate', '校验工作副本 / validate the working copy', { params: Id }), async (c) => {
    const { id } = c.req.valid('param');
    const started = performance.now();
    const { issues } = await loaded(c, id);
    const found = issues().map(issueView);
    return c.json({ issues: found, ms: Math.round(performance.now() - started) });
  });

  r.openapi(
    route('get', '/{id}/diff', '与基础包或已发布版本比较 / diff against the base or the published version', {
      params: Id,
      query: z.object({ against: z.enum(['base', 'published']).default('base') }).strict(),
    }),
    async (c) => {
      const { ws, row, services } = await loaded(c, c.req.valid('param').id);
      const against = c.req.valid('query').against;
      const hash = against === 'base' ? row.base?.hash : row.publishedHash;
      if (!hash)
        throw new AppError(
          'validation',
          { field: 'against', reason: against === 'base' ? 'no-base' : 'not-published' },
          against === 'base'
            ? { zh: '此配置包没有基础包', en: 'this pack has no base' }
            : { zh: '此工作副本尚未发布过版本', en: 'nothing has been published from this working copy yet' },
        );
      const from = await services.packs.byHash(hash);
      return c.json({ against, hash, items: diffItems(from, ws.pack) });
    },
  );

  r.openapi(route('post', '/{id}/tests', '运行黄金测试 / run the golden tests', { params: Id }), async (c) => {
    const { ws } = await loaded(c, c.req.valid('param').id);
    const report = runPackTests(ws.pack);
    return c.json({ passed: report.passed, failed: report.failed, results: report.cases, coverage: report.coverage });
  });

  r.openapi(
    route('get', '/{id}/export', '导出文件或打包 / export the files or the bundle', {
      params: Id,
      query: z.object({ format: z.enum(['files', 'zip', 'bundle']).default('files') }).strict(),
    }),
    async (c) => {
      const { row, ws } = await loaded(c, c.req.valid('param').id);
      const format = c.req.valid('query').format;
      if (format === 'bundle')
        return c.body(bundlePack(ws.pack).text, 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${row.packId}-bundle.json"`,
        });
      if (format === 'zip') return c.body(zipFolder(row.packId, row.files), 200, zipHeaders(row.packId));
      return c.json({ files: row.files });
    },
  );

  r.openapi(
    route('post', '/{id}/publish', '发布版本到注册表 / publish a version to the registry', {
      params: Id,
      body: json(PublishBody),
    }),
    async (c) => {
      const { row, services } = await loaded(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const report = await publishWorkspace(services, row, { ...body, actor: c.get('actor').user.id });
      return c.json(report);
    },
  );

  return r;
}
