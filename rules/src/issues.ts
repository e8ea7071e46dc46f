/**
 * Rule issues: every problem met while compiling or evaluating a rule is data, never an
 * exception. An issue names a code from the closed table below, the JSON pointer of the
 * condition inside its item, a message in zh-CN and en, and the parameters it was built from.
 */

/** A message in both languages, Chinese first. */
export interface Message {
  zh: string;
  en: string;
}

/** One problem with a rule or with the facts it was evaluated on. */
export interface Issue {
  code: IssueCode;
  /** JSON pointer inside the item, e.g. `/versions/0/tiers/1/when/any/0`; `@code` marks a step into a named condition. */
  path: string;
  message: Message;
  params: Record<string, unknown>;
}

/** A result as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

type P = Record<string, unknown>;
const s = (v: unknown): string => (Array.isArray(v) ? v.join(' → ') : String(v));

/** The closed table of issue codes with their messages. */
export const RULE_ISSUES = {
  'fact.missing': (p: P) => ({ zh: `缺少事实“${s(p.label)}”（${s(p.fact)}）`, en: `fact ${s(p.fact)} missing` }),
  'fact.wrong-type': (p: P) => ({
    zh: `事实“${s(p.label)}”（${s(p.fact)}）应为${typeZh(p.expected)}，实为${typeZh(p.actual)}`,
    en: `fact ${s(p.fact)}: expected ${s(p.expected)}, got ${s(p.actual)}`,
  }),
  'fact.too-large': (p: P) => ({
    zh: `事实“${s(p.fact)}”的列表有 ${s(p.size)} 项，超过上限 ${s(p.max)}`,
    en: `fact ${s(p.fact)} is a list of ${s(p.size)} items, more than ${s(p.max)}`,
  }),
  'value.wrong-type': (p: P) => ({
    zh: `运算符“${s(p.operator)}”的比较值应为${typeZh(p.expected)}，实为${typeZh(p.actual)}`,
    en: `operator ${s(p.operator)} needs ${s(p.expected)} as its value, got ${s(p.actual)}`,
  }),
  'param.missing': (p: P) => ({ zh: `参数“${s(p.param)}”不存在`, en: `parameter ${s(p.param)} does not exist` }),
  'operator.unknown': (p: P) => ({ zh: `未知的运算符“${s(p.operator)}”`, en: `unknown operator ${s(p.operator)}` }),
  'condition.malformed': (p: P) => ({ zh: `条件格式有误：${s(p.reason)}`, en: `malformed condition: ${s(p.reason)}` }),
  'condition.missing': (p: P) => ({
    zh: `命名条件“${s(p.condition)}”不存在`,
    en: `named condition ${s(p.condition)} does not exist`,
  }),
  'condition.cycle': (p: P) => ({
    zh: `命名条件相互引用成环：${s(p.chain)}`,
    en: `named conditions refer to each other in a cycle: ${s(p.chain)}`,
  }),
  'condition.too-deep': (p: P) => ({
    zh: `条件嵌套超过 ${s(p.max)} 层`,
    en: `the condition is nested deeper than ${s(p.max)} levels`,
  }),
  'condition.too-large': (p: P) => ({
    zh: `条件展开后超过 ${s(p.max)} 个节点`,
    en: `the condition has more than ${s(p.max)} nodes once expanded`,
  }),
  'condition.too-many-refs': (p: P) => ({
    zh: `命名条件展开超过 ${s(p.max)} 次`,
    en: `named conditions are expanded more than ${s(p.max)} times`,
  }),
  'condition.list-too-long': (p: P) => ({
    zh: `比较值列表有 ${s(p.size)} 项，超过上限 ${s(p.max)}`,
    en: `the value list has ${s(p.size)} items, more than ${s(p.max)}`,
  }),
  'evaluation.failed': (p: P) => ({ zh: `规则求值失败：${s(p.reason)}`, en: `rule evaluation failed: ${s(p.reason)}` }),
  'expression.malformed': (p: P) => ({
    zh: `表达式格式有误：${s(p.reason)}`,
    en: `malformed expression: ${s(p.reason)}`,
  }),
  'expression.wrong-type': (p: P) => ({
    zh: `“${s(p.op)}”的参数应为${typeZh(p.expected)}，实为${typeZh(p.actual)}`,
    en: `arguments of ${s(p.op)} must be ${s(p.expected)}, got ${s(p.actual)}`,
  }),
  'expression.division-by-zero': () => ({ zh: '除数为 0', en: 'division by zero' }),
  'expression.too-long': (p: P) => ({
    zh: `拼接结果超过 ${s(p.max)} 个字符`,
    en: `the concatenation is longer than ${s(p.max)} characters`,
  }),
  'expression.undetermined': () => ({ zh: '条件无法判定，表达式无值', en: 'the condition is undetermined' }),
  'date.invalid': (p: P) => ({
    zh: `“${s(p.value)}”不是有效日期（YYYY-MM-DD）`,
    en: `"${s(p.value)}" is not a valid date (YYYY-MM-DD)`,
  }),
  'calendar.missing': (p: P) => ({
    zh: `没有 ${s(p.year)} 年的节假日历，无法计算工作日`,
    en: `no holiday calendar for ${s(p.year)}; working days cannot be counted`,
  }),
  'timeline.missing': (p: P) => ({
    zh: `案件没有进入“${s(p.state)}”的日期`,
    en: `the case has no date of entering ${s(p.state)}`,
  }),
  'today.missing': () => ({ zh: '未提供当日日期', en: 'today is not given' }),
  'deadline.unknown': (p: P) => ({
    zh: `案件没有期限“${s(p.deadline)}”的届满日期`,
    en: `the case has no due date for deadline ${s(p.deadline)}`,
  }),
  'item.missing': (p: P) => ({ zh: `找不到${s(p.kindZh)}“${s(p.code)}”`, en: `${s(p.kind)} ${s(p.code)} not found` }),
  'discretion.no-version': (p: P) => ({
    zh: `违法行为发生日 ${s(p.date)} 没有施行中的裁量基准“${s(p.benchmark)}”版本`,
    en: `no version of benchmark ${s(p.benchmark)} was in force on ${s(p.date)}, the date of the violation`,
  }),
  'guard.state-unknown': (p: P) => ({
    zh: `流程“${s(p.workflow)}”中没有状态“${s(p.state)}”`,
    en: `workflow ${s(p.workflow)} has no state ${s(p.state)}`,
  }),
  'scoring.metric-missing': (p: P) => ({ zh: `缺少指标数据“${s(p.metric)}”`, en: `metric ${s(p.metric)} missing` }),
  'scoring.zero-denominator': (p: P) => ({
    zh: `指标“${s(p.indicator)}”的分母“${s(p.metric)}”为 0，指标值为空`,
    en: `indicator ${s(p.indicator)}: denominator ${s(p.metric)} is 0, so the value is empty`,
  }),
  'scoring.empty-value': (p: P) => ({
    zh: `指标“${s(p.indicator)}”无数据，且没有规则处理空值，按满分 ${s(p.weight)} 分计`,
    en: `indicator ${s(p.indicator)} has no value and no rule for an empty value; it scores full marks (${s(p.weight)})`,
  }),
  'scoring.no-rule': (p: P) => ({
    zh: `指标“${s(p.indicator)}”没有适用的计分规则，记 0 分`,
    en: `no scoring rule of indicator ${s(p.indicator)} applies; it scores 0`,
  }),
  'scoring.points-out-of-range': (p: P) => ({
    zh: `指标“${s(p.indicator)}”得分 ${s(p.points)} 超出 0–${s(p.weight)}，已截取`,
    en: `indicator ${s(p.indicator)} scored ${s(p.points)}, outside 0–${s(p.weight)}; clamped`,
  }),
  'scoring.metric-cycle': (p: P) => ({
    zh: `派生指标相互引用成环：${s(p.chain)}，指标值为空`,
    en: `derived metrics refer to each other in a cycle: ${s(p.chain)}; the value is empty`,
  }),
  'form.computed-cycle': (p: P) => ({
    zh: `计算字段相互依赖成环：${s(p.chain)}`,
    en: `computed fields depend on each other in a cycle: ${s(p.chain)}`,
  }),
  'test.malformed': (p: P) => ({ zh: `测试用例格式有误：${s(p.reason)}`, en: `malformed test case: ${s(p.reason)}` }),
} as const satisfies Record<string, (p: P) => Message>;

/** A code of the closed table. */
export type IssueCode = keyof typeof RULE_ISSUES;

/** Builds an issue with its message. */
export function issue(code: IssueCode, path: string, params: Record<string, unknown> = {}): Issue {
  return { code, path, message: RULE_ISSUES[code](params), params };
}

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result. */
export function fail<T>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}

const TYPE_ZH: Record<string, string> = {
  number: '数字',
  integer: '整数',
  string: '文本',
  boolean: '是/否',
  date: '日期',
  array: '列表',
  list: '列表',
  pair: '[下限, 上限] 数字对',
  scalar: '单个值',
  object: '对象',
  null: '空值',
  undefined: '空值',
  function: '函数',
};

/** The Chinese name of a value type. */
export function typeZh(type: unknown): string {
  return TYPE_ZH[String(type)] ?? String(type);
}
