/**
 * What every route that takes an Excel workbook (.xlsx) as its body shares: the content type, the
 * body as OpenAPI describes it, a size limit applied after the route's permission check (the app's
 * own 1 MB limit is skipped for these paths, app.ts), and reading the bytes — 415 with a reason in
 * zh and en when the body is not declared as a workbook. Used by the authority list (studio), the
 * market-entity register (双随机) and the officers' import.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.ts';

/** The media type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The request body of an upload route: the workbook's bytes. */
export const xlsxBody = {
  required: true,
  content: { [XLSX_TYPE]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
} as const;

/** A size limit (bytes) for a workbook upload: 413 `too-large` past it, before more is read. */
export function xlsxLimit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('too-large', { limit: maxSize });
    },
  });
}

/** The workbook's bytes; 415 `unsupported-media` when the body is declared as anything else. */
export async function readXlsx(c: Context): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim();
  if (type !== XLSX_TYPE)
    throw new AppError(
      'unsupported-media',
      { expected: XLSX_TYPE, got: type ?? null },
      { zh: '请上传 Excel 工作簿（.xlsx）', en: 'upload an Excel workbook (.xlsx)' },
    );
  return new Uint8Array(await c.req.arrayBuffer());
}
