/**
 * The print layout of a document, resolved: the pack's blocks with every placeholder
 * filled and every value formatted. HTML (here) and PDF (in the platform) are both
 * written from this one structure, so what is previewed is what is printed.
 */
import type { DocumentForm, Field } from '@yifa/metamodel';

/** A resolved print block. */
export type PrintItem =
  | { kind: 'number'; text: string }
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right' }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'table'; label: string; columns: string[]; rows: string[][] }
  | { kind: 'signatures'; signers: string[] }
  | { kind: 'seal'; org: string; date: string }
  | { kind: 'spacer' };

/** A document ready to print. */
export interface PrintDoc {
  paper: 'A4' | 'A4-landscape' | 'A3';
  orgName: string;
  title: string;
  items: PrintItem[];
}

/** What a document is printed with besides its own data. */
export interface PrintContext {
  number?: string;
  orgName: string;
  orgShort?: string;
  caseNumber?: string;
  partyName?: string;
  matterName?: string;
  cause?: string;
  /** The date printed by the seal when the layout names no date field (YYYY-MM-DD). */
  date: string;
  /** Turns a legal-basis code into its citation (《法》第…条). */
  citeBasis?: (code: string) => string;
  /** Citations by legal-basis code, for a context stored as JSON (frozen with an issued document). */
  citations?: Readonly<Record<string, string>>;
}

/** Resolves a document's print layout against its data. */
export function layoutDocument(
  form: DocumentForm,
  data: Readonly<Record<string, unknown>>,
  ctx: PrintContext,
): PrintDoc {
  const fields = new Map(form.fields.map((f) => [f.name, f]));
  const tokens: Record<string, string> = {
    number: ctx.number ?? '（未编号）',
    orgName: ctx.orgName,
    orgShort: ctx.orgShort ?? ctx.orgName,
    caseNumber: ctx.caseNumber ?? '',
    today: chineseDate(ctx.date),
    partyName: ctx.partyName ?? '',
    matterName: ctx.matterName ?? '',
    cause: ctx.cause ?? '',
  };
  const show = (name: string) => {
    const f = fields.get(name);
    return f ? formatFieldValue(f, data[name], ctx) : (tokens[name] ?? `{${name}}`);
  };
  const items = form.print.blocks.map((b): PrintItem => {
    switch (b.kind) {
      case 'number':
        return { kind: 'number', text: tokens.number as string };
      case 'text':
        return {
          kind: 'text',
          text: (b.text ?? '').replace(/\{([^{}]+)\}/g, (_, n: string) => show(n)),
          align: b.align ?? 'left',
        };
      case 'field': {
        const f = fields.get(b.field ?? '');
        return { kind: 'field', label: b.label ?? f?.title ?? b.field ?? '', value: show(b.field ?? '') };
      }
      case 'table': {
        const f = fields.get(b.field ?? '');
        const columns = f?.columns ?? [];
        const rows = Array.isArray(data[b.field ?? '']) ? (data[b.field ?? ''] as Record<string, unknown>[]) : [];
        return {
          kind: 'table',
          label: b.label ?? f?.title ?? '',
          columns: columns.map((c) => c.title),
          rows: rows.map((r) => columns.map((c) => formatFieldValue(c, r?.[c.name], ctx))),
        };
      }
      case 'signatures':
        return { kind: 'signatures', signers: b.signers ?? [] };
      case 'seal':
        return { kind: 'seal', org: ctx.orgName, date: b.dateField ? show(b.dateField) : chineseDate(ctx.date) };
      case 'spacer':
        return { kind: 'spacer' };
    }
  });
  return { paper: form.print.paper, orgName: ctx.orgName, title: form.print.title, items };
}

/** A field's value as printed: dates in Chinese, amounts with units, choices joined, booleans 是/否. */
export function formatFieldValue(
  field: Field,
  value: unknown,
  ctx: Pick<PrintContext, 'citeBasis' | 'citations'> = {},
): string {
  if (value === undefined || value === null || value === '') return '';
  const unit = field.unit ?? '';
  switch (field.type) {
    case 'date':
      return chineseDate(String(value));
    case 'datetime':
      return `${chineseDate(String(value).slice(0, 10))} ${String(value).slice(11, 16)}`;
    case 'number':
    case 'integer':
      return typeof value === 'number' ? `${value.toLocaleString('zh-CN')}${unit}` : String(value);
    case 'boolean':
      return value === true ? '是' : '否';
    case 'multi-enum':
      return Array.isArray(value) ? value.join('、') : String(value);
    case 'legal-basis':
      return Array.isArray(value)
        ? value.map((c) => ctx.citeBasis?.(String(c)) ?? ctx.citations?.[String(c)] ?? String(c)).join('；')
        : String(value);
    case 'party': {
      const p = value as { name?: unknown };
      return typeof p === 'object' && p !== null ? String(p.name ?? '') : String(value);
    }
    default:
      return Array.isArray(value) ? value.map(String).join('、') : String(value);
  }
}

/** 2026-03-01 → 2026年3月1日. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
