/**
 * How values read in explanations: numbers with thousands separators, units from labels,
 * strings quoted, booleans as 是/否 or yes/no. Chinese first; English reads the same data.
 */
import { isIsoDate } from './dates.ts';

/** A language of explanations. */
export type Lang = 'zh' | 'en';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

const UNITS_EN: Record<string, string> = {
  元: 'yuan',
  万元: '10,000 yuan',
  日: 'days',
  天: 'days',
  人: 'persons',
  件: 'cases',
  次: 'times',
  项: 'items',
  卷: 'files',
  个: '',
  '%': '%',
};

/** A number with thousands separators, e.g. `8,000` or `0.9201`. */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? NUMBER.format(n) : String(n);
}

/** A unit in the language, e.g. 元 → yuan. */
export function unitText(unit: string | undefined, lang: Lang): string {
  if (!unit) return '';
  return lang === 'zh' ? unit : (UNITS_EN[unit] ?? unit);
}

/**
 * A value as it reads in an explanation, with its unit for numbers; a code that `names` names
 * (a codelist entry, a document, a state) reads as its name, never as the code.
 */
export function formatValue(
  value: unknown,
  lang: Lang,
  unit?: string,
  names?: Readonly<Record<string, { zh: string; en: string }>>,
): string {
  if (typeof value === 'number') {
    const u = unitText(unit, lang);
    return u ? `${formatNumber(value)} ${u}` : formatNumber(value);
  }
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (isIsoDate(value)) return value;
    const text = names && Object.hasOwn(names, value) ? (names[value] as { zh: string; en: string })[lang] : value;
    return lang === 'zh' ? `“${text}”` : `"${text}"`;
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => formatValue(v, lang, unit, names));
    if (value.length > 20) items.push('…');
    return `{${items.join(lang === 'zh' ? '、' : ', ')}}`;
  }
  if (value === undefined || value === null) return lang === 'zh' ? '（空）' : '(none)';
  return lang === 'zh' ? '（对象）' : '(object)';
}

/** A value with no quotes, for filling message placeholders. */
export function plainValue(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => plainValue(v, lang)).join(lang === 'zh' ? '、' : ', ');
  return formatValue(value, lang);
}

/** The type of a value as issues name it: number, string, boolean, array, object or null. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
