/**
 * Personal data typed into free text (个人信息保护法): a 身份证号, a mainland mobile number or a
 * home address written into 检查情况, 询问记录 or a note, rather than into the party's own
 * fields. Found here, as spans, so the server can mask and seal them like the party's data and
 * a form could point them out while the officer types. Deliberately pragmatic: an 18-character
 * number is an ID only if its GB 11643 check digit and date of birth hold, and an address needs
 * an administrative unit, a road or village, and a number part, so law citations, company
 * names, dates, amounts and document numbers (津滨市监罚〔2026〕12号) are left alone.
 */
import { checkIdCardNumber } from './party.ts';

/** A piece of personal data inside a text: what it is, and where (UTF-16 offsets, end exclusive). */
export interface PersonalSpan {
  kind: 'id' | 'phone' | 'address';
  start: number;
  end: number;
}

// Not inside a longer run of letters and digits: a bank account or a credit code is not an ID.
const ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// 1[3-9] and nine digits, optionally +86 and spaced or dashed 3-4-4, not inside a longer digit run.
const PHONE = /(?<!\d)(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g;

const HAN = '\\u4e00-\\u9fa5〇';
// Words that lead into an address (住, 位于, 在) are not part of the first place name.
const NAME = `(?:(?![的了在住址是为系位到至往对把被与及或等])[${HAN}])`;
// Administrative units, each not when it starts a common word (市场, 区域, 县级, 乡村 …).
const UNIT =
  '(?:自治区|省(?!级|略|份)|市(?!场|民|值|级|面|容)|区(?!域|别|间|分|块)|县(?!级)|旗(?!下|舰|帜)|镇(?!定|静|压)|乡(?!村|镇)|街道)';
const RUN = `[${HAN}0-9０-９A-Za-z#\\-－]`;
const ROAD = '(?:大道|路|街|道|巷|弄|胡同|村|小区|社区|花园|公寓|大厦|广场)';
const NUMBER = `[0-9０-９〇零一二三四五六七八九十百千甲乙丙丁A-Za-z\\-－]{1,12}(?:号楼|号院|号|栋|幢|楼|层|单元|室|户|组)`;
// A unit, a road or village within the next 24 characters, then the run up to the last number part.
const ADDRESS = new RegExp(`${NAME}{1,6}?${UNIT}${RUN}{0,24}?${ROAD}${RUN}{0,20}${NUMBER}`, 'g');

function* matches(pattern: RegExp, text: string, kind: PersonalSpan['kind']): Generator<PersonalSpan> {
  for (const m of text.matchAll(pattern)) yield { kind, start: m.index, end: m.index + m[0].length };
}

/**
 * The 身份证号, mobile numbers and addresses in a text, in order and not overlapping (an ID is
 * taken before a phone number, a phone number before an address).
 *
 * @example
 * findPersonalData('电话13812345678') // [{ kind: 'phone', start: 2, end: 13 }]
 */
export function findPersonalData(text: string): PersonalSpan[] {
  const ids = [...matches(ID, text, 'id')].filter((s) => !checkIdCardNumber(text.slice(s.start, s.end)));
  const found: PersonalSpan[] = [];
  for (const span of [...ids, ...matches(PHONE, text, 'phone'), ...matches(ADDRESS, text, 'address')])
    if (!found.some((f) => span.start < f.end && f.start < span.end)) found.push(span);
  return found.sort((a, b) => a.start - b.start);
}
