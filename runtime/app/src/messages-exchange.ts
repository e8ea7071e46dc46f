/**
 * The words of 数据报送 (#16): the screen that exports a reporting format's records.
 * messages.ts spreads them into the app's table.
 */

/** zh-CN. */
export const EXCHANGE_ZH = {
  'exchange.nav': '数据报送',
  'exchange.title': '数据报送 · 导出',
  'exchange.intro':
    '按配置包中的报送格式（如双公示）导出本人权限范围内已出具决定书的记录；每次导出均记入执法全过程记录。个人身份证号脱敏导出。',
  'exchange.format': '报送格式',
  'exchange.period': '出具日期',
  'exchange.preview': '预览',
  'exchange.exportXlsx': '导出 .xlsx',
  'exchange.exportJson': '导出 JSON',
  'exchange.standard': '标准：{standard}',
  'exchange.columns': '{count} 列',
  'exchange.unverified': '未核实',
  'exchange.derived': '据来源整理',
  'exchange.sourced': '有出处',
  'exchange.rows': '{count} 条记录',
  'exchange.noRows': '所选期间没有记录',
  'exchange.case': '案件编号',
  'exchange.problems': '问题',
  'exchange.noProblems': '无',
  'exchange.chooseFormat': '请选择报送格式',
} as const;

/** English. */
export const EXCHANGE_EN: Record<keyof typeof EXCHANGE_ZH, string> = {
  'exchange.nav': 'Data exchange',
  'exchange.title': 'Data exchange · export',
  'exchange.intro':
    "Exports the records in your scope that have an issued decision, in one of the pack's reporting formats (such as the national double-publicity format); every export is recorded in the audit chain. A person's ID number is exported masked.",
  'exchange.format': 'Reporting format',
  'exchange.period': 'Issued between',
  'exchange.preview': 'Preview',
  'exchange.exportXlsx': 'Export .xlsx',
  'exchange.exportJson': 'Export JSON',
  'exchange.standard': 'Standard: {standard}',
  'exchange.columns': '{count, plural, one {# column} other {# columns}}',
  'exchange.unverified': 'Unverified',
  'exchange.derived': 'Derived',
  'exchange.sourced': 'Sourced',
  'exchange.rows': '{count, plural, one {# record} other {# records}}',
  'exchange.noRows': 'No records in the period chosen',
  'exchange.case': 'Case number',
  'exchange.problems': 'Problems',
  'exchange.noProblems': 'None',
  'exchange.chooseFormat': 'Choose a reporting format',
};
