/**
 * The authority list (权责清单) as an .xlsx workbook, read and written with exceljs. Reading finds
 * the sheet and the header row by the columns' header texts (a title row above the headers, any
 * column order, tolerant headers: see authority-columns.ts) and gives each row with its row
 * number and each cell as text; a missing required column is one error naming it. Writing gives
 * the pack's authority items in the same columns (header row styled and frozen, widths set), so
 * reading what was written gives the same values.
 */
import type { AuthorityItem, Message, ResolvedPack } from '@yifa/metamodel';
import ExcelJS from 'exceljs';
import { basisIndex, basisText } from './authority-basis.ts';
import { writeAccountability, writeResponsibilities, writeTimeLimit } from './authority-cells.ts';
import {
  AUTHORITY_COLUMNS,
  type AuthorityColumn,
  type AuthorityColumnKey,
  columnLetter,
  columnOfHeader,
} from './authority-columns.ts';

/** A column found in the sheet: which field, its header as written and its letter. */
export interface SheetColumn {
  key: AuthorityColumnKey;
  header: string;
  letter: string;
}

/** One data row: its row number in the sheet and the text of each recognised column. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<AuthorityColumnKey, string>>;
}

/** The authority list read from a workbook. */
export interface AuthoritySheet {
  sheetName: string;
  headerRow: number;
  columns: SheetColumn[];
  /** Columns recognised but not imported (no authority-item field holds them). */
  unstored: { header: string; headerEn: string; letter: string }[];
  rows: SheetRow[];
}

/** Why a workbook cannot be read as an authority list. */
export interface SheetError {
  code: 'not-xlsx' | 'no-sheet' | 'missing-header' | 'duplicate-header' | 'too-many-rows';
  message: Message;
  params: Record<string, unknown>;
}

/** Most data rows one import reads (a county's whole list is about 3,000). */
export const MAX_ROWS = 20_000;
/** Rows searched for the header row (a title and a date often stand above it). */
const HEADER_SEARCH = 10;

/** A cell's text: rich text joined, a formula's result, a date as YYYY-MM-DD, trimmed. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return (cell.text ?? '').replace(/\r\n?/g, '\n').trim();
}

interface HeaderMatch {
  row: number;
  columns: SheetColumn[];
  unstored: AuthoritySheet['unstored'];
  duplicate?: { header: string; letters: string[] };
}

function headerMatch(ws: ExcelJS.Worksheet, rowNumber: number): HeaderMatch {
  const columns: SheetColumn[] = [];
  const unstored: AuthoritySheet['unstored'] = [];
  let duplicate: HeaderMatch['duplicate'];
  ws.getRow(rowNumber).eachCell((cell, col) => {
    const found = columnOfHeader(cellText(cell));
    const letter = columnLetter(col);
    if (found && 'column' in found) {
      const twin = columns.find((c) => c.key === found.column.key);
      if (twin) duplicate ??= { header: found.column.header, letters: [twin.letter, letter] };
      else columns.push({ key: found.column.key, header: cellText(cell), letter });
    } else if (found) unstored.push({ header: found.unstored.header, headerEn: found.unstored.headerEn, letter });
  });
  return { row: rowNumber, columns, unstored, ...(duplicate ? { duplicate } : {}) };
}

/**
 * The authority list of an .xlsx file, or why it is not one.
 * @example const sheet = await readAuthoritySheet(bytes); if (sheet.ok) sheet.value.rows[0]?.cells.code
 */
