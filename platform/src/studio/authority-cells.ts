/**
 * The text of one authority-list cell read as the authority-item field it fills, and written back
 * the same way: a codelist entry by its code or name, a list of them, 责任事项 one stage a line
 * (立案：…), 追责情形 one a line with its bases in 【依据：…】, 办理时限 as 自立案之日起90日 or
 * 自受理之日起20个工作日, 法制审核 as 是 / 否. Each reader answers the value or a message in both
 * languages saying what is wrong and how to write it.
 */
import type { AuthorityItem, Codelist, Message } from '@yifa/metamodel';
import { chineseNumber } from '@yifa/rules';

/** A cell's value, or why it cannot be read. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: Message };

/** An entry of a codelist (or an organisation) as a cell names it. */
export interface NamedEntry {
  code: string;
  name: string;
  nameEn?: string;
  /** Other names it is known by (an organisation's short name). */
  aliases?: readonly string[];
}

const fold = (s: string) =>
  s
    .replace(/[\s\u3000]/g, '')
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase();

/** Splits a list cell on 、，,；; and line breaks. */
export function listOf(cell: string): string[] {
  return cell
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The entry a text names: its code, its name or English name (spaces and full-width letters
 * folded), an alias, or the one name it begins (其他 for 其他行政权力); undefined when none or
 * several fit.
 */
export function findEntry(text: string, entries: readonly NamedEntry[]): NamedEntry | undefined {
  const t = fold(text);
  const all = foldedOf(entries);
  const exact = all.filter((e) => e.entry.code === text.trim() || e.names.includes(t));
  if (exact.length === 1) return exact[0]?.entry;
  if (exact.length > 1 || t.length < 2) return undefined;
  const prefix = all.filter((e) => e.name.startsWith(t));
  return prefix.length === 1 ? prefix[0]?.entry : undefined;
}

/** Each list's names folded once (a sheet of 3,000 rows looks its entries up thousands of times). */
const foldedLists = new WeakMap<readonly NamedEntry[], { entry: NamedEntry; name: string; names: string[] }[]>();
function foldedOf(entries: readonly NamedEntry[]) {
  let found = foldedLists.get(entries);
  if (!found) {
    found = entries.map((entry) => ({
      entry,
      name: fold(entry.name),
      names: [entry.name, ...(entry.nameEn === undefined ? [] : [entry.nameEn]), ...(entry.aliases ?? [])].map(fold),
    }));
    foldedLists.set(entries, found);
  }
  return found;
}

/** The entries of a codelist of the pack (none when the pack lacks it). */
export function entriesOf(list: Codelist | undefined): NamedEntry[] {
  return (list?.entries ?? []).map((e) => ({ code: e.code, name: e.name, ...(e.nameEn ? { nameEn: e.nameEn } : {}) }));
}

const NUMBERING = /^\s*(?:\d+[.、．)）]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*/;

/** 责任事项: one line per stage, 阶段：内容 (a leading 1. or （一） is dropped). */
export function readResponsibilities(cell: string): CellResult<NonNullable<AuthorityItem['responsibilities']>> {
  const out: NonNullable<AuthorityItem['responsibilities']> = [];
  const lines = cell.split('\n').filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^([^：:]{1,50})[：:](.+)$/s.exec(line.replace(NUMBERING, '').trim());
    const stage = m?.[1]?.trim();
    const text = m?.[2]?.trim();
    if (!stage || !text)
      return {
        ok: false,
        message: {
          zh: `第${i + 1}行“${line.trim()}”没有写明阶段：每行写“阶段：内容”，如“立案：十五个工作日内决定是否立案”`,
          en: `line ${i + 1} "${line.trim()}" names no stage: write one "stage：text" per line, e.g. 立案：十五个工作日内决定是否立案`,
        },
      };
    out.push({ stage, text });
  }
  return { ok: true, value: out };
}

/** 责任事项 as written on export. */
export function writeResponsibilities(items: AuthorityItem['responsibilities']): string {
  return (items ?? []).map((r) => `${r.stage}：${r.text}`).join('\n');
}

const BASIS_NOTE = /[【[]\s*依据\s*[：:]([^】\]]*)[】\]]\s*$/;

/** 追责情形: one a line; the bases it cites, if any, in a trailing 【依据：…】 (codes or citations). */
export function readAccountability(cell: string): { text: string; basis?: string }[] {
  return cell
    .split('\n')
    .map((l) => l.replace(NUMBERING, '').trim())
    .filter(Boolean)
    .map((line) => {
      const m = BASIS_NOTE.exec(line);
      if (!m) return { text: line };
      return { text: line.slice(0, m.index).trim(), basis: (m[1] ?? '').trim() };
    });
}

/** 追责情形 as written on export, each basis written by `basisText`. */
export function writeAccountability(
  items: AuthorityItem['accountability'],
  basisText: (code: string) => string,
): string {
  return (items ?? [])
    .map((a) => (a.basis?.length ? `${a.text}【依据：${a.basis.map(basisText).join('；')}】` : a.text))
    .join('\n');
}

const TIME_LIMIT =
  /^自?(.+?)(?:之日)?起\s*([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)\s*(个工作日|工作日|个自然日|自然日|日|天)内?$/;

/** 办理时限: 自立案之日起90日 (calendar days) or 自受理之日起20个工作日 (working days). */
export function readTimeLimit(cell: string): CellResult<NonNullable<AuthorityItem['timeLimit']>> {
  const m = TIME_LIMIT.exec(cell.replace(/[\s\u3000]/g, ''));
  const days = m
    ? chineseNumber((m[2] ?? '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))
    : undefined;
  if (!m || days === undefined || !m[1])
    return {
      ok: false,
      message: {
        zh: `办理时限“${cell}”无法识别：请写“自立案之日起90日”或“自受理之日起20个工作日”`,
        en: `time limit "${cell}" is not understood: write 自立案之日起90日 (90 calendar days from 立案) or 自受理之日起20个工作日 (20 working days)`,
      },
    };
  return { ok: true, value: { days, kind: (m[3] ?? '').includes('工作日') ? 'working' : 'calendar', from: m[1] } };
}

/** 办理时限 as written on export. */
export function writeTimeLimit(t: AuthorityItem['timeLimit']): string {
  return t ? `自${t.from}之日起${t.days}${t.kind === 'working' ? '个工作日' : '日'}` : '';
}

/** 法制审核: 是 / 否 (also 需要 / 不需要, Y / N, yes / no, true / false). */
export function readYesNo(cell: string): CellResult<boolean> {
  const t = fold(cell);
  if (['是', '需要', '必须', 'y', 'yes', 'true', '√'].includes(t)) return { ok: true, value: true };
  if (['否', '不需要', '无需', 'n', 'no', 'false', '×'].includes(t)) return { ok: true, value: false };
  return {
    ok: false,
    message: { zh: `“${cell}”应为“是”或“否”`, en: `"${cell}" must be 是 (yes) or 否 (no)` },
  };
}
