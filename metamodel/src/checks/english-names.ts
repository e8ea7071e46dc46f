/**
 * English names: a region whose officers work in English too turns on
 * `require: { englishNames: true }` in its manifest, and then every name an officer sees must
 * have its English twin — and so must every labelled condition (`label` → `labelEn`), which English
 * explanations and refusals name. One issue per item lists each name it lacks, so an implementer fills
 * an item's file in one pass instead of meeting its names one error at a time.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { type Check, type CheckContext, validItems } from './context.ts';

/** A name without its English twin: the Chinese name and the pointer of the missing property. */
interface Missing {
  name: string;
  pointer: string;
}

interface Named {
  name?: string;
  nameEn?: string;
}

/** Pushes `el` when it has a name but no English name (`prop` says which property is missing). */
function need(out: Missing[], el: Named | undefined, path: (string | number)[], prop = 'nameEn'): void {
  if (!el || typeof el.name !== 'string') return;
  if (typeof el.nameEn === 'string' && el.nameEn.trim() !== '') return;
  out.push({ name: el.name, pointer: pointerOf(...path, prop) });
}

/** The names of a list of elements (states, tiers …) under `path`. */
function needEach(out: Missing[], list: readonly Named[] | undefined, path: (string | number)[]): void {
  (list ?? []).forEach((el, i) => need(out, el, [...path, i]));
}

interface FieldLike {
  title?: string;
  titleEn?: string;
  options?: string[];
  optionsEn?: string[];
  columns?: FieldLike[];
}

/** A list of choices (a field's options, a fact's enum) without its English twin list. */
function needList(
  out: Missing[],
  list: readonly string[] | undefined,
  en: readonly string[] | undefined,
  path: (string | number)[],
  prop: string,
): void {
  if (!list?.length || en?.length) return;
  out.push({ name: list.join('/'), pointer: pointerOf(...path, prop) });
}

/** Document fields (and the columns of table fields) use title/titleEn and options/optionsEn. */
function needFields(out: Missing[], fields: readonly FieldLike[] | undefined, path: (string | number)[]): void {
  (fields ?? []).forEach((f, i) => {
    need(out, { name: f.title, nameEn: f.titleEn }, [...path, i], 'titleEn');
    needList(out, f.options, f.optionsEn, [...path, i], 'optionsEn');
    needFields(out, f.columns, [...path, i, 'columns']);
  });
}

/** Whether `o` is a condition node (only the condition language has all / any / not / fact-with-operator). */
function isConditionNode(o: Record<string, unknown>): boolean {
  if (Array.isArray(o.all) || Array.isArray(o.any)) return true;
  if (typeof o.not === 'object' && o.not !== null && !Array.isArray(o.not)) return true;
  return typeof o.fact === 'string' && typeof o.operator === 'string';
}

/**
 * The labels of every condition inside an item (a guard, a named condition, a tier's `when`, an
 * alert's rule, an expression's `if`): an explanation or a refusal in English names a labelled
 * test or group by its `labelEn`.
 */
function needConditionLabels(out: Missing[], value: unknown, path: (string | number)[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => needConditionLabels(out, v, [...path, i]));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  if (typeof o.label === 'string' && isConditionNode(o)) {
    need(out, { name: o.label, nameEn: typeof o.labelEn === 'string' ? o.labelEn : undefined }, path, 'labelEn');
  }
  for (const [k, v] of Object.entries(o))
    if (typeof v === 'object' && v !== null) needConditionLabels(out, v, [...path, k]);
}

/** What each kind shows an officer, and where its names are. */
const NAMES: { [K in ItemKind]?: (item: never, out: Missing[]) => void } = {
  matter: (
    m: {
      name: string;
      nameEn?: string;
      facts?: { label: string; labelEn?: string; enum?: string[]; enumEn?: string[] }[];
    },
    out,
  ) => {
    need(out, m, []);
    (m.facts ?? []).forEach((f, i) => {
      need(out, { name: f.label, nameEn: f.labelEn }, ['facts', i], 'labelEn');
      needList(out, f.enum, f.enumEn, ['facts', i], 'enumEn');
    });
  },
  document: (d: Named & { fields?: FieldLike[] }, out) => {
    need(out, d, []);
    needFields(out, d.fields, ['fields']);
  },
  workflow: (
    w: Named & {
      states?: Named[];
      transitions?: (Named & { refusal?: string; refusalEn?: string })[];
      deadlines?: Named[];
    },
    out,
  ) => {
    need(out, w, []);
    needEach(out, w.states, ['states']);
    needEach(out, w.transitions, ['transitions']);
    // The text shown when the action is refused (an officer working in English reads it too).
    (w.transitions ?? []).forEach((t, i) =>
      need(out, { name: t.refusal, nameEn: t.refusalEn }, ['transitions', i], 'refusalEn'),
    );
    needEach(out, w.deadlines, ['deadlines']);
  },
  discretion: (d: Named & { versions?: Record<string, Named[] | undefined>[] }, out) => {
    need(out, d, []);
    (d.versions ?? []).forEach((v, i) => {
      for (const list of ['tiers', 'noPenalty', 'circumstances', 'persons'])
        needEach(out, v[list], ['versions', i, list]);
    });
  },
  codelist: (c: { entries?: Named[] }, out) => needEach(out, c.entries, ['entries']),
  condition: (c: Named, out) => need(out, c, []),
  role: (r: Named, out) => need(out, r, []),
  alert: (a: Named, out) => need(out, a, []),
  parameter: (p: Named, out) => need(out, p, []),
};

/**
 * The missing English names of every item that shows names, and the English labels of every
 * labelled condition of every item, when the pack requires them.
 */
export const checkEnglishNames: Check = (ctx: CheckContext) => {
  if (ctx.pack.manifest.require?.englishNames !== true) return [];
  const out: Finding[] = [];
  for (const kind of Object.keys(ctx.pack.items) as ItemKind[]) {
    const names = NAMES[kind] as ((item: never, out: Missing[]) => void) | undefined;
    for (const [code, item] of validItems(ctx, kind)) {
      const missing: Missing[] = [];
      names?.(item as never, missing);
      needConditionLabels(missing, item, []);
      const first = missing[0];
      if (!first) continue;
      // Point at the element that lacks a name (the missing property itself has no line).
      const at = first.pointer.slice(0, first.pointer.lastIndexOf('/'));
      const list = missing.map((m) => `${m.name} (${m.pointer})`).join(', ');
      out.push(finding(kind, code, at, 'names.english-missing', { count: missing.length, missing: list }));
    }
  }
  return out;
};
