/**
 * Reporting formats: every column has one source or one constant, a `field:` source names a field
 * of the record's document, units are for numbers, column codes are unique, the record's document
 * is one that is issued, and the states a format covers belong to one of the workflows it names
 * (or to any workflow). References to the document, matters and workflows are in references.ts.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every reporting format. */
export const checkReportFormats: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, f] of validItems(ctx, 'report-format')) {
    const doc = ctx.pack.items.document.get(f.records.document);
    if (doc && doc.issued !== true)
      out.push(
        finding('report-format', code, '/records/document', 'report-format.document-not-issued', {
          document: f.records.document,
        }),
      );
    const fields = new Set((doc?.fields ?? []).map((x) => x.name));
    const seen = new Set<string>();
    f.columns.forEach((c, i) => {
      const at = (...rest: string[]) => pointerOf('columns', i, ...rest);
      if (seen.has(c.code))
        out.push(finding('report-format', code, at('code'), 'report-format.column-duplicate', { column: c.code }));
      seen.add(c.code);
      if ((c.source === undefined) === (c.value === undefined))
        out.push(finding('report-format', code, at(), 'report-format.source-or-value', { column: c.code }));
      const field = c.source?.startsWith('field:') ? c.source.slice('field:'.length) : undefined;
      if (field !== undefined && doc && !fields.has(field))
        out.push(
          finding('report-format', code, at('source'), 'report-format.unknown-field', {
            column: c.code,
            field,
            document: f.records.document,
          }),
        );
      if (c.unit !== undefined && c.type !== 'number')
        out.push(finding('report-format', code, at('unit'), 'report-format.unit-not-number', { column: c.code }));
    });
    const workflows = f.records.workflows
      ? f.records.workflows.map((w) => ctx.pack.items.workflow.get(w)).filter((w) => w !== undefined)
      : [...ctx.pack.items.workflow.values()];
    const states = new Set(workflows.flatMap((w) => (Array.isArray(w.states) ? w.states.map((s) => s.code) : [])));
    f.records.states?.forEach((s, i) => {
      if (!states.has(s))
        out.push(
          finding('report-format', code, pointerOf('records', 'states', i), 'report-format.unknown-state', {
            state: s,
          }),
        );
    });
  }
  return out;
};
