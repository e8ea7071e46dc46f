/**
 * 检查对象名录库 from Excel: the first sheet whose header row names the columns below (in any
 * order, zh or en), one entity a row. Reading only turns cells into text with their row numbers;
 * what each row means is judged by entity-rows.ts, so a bad row is reported, never guessed at.
 */
import ExcelJS from 'exceljs';

/** The columns, by field: the header texts accepted for each. */
export const ENTITY_COLUMNS = {
  creditCode: ['统一社会信用代码', 'credit code'],
  name: ['名称', '主体名称', 'name'],
  address: ['住所', '地址', '经营场所', 'address'],
  sector: ['行业领域', '执法领域', 'sector'],
  org: ['主管机构', '监管机构', 'organisation in charge'],
} as const;

/** A field of a row. */
export type EntityField = keyof typeof ENTITY_COLUMNS;

/** A sheet row's texts, with its number in the sheet (1-based, as Excel shows it). */
export interface SheetRow {
  row: number;
  cells: Record<EntityField, string>;
}

/** Why a workbook could not be read at all. */
export interface SheetError {
  code: 'not-xlsx' | 'no-header' | 'too-many-rows';
  message: { zh: string; en: string };
  params: Record<string, unknown>;
}

/** Most rows one import takes (a district's register is a few tens of thousands). */
export const MAX_ROWS = 50_000;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function cellText(cell: ExcelJS.Cell): string {
  return (cell.text ?? '').replace(/\r\n?/g, '\n').trim();
}

/** Reads the entity rows of a workbook. */
export async function readEntitySheet(
  bytes: Uint8Array,
): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; error: SheetError }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'not-xlsx',
        params: { reason: (e as Error).message },
        message: { zh: '文件不是有效的 Excel（.xlsx）工作簿', en: 'the file is not a valid Excel (.xlsx) workbook' },
      },
    };
  }
  const fields = Object.keys(ENTITY_COLUMNS) as EntityField[];
  for (const ws of wb.worksheets) {
    // The header is one of the first five rows: a title row above it is common.
    for (let h = 1; h <= Math.min(5, ws.rowCount); h++) {
      const at = new Map<EntityField, number>();
      ws.getRow(h).eachCell((cell, col) => {
        const text = norm(cellText(cell));
        for (const f of fields)
          if ((ENTITY_COLUMNS[f] as readonly string[]).some((t) => norm(t) === text)) at.set(f, col);
      });
      if (at.size !== fields.length) continue;
      const rows: SheetRow[] = [];
      for (let r = h + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const cells = Object.fromEntries(fields.map((f) => [f, cellText(row.getCell(at.get(f) as number))])) as Record<
          EntityField,
          string
        >;
        if (fields.every((f) => cells[f] === '')) continue;
        rows.push({ row: r, cells });
        if (rows.length > MAX_ROWS)
          return {
            ok: false,
            error: {
              code: 'too-many-rows',
              params: { max: MAX_ROWS },
              message: { zh: `一次最多导入${MAX_ROWS}行`, en: `at most ${MAX_ROWS} rows in one import` },
            },
          };
      }
      return { ok: true, rows };
    }
  }
  return {
    ok: false,
    error: {
      code: 'no-header',
      params: { columns: fields.map((f) => ENTITY_COLUMNS[f][0]) },
      message: {
        zh: `没有找到表头：前五行中须有一行含“${fields.map((f) => ENTITY_COLUMNS[f][0]).join('”“')}”各列`,
        en: `no header row: one of the first five rows must name the columns ${fields.map((f) => ENTITY_COLUMNS[f].at(-1)).join(', ')}`,
      },
    },
  };
}

/** A workbook of entities with the header above (for tests and the template download). */
export async function writeEntitySheet(rows: readonly Record<EntityField, string>[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查对象名录');
  const fields = Object.keys(ENTITY_COLUMNS) as EntityField[];
  ws.addRow(fields.map((f) => ENTITY_COLUMNS[f][0]));
  for (const r of rows) ws.addRow(fields.map((f) => r[f]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
