/**
 * The filtered audit log as an .xlsx workbook (exceljs, as the statistics and authority-list
 * exports): a title, when it was exported and by whom, the filters, then one row per event,
 * newest first, with what the event recorded before and after as JSON and its chain hash, so a
 * row can be checked against `yifa audit verify` later.
 */
import ExcelJS from 'exceljs';
import type { AuditEntry } from './search.ts';

/** The export's words in one language. */
const WORDS = {
  zh: {
    title: '审计日志',
    asOf: '导出时间',
    by: '导出人',
    filters: '筛选条件',
    none: '无（全部记录）',
    rows: '记录数',
    truncated: '（仅导出最新的 {n} 条，请缩小筛选范围）',
    header: ['序号', '时间', '操作人', '用户名', '动作', '案件', '对象', '变更前', '变更后', '哈希'],
  },
  en: {
    title: 'Audit log',
    asOf: 'Exported at',
    by: 'Exported by',
    filters: 'Filters',
    none: 'none (every event)',
    rows: 'Events',
    truncated: ' (only the newest {n}: narrow the filters)',
    header: ['Seq', 'Time', 'Actor', 'User name', 'Action', 'Case', 'Target', 'Before', 'After', 'Hash'],
  },
} as const;

/** A filter as written above the rows. */
export interface ExportFilterLine {
  label: string;
  value: string;
}

const jsonCell = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The workbook of the events (already filtered and limited by the caller). */
export async function auditWorkbook(
  entries: readonly AuditEntry[],
  meta: {
    lang: 'zh' | 'en';
    asOf: string;
    by: string;
    filters: ExportFilterLine[];
    /** How many events matched, when more than were exported. */
    matched: number;
  },
): Promise<Buffer> {
  const w = WORDS[meta.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yifa';
  const ws = wb.addWorksheet(w.title);
  ws.addRow([w.title]).font = { bold: true, size: 14 };
  ws.addRow([w.asOf, meta.asOf]);
  ws.addRow([w.by, meta.by]);
  const more = meta.matched > entries.length ? w.truncated.replace('{n}', String(entries.length)) : '';
  ws.addRow([w.rows, `${meta.matched}${more}`]);
  ws.addRow([w.filters, meta.filters.length ? '' : w.none]);
  for (const f of meta.filters) ws.addRow([`  ${f.label}`, f.value]);
  ws.addRow([]);
  const headerRow = ws.addRow([...w.header]);
  headerRow.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  for (const e of entries)
    ws.addRow([
      e.seq,
      e.at,
      e.actorUser?.displayName ?? e.actor,
      e.actorUser?.username ?? '',
      e.action,
      e.caseNumber ?? e.caseId ?? '',
      e.target ?? '',
      jsonCell(e.before),
      jsonCell(e.after),
      e.hash,
    ]);
  const widths = [8, 26, 16, 18, 26, 28, 38, 50, 50, 66];
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
