/**
 * What an officer reads, checked for the language it claims: in English no Chinese character
 * (but for what people typed — party names, addresses, free text — and official Chinese
 * identifiers such as document numbers, which the app marks `lang="zh"` or `data-user-text`), no
 * English word glued to a Chinese one, no "1 persons"; in either language no internal code
 * (a kebab-case code such as `case-filing-approval`, a camelCase fact name such as
 * `hearingNotified`, a long hex hash) unless inside a part the officer opened on purpose
 * (`data-technical`).
 */
import type { Page } from 'playwright-core';

/** Elements whose text is data typed by people (or an official Chinese identifier), or technical details asked for. */
export const EXCLUDED = 'body [lang|="zh"], [data-user-text], [data-technical]';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
/** kebab-case codes of at least two lower-case words (English compounds are listed below). */
const KEBAB = /(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])/g;
/** camelCase names (a lower-case word, then an upper-case letter). */
const CAMEL = /(?<![\w./-])[a-z]+[A-Z][A-Za-z0-9]*(?![\w-])/g;
/** Hashes and ids: 16 hex digits or more, a sha256: prefix, or a UUID. */
const HEX = /\b(?:[0-9a-f]{16,}|sha256:[0-9a-f]{6,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;
/** A Latin letter touching a Chinese character, or the placeholder of excluded data. */
const GLUED = /[A-Za-z][\u3400-\u9fff⟦]|[\u3400-\u9fff⟧][A-Za-z]/g;
const NOUNS = 'day|working day|person|case|item|document|officer|alert|hour|month|year|field|file|photo|task|review';
const ONE_PLURAL = new RegExp(`(?<![\\d.,])\\b1 (?:${NOUNS.split('|').join('s|')}s)\\b`, 'g');
const MANY_SINGULAR = new RegExp(`(?<![\\d.,])\\b(?:0|[2-9]|[1-9]\\d+) (?:${NOUNS})\\b(?!s|-)`, 'g');

/** English words written with hyphens that are words, not codes. */
const ENGLISH_COMPOUNDS = new Set([
  'read-only',
  'follow-up',
  'sign-in',
  'non-tax',
  'non-compliance',
  'on-site',
  'e-mail',
  'first-time',
  'two-officer',
  'so-called',
  'well-founded',
  'court-ordered',
  'self-employed',
  'in-person',
  'up-to-date',
  'pre-packaged',
  'no-penalty',
  'food-safety',
  'legal-affairs',
  'ready-to-eat',
  'open-air',
]);

/** One finding: what kind, the words found, and a little of the text around them. */
export interface Finding {
  kind: 'cjk' | 'code' | 'glued' | 'plural';
  found: string;
  near: string;
}

function around(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 30), index + length + 30)
    .replace(/\s+/g, ' ')
    .trim();
}

function scan(text: string, re: RegExp, kind: Finding['kind'], keep: (m: string) => boolean = () => true): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re))
    if (keep(m[0])) out.push({ kind, found: m[0], near: around(text, m.index ?? 0, m[0].length) });
  return out;
}

/**
 * Official Chinese identifiers written inside a sentence, where no element can mark them: a case
 * or document number (津滨市监案〔2026〕0001号) and a citation of a law (《中华人民共和国食品安全法》第三十五条第一款).
 */
const NUMERALS = '[一二三四五六七八九十百千零〇\\d]+';
const OFFICIAL = new RegExp(`[\\u4e00-\\u9fff]*〔\\d{4}〕\\d+号|《[^》]+》(?:第${NUMERALS}[条款项])*`, 'g');

/**
 * The problems of a visible text in a language (excluded data already replaced by ⟦⟧); `known`
 * lists pack words the format cannot yet give in English (each is named where it is built).
 */
export function findings(text: string, lang: 'zh' | 'en', known: ReadonlySet<string> = new Set()): Finding[] {
  text = text.replace(OFFICIAL, '⟦⟧');
  const codes = [
    ...scan(text, KEBAB, 'code', (m) => !ENGLISH_COMPOUNDS.has(m)),
    ...scan(text, CAMEL, 'code'),
    ...scan(text, HEX, 'code'),
  ];
  if (lang === 'zh') return codes;
  return [
    ...scan(text, CJK, 'cjk', (m) => !known.has(m)),
    ...codes,
    ...scan(text, GLUED, 'glued'),
    ...scan(text, ONE_PLURAL, 'plural'),
    ...scan(text, MANY_SINGULAR, 'plural'),
  ];
}

/**
 * The page's visible text (and its input placeholders and title), with each excluded element's
 * text replaced by ⟦⟧ — so a label glued to a name still shows as glued.
 */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate((excluded) => {
    // The page's DOM (this package's TypeScript has no DOM library: the shapes used, by hand).
    interface Node {
      textContent: string | null;
    }
    interface El extends Node {
      innerText: string;
      placeholder: string;
      parentElement: El | null;
      childNodes: Iterable<Node>;
      checkVisibility(): boolean;
      closest(selector: string): El | null;
      replaceChildren(...nodes: (Node | string)[]): void;
    }
    const doc = (
      globalThis as unknown as { document: { title: string; body: El; querySelectorAll(s: string): Iterable<El> } }
    ).document;
    // Each outermost excluded element stands as ⟦⟧ while the text is read, then gets its own
    // nodes back in the same task (React never sees the swap).
    const marked = [...doc.querySelectorAll(excluded)].filter((e) => !e.parentElement?.closest(excluded));
    const kept = marked.map((e) => [...e.childNodes]);
    marked.forEach((e) => {
      e.replaceChildren('⟦⟧');
    });
    let text: string;
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visible is the point here
      text = doc.body.innerText;
    } finally {
      marked.forEach((e, i) => {
        e.replaceChildren(...(kept[i] ?? []));
      });
    }
    const placeholders = [...doc.querySelectorAll('input[placeholder], textarea[placeholder]')]
      .filter((e) => e.checkVisibility() && !e.closest(excluded))
      .map((e) => e.placeholder);
    return [doc.title, text, ...placeholders].join('\n');
  }, EXCLUDED);
}

/** The problems of what the page shows now, each named by the screen it was seen on. */
export async function audit(
  page: Page,
  lang: 'zh' | 'en',
  screen: string,
  known: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const text = await visibleText(page);
  return findings(text, lang, known).map((f) => `[${lang}] ${screen}: ${f.kind} "${f.found}" in "${f.near}"`);
}
