/**
 * A reporting format's rows as an .xlsx workbook (exceljs, as the statistics export): the first
 * sheet is the template the platforms accept — one header row of the format's column names, one
 * row per record, numbers as numbers — and a second sheet lists the rows' problems, so the sheet
 * to upload stays exactly the format.
 */
import type { ReportFormat } from '@yifa/metamodel';
import ExcelJS from 'exceljs';
import type { ExchangeRow } from './columns.ts';

/** The workbook of a format's rows; headers in zh (the formats' own names) or en. */
export async function exchangeWorkbook(format: ReportFormat, rows: ExchangeRow[], lang: 'zh' | 'en'): Promise<Buffer> {
  const en = lang === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa';
  const ws = wb.addWorksheet(
    (en ? (format.nameEn ?? format.code) : format.name).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31),
  );
  const header = ws.addRow(format.columns.map((c) => (en ? (c.nameEn ?? c.name) : c.name)));
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(format.columns.map((c) => r.values[c.code] ?? null));
  format.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.min(40, Math.max(12, [...c.name].length * 2));
  });
  const problems = wb.addWorksheet(en ? 'Problems' : '问题');
  problems.addRow(en ? ['Case number', 'Column', 'Problem'] : ['案件编号', '列', '问题']).font = { bold: true };
  for (const r of rows)
    for (const p of r.problems) problems.addRow([r.caseNumber, p.column, en ? p.message.en : p.message.zh]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
