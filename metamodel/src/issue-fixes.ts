/**
 * What to do about each issue, in zh-CN and en: the message says what is wrong, the fix says
 * what to change. Codes whose message already ends with what to do are listed in
 * FIX_IN_MESSAGE instead. Schema issues get a fix by their JSON Schema keyword. A test holds
 * every code of the issue table to one of the two.
 */
import { fillTemplate, type IssueKey, type Message, type PackIssue } from './issues.ts';
import { ITEM_KINDS } from './kinds.ts';

/** Codes whose message already says what to do. */
export const FIX_IN_MESSAGE: ReadonlySet<IssueKey> = new Set<IssueKey>([
  'file.unreadable',
  'file.special',
  'file.symlink-outside',
  'file.too-large',
  'file.bom',
  'file.utf16',
  'file.not-utf8',
  'file.duplicate-key',
  'file.yaml-tag',
  'file.too-deep',
  'file.yaml-alias',
  'file.alias-expansion',
  'file.number-range',
  'pack.too-many-files',
  'pack.too-large',
  'layer.base-not-found',
  'layer.add-exists',
  'layer.keyed-needs-v2',
  'layer.base-pin',
  'org.numbering-unknown-form',
  'ref.removed',
  'cause.removed',
  'cause.overridden',
  'cause.refused',
  'cause.missing',
]);

