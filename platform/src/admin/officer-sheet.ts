/**
 * The officers' import sheet (.xlsx, exceljs): one template for both administrators of 三员分立 —
 * the system administrator fills and imports the account columns, the security administrator the
 * roles, 执法证 and 法律职业资格 of the same rows — and the reading of a filled one into rows of
 * text by column, with the sheet's row numbers for the report.
 */

import ExcelJS from 'exceljs';
import type { Permission } from '../auth/access.ts';

/** A column of the sheet: its key, its headers and the permission whose holder imports it. */
export interface OfficerColumn {
  key: 'username' | 'displayName' | 'orgCode' | 'roles' | 'certificateNo' | 'validUntil' | 'legalQualification';
  zh: string;
  en: string;
  permission: Permission;
  /** What to write, shown in the template's second row. */
  hint: { zh: string; en: string };
}

/** The columns, in the template's order. The user name names the account in every import. */
export const OFFICER_COLUMNS: readonly OfficerColumn[] = [
  {
    key: 'username',
    zh: '用户名',
    en: 'User name',
    permission: 'user.manage',
    hint: { zh: '必填，如 li.ming', en: 'required, e.g. li.ming' },
  },
  {
    key: 'displayName',
    zh: '姓名',
    en: 'Name',
    permission: 'user.manage',
    hint: { zh: '新建账号必填', en: 'required for a new account' },
  },
  {
    key: 'orgCode',
    zh: '机构编码',
    en: 'Organisation code',
    permission: 'user.manage',
    hint: { zh: '新建账号必填', en: 'required for a new account' },
  },
  {
    key: 'roles',
    zh: '角色',
    en: 'Roles',
    permission: 'role.assign',
    hint: { zh: '角色编码，以逗号或顿号分隔', en: 'role codes separated by commas' },
  },
  {
    key: 'certificateNo',
    zh: '执法证号',
    en: 'Certificate number',
    permission: 'user.certify',
    hint: { zh: '与有效期同时填写', en: 'with its validity' },
  },
  {
    key: 'validUntil',
    zh: '执法证有效期至',
    en: 'Certificate valid until',
    permission: 'user.certify',
    hint: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' },
  },
  {
    key: 'legalQualification',
    zh: '法律职业资格',
    en: 'Legal qualification',
    permission: 'user.certify',
    hint: { zh: '是 / 否，留空不变', en: 'yes / no; empty leaves it' },
  },
];

/** The key of a column. */
export type ColumnKey = OfficerColumn['key'];

/** A data row of a filled sheet: its row number and its cells' text by column (empty cells left out). */
export interface SheetRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

/** Why a file is not an import sheet. */
export interface SheetProblem {
  code: 'not-xlsx' | 'missing-header' | 'too-many-rows';
  message: { zh: string; en: string };
}

/** Most data rows one import reads. */
export const MAX_OFFICER_ROWS = 2000;
const HEADER_SEARCH = 10;

const header = (c: OfficerColumn) => `${c.zh} / ${c.en}`;
const normal = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const HEADERS = new Map(
  OFFICER_COLUMNS.flatMap((c) => [header(c), c.zh, c.en].map((h) => [normal(h), c.key] as const)),
);

/** A cell's text: a date as its day (exceljs reads a date cell as UTC midnight), numbers as written. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return (cell.text ?? '').trim();
}

/** The template: the headers (zh / en), a row of hints, frozen below them. */
export async function officerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa';
  const ws = wb.addWorksheet('执法人员 officers');
  const head = ws.addRow(OFFICER_COLUMNS.map(header));
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  const hints = ws.addRow(OFFICER_COLUMNS.map((c) => `${c.hint.zh} / ${c.hint.en}`));
  hints.font = { italic: true, color: { argb: 'FF808080' } };
  OFFICER_COLUMNS.forEach((_c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = 26;
    // Text cells, so a certificate number keeps its leading zeros and a day is not turned into a serial.
    column.numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel's day 0 (its serial numbers count days from 1899-12-30, counting 1900-02-29 that never was). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A validity as its day: a date cell, or a date Excel keeps as a serial number in the template's
 * text-formatted column (a date pasted there reads back as, say, 47848), or text as typed.
 */
function dayText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2_958_466)
    return new Date(EXCEL_EPOCH + v * 86_400_000).toISOString().slice(0, 10);
  return cellText(cell);
}

/** Whether a row is the template's hint row (left in by whoever filled it). */
const isHintRow = (cells: SheetRow['cells']) =>
  OFFICER_COLUMNS.every((c) => cells[c.key] === undefined || cells[c.key] === `${c.hint.zh} / ${c.hint.en}`);

/** The rows of a filled sheet, or why it is not one. */
export async function readOfficerSheet(
  bytes: Uint8Array,
): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; problem: SheetProblem }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return {
      ok: false,
      problem: {
        code: 'not-xlsx',
        message: { zh: '文件不是有效的 Excel（.xlsx）工作簿', en: 'the file is not a valid Excel (.xlsx) workbook' },
      },
    };
  }
  for (const ws of wb.worksheets)
    for (let r = 1; r <= Math.min(HEADER_SEARCH, ws.rowCount); r++) {
      const columns = new Map<number, ColumnKey>();
      ws.getRow(r).eachCell((cell, col) => {
        const key = HEADERS.get(normal(cellText(cell)));
        if (key) columns.set(col, key);
      });
      if (![...columns.values()].includes('username')) continue;
      const rows: SheetRow[] = [];
      for (let n = r + 1; n <= ws.rowCount; n++) {
        const cells: SheetRow['cells'] = {};
        ws.getRow(n).eachCell((cell, col) => {
          const key = columns.get(col);
          const text = key === 'validUntil' ? dayText(cell) : cellText(cell);
          if (key && text) cells[key] = text;
        });
        if (Object.keys(cells).length === 0 || isHintRow(cells)) continue;
        rows.push({ row: n, cells });
        if (rows.length > MAX_OFFICER_ROWS)
          return {
            ok: false,
            problem: {
              code: 'too-many-rows',
              message: {
                zh: `一次最多导入 ${MAX_OFFICER_ROWS} 行，请分批导入`,
                en: `at most ${MAX_OFFICER_ROWS} rows in one import: split the sheet`,
              },
            },
          };
      }
      return { ok: true, rows };
    }
  return {
    ok: false,
    problem: {
      code: 'missing-header',
      message: {
        zh: '前 10 行中没有“用户名”表头：请使用下载的模板',
        en: 'no “User name” header in the first 10 rows: use the downloaded template',
      },
    },
  };
}
