/**
 * Legal bases as an authority list writes them, resolved to the pack's legal-basis items: a code
 * (SPAQF-122-1), or a citation 《法》第N条 — the law by its title with or without 中华人民共和国
 * and a bracketed edition, the article in Chinese or Arabic numerals, with 款 and 项
 * (《食品安全法》第122条第1款 is 《中华人民共和国食品安全法》第一百二十二条第一款). One cell may cite
 * several, one per line or separated by ；, and one law with several articles
 * (《行政处罚法》第七十六条、第八十三条). Export writes the citation back whenever it resolves to
 * the same single item, and the code otherwise, so a written sheet reads back the same.
 */
import type { LegalBasis, Message, ResolvedPack } from '@yifa/metamodel';
import { chineseNumber } from '@yifa/rules';

/** A legal basis the pack does not hold, or a citation that names none or several. */
export interface BasisProblem {
  text: string;
  message: Message;
}

/** The pack's legal bases by code and by law and article. */
export interface BasisIndex {
  codes: ReadonlySet<string>;
  byCitation: ReadonlyMap<string, string[]>;
  /** Articles the pack holds per law, to suggest the right clause when a citation is near. */
  byLaw: ReadonlyMap<string, { article: string; code: string }[]>;
  items: ReadonlyMap<string, LegalBasis>;
}

const ARTICLE = /第([^第条款项]+)条(?:第([^第条款项]+)款)?(?:第[（(]?([^第条款项（）()]+)[）)]?项)?/g;

/** A law's title as compared: no 《》, spaces, leading 中华人民共和国 or trailing edition in brackets. */
export function lawKey(law: string): string {
  return law
    .replace(/[\s\u3000《》]/g, '')
    .replace(/[（(][^（）()]*[）)]$/, '')
    .replace(/^中华人民共和国/, '');
}

/** An article as compared (122/1/ for 第一百二十二条第一款), or undefined when it is not 第…条. */
export function articleKey(article: string): string | undefined {
  const plain = article
    .replace(/[\s\u3000]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = new RegExp(`^${ARTICLE.source}$`).exec(plain);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].map((p) => (p === undefined ? '' : chineseNumber(p)));
  return parts.some((p) => p === undefined) ? undefined : parts.join('/');
}

/** The index of a pack's legal bases. */
export function basisIndex(pack: ResolvedPack): BasisIndex {
  const byCitation = new Map<string, string[]>();
  const byLaw = new Map<string, { article: string; code: string }[]>();
  for (const [code, b] of pack.items['legal-basis']) {
    const law = lawKey(b.law);
    const key = b.article === undefined ? undefined : articleKey(b.article);
    if (key === undefined || b.article === undefined) continue;
    byCitation.set(`${law}#${key}`, [...(byCitation.get(`${law}#${key}`) ?? []), code]);
    byLaw.set(law, [...(byLaw.get(law) ?? []), { article: b.article, code }]);
  }
  return { codes: new Set(pack.items['legal-basis'].keys()), byCitation, byLaw, items: pack.items['legal-basis'] };
}

/** The codes a cell cites, in order and once each, and what could not be resolved. */
export function resolveBasis(cell: string, index: BasisIndex): { codes: string[]; problems: BasisProblem[] } {
  const codes: string[] = [];
  const problems: BasisProblem[] = [];
  const add = (code: string) => {
    if (!codes.includes(code)) codes.push(code);
  };
  for (const segment of cell.split(/[\n；;]+/).map((s) => s.trim())) {
    if (segment === '') continue;
    if (!segment.includes('《')) {
      for (const token of segment.split(/[、,，\s]+/).filter(Boolean)) {
        if (index.codes.has(token)) add(token);
        else
          problems.push({
            text: token,
            message: {
              zh: `依据“${token}”不是本配置包的执法依据编码，也不是《法律名称》第N条形式的引用`,
              en: `basis "${token}" is neither a legal-basis code of the pack nor a citation such as 《law》第N条`,
            },
          });
      }
      continue;
    }
    for (const m of segment.matchAll(/《([^》]+)》([^《]*)/g)) {
      const law = lawKey(m[1] ?? '');
      const articles = [...(m[2] ?? '').matchAll(ARTICLE)].map((a) => a[0]);
      if (articles.length === 0) {
        problems.push({
          text: m[0],
          message: {
            zh: `“${m[0]}”没有写明条款（第N条）`,
            en: `"${m[0]}" cites no article (第N条)`,
          },
        });
        continue;
      }
      for (const article of articles) {
        const key = articleKey(article);
        const found = key === undefined ? undefined : index.byCitation.get(`${law}#${key}`);
        const cited = `《${m[1]}》${article}`;
        if (found?.length === 1) add(found[0] as string);
        else if (found && found.length > 1)
          problems.push({
            text: cited,
            message: {
              zh: `“${cited}”对应多条执法依据（${found.join('、')}），请填写编码`,
              en: `"${cited}" matches several legal bases (${found.join(', ')}); give the code`,
            },
          });
        else problems.push({ text: cited, message: notFound(cited, index.byLaw.get(law)) });
      }
    }
  }
  return { codes, problems };
}

function notFound(cited: string, near: { article: string; code: string }[] | undefined): Message {
  if (!near?.length)
    return {
      zh: `“${cited}”不在本配置包的执法依据中：请先添加该执法依据`,
      en: `"${cited}" is not among the pack's legal bases: add that legal basis first`,
    };
  const some = near.slice(0, 5);
  return {
    zh: `“${cited}”不在本配置包的执法依据中；该法已有：${some.map((n) => `${n.article}（${n.code}）`).join('、')}`,
    en: `"${cited}" is not among the pack's legal bases; the pack holds of that law: ${some.map((n) => `${n.article} (${n.code})`).join(', ')}`,
  };
}

/** How a basis is written on export: its citation when that reads back as this code alone, else the code. */
export function basisText(code: string, index: BasisIndex): string {
  const b = index.items.get(code);
  if (!b?.article) return code;
  const key = articleKey(b.article);
  const found = key === undefined ? undefined : index.byCitation.get(`${lawKey(b.law)}#${key}`);
  return found?.length === 1 && found[0] === code ? `《${b.law}》${b.article}` : code;
}
