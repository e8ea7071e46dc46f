/**
 * The columns of an authority list (权责清单) sheet as governments publish it, and how a header
 * cell is recognised: by its text, whatever the column order, with spaces, line breaks,
 * full-width brackets, a leading required-mark (*, ★) and a bracketed explanation ignored
 * (“职权类别（行政处罚/行政许可…）” is 职权类别). Each column names the authority-item field it
 * fills; 子项 and 承办机构 are recognised but the authority-item schema has no field for them, so
 * an import says they are not imported instead of dropping them silently.
 */

/** The fields of an authority item a column fills (`basis.setting` and `basis.implementing` for the two bases). */
export type AuthorityColumnKey =
  | 'code'
  | 'name'
  | 'nameEn'
  | 'powerType'
  | 'subjects'
  | 'sectors'
  | 'responsibleLevel'
  | 'setting'
  | 'implementing'
  | 'responsibilities'
  | 'accountability'
  | 'timeLimit'
  | 'legalReview'
  | 'notes';

/** One column: the header written on export, the other headers read as it, English label, width. */
export interface AuthorityColumn {
  key: AuthorityColumnKey;
  header: string;
  headerEn: string;
  /** Other headers governments use for the same column (e.g. 职权编码 for 事项编码). */
  aliases: readonly string[];
  /** A sheet without this column is refused, naming it. */
  required: boolean;
  /** Width on export, in characters. */
  width: number;
}

/** The columns in the order they are written on export. */
export const AUTHORITY_COLUMNS: readonly AuthorityColumn[] = [
  {
    key: 'code',
    header: '事项编码',
    headerEn: 'Item code',
    aliases: ['职权编码', '权力编码', '编码'],
    required: true,
    width: 22,
  },
  {
    key: 'name',
    header: '事项名称',
    headerEn: 'Item name',
    aliases: ['职权名称', '权力名称', '权力事项名称'],
    required: true,
    width: 40,
  },
  {
    key: 'nameEn',
    header: '英文名称',
    headerEn: 'English name',
    aliases: ['事项英文名称'],
    required: false,
    width: 30,
  },
  {
    key: 'powerType',
    header: '职权类别',
    headerEn: 'Power type',
    aliases: ['职权类型', '权力类别', '权力类型', '事项类型', '事项类别'],
    required: true,
    width: 12,
  },
  {
    key: 'subjects',
    header: '实施主体',
    headerEn: 'Implementing subjects',
    aliases: ['法定主体', '行使主体', '执法主体'],
    required: true,
    width: 28,
  },
  {
    key: 'sectors',
    header: '执法领域',
    headerEn: 'Sectors',
    aliases: ['所属领域', '行业领域', '领域'],
    required: false,
    width: 14,
  },
  {
    key: 'responsibleLevel',
    header: '第一责任层级',
    headerEn: 'First responsible level',
    aliases: ['责任层级', '行使层级'],
    required: false,
    width: 12,
  },
  { key: 'setting', header: '设定依据', headerEn: 'Setting basis', aliases: [], required: true, width: 40 },
  { key: 'implementing', header: '实施依据', headerEn: 'Implementing basis', aliases: [], required: false, width: 40 },
  {
    key: 'responsibilities',
    header: '责任事项',
    headerEn: 'Responsibilities',
    aliases: ['责任事项内容'],
    required: false,
    width: 60,
  },
  {
    key: 'accountability',
    header: '追责情形',
    headerEn: 'Accountability',
    aliases: ['追责情形及依据', '问责情形'],
    required: true,
    width: 60,
  },
  {
    key: 'timeLimit',
    header: '办理时限',
    headerEn: 'Time limit',
    aliases: ['法定办结时限', '办结时限', '法定时限'],
    required: false,
    width: 20,
  },
  {
    key: 'legalReview',
    header: '法制审核',
    headerEn: 'Legal review',
    aliases: ['是否法制审核', '是否需要法制审核'],
    required: false,
    width: 10,
  },
  { key: 'notes', header: '备注', headerEn: 'Notes', aliases: [], required: false, width: 30 },
];

/** Headers recognised but not imported: the authority-item schema has no field for them. */
export const UNSTORED_HEADERS: readonly { header: string; headerEn: string; aliases: readonly string[] }[] = [
  { header: '子项', headerEn: 'Sub-item', aliases: ['子项名称', '子项目'] },
  { header: '承办机构', headerEn: 'Handling office', aliases: ['承办科室', '内设机构'] },
  { header: '序号', headerEn: 'No.', aliases: [] },
];

/**
 * A header as compared: no whitespace, half-width brackets, no leading required-mark, no
 * bracketed explanation after the name.
 * @example normaliseHeader(' *职权类别（行政处罚/行政许可） ') // '职权类别'
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^[*★※]+/, '')
    .replace(/\(.*\)$/, '');
}

const BY_HEADER = new Map<string, AuthorityColumn>(
  AUTHORITY_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [h, c] as const)),
);
const UNSTORED = new Map(UNSTORED_HEADERS.flatMap((u) => [u.header, ...u.aliases].map((h) => [h, u] as const)));

/** The column a header cell names, or the unstored column it is, or nothing. */
export function columnOfHeader(
  text: string,
): { column: AuthorityColumn } | { unstored: (typeof UNSTORED_HEADERS)[number] } | undefined {
  const h = normaliseHeader(text);
  const column = BY_HEADER.get(h);
  if (column) return { column };
  const unstored = UNSTORED.get(h);
  return unstored ? { unstored } : undefined;
}

/** The column of a key (every key has one). */
export function columnOf(key: AuthorityColumnKey): AuthorityColumn {
  return AUTHORITY_COLUMNS.find((c) => c.key === key) as AuthorityColumn;
}

/** A 1-based column number as a spreadsheet letter: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
