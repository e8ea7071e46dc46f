/**
 * Metrics the platform measures per subject and period, for assessment indicators
 * and subject alerts. None of them is an amount of money: fines and fine totals may
 * never be assessed (行政处罚法第七十四条), so the metamodel cannot name one.
 */
export interface PlatformMetric {
  name: string;
  label: string;
  labelEn: string;
  unit: string;
}

/** The platform metrics. */
export const PLATFORM_METRICS: readonly PlatformMetric[] = [
  { name: 'officers', label: '执法人员数', labelEn: 'officers', unit: '人' },
  { name: 'certifiedOfficers', label: '持证执法人员数', labelEn: 'certified officers', unit: '人' },
  { name: 'officersWithCases', label: '参与执法人数', labelEn: 'officers who acted', unit: '人' },
  { name: 'authorityItems', label: '权责事项总数', labelEn: 'authority items', unit: '项' },
  { name: 'authorityItemsExercised', label: '履行权责事项数', labelEn: 'authority items exercised', unit: '项' },
  { name: 'enforcementActions', label: '执法信息量', labelEn: 'enforcement actions', unit: '件' },
  { name: 'inspections', label: '行政检查数', labelEn: 'inspections', unit: '次' },
  { name: 'inspectionsPlanned', label: '计划检查数', labelEn: 'inspections planned', unit: '次' },
  { name: 'jointInspections', label: '联合检查数', labelEn: 'joint inspections', unit: '次' },
  { name: 'cases', label: '案件数', labelEn: 'cases', unit: '件' },
  { name: 'closedCases', label: '结案数', labelEn: 'cases closed', unit: '件' },
  { name: 'casesNotPenalised', label: '不予处罚案件数', labelEn: 'cases closed without penalty', unit: '件' },
  { name: 'majorCases', label: '重大执法决定数', labelEn: 'major decisions', unit: '件' },
  {
    name: 'majorCasesReviewed',
    label: '经法制审核的重大执法决定数',
    labelEn: 'major decisions legally reviewed',
    unit: '件',
  },
  { name: 'overdueCases', label: '超期案件数', labelEn: 'overdue cases', unit: '件' },
  {
    name: 'overdueCaseSources',
    label: '超过核查期限未决定的案源数',
    labelEn: 'case sources past their decision day',
    unit: '条',
  },
  { name: 'reviewedFiles', label: '评查案卷数', labelEn: 'case files reviewed', unit: '卷' },
  { name: 'qualifiedFiles', label: '评查合格案卷数', labelEn: 'case files passing review', unit: '卷' },
  { name: 'reviewedFilesScore', label: '评查案卷得分合计', labelEn: 'total score of the files reviewed', unit: '分' },
  { name: 'reconsiderations', label: '行政复议案件数', labelEn: 'reconsiderations', unit: '件' },
  { name: 'reconsiderationsCorrected', label: '复议纠错数', labelEn: 'reconsiderations corrected', unit: '件' },
  { name: 'lawsuits', label: '行政诉讼案件数', labelEn: 'lawsuits', unit: '件' },
  { name: 'lawsuitsLost', label: '诉讼败诉数', labelEn: 'lawsuits lost', unit: '件' },
  { name: 'decisionsToDisclose', label: '应公示决定数', labelEn: 'decisions to disclose', unit: '件' },
  { name: 'decisionsDisclosedInTime', label: '按时公示决定数', labelEn: 'decisions disclosed in time', unit: '件' },
  { name: 'complaints', label: '投诉举报数', labelEn: 'complaints', unit: '件' },
  { name: 'complaintsHandled', label: '投诉举报按时办结数', labelEn: 'complaints handled in time', unit: '件' },
];

const byName = new Map(PLATFORM_METRICS.map((m) => [m.name, m]));

/** The platform metric of that name, if any. */
export function platformMetric(name: string): PlatformMetric | undefined {
  return byName.get(name);
}
