/**
 * The authority list (权责清单) of a working copy from Excel and back (#14): upload an .xlsx in the
 * columns governments publish and get the preview (add / change / unchanged / reject, row by
 * row, with reasons); with `apply=1` and the copy's revision every added and changed item is
 * saved in one `saveItems` (one transaction, one audit event) — refused with 422 and nothing
 * written while a row is rejected, unless `skipRejected=1`. The export downloads the copy's list
 * in the same columns and records `studio.authority-export`. Every call needs `pack.author`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { appendEvent } from '../audit/chain.ts';
import { requirePermission } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import { planAuthorityImport } from '../studio/authority-plan.ts';
import { readAuthoritySheet, writeAuthoritySheet } from '../studio/authority-xlsx.ts';
import { resolvedWorkspace, saveItems, workspaceRow } from '../studio/workspaces.ts';
import { OK as ok, router } from './router.ts';
import { readXlsx, XLSX_TYPE, xlsxBody, xlsxLimit } from './xlsx-upload.ts';

/** The media type of an .xlsx workbook. */
/** Largest workbook accepted (a county's 3,000-item list is about 1 MB). */
export const AUTHORITY_XLSX_LIMIT = 10 * 1024 * 1024;
/** The import route's path under the app, which applies AUTHORITY_XLSX_LIMIT instead of the JSON limit. */
export const AUTHORITY_IMPORT_PATH = /^\/api\/v1\/studio\/workspaces\/[^/]+\/authority-items\/import$/;

const Id = z.object({ id: z.string().min(1).max(100) }).strict();

const ImportQuery = z
  .object({
    apply: z.enum(['0', '1']).default('0'),
    revision: z.coerce.number().int().min(1).optional(),
    skipRejected: z.enum(['0', '1']).default('0'),
  })
  .strict()
  .openapi('AuthorityImportQuery');

/** A Content-Disposition naming the file, with an ASCII fallback for old clients. */
function disposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The authority-list routes, mounted at /api/v1/studio/workspaces. */
export function studioAuthorityRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/authority-items/import',
      tags: ['studio'],
      summary:
        '配置工作室：从 Excel 导入权责清单（预览；apply=1 时整体保存） / studio: import the authority list from Excel (preview; saved as a whole with apply=1)',
      middleware: [
        async (c, next) => {
          requirePermission(c.get('actor'), 'pack.author');
          await next();
        },
        xlsxLimit(AUTHORITY_XLSX_LIMIT),
      ],
      request: {
        params: Id,
        query: ImportQuery,
        body: xlsxBody,
      },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const { apply, revision, skipRejected } = c.req.valid('query');
      const bytes = await readXlsx(c);
      if (apply === '1' && revision === undefined)
        throw new AppError(
          'bad-request',
          { field: 'revision', reason: 'apply=1 needs the revision the preview was made on' },
          { zh: '应用导入需要工作副本的修订号（revision）', en: 'applying needs the working copy’s revision' },
        );
      const ctx = { packs: s.packs, now: s.now };
      const row = await workspaceRow(s.db, id);
      // Checked here too, for a sheet with nothing to save; saveItems checks it again in its transaction.
      if (apply === '1' && revision !== row.revision)
        throw new AppError('conflict', { revision, current: row.revision });
      const sheet = await readAuthoritySheet(bytes);
      if (!sheet.ok)
        throw new AppError('validation', { code: sheet.error.code, ...sheet.error.params }, sheet.error.message);
      const { pack } = await resolvedWorkspace(s.db, row, ctx);
      const plan = planAuthorityImport(sheet.value, pack);
      if (apply === '0') return c.json(plan);
      const rejected = plan.counts.reject;
      if (rejected > 0 && skipRejected === '0')
        throw new AppError(
          'validation',
          { rejected, plan },
          {
            zh: `有${rejected}行被拒绝，未保存任何内容：请修改后重新导入，或选择跳过被拒绝的行`,
            en: `${rejected} row${rejected > 1 ? 's are' : ' is'} rejected and nothing was saved: correct the sheet, or choose to skip the rejected rows`,
          },
        );
      const items = plan.rows.flatMap((p) =>
        p.action === 'add' || p.action === 'change'
          ? [{ kind: 'authority-item' as const, code: p.code, value: p.value as unknown as Record<string, unknown> }]
          : [],
      );
      const saved =
        items.length === 0
          ? { revision: row.revision, saved: [] }
          : await saveItems(s.db, id, { revision: revision as number, actor: actor.user.id, items }, ctx);
      return c.json({ ...plan, applied: { revision: saved.revision, saved: items.length, skipped: rejected } });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/authority-items.xlsx',
      tags: ['studio'],
      summary: '配置工作室：导出权责清单为 Excel / studio: the authority list as an Excel workbook',
      request: { params: Id },
      responses: { 200: { description: 'the workbook / Excel 工作簿', content: { [XLSX_TYPE]: { schema: {} } } } },
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'pack.author');
      const s = c.get('services');
      const { id } = c.req.valid('param');
      const row = await workspaceRow(s.db, id);
      const { pack } = await resolvedWorkspace(s.db, row, { packs: s.packs, now: s.now });
      const bytes = await writeAuthoritySheet(pack);
      await appendEvent(
        s.db,
        {
          actor: c.get('actor').user.id,
          action: 'studio.authority-export',
          target: id,
          after: { revision: row.revision, items: pack.items['authority-item'].size },
        },
        s.now().toISOString(),
      );
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': disposition(`权责清单-${row.packId}-r${row.revision}.xlsx`),
      });
    },
  );

  return r;
}