/** What to change, by code (`{name}` placeholders are the issue's params). */
export const ISSUE_FIXES: Partial<Record<IssueKey, Message>> = {
  'file.parse': {
    zh: '按所给行号改正 YAML 语法（缩进、引号、冒号后的空格）',
    en: 'correct the YAML syntax at that line (indentation, quotes, a space after colons)',
  },
  'file.unknown-folder': {
    zh: '把文件移入对应条目类型的目录，或删去该目录',
    en: 'move the files into the folder of their kind, or remove the folder',
  },
  'file.not-an-object': {
    zh: '文件应以“code: …”等键值开头，写一个条目',
    en: 'write one item: a mapping that starts with keys such as "code: …"',
  },
  'file.code-mismatch': {
    zh: '把文件改名为“{code}.yaml”，或改正 code',
    en: 'rename the file to "{code}.yaml", or correct its code',
  },
  'bundle.json': { zh: '重新用 yifa pack build 生成配置包文件', en: 'build the bundle again with yifa pack build' },
  'bundle.format': {
    zh: '用本平台的 yifa pack build 生成的配置包文件',
    en: 'use a bundle written by yifa pack build of this platform',
  },
  'bundle.hash': {
    zh: '不要手工修改配置包文件；从配置包目录重新打包',
    en: 'never edit a bundle by hand; build it again from the pack folder',
  },
  'manifest.missing': {
    zh: '在配置包目录下新建 pack.yaml（见 §2）',
    en: 'create pack.yaml in the pack folder (see §2)',
  },
  'code.duplicate': {
    zh: '删去其中一个文件，或给其中一个换编码',
    en: 'delete one of the two files, or give one another code',
  },
  'layer.base-version': {
    zh: '把 extends.version 改为包含 {version} 的范围，或换用满足 {range} 的基础包',
    en: 'widen extends.version to include {version}, or use a base that satisfies {range}',
  },
  'layer.cycle': {
    zh: '改正其中一个配置包的 extends，使扩展关系自下而上只有一条链',
    en: "correct one pack's extends so that the packs form one chain",
  },
  'layer.override-missing': {
    zh: '改正文件名中的编码，或把它作为新增条目移出 overrides/',
    en: 'correct the code in the file name, or move it out of overrides/ as a new item',
  },
  'layer.remove-missing': {
    zh: '改正 remove 中的 kind 和 code，或删去这一项',
    en: 'correct kind and code of this remove entry, or delete it',
  },
  'layer.no-base': {
    zh: '在 pack.yaml 中写 extends，或把覆盖的内容改为新增条目',
    en: 'add extends to pack.yaml, or turn the override into an added item',
  },
  'layer.element-key-missing': { zh: '给该元素写上键 {key}', en: 'give the element its key {key}' },
  'layer.element-duplicate': { zh: '让每个键只出现一次', en: 'make each key appear once' },
  'layer.element-missing': { zh: '改正键，或删去这个 $remove', en: 'correct the key, or delete this $remove' },
  'layer.element-remove-extra': { zh: '只保留键和 $remove', en: 'keep only the key and $remove' },
  'layer.element-position-missing': {
    zh: '改为基础包数组中已有元素的键',
    en: 'name the key of an element the base array has',
  },
  'ref.unresolved': { zh: '改正编码，或新增该{kind}', en: 'correct the code, or add that {kind}' },
  'ref.codelist-entry': {
    zh: '改用代码表“{codelist}”中的条目，或在代码表中新增“{code}”',
    en: 'use an entry of codelist "{codelist}", or add "{code}" to it',
  },
  'workflow.start-unknown': {
    zh: '把 start 改为 states 中的一个状态编码',
    en: 'set start to the code of one of the states',
  },
  'workflow.no-terminal': { zh: '给结案等状态写 terminal: true', en: 'mark the closing state terminal: true' },
  'workflow.unreachable': {
    zh: '增加进入“{state}”的流转，或删去该状态',
    en: 'add a transition into "{state}", or delete the state',
  },
  'workflow.terminal-exit': {
    zh: '删去从“{state}”出发的流转，或去掉它的 terminal',
    en: 'delete the transitions from "{state}", or drop its terminal',
  },
  'workflow.dead-end': {
    zh: '增加从“{state}”出发的流转，或把它标为 terminal',
    en: 'add a transition from "{state}", or mark it terminal',
  },
  'workflow.state-unknown': { zh: '改为 states 中已有的状态编码', en: 'use the code of a state the workflow has' },
  'workflow.state-duplicate': { zh: '给其中一个状态换编码', en: 'give one of the states another code' },
  'workflow.action-duplicate': {
    zh: '给其中一个流转换操作名，或合并它们的条件',
    en: 'rename one of the actions, or merge their conditions',
  },
  'workflow.deadline-unknown': {
    zh: '改为 deadlines 中已有的期限编码',
    en: 'use the code of a deadline the workflow has',
  },
  'legal-basis.incomplete': {
    zh: '查到后填入缺少的部分；核实后把 verification（或 source）中相应字段的 status 改为 sourced 并写明出处',
    en: 'enter the missing parts once found; once checked, set their status in verification (or source) to sourced with the reference',
  },
  'legal-basis.versions-overlap': {
    zh: '把前一版本的 effectiveTo 改为后一版本 effectiveFrom 的前一天',
    en: 'end the earlier version the day before the later one starts',
  },
  'legal-basis.versions-order': {
    zh: '交换或改正 effectiveFrom 与 effectiveTo',
    en: 'swap or correct effectiveFrom and effectiveTo',
  },
  'discretion.versions-overlap': {
    zh: '把前一版本的 effectiveTo 改为后一版本 effectiveFrom 的前一天',
    en: 'end the earlier version the day before the later one starts',
  },
  'discretion.versions-order': {
    zh: '交换或改正 effectiveFrom 与 effectiveTo',
    en: 'swap or correct effectiveFrom and effectiveTo',
  },
  'discretion.range-order': { zh: '交换 min 与 max', en: 'swap min and max' },
  'discretion.tier-out-of-range': {
    zh: '把阶次幅度收窄到 {legalMin}–{legalMax} 之内，或改正 legalRange',
    en: 'narrow the tier to within {legalMin}–{legalMax}, or correct legalRange',
  },
  'discretion.default-not-last': { zh: '把无条件的阶次移到最后', en: 'move the tier without a condition to the end' },
  'discretion.fine-missing': {
    zh: '写 fine 幅度，或写 penalties（如 [warning]）',
    en: 'give a fine range, or list penalties (e.g. [warning])',
  },
  'discretion.fine-not-in-penalties': {
    zh: '在 penalties 中加上 fine，或删去 fine 幅度',
    en: 'add fine to penalties, or drop the fine range',
  },
  'discretion.unknown-person': {
    zh: '在该版本的 persons 中声明“{person}”，或改正名称',
    en: 'declare "{person}" in the version\'s persons, or correct the name',
  },
  'discretion.range-gap': {
    zh: '调整阶次幅度，使其覆盖 {from}–{to}',
    en: 'widen the tiers so that one covers {from}–{to}',
  },
  'condition.unknown-fact': {
    zh: '在事项的 facts 中声明“{fact}”，或改为已声明的事实名（区分大小写）',
    en: 'declare "{fact}" in the matter\'s facts, or use a declared fact name (case matters)',
  },
  'condition.unknown-param': {
    zh: '新增参数“{param}”，或改为已有参数的编码',
    en: 'add parameter "{param}", or use the code of one the pack has',
  },
  'condition.fact-param': { zh: '按 §4.3 写该事实的 params', en: "give the fact's params as §4.3 describes" },
  'condition.value-shape': {
    zh: '按运算符的要求改写 value（见 §4.4）',
    en: 'write value as the operator needs (see §4.4)',
  },
  'condition.cycle': { zh: '去掉环中一个条件对另一个的引用', en: 'drop one reference of the cycle' },
  'condition.too-deep': { zh: '把内层条件拆为命名条件', en: 'move inner parts into named conditions' },
  'document.issuer-cannot-issue': {
    zh: '给角色“{role}”加上 document.issue 权限，或从 issuedBy 中去掉它',
    en: 'give the role "{role}" the document.issue permission, or take it out of issuedBy',
  },
  'workflow.document-field-unknown': {
    zh: '写文书“{document}”中已有的字段名（见该文书的 fields），或先在文书中加上该字段',
    en: 'name a field that document "{document}" has (see its fields), or add the field to the document first',
  },
  'workflow.document-field-option': {
    zh: '写字段“{field}”的选项之一：{options}',
    en: 'use one of the options of field "{field}": {options}',
  },
  'workflow.document-field-value': {
    zh: '只写 equal 或 notEqual 中的一个',
    en: 'give exactly one of equal and notEqual',
  },
  'document.sets-value': { zh: '只写 value 或 field 中的一个', en: 'give exactly one of value and field' },
  'document.sets-unknown-fact': {
    zh: '改为可记录的平台事实或事项声明的事实',
    en: 'use a recordable platform fact or a fact a matter declares',
  },
  'document.unknown-state': { zh: '改为流程中已有的状态编码', en: 'use the code of a state some workflow has' },
  'document.section-overlap': { zh: '让字段只属于一个分区', en: 'put the field in one section only' },
  'document.unknown-token': { zh: '改用 §3.9 所列的占位符', en: 'use one of the tokens §3.9 lists' },
  'document.unknown-field': {
    zh: '改为 fields 中已有的字段名，或新增该字段',
    en: 'use a field name the document has, or add the field',
  },
  'document.field-duplicate': { zh: '给其中一个字段换名', en: 'rename one of the fields' },
  'document.numbering-needs-seq': {
    zh: '在编号格式中加入 {seq} 或 {seq:4}',
    en: 'put {seq} or {seq:4} into the pattern',
  },
  'document.columns-missing': { zh: '给表格字段写 columns', en: 'give the table field its columns' },
  'document.source-unknown': { zh: '改为 fact:<已声明的事实名>', en: 'use fact:<a declared fact>' },
  'document.options-missing': { zh: '给该字段写 options', en: 'give the field its options' },
  'document.options-en-length': {
    zh: '让 optionsEn 与 options 同样多、同样顺序：每个选项一个英文名',
    en: 'give optionsEn as many entries as options, in the same order: one English label per option',
  },
  'matter.authority-required': {
    zh: '写 authorityItem，指向权责清单事项',
    en: 'set authorityItem to an authority item',
  },
  'matter.fact-duplicate': { zh: '给其中一个事实换名', en: 'rename one of the facts' },
  'matter.fact-enum-en-length': {
    zh: '让 enumEn 与 enum 同样多、同样顺序：每个取值一个英文名',
    en: 'give enumEn as many entries as enum, in the same order: one English label per value',
  },
  'matter.fact-shadows-platform': {
    zh: '给该事实换名（平台事实见 §4.5）',
    en: 'rename the fact (platform facts: §4.5)',
  },
  'role.admin-mixed': {
    zh: '把“{permission}”交给业务角色，管理员角色只保留管理权限',
    en: 'give "{permission}" to a business role; keep the administrator role to administration',
  },
  'codelist.entry-duplicate': { zh: '删去重复的条目', en: 'delete the repeated entry' },
  'calendar.wrong-year': { zh: '把该日期移到 {year} 年的日历文件中', en: 'move the date to the calendar of its year' },
  'org.cycle': { zh: '改正其中一个组织的 parent', en: 'correct the parent of one of them' },
  'org.roots': { zh: '只让一个组织没有 parent', en: 'leave exactly one organisation without a parent' },
  'assessment.weights': {
    zh: '调整各指标的 weight，使合计为 100',
    en: 'adjust the weights so that they add up to 100',
  },
  'assessment.unknown-metric': {
    zh: '改用 §4.6 所列的平台指标，或在方案中定义该指标',
    en: 'use a platform metric of §4.6, or define it in the scheme',
  },
  'assessment.metric-duplicate': { zh: '给该派生指标换名', en: 'rename the derived metric' },
  'assessment.metric-definition': { zh: '只写 sum 或 formula 中的一个', en: 'give exactly one of sum and formula' },
  'assessment.metric-cycle': { zh: '去掉环中一个指标对另一个的引用', en: 'drop one reference of the cycle' },
  'assessment.fallback-not-last': {
    zh: '把无条件的计分规则移到最后',
    en: 'move the rule without a condition to the end',
  },
  'risk.class-duplicate': {
    zh: '给每个风险类别一个不同的字母，或删去重复的类别',
    en: 'give each risk class its own letter, or remove the duplicate',
  },
  'risk.fallback': {
    zh: '给前面的类别写上 when 条件，并把不写条件的类别放在最后',
    en: 'give the earlier classes a when condition and put the class without one last',
  },
  'risk.sector-twice': {
    zh: '从其中一个方案的 sectors 中删去该领域',
    en: 'remove the sector from the sectors of one of the schemes',
  },
  'alert.unknown-placeholder': {
    zh: '改为已知事实名，或删去该占位符',
    en: 'use a known fact name, or drop the placeholder',
  },
  'alert.unknown-recipient': {
    zh: '改为角色编码或 §3.13 所列的通知对象',
    en: 'use a role code or a recipient §3.13 lists',
  },
  'alert.default-not-last': { zh: '把无条件的等级移到最后', en: 'move the level without a condition to the end' },
  'alert.include-closed-subject': {
    zh: '删除 includeClosed，或把 scope 改为 case',
    en: 'drop includeClosed, or make the rule scope: case',
  },
  'org.division-province': {
    zh: '按 GB/T 2260 改正行政区划代码（省级代码如 13 河北、12 天津）',
    en: 'correct the division code by GB/T 2260 (province codes such as 13 Hebei, 12 Tianjin)',
  },
  'org.division-outside': {
    zh: '改正{field}，或改正 parent',
    en: 'correct the {field}, or the parent',
  },
  'org.supervisor-sector': {
    zh: '从 sectorSupervisors 删去“{supervisor}”，或给两者写上共同的 sectors',
    en: 'remove "{supervisor}" from sectorSupervisors, or give both the sector they share',
  },
  'org.supervisor-self': {
    zh: '从 sectorSupervisors 删去“{supervisor}”',
    en: 'remove "{supervisor}" from sectorSupervisors',
  },
  'param.dates-reversed': {
    zh: '交换或改正 effectiveFrom 与 effectiveTo',
    en: 'swap or correct effectiveFrom and effectiveTo',
  },
  'param.versions-overlap': {
    zh: '把前一个值的 effectiveTo 改为后一个值 effectiveFrom 的前一天',
    en: 'end the earlier value the day before the later one begins (effectiveTo)',
  },
  'param.type': { zh: '把 value 改为 {type} 类型（数字不加引号）', en: 'write value as a {type} (numbers unquoted)' },
  'test.unknown-state': { zh: '改为流程“{workflow}”中已有的状态', en: 'use a state of workflow "{workflow}"' },
  'test.unknown-action': { zh: '改为流程“{workflow}”中已有的操作', en: 'use an action of workflow "{workflow}"' },
  'test.unknown-tier': { zh: '改为该基准中已有的阶次编码', en: 'use a tier code of that benchmark' },
  'test.unknown-indicator': { zh: '改为该方案中已有的指标编码', en: 'use an indicator code of that scheme' },
  'test.unknown-fact': { zh: '改正事实名（区分大小写）', en: 'correct the fact name (case matters)' },
  'test.reason-impossible': { zh: '改正期望的拒绝原因', en: 'correct the expected reason of the refusal' },
  'test.unknown-condition': { zh: '改为已有命名条件的编码', en: 'use the code of a named condition' },
  'names.english-missing': {
    zh: '补上缺少的英文名（nameEn、条件的 labelEn 等），或在 pack.yaml 中关闭 require.englishNames',
    en: "add the missing English names (nameEn, a condition's labelEn and the like), or turn require.englishNames off in pack.yaml",
  },
  'report-format.column-duplicate': {
    zh: '给其中一列改用另一个列编码，或删除重复的列',
    en: 'give one of the columns another code, or remove the duplicate',
  },
  'report-format.source-or-value': {
    zh: '从记录取值的列写 source（如 field:caseNumber、party.name），固定内容的列写 value；二者只写一个',
    en: 'write source (e.g. field:caseNumber, party.name) for a column read from the record, or value for a fixed one; not both',
  },
  'report-format.unknown-field': {
    zh: '改为该文书的字段名（见文书的 fields），或改用 party.*、org.*、case.* 等来源',
    en: 'use a field name of that document (see its fields), or another source such as party.*, org.* or case.*',
  },
  'report-format.unit-not-number': {
    zh: '删除 unit，或把列的 type 改为 number',
    en: 'remove unit, or make the column a number (type: number)',
  },
  'report-format.document-not-issued': {
    zh: '改用出具的文书（如行政处罚决定书），或在该文书中设置 issued: true',
    en: 'use an issued document (such as the penalty decision), or set issued: true on that document',
  },
  'report-format.unknown-state': {
    zh: '改为所列流程中的状态编码，或去掉 records.states 中的这一项',
    en: 'use a state code of the workflows listed, or remove it from records.states',
  },
  'review.point-duplicate': {
    zh: '给其中一个评查项目改用另一个编码（已记录的评分按编码对应，已使用的编码不要改）',
    en: 'give one of the points another code (recorded scores follow the code: keep a code once it is used)',
  },
  'review.deduction-over': {
    zh: '把该扣分项的分值改为不超过项目满分，或提高项目满分',
    en: "lower the deduction to at most the point's maximum, or raise the maximum",
  },
  'review.pass-mark-over': {
    zh: '把合格分改为不超过各项目满分之和',
    en: 'set the pass mark at or below the sum of the points’ maximums',
  },
  'review.applies-twice': {
    zh: '从其中一套评查标准的 appliesTo 中去掉这一流程或事项，或合并两套标准',
    en: "remove the workflow or matter from one checklist's appliesTo, or merge the two checklists",
  },
  'test.reason-not-in-guard': { zh: '改为该守卫实际用到的条件或事实', en: 'name a condition or fact the guard uses' },
  'test.opening-subject': {
    zh: '用 org 写本包的组织机构，或用 subject 写类型和领域',
    en: 'give org (an organisation of the pack), or subject (a type and sectors)',
  },
  'test.opening-workflow': {
    zh: '删去 workflow（用事项自己的流程），或改为事项的 alternativeWorkflows 之一',
    en: "leave workflow out (the matter's own), or name one of its alternativeWorkflows",
  },
  'test.opening-reason-impossible': { zh: '改正期望的拒绝原因', en: 'correct the expected reason of the refusal' },
};

