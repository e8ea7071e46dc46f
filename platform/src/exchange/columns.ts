/**
 * A reporting format's columns over one record: each column's declared source read from the
 * record (the issued document, the party, the subject, the matter, the case), mapped, joined,
 * converted to the column's unit, and checked against `required` and `maxLength`. A value that
 * breaks them is kept and reported as a problem of the row, never cut or dropped: the
 * platform above decides what it refuses, and the sender sees why.
 */
import { maskId } from '@yifa/engine';
import type { DocumentForm, ReportColumn, ReportFormat } from '@yifa/metamodel';
import { legalDateOf } from '../time.ts';

/** A record as read for a format: one case and the latest issued version of its record document. */
export interface ExchangeRecord {
  caseId: string;
  caseNumber: string;
  caseState: string;
  openedAt: string;
  party: { kind: 'person' | 'organisation'; name: string; idNumber: string; representative?: string | undefined };
  org: { code: string; name: string; creditCode?: string | undefined };
  matter: { code: string; name: string; cause?: string | undefined; violatedBasis: string[]; penaltyBasis: string[] };
  document: {
    number: string | null;
    issuedAt: string;
    data: Readonly<Record<string, unknown>>;
    citations: Readonly<Record<string, string>>;
  };
}

/** What is wrong with a value of a row. */
export interface RowProblem {
  column: string;
  code: 'required' | 'too-long' | 'unmapped' | 'not-a-number';
  message: { zh: string; en: string };
}

/** One exported row: the record's identity, the values by column code, and its problems. */
export interface ExchangeRow {
  caseId: string;
  caseNumber: string;
  values: Record<string, string | number | null>;
  problems: RowProblem[];
}

type Raw = string | number | boolean | string[] | null | undefined;

/** The raw value of a source: a list stays a list; legal bases are their citations. */
function read(source: string, r: ExchangeRecord, form: DocumentForm | undefined): Raw {
  const cite = (codes: unknown) =>
    Array.isArray(codes) ? codes.map((c) => r.document.citations[String(c)] ?? String(c)) : undefined;
  if (source.startsWith('field:')) {
    const name = source.slice('field:'.length);
    const value = r.document.data[name];
    const field = form?.fields.find((f) => f.name === name);
    if (field?.type === 'legal-basis') return cite(value);
    if (Array.isArray(value)) return value.map(String);
    return value === null || typeof value === 'object' ? undefined : (value as Raw);
  }
  switch (source) {
    case 'document.number':
      return r.document.number;
    case 'document.issuedAt':
      return legalDateOf(r.document.issuedAt);
    case 'party.name':
      return r.party.name;
    case 'party.kind':
      return r.party.kind;
    // A person's ID number is never exported in full (个人信息保护法); a credit code is public.
    case 'party.idNumber':
      return r.party.kind === 'person' ? maskId(r.party.idNumber) : r.party.idNumber;
    case 'party.representative':
      return r.party.representative;
    case 'org.name':
      return r.org.name;
    case 'org.code':
      return r.org.code;
    case 'org.creditCode':
      return r.org.creditCode;
    case 'matter.code':
      return r.matter.code;
    case 'matter.name':
      return r.matter.name;
    case 'matter.cause':
      return r.matter.cause;
    case 'matter.violatedBasis':
      return cite(r.matter.violatedBasis);
    case 'matter.penaltyBasis':
      return cite(r.matter.penaltyBasis);
    case 'case.number':
      return r.caseNumber;
    case 'case.openedAt':
      return legalDateOf(r.openedAt);
    case 'case.state':
      return r.caseState;
    default:
      // The schema's pattern admits nothing else; a pack that got past it gives an empty value.
      return undefined;
  }
}

const problem = (column: ReportColumn, code: RowProblem['code'], zh: string, en: string): RowProblem => ({
  column: column.code,
  code,
  message: { zh: `${column.name}：${zh}`, en: `${column.nameEn ?? column.code}: ${en}` },
});

/** One column's value over a record, with what is wrong with it. */
export function columnValue(
  column: ReportColumn,
  r: ExchangeRecord,
  form: DocumentForm | undefined,
): { value: string | number | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (column.partyKind && column.partyKind !== r.party.kind) return { value: null, problems };
  let raw: Raw = column.value !== undefined ? column.value : column.source ? read(column.source, r, form) : undefined;
  if (column.map) {
    const map = column.map;
    const mapOne = (v: string) => {
      const out = map[v];
      if (out === undefined)
        problems.push(problem(column, 'unmapped', `“${v}”没有对应的代码`, `"${v}" has no code in the map`));
      return out ?? v;
    };
    if (Array.isArray(raw)) raw = [...new Set(raw.map(mapOne))];
    else if (raw !== undefined && raw !== null && raw !== '') raw = mapOne(String(raw));
  }
  let value: string | number | null;
  if (Array.isArray(raw)) value = raw.length ? raw.join(column.join ?? ';') : null;
  else if (raw === undefined || raw === null || raw === '') value = null;
  else value = typeof raw === 'boolean' ? (raw ? '是' : '否') : raw;
  if (value !== null && column.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) {
      problems.push(problem(column, 'not-a-number', `“${value}”不是数值`, `"${value}" is not a number`));
    } else value = column.unit === '万元' ? Math.round(n * 100) / 1_000_000 : n;
  }
  if (value !== null && column.type === 'date' && typeof value === 'string') value = legalDateOf(value);
  if (value === null && column.required)
    problems.push(problem(column, 'required', '必填项为空', 'a required value is empty'));
  if (typeof value === 'string' && column.maxLength !== undefined && [...value].length > column.maxLength)
    problems.push(
      problem(
        column,
        'too-long',
        `长度 ${[...value].length} 超过 ${column.maxLength}`,
        `${[...value].length} characters, over ${column.maxLength}`,
      ),
    );
  return { value, problems };
}

/** A record as a row of the format. */
export function formatRow(format: ReportFormat, form: DocumentForm | undefined, r: ExchangeRecord): ExchangeRow {
  const values: Record<string, string | number | null> = {};
  const problems: RowProblem[] = [];
  for (const column of format.columns) {
    const v = columnValue(column, r, form);
    values[column.code] = v.value;
    problems.push(...v.problems);
  }
  return { caseId: r.caseId, caseNumber: r.caseNumber, values, problems };
}
