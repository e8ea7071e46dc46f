/**
 * Bulk import of officers from .xlsx, under /api/v1/admin/import: the template, and the import
 * itself — a check that writes nothing (apply=0), or the import (apply=1), all or nothing. Each
 * administrator imports only the columns of their own permissions (admin/officer-import.ts);
 * whoever holds none of them is refused.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { applyOfficerImport, planOfficerImport } from '../admin/officer-import.ts';
import { officerTemplate, readOfficerSheet } from '../admin/officer-sheet.ts';
import { scopeFor } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { localDate } from '../time.ts';
import { OK as ok, router } from './router.ts';
import { readXlsx, XLSX_TYPE, xlsxBody, xlsxLimit } from './xlsx-upload.ts';

/** The largest sheet accepted (2,000 rows are well under it). */
export const OFFICER_XLSX_LIMIT = 5 * 1024 * 1024;
/** The import's path under the app, which applies OFFICER_XLSX_LIMIT instead of the JSON limit. */
export const OFFICER_IMPORT_PATH = '/api/v1/admin/import/officers';

const ImportQuery = z
  .object({ apply: z.enum(['0', '1']).default('0') })
  .strict()
  .openapi('OfficerImportQuery');

/** The actor, holding at least one of the permissions an import column needs. */
function importer(c: Context<AppEnv>) {
  const actor = c.get('actor');
  const permissions = ['user.manage', 'role.assign', 'user.certify'] as const;
  if (!permissions.some((p) => scopeFor(actor, p))) throw new AppError('forbidden', { permission: permissions });
  return actor;
}

/** The import routes, mounted at /api/v1/admin/import. */
export function adminImportRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/officers/template.xlsx',
      tags: ['admin'],
      summary: '执法人员导入模板 / the officers’ import template (.xlsx)',
      responses: { 200: { description: '.xlsx workbook' } },
    }),
    async (c) => {
      importer(c);
      const body = await officerTemplate();
      return c.body(new Uint8Array(body), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="officers-template.xlsx"; filename*=UTF-8''${encodeURIComponent('执法人员导入模板.xlsx')}`,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/officers',
      tags: ['admin'],
      summary:
        '批量导入执法人员（apply=0 仅预检；apply=1 全部导入或全部不导入） / bulk import officers (apply=0 checks only; apply=1 imports all or nothing)',
      middleware: [
        async (c, next) => {
          importer(c);
          await next();
        },
        xlsxLimit(OFFICER_XLSX_LIMIT),
      ],
      request: {
        query: ImportQuery,
        body: xlsxBody,
      },
      responses: ok,
    }),
    async (c) => {
      const actor = importer(c);
      const s = c.get('services');
      const { apply } = c.req.valid('query');
      const bytes = await readXlsx(c);
      const sheet = await readOfficerSheet(bytes);
      if (!sheet.ok) throw new AppError('validation', { code: sheet.problem.code }, sheet.problem.message);
      const now = s.now();
      const packFor = async (orgPath: string) => (await s.packs.activeFor(orgPath)).pack;
      const { report, planned } = await planOfficerImport(s.db, actor, sheet.rows, packFor, localDate(now));
      if (apply === '0') return c.json({ report, applied: false });
      if (report.counts.refused > 0)
        throw new AppError(
          'validation',
          { report },
          {
            zh: `${report.counts.refused} 行有误，全部未导入：请改正后重新上传`,
            en: `${report.counts.refused} row${report.counts.refused > 1 ? 's are' : ' is'} wrong, so nothing was imported: correct the sheet and upload it again`,
          },
        );
      if (report.counts.accepted === 0)
        throw new AppError(
          'validation',
          { report },
          {
            zh: '表中没有您可导入的内容',
            en: 'the sheet holds nothing for you to import',
          },
        );
      const passwords = await applyOfficerImport(s.db, actor, planned, bytes, now.toISOString());
      return c.json({ report, applied: true, passwords });
    },
  );
  return r;
}