const SCHEMA_FIXES: Record<string, Message> = {
  required: { zh: '加上该属性（见该类条目的字段表，§3）', en: "add the property (see the kind's field table, §3)" },
  additionalProperties: {
    zh: '删去该属性，或改正拼写（见该类条目的字段表，§3）',
    en: "remove the property, or correct its spelling (see the kind's field table, §3)",
  },
  type: {
    zh: '改为所需的类型（数字不加引号，由数字组成的字符串加引号）',
    en: 'write the type asked for (numbers unquoted, digit strings quoted)',
  },
  enum: { zh: '改为所列值之一', en: 'use one of the listed values' },
};
const SCHEMA_FALLBACK: Message = {
  zh: '按该类条目的字段表（§3）改正此值',
  en: "correct the value as the kind's field table (§3) says",
};

/** What to do about an issue, or undefined when its message already says it. */
export function fixFor(issue: Pick<PackIssue, 'code' | 'params'>): Message | undefined {
  if (issue.code.startsWith('schema.')) return SCHEMA_FIXES[issue.code.slice('schema.'.length)] ?? SCHEMA_FALLBACK;
  const fix = ISSUE_FIXES[issue.code as IssueKey];
  if (!fix) return undefined;
  const kind = ITEM_KINDS.find((k) => k.kind === issue.params.kind);
  const zh = kind ? { ...issue.params, kind: kind.label } : issue.params;
  const en = kind ? { ...issue.params, kind: kind.labelEn.toLowerCase() } : issue.params;
  return { zh: fillTemplate(fix.zh, zh), en: fillTemplate(fix.en, en) };
}

/** The issue with its fix, when it has one. */
export function withFix(issue: PackIssue): PackIssue {
  const fix = issue.fix ?? fixFor(issue);
  return fix ? { ...issue, fix } : issue;
}
