/**
 * The preview of an authority-list import: for each row of the sheet, whether it adds an
 * authority item, changes one of the pack (each field that changes, before and after), leaves it
 * as it is, or is rejected — with the reason for each refused cell, by row and column, in both
 * languages. A row is rejected for an empty or repeated 事项编码, a name the pack does not know
 * (职权类别, 实施主体, 执法领域), a legal basis it does not hold, a cell that cannot be read, or an
 * item the authority-item JSON Schema refuses (the kind's own validator). Items of the pack that
 * the sheet does not list are left alone: an import adds and changes, it never removes.
 */
import { isDeepStrictEqual } from 'node:util';
import { type AuthorityItem, type ResolvedPack, schemaViolations, validatorFor } from '@yifa/metamodel';
import { basisIndex } from './authority-basis.ts';
import type { AuthorityColumnKey } from './authority-columns.ts';
import { issue, type RowIssue, rowContext, rowItem } from './authority-row.ts';
import type { AuthoritySheet } from './authority-xlsx.ts';

/** A field a row changes: the column it comes from, the pack's value and the sheet's. */
export interface FieldChange {
  field: string;
  column: AuthorityColumnKey;
  before?: unknown;
  after?: unknown;
}

/** What importing one row does. */
export type PlanRow = { row: number; code: string; name?: string } & (
  | { action: 'add'; value: AuthorityItem }
  | { action: 'change'; value: AuthorityItem; changes: FieldChange[] }
  | { action: 'unchanged' }
  | { action: 'reject'; issues: RowIssue[] }
);

/** The preview of a whole sheet. */
export interface AuthorityPlan {
  sheetName: string;
  headerRow: number;
  columns: AuthoritySheet['columns'];
  unstored: AuthoritySheet['unstored'];
  counts: { add: number; change: number; unchanged: number; reject: number };
  rows: PlanRow[];
}

const CODE = /^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/;

/** The column each field of an authority item is read from (`source` has none: the sheet never changes it). */
const FIELD_COLUMN: Record<string, AuthorityColumnKey> = {
  code: 'code',
  name: 'name',
  nameEn: 'nameEn',
  powerType: 'powerType',
  subjectTypes: 'subjects',
  sectors: 'sectors',
  responsibleLevel: 'responsibleLevel',
  'basis.setting': 'setting',
  'basis.implementing': 'implementing',
  responsibilities: 'responsibilities',
  accountability: 'accountability',
  timeLimit: 'timeLimit',
  legalReview: 'legalReview',
  notes: 'notes',
};

/** The column of a schema violation's JSON pointer (/basis/setting/0 → setting). */
function columnOfPointer(pointer: string, present: ReadonlySet<AuthorityColumnKey>): AuthorityColumnKey {
  const [top, sub] = pointer.split('/').slice(1);
  const column = FIELD_COLUMN[top === 'basis' ? `basis.${sub ?? 'setting'}` : (top ?? 'code')] ?? 'code';
  return column === 'sectors' && !present.has('sectors') ? 'subjects' : column;
}

/** Every field whose value differs between the pack's item and the row's. */
function changesOf(before: AuthorityItem, after: AuthorityItem): FieldChange[] {
  const flat = (item: AuthorityItem) => {
    const { basis, ...rest } = item as AuthorityItem & Record<string, unknown>;
    return { ...rest, 'basis.setting': basis?.setting, 'basis.implementing': basis?.implementing } as Record<
      string,
      unknown
    >;
  };
  const a = flat(before);
  const b = flat(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => !isDeepStrictEqual(a[f], b[f]))
    .map((field) => ({
      field,
      column: FIELD_COLUMN[field] ?? 'notes',
      ...(a[field] !== undefined ? { before: a[field] } : {}),
      ...(b[field] !== undefined ? { after: b[field] } : {}),
    }));
}

/**
 * What importing the sheet into the pack would do, row by row.
 * @example const plan = planAuthorityImport(sheet, pack); plan.counts.reject === 0
 */
export function planAuthorityImport(sheet: AuthoritySheet, pack: ResolvedPack): AuthorityPlan {
  const present = new Set(sheet.columns.map((c) => c.key));
  const ctx = rowContext(pack, basisIndex(pack), present);
  const rowsOf = new Map<string, number[]>();
  for (const r of sheet.rows) {
    const code = r.cells.code ?? '';
    if (code !== '') rowsOf.set(code, [...(rowsOf.get(code) ?? []), r.row]);
  }
  const validate = validatorFor('authority-item');
  const rows: PlanRow[] = sheet.rows.map((r) => {
    const code = r.cells.code ?? '';
    const head = { row: r.row, code, ...(r.cells.name ? { name: r.cells.name } : {}) };
    const issues: RowIssue[] = [];
    if (code === '')
      issues.push(issue('code', 'empty-code', { zh: '事项编码为空', en: 'the item code (事项编码) is empty' }));
    else if (!CODE.test(code) || code.length > 64)
      issues.push(
        issue(
          'code',
          'schema',
          {
            zh: `事项编码“${code}”只能由字母和数字组成，以 - _ . 连接，最长64个字符`,
            en: `item code "${code}" may hold only ASCII letters and digits joined by - _ or ., at most 64 characters`,
          },
          code,
        ),
      );
    const twins = (rowsOf.get(code) ?? []).filter((n) => n !== r.row);
    if (twins.length > 0)
      issues.push(
        issue(
          'code',
          'duplicate-code',
          {
            zh: `事项编码“${code}”在表中重复（另见第${twins.join('、')}行）`,
            en: `item code "${code}" appears more than once in the sheet (also row${twins.length > 1 ? 's' : ''} ${twins.join(', ')})`,
          },
          code,
        ),
      );
    if (issues.length > 0) return { ...head, action: 'reject', issues };
    const existing = pack.items['authority-item'].get(code);
    const built = rowItem(r, existing, ctx);
    issues.push(...built.issues);
    if (issues.length === 0 && !validate(built.value))
      for (const v of schemaViolations(validate.errors ?? [], built.value)) {
        const column = columnOfPointer(v.pointer, present);
        const message = { zh: `${v.pointer}：${v.message.zh}`, en: `${v.pointer}: ${v.message.en}` };
        issues.push(issue(column, 'schema', message));
      }
    if (issues.length > 0) return { ...head, action: 'reject', issues };
    const value = built.value as unknown as AuthorityItem;
    if (!existing) return { ...head, action: 'add', value };
    const changes = changesOf(existing, value);
    return changes.length ? { ...head, action: 'change', value, changes } : { ...head, action: 'unchanged' };
  });
  const counts = { add: 0, change: 0, unchanged: 0, reject: 0 };
  for (const r of rows) counts[r.action]++;
  return {
    sheetName: sheet.sheetName,
    headerRow: sheet.headerRow,
    columns: sheet.columns,
    unstored: sheet.unstored,
    counts,
    rows,
  };
}
