/**
 * The statistics table as an .xlsx workbook (exceljs: the maintained .xlsx library; the `xlsx`
 * package on npm is an unmaintained SheetJS of 2022): a title, the scope, the filters and the time
 * of the figures above the table, then the header row (styled, frozen) and one row per group with
 * the cases by power type and, on the organisation levels, the rates as percentages.
 */
import ExcelJS from 'exceljs';
import { RATES } from './rates.ts';
import type { StatisticsTable } from './table.ts';

/** A filter as written above the table. */
export interface FilterLine {
  label: string;
  value: string;
}

/** The words of the sheet in one language. */
export interface SheetWords {
  title: string;
  groupBy: string;
  scope: string;
  asOf: string;
  name: string;
  cases: string;
  open: string;
  closed: string;
  noFilters: string;
  filters: string;
  lang: 'zh' | 'en';
}

/** The workbook of a statistics table (every row, not one page). */
export async function statisticsWorkbook(
  table: StatisticsTable,
  words: SheetWords,
  meta: { groupBy: string; scope: string; asOf: string; filters: FilterLine[] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa';
  const ws = wb.addWorksheet(words.title.slice(0, 31));
  const en = words.lang === 'en';
  const orgLevel = table.rows.some((r) => r.rates !== undefined);
  const header = [
    words.name,
    words.cases,
    words.open,
    words.closed,
    ...table.powerTypes.map((p) => (en ? (p.nameEn ?? p.name) : p.name)),
    ...(orgLevel ? RATES.map((r) => (en ? r.nameEn : r.name)) : []),
  ];
  ws.addRow([words.title]).font = { bold: true, size: 14 };
  ws.addRow([words.groupBy, meta.groupBy]);
  ws.addRow([words.scope, meta.scope]);
  ws.addRow([words.asOf, meta.asOf]);
  ws.addRow([words.filters, meta.filters.length ? '' : words.noFilters]);
  for (const f of meta.filters) ws.addRow([`  ${f.label}`, f.value]);
  ws.addRow([]);
  const headerRow = ws.addRow(header);
  headerRow.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  for (const r of table.rows) {
    const row = ws.addRow([
      en ? (r.nameEn ?? r.name) : r.name,
      r.cases,
      r.open,
      r.closed,
      ...table.powerTypes.map((p) => r.byPowerType[p.code] ?? 0),
      ...(orgLevel ? RATES.map((d) => r.rates?.[d.code] ?? null) : []),
    ]);
    if (orgLevel)
      RATES.forEach((d, i) => {
        row.getCell(5 + table.powerTypes.length + i).numFmt = d.percent ? '0.0%' : '0.00';
      });
  }
  ws.getColumn(1).width = 36;
  for (let i = 2; i <= header.length; i++) ws.getColumn(i).width = 12;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
