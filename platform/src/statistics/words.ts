/** The words the statistics API and workbook show, in zh-CN and en. */
import type { Scope } from '../auth/access.ts';
import type { GroupBy } from './table.ts';
import type { SheetWords } from './xlsx.ts';

type Both = { zh: string; en: string };

/** Each grouping's name. */
export const GROUP_NAMES: Record<GroupBy, Both> = {
  district: { zh: '按地区', en: 'By district' },
  subject: { zh: '按执法主体', en: 'By enforcement subject' },
  unit: { zh: '按执法单位', en: 'By unit' },
  officer: { zh: '按执法人员', en: 'By officer' },
  matter: { zh: '按执法事项', en: 'By matter' },
  powerType: { zh: '按职权类别', en: 'By power type' },
  sector: { zh: '按行业领域', en: 'By sector' },
  state: { zh: '按办理环节', en: 'By stage' },
  month: { zh: '按月份', en: 'By month' },
  year: { zh: '按年度', en: 'By year' },
};

/** Each filter's label. */
export const FILTER_NAMES = {
  district: { zh: '地区', en: 'District' },
  subject: { zh: '执法主体', en: 'Enforcement subject' },
  unit: { zh: '执法单位', en: 'Unit' },
  officer: { zh: '执法人员', en: 'Officer' },
  matter: { zh: '执法事项', en: 'Matter' },
  powerType: { zh: '职权类别', en: 'Power type' },
  sector: { zh: '行业领域', en: 'Sector' },
  state: { zh: '办理环节', en: 'Stage' },
  from: { zh: '起始月份', en: 'From month' },
  to: { zh: '截止月份', en: 'To month' },
  search: { zh: '搜索', en: 'Search' },
} as const satisfies Record<string, Both>;
export type FilterField = keyof typeof FILTER_NAMES;

/** Each data scope as the sheet and the page name it. */
export const SCOPE_NAMES: Record<Scope, Both> = {
  all: { zh: '全部执法主体', en: 'All enforcement subjects' },
  'sector-supervised': {
    zh: '本主体及下级主体、按行业监督的主体',
    en: 'Own subject, its units and the subjects it supervises by sector',
  },
  'subject-tree': { zh: '本主体及下级主体', en: 'Own subject and its units' },
  subject: { zh: '本主体', en: 'Own subject' },
  own: { zh: '本人承办的案件', en: 'Own cases' },
};

/** The words of the workbook. */
export function sheetWords(lang: 'zh' | 'en'): SheetWords {
  return lang === 'zh'
    ? {
        title: '执法统计',
        groupBy: '分组',
        scope: '数据范围',
        asOf: '统计时间',
        name: '名称',
        cases: '案件数',
        open: '在办',
        closed: '办结',
        noFilters: '无',
        filters: '筛选条件',
        lang,
      }
    : {
        title: 'Enforcement statistics',
        groupBy: 'Grouped',
        scope: 'Data scope',
        asOf: 'Figures as of',
        name: 'Name',
        cases: 'Cases',
        open: 'Open',
        closed: 'Closed',
        noFilters: 'none',
        filters: 'Filters',
        lang,
      };
}
