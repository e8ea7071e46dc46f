/**
 * Document forms: field names unique, choice fields have options, tables have columns,
 * field rules and the print layout name existing fields, and the numbering pattern uses
 * only known tokens and contains a sequence.
 */
import type { DocumentForm, Field } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';
import { checkDocumentProcedure } from './document-procedure.ts';

/** Tokens a numbering pattern may use; `{seq:N}` pads the sequence to N digits. */
export const NUMBERING_TOKENS = ['orgPrefix', 'orgShort', 'year', 'seq'] as const;

/** Placeholders a print text may use besides the document's own fields. */
export const PRINT_TOKENS = [
  'number',
  'orgName',
  'orgShort',
  'caseNumber',
  'today',
  'partyName',
  'matterName',
  'cause',
] as const;

/** Checks every document form, and what each says about the procedure (document-procedure.ts). */
export const checkDocuments: Check = (ctx) => [
  ...validItems(ctx, 'document').flatMap(([code, d]) => checkDocument(code, d)),
  ...checkDocumentProcedure(ctx),
];

function checkDocument(code: string, d: DocumentForm): Finding[] {
  const out: Finding[] = [];
  const at = (pointer: string, issue: Parameters<typeof finding>[3], params: Record<string, unknown>) =>
    out.push(finding('document', code, pointer, issue, params));
  // English labels of the options, one per option (the value stored stays the Chinese option).
  const optionsEn = (f: Field, path: (string | number)[]) => {
    if (f.optionsEn && f.optionsEn.length !== (f.options?.length ?? 0))
      at(pointerOf(...path, 'optionsEn'), 'document.options-en-length', {
        field: f.name,
        en: f.optionsEn.length,
        count: f.options?.length ?? 0,
      });
  };
  const names = new Set<string>();
  d.fields.forEach((f, i) => {
    if (names.has(f.name)) at(pointerOf('fields', i, 'name'), 'document.field-duplicate', { field: f.name });
    names.add(f.name);
    if ((f.type === 'enum' || f.type === 'multi-enum') && !f.options)
      at(pointerOf('fields', i), 'document.options-missing', { field: f.name });
    if (f.type === 'table' && !f.columns) at(pointerOf('fields', i), 'document.columns-missing', { field: f.name });
    optionsEn(f, ['fields', i]);
    f.columns?.forEach((c, j) => optionsEn(c, ['fields', i, 'columns', j]));
  });
  const field = (name: string | undefined, pointer: string) => {
    if (name !== undefined && !names.has(name)) at(pointer, 'document.unknown-field', { field: name });
  };
  d.rules?.forEach((r, i) => r.fields.forEach((f, j) => field(f, pointerOf('rules', i, 'fields', j))));
  const printable = new Set<string>([...names, ...PRINT_TOKENS]);
  d.print.blocks.forEach((b, i) => {
    field(b.field, pointerOf('print', 'blocks', i, 'field'));
    field(b.dateField, pointerOf('print', 'blocks', i, 'dateField'));
    b.fields?.forEach((f, j) => field(f, pointerOf('print', 'blocks', i, 'fields', j)));
    for (const token of placeholders(b.text ?? '')) {
      if (!printable.has(token))
        at(pointerOf('print', 'blocks', i, 'text'), 'document.unknown-field', { field: token });
    }
  });
  if (d.numbering) {
    const tokens = placeholders(d.numbering.pattern);
    for (const token of tokens) {
      const [name, width] = token.split(':');
      const known =
        (NUMBERING_TOKENS as readonly string[]).includes(name ?? '') &&
        (width === undefined || (name === 'seq' && /^[1-9]$/.test(width)));
      if (!known) at('/numbering/pattern', 'document.unknown-token', { token: `{${token}}` });
    }
    if (!tokens.some((t) => t.split(':')[0] === 'seq')) at('/numbering/pattern', 'document.numbering-needs-seq', {});
  }
  return out;
}

/** The `{name}` placeholders of a template. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);
}