export async function readAuthoritySheet(
  bytes: Uint8Array,
): Promise<{ ok: true; value: AuthoritySheet } | { ok: false; error: SheetError }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return fail(
      'not-xlsx',
      { reason: (e as Error).message },
      {
        zh: '文件不是有效的 Excel（.xlsx）工作簿',
        en: 'the file is not a valid Excel (.xlsx) workbook',
      },
    );
  }
  // The sheet and row whose headers name the most columns.
  let best: (HeaderMatch & { ws: ExcelJS.Worksheet }) | undefined;
  for (const ws of wb.worksheets)
    for (let r = 1; r <= Math.min(HEADER_SEARCH, ws.rowCount); r++) {
      const m = headerMatch(ws, r);
      if (!best || m.columns.length > best.columns.length) best = { ...m, ws };
    }
  if (!best || best.columns.length === 0)
    return fail(
      'no-sheet',
      { sheets: wb.worksheets.map((w) => w.name) },
      {
        zh: `工作簿中没有权责清单：前${HEADER_SEARCH}行找不到“事项编码”“事项名称”等列标题`,
        en: `the workbook holds no authority list: no header such as 事项编码 (item code) or 事项名称 (item name) in its first ${HEADER_SEARCH} rows`,
      },
    );
  if (best.duplicate)
    return fail(
      'duplicate-header',
      { header: best.duplicate.header, columns: best.duplicate.letters },
      {
        zh: `列标题“${best.duplicate.header}”出现了两次（${best.duplicate.letters.join('、')}列）`,
        en: `the header ${best.duplicate.header} appears twice (columns ${best.duplicate.letters.join(', ')})`,
      },
    );
  const missing = AUTHORITY_COLUMNS.filter((c) => c.required && !best.columns.some((f) => f.key === c.key));
  if (missing.length > 0)
    return fail(
      'missing-header',
      { missing: missing.map((c) => c.header), sheet: best.ws.name, row: best.row },
      {
        zh: `工作表“${best.ws.name}”缺少列：${missing.map((c) => c.header).join('、')}（列标题在第${best.row}行）`,
        en: `sheet "${best.ws.name}" lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `${c.header} (${c.headerEn})`).join(', ')} (headers in row ${best.row})`,
      },
    );
  const { ws, columns } = best;
  const rows: SheetRow[] = [];
  for (let r = best.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: SheetRow['cells'] = {};
    for (const c of columns) {
      const text = cellText(row.getCell(c.letter));
      if (text !== '') cells[c.key] = text;
    }
    if (Object.keys(cells).length === 0) continue;
    if (rows.length === MAX_ROWS)
      return fail(
        'too-many-rows',
        { limit: MAX_ROWS },
        {
          zh: `一次最多导入${MAX_ROWS}行，请分批导入`,
          en: `at most ${MAX_ROWS} rows are imported at once; split the list`,
        },
      );
    rows.push({ row: r, cells });
  }
  return {
    ok: true,
    value: { sheetName: ws.name, headerRow: best.row, columns, unstored: best.unstored, rows },
  };
}

function fail(code: SheetError['code'], params: Record<string, unknown>, message: Message) {
  return { ok: false as const, error: { code, message, params } };
}

/** The sheet name written on export. */
export const SHEET_NAME = '权责清单';

/** The cells of one authority item, by column. */
export function itemCells(
  item: AuthorityItem,
  pack: ResolvedPack,
  basis = basisIndex(pack),
): Record<AuthorityColumnKey, string> {
  const named = (list: string, codes: readonly string[] | undefined) => {
    const entries = pack.items.codelist.get(list)?.entries ?? [];
    return (codes ?? []).map((c) => entries.find((e) => e.code === c)?.name ?? c).join('、');
  };
  const bases = (codes: readonly string[] | undefined) => (codes ?? []).map((c) => basisText(c, basis)).join('\n');
  return {
    code: item.code,
    name: item.name,
    nameEn: item.nameEn ?? '',
    powerType: named('power-types', [item.powerType]),
    subjects: named('org-types', item.subjectTypes),
    sectors: named('sectors', item.sectors),
    responsibleLevel: item.responsibleLevel ?? '',
    setting: bases(item.basis.setting),
    implementing: bases(item.basis.implementing),
    responsibilities: writeResponsibilities(item.responsibilities),
    accountability: writeAccountability(item.accountability, (c) => basisText(c, basis)),
    timeLimit: writeTimeLimit(item.timeLimit),
    legalReview: item.legalReview === undefined ? '' : item.legalReview ? '是' : '否',
    notes: item.notes ?? '',
  };
}

/**
 * The pack's authority list as an .xlsx workbook: one row per authority item in code order,
 * the columns of AUTHORITY_COLUMNS, the header row bold on grey and frozen, long text wrapped.
 */
export async function writeAuthoritySheet(pack: ResolvedPack): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa studio';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = AUTHORITY_COLUMNS.map((c: AuthorityColumn) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const basis = basisIndex(pack);
  for (const item of pack.items['authority-item'].values()) {
    const row = ws.addRow(itemCells(item, pack, basis));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUTHORITY_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
