/**
 * The print layout of a document, resolved: the pack's blocks with every placeholder
 * filled and every value formatted. HTML (here) and PDF (in the platform) are both
 * written from this one structure, so what is previewed is what is printed.
 *
 * Nothing empty prints: a field without a value, a table without rows, a paragraph whose
 * placeholders are all empty, and an optional segment `[…]` of a paragraph whose placeholders
 * are not all filled (「[缴款账户：{paymentAccount}。]」) are left out, so no 「缴款账户：。」; a
 * label with its placeholder (「住所：{partyAddress}」) is such a segment without the brackets.
 * Signature lines always print — with the signer's name from the block's `fields` (or the
 * signature field of the same signer: 承办人 ↔ 承办人签名, 当事人签收 ↔ 当事人签收) when it is
 * filled, and the block's `dateField` as the date.
 */
import type { DocumentForm, Field } from '@yifa/metamodel';

/** A resolved print block. */
export type PrintItem =
  | { kind: 'number'; text: string }
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right' }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'table'; label: string; columns: string[]; rows: string[][] }
  | { kind: 'signatures'; signers: PrintSigner[] }
  | { kind: 'seal'; org: string; date: string }
  | { kind: 'spacer' };

/** One signature line: the role that signs (承办人), the name signed, if any, and the date. */
export interface PrintSigner {
  role: string;
  name: string;
  date: string;
}

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

// A label and its placeholder inside a paragraph — 「住所：{partyAddress}」, 「（登记号：{no}）」,
// 「合同金额：{amount}元」 — is optional: with no value, the label goes too.
const LABELLED =
  /(（?)((?<=^|[\s　，；。（、}])(?:[^\s　，；。：、（）()[\]{}]|（[^（）：]{1,12}）){1,30}：\{[^{}]+\}(?:万元|元|个工作日|日|天|个月|年|件|份|人)?)(）?)/g;

/** Marks each labelled placeholder outside the pack's own `[…]` segments as an optional segment. */
function optionalLabels(text: string): string {
  return text
    .split(/(\[[^[\]]*\])/)
    .map((part) =>
      part.startsWith('[')
        ? part
        : part.replace(LABELLED, (_, open: string, core: string, close: string) =>
            open && close ? `[${open}${core}${close}]` : `${open}[${core}]${close}`,
          ),
    )
    .join('');
}

/** The punctuation left where a segment was left out, tidied; one full stop after a sentence value. */
function tidy(text: string): string {
  return text
    .replace(/（）|\(\)/g, '')
    .replace(/[，、；]+([）。；])/g, '$1')
    .replace(/（[，、；]+/g, '（')
    .replace(/([。；！？])[。；]/g, '$1')
    .replace(/　{2,}/g, '　')
    .replace(/^[　\s]+|[　\s，、]+$/g, '');
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
  // A paragraph's placeholders filled; undefined when it had placeholders and all are empty.
  const fill = (text: string): string | undefined => {
    let placeholders = 0;
    let filled = 0;
    const sub = (t: string) =>
      t.replace(/\{([^{}]+)\}/g, (_, n: string) => {
        const v = show(n);
        placeholders += 1;
        if (v) filled += 1;
        return v;
      });
    // One pass over the template (values are never read as template): an optional segment is
    // printed only when every placeholder in it has a value.
    const result = optionalLabels(text).replace(
      /\[([^[\]]*\{[^{}]+\}[^[\]]*)\]|\{[^{}]+\}/g,
      (m: string, segment?: string) => {
        if (segment === undefined) return sub(m);
        const before = filled;
        const names = segment.match(/\{[^{}]+\}/g)?.length ?? 0;
        const t = sub(segment);
        return filled - before === names ? t : '';
      },
    );
    if (placeholders > 0 && filled === 0) return undefined;
    return tidy(result) || undefined;
  };
  // A signer's signature: the block's `fields` in the order of its signers, else the signature
  // field of the same signer (当事人（签名或盖章） ↔ 当事人签名或盖章, 被询问人 ↔ 被询问人签名（逐页签名或捺印）).
  const signatureOf = (role: string, named?: string): string => {
    const f = named
      ? fields.get(named)
      : form.fields.find((x) => x.type === 'signature' && signerOf(x.title) === signerOf(role));
    return f ? formatFieldValue(f, data[f.name], ctx) : '';
  };

  const items = form.print.blocks.flatMap((b): PrintItem[] => {
    switch (b.kind) {
      case 'number':
        return [{ kind: 'number', text: tokens.number as string }];
      case 'text': {
        const text = fill(b.text ?? '');
        return text ? [{ kind: 'text', text, align: b.align ?? 'left' }] : [];
      }
      case 'field': {
        const f = fields.get(b.field ?? '');
        const label = b.label ?? f?.title ?? b.field ?? '';
        let value = show(b.field ?? '');
        // 罚款（元）：70,000 — the unit once, in the label that names it.
        if (f?.unit && label.endsWith(`（${f.unit}）`) && value.endsWith(f.unit))
          value = value.slice(0, -f.unit.length);
        return value ? [{ kind: 'field', label, value }] : [];
      }
      case 'table': {
        const f = fields.get(b.field ?? '');
        const columns = f?.columns ?? [];
        const rows = Array.isArray(data[b.field ?? '']) ? (data[b.field ?? ''] as Record<string, unknown>[]) : [];
        const printed = rows
          .map((r) => columns.map((c) => formatFieldValue(c, r?.[c.name], ctx)))
          .filter((r) => r.some((v) => v !== ''));
        if (printed.length === 0) return [];
        return [
          { kind: 'table', label: b.label ?? f?.title ?? '', columns: columns.map((c) => c.title), rows: printed },
        ];
      }
      case 'signatures': {
        const date = b.dateField ? show(b.dateField) : '';
        return [
          {
            kind: 'signatures',
            signers: (b.signers ?? []).map((role, i) => ({ role, name: signatureOf(role, b.fields?.[i]), date })),
          },
        ];
      }
      case 'seal':
        return [{ kind: 'seal', org: ctx.orgName, date: b.dateField ? show(b.dateField) : chineseDate(ctx.date) }];
      case 'spacer':
        return [{ kind: 'spacer' }];
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

/** Who signs, from a signer or a signature field's title: 当事人签名（盖章） → 当事人. */
function signerOf(title: string): string {
  return title.replace(/（[^（）]*）$/, '').replace(/(签名或盖章|签名|签字|签收|盖章)$/, '');
}

/** A signature line's label: 承办人 → 承办人（签名）, a signer that says how it signs (当事人签收) as it is. */
export function signerLabel(role: string): string {
  return /签|盖章|捺印/.test(role) ? role : `${role}（签名）`;
}

/** 2026-03-01 → 2026年3月1日. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
