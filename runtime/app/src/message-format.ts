/**
 * Filling a message of the table: `{name}` placeholders, and English plurals written as ICU
 * writes them, `{n, plural, one {# day} other {# days}}` (`#` is the number), so no screen says
 * "1 persons". Chinese has no plural; its messages use `{n}` alone.
 */

export type Params = Record<string, string | number>;

/** The text between the braces that open at `open` (nested braces allowed), and the index after it. */
function braced(s: string, open: number): [string, number] {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return [s.slice(open + 1, i), i + 1];
  }
  return [s.slice(open + 1), s.length];
}

/** The English plural category of a number: "one" for exactly 1, "other" for the rest. */
export function pluralCategory(n: number): 'one' | 'other' {
  return n === 1 ? 'one' : 'other';
}

/** `one {…} other {…} =0 {…}` → the branch for n, `#` replaced by the number. */
function plural(options: string, n: number, params: Params | undefined): string {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < options.length) {
    const key = /^\s*(=\d+|[a-z]+)\s*/.exec(options.slice(i));
    if (!key) break;
    i += key[0].length;
    if (options[i] !== '{') break;
    const [body, next] = braced(options, i);
    branches.set(key[1] as string, body);
    i = next;
  }
  const body = branches.get(`=${n}`) ?? branches.get(pluralCategory(n)) ?? branches.get('other') ?? '';
  return format(body.replace(/#/g, String(n)), params);
}

/** A message with its placeholders and plurals filled; a missing parameter stays as `{name}`. */
export function format(template: string, params?: Params): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const [inner, next] = braced(template, open);
    i = next;
    const m = /^\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?$/.exec(inner);
    const name = m?.[1];
    const value = name === undefined ? undefined : params?.[name];
    if (!m || name === undefined || value === undefined) out += `{${inner}}`;
    else if (m[2] !== undefined) out += plural(m[2], Number(value), params);
    else out += String(value);
  }
  return out;
}

/**
 * A label as a heading or form label writes it: the first letter upper-case. The packs' English
 * fact labels are lower-case, to be read inside sentences ("goods value < 10,000 yuan").
 */
export function capitalise(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Items of a list as each language writes them: 甲、乙 / A, B. */
export function joinList(items: readonly string[], lang: 'zh' | 'en'): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** A remark in brackets after text: 甲（乙） / A (B). */
export function paren(text: string, remark: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${text}（${remark}）` : `${text} (${remark})`;
}
