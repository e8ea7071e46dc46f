/**
 * The server's own enforcement of a form (one definition, two enforcers): data is checked
 * against the form's schema and rules before it is stored, and fields the rules make
 * read-only keep their stored value.
 */
import { checkDocument } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import { evaluateForm } from '@yifa/rules';
import { canonicalJson } from '../canonical.ts';
import { AppError } from '../errors.ts';
import type { DocumentContext } from './context.ts';
import { problem } from './view.ts';

/** Checks data against its form as the server's own enforcer; returns the values to store. */
export function checkedData(
  form: DocumentForm,
  data: Record<string, unknown>,
  dc: DocumentContext,
): Record<string, unknown> {
  const check = checkDocument(form, data, dc.facts, dc.loaded.env);
  if (check.problems.length > 0) throw new AppError('validation', { problems: check.problems.map(problem) });
  return check.values;
}

/** Read-only fields (by the form's rules over the stored data) keep their value; changing one is refused. */
export function keepReadOnly(
  form: DocumentForm,
  stored: Record<string, unknown>,
  next: Record<string, unknown>,
  dc: DocumentContext,
): Record<string, unknown> {
  const state = evaluateForm(form, stored, dc.loaded.env, dc.facts);
  if (!state.ok) return next;
  const out = { ...next };
  const problems = [];
  for (const f of form.fields) {
    if (!state.value.fields[f.name]?.readOnly || f.computed || stored[f.name] === undefined) continue;
    if (out[f.name] === undefined) out[f.name] = stored[f.name];
    else if (canonicalJson(out[f.name]) !== canonicalJson(stored[f.name]))
      problems.push({
        path: `/${f.name}`,
        field: f.name,
        code: 'read-only',
        message: { zh: `${f.title}：只读，不能修改`, en: `${f.name}: read-only` },
      });
  }
  if (problems.length > 0) throw new AppError('validation', { problems });
  return out;
}
