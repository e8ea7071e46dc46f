/**
 * Finding the matter of a case the way officers ask for it: by its code or a fragment of it
 * (`SCJ-CF-0001`, `scjcf0001`), its name, cause or keywords, the law it applies (`食品安全法`),
 * an article (`第一百二十四条`, also typed `第124条` or `124条`, or glued to the law:
 * `食品安全法第一百二十四条`), or a word of the article's text in force. Every word must match
 * somewhere; a matter found by its own code or name comes before one found only in a law's text,
 * and each answer names the legal bases a word was found in, so the list can say why it is there.
 */
import type { Matter, ResolvedPack } from '@yifa/metamodel';

/** Where a word was found: the matter's own codes and names count most, a law's text least. */
const WEIGHT = { own: 3, law: 2, text: 1 } as const;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A whole number in Chinese numerals as laws number their articles (`124` → 一百二十四,
 * `110` → 一百一十, `105` → 一百零五, `12` → 十二).
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return `十${n === 10 ? '' : DIGITS[n - 10]}`;
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let gap = false;
  for (const [size, unit] of units) {
    const d = Math.floor(n / size) % 10;
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    if (gap) out += '零';
    gap = false;
    out += `${DIGITS[d]}${unit}`;
  }
  return out;
}

/** Text as both sides are compared: NFKC (full-width letters, digits and brackets), lower case. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();
/** A code without its separators, so `scjcf0001` finds `120116-SCJ-CF-0001-01`. */
const compact = (s: string) => s.replace(/[-_.\s/]/g, '');
const CODE_LIKE = /^[a-z0-9][a-z0-9\-_./]*$/;

/**
 * The words of a query: folded, Arabic article numbers in the laws' numerals (`第124条` →
 * `第一百二十四条`, `第2款` → `第二款`, `第3项` → `第(三)项`), split on spaces and on the
 * punctuation around a law's name (《》, commas).
 */
export function queryTerms(q: string): string[] {
  const n = (d: string) => chineseNumeral(Number(d));
  return fold(q)
    .replace(/第?\s*(\d+)\s*条/g, (_, d: string) => `第${n(d)}条`)
    .replace(/第\s*(\d+)\s*款/g, (_, d: string) => `第${n(d)}款`)
    .replace(/第\s*\(?\s*(\d+)\s*\)?\s*项/g, (_, d: string) => `第(${n(d)})项`)
    .split(/[\s《》<>,，、;；:：]+/)
    .filter(Boolean);
}

interface Field {
  text: string;
  weight: number;
  /** The legal basis the text is of, if it is one's. */
  basis?: string;
}

function fieldsOf(pack: ResolvedPack, m: Matter, date: string): Field[] {
  const item = m.authorityItem ? pack.items['authority-item'].get(m.authorityItem) : undefined;
  const basisCodes = [...new Set([...(m.violatedBasis ?? []), ...(m.penaltyBasis ?? [])])];
  const own = [m.code, m.name, m.nameEn, m.cause, ...(m.keywords ?? []), item?.code, item?.name];
  const fields: Field[] = own.filter((x): x is string => !!x).map((text) => ({ text, weight: WEIGHT.own }));
  for (const code of basisCodes) {
    const b = pack.items['legal-basis'].get(code);
    if (!b) continue;
    const shortLaw = b.law.replace(/^中华人民共和国/, '');
    const article = b.article ?? '';
    const law = [code, b.law, b.lawEn, b.title, b.article, `${b.law}${article}`, `${shortLaw}${article}`];
    for (const text of [...law, ...(b.keywords ?? [])])
      if (text) fields.push({ text, weight: WEIGHT.law, basis: code });
    const v = (b.versions ?? []).find(
      (x) => (x.effectiveFrom ?? '') <= date && (!x.effectiveTo || x.effectiveTo >= date),
    );
    if (v?.text) fields.push({ text: v.text, weight: WEIGHT.text, basis: code });
  }
  return fields.map((f) => ({ ...f, text: fold(f.text) }));
}

/** A matter the query found: how well, and the legal bases a word of it was found in. */
export interface MatterHit {
  matter: Matter;
  score: number;
  bases: string[];
}

/**
 * The matters of the pack every word of `q` finds, best first (the pack's order among equals);
 * an empty query finds them all. `date` (YYYY-MM-DD) chooses the article texts in force.
 */
export function searchMatters(pack: ResolvedPack, q: string, date: string): MatterHit[] {
  const terms = queryTerms(q);
  const hits: MatterHit[] = [];
  for (const matter of pack.items.matter.values()) {
    const fields = fieldsOf(pack, matter, date);
    const bases = new Set<string>();
    let score = 0;
    for (const term of terms) {
      const short = CODE_LIKE.test(term) ? compact(term) : '';
      const found = fields.filter((f) => f.text.includes(term) || (short !== '' && compact(f.text).includes(short)));
      if (found.length === 0) {
        score = -1;
        break;
      }
      const best = Math.max(...found.map((f) => f.weight));
      score += best;
      // A word the matter's own name has says nothing about which law it is in.
      if (best < WEIGHT.own) for (const f of found) if (f.basis) bases.add(f.basis);
    }
    if (score >= 0) hits.push({ matter, score, bases: [...bases] });
  }
  // Array#sort is stable: equal scores keep the pack's order.
  return hits.sort((a, b) => b.score - a.score);
}
