import { ITEM_KINDS, type ItemKind } from './kinds.ts';

/**
 * Pack issues: every problem found in a pack is data, never an exception, and all of
 * them are reported. An issue names the pack, the file, the JSON pointer inside the
 * item (and the line, when the file was read from disk), a code from the closed table
 * below and a message in zh-CN and en.
 */

/** The closed table of issue codes beyond schema keywords, with their messages. */
export const ISSUE_MESSAGES = {
  'file.parse': { zh: '文件无法解析：{reason}', en: 'the file cannot be parsed: {reason}' },
  'file.unknown-folder': {
    zh: '未知的目录“{folder}”，应为 {expected} 之一',
    en: 'unknown folder "{folder}"; expected one of {expected}',
  },
  'file.not-an-object': { zh: '文件内容应为一个对象', en: 'the file must hold one object' },
  'file.code-mismatch': {
    zh: '文件名“{file}”与编码“{code}”不一致',
    en: 'file name "{file}" does not match code "{code}"',
  },
  'file.unreadable': {
    zh: '无法读取：{reason}；请检查文件权限，或把它移出配置包目录',
    en: 'cannot be read: {reason}; check its permissions, or move it out of the pack folder',
  },
  'file.special': {
    zh: '不是普通文件（{what}），未打开；配置包目录中只能有普通文件和目录',
    en: 'not a regular file ({what}), so it was not opened; a pack folder holds only regular files and folders',
  },
  'file.symlink-outside': {
    zh: '符号链接指向配置包目录之外（{target}），未读取；请把文件本身复制进配置包',
    en: 'a symbolic link to outside the pack folder ({target}), not followed; copy the file itself into the pack',
  },
  'file.too-large': {
    zh: '文件有 {size} 字节，超过单个文件 {limit} 字节的上限，未读取；请拆分为多个条目',
    en: 'the file has {size} bytes, over the limit of {limit} bytes per file, so it was not read; split it into several items',
  },
  'file.bom': {
    zh: '文件以字节顺序标记（BOM）开头；请另存为不带 BOM 的 UTF-8',
    en: 'the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM',
  },
  'file.utf16': {
    zh: '文件不是 UTF-8 文本（UTF-16/UTF-32 或二进制：含 NUL 字节）；请另存为 UTF-8',
    en: 'the file is not UTF-8 text (UTF-16/UTF-32 or binary: it has NUL bytes); save it as UTF-8',
  },
  'file.not-utf8': {
    zh: '第 {offset} 字节起不是有效的 UTF-8；请另存为 UTF-8（不要用 GBK 等编码）',
    en: 'invalid UTF-8 from byte {offset}; save the file as UTF-8 (not GBK or another encoding)',
  },
  'file.duplicate-key': {
    zh: '键“{key}”在同一映射中重复；请只保留一个',
    en: 'key "{key}" appears twice in one mapping; keep one',
  },
  'file.yaml-tag': {
    zh: '不允许使用 YAML 标签 {tag}；配置包只用普通的 YAML 值，请删去该标签',
    en: 'YAML tag {tag} is not allowed; packs hold plain YAML values, so remove the tag',
  },
  'file.too-deep': {
    zh: '嵌套超过 {max} 层；请减少嵌套（例如拆为命名条件）',
    en: 'nested deeper than {max} levels; flatten it (e.g. into named conditions)',
  },
  'file.yaml-alias': {
    zh: 'YAML 别名（*名称）超过 {max} 个；请直接写出内容，不用别名',
    en: 'more than {max} YAML aliases (*name); write the values out instead',
  },
  'file.alias-expansion': {
    zh: 'YAML 别名展开后的数据超过文件本身的大小（{nodes} 个节点）；请直接写出内容，不用别名',
    en: 'YAML aliases expand the data beyond the size of the file ({nodes} nodes); write the values out instead',
  },
  'file.number-range': {
    zh: '数值 {text} 超出可精确表示的范围（整数绝对值不超过 9007199254740991，且须为有限数）；请改用较小的单位或写成字符串',
    en: 'number {text} is out of range (integers up to 9007199254740991 in size, finite numbers only); use a smaller unit or a string',
  },
  'pack.too-many-files': {
    zh: '配置包目录中超过 {limit} 个文件，未读取；请删去不属于配置包的文件',
    en: 'the pack folder has more than {limit} files, so it was not read; remove what does not belong to the pack',
  },
  'pack.too-large': {
    zh: '配置包文件合计超过 {limit} 字节，未读取',
    en: 'the files of the pack add up to more than {limit} bytes, so it was not read',
  },
  'bundle.json': { zh: '配置包文件不是有效的 JSON：{reason}', en: 'the bundle is not valid JSON: {reason}' },
  'bundle.format': { zh: '不是 {format} 格式的配置包', en: 'not a {format} bundle' },
  'bundle.hash': {
    zh: '内容哈希不符（文件记载 {recorded}，实际 {actual}），文件可能已被改动',
    en: 'content hash mismatch (recorded {recorded}, actual {actual}): the file was altered',
  },
  'manifest.missing': { zh: '缺少配置包清单 pack.yaml', en: 'the pack manifest pack.yaml is missing' },
  'code.duplicate': {
    zh: '{kind}编码“{code}”重复（另见 {other}）',
    en: 'duplicate {kind} code "{code}" (also in {other})',
  },
  'layer.base-not-found': {
    zh: '找不到所扩展的基础包“{base}”：{root} 下的配置包（{known}）都不是它；请用 --packs <目录> 指向基础包所在的目录，或改正 extends.id',
    en: 'the base pack "{base}" was not found among the packs in {root} ({known}); point --packs <dir> at the folder that holds it, or correct extends.id',
  },
  'layer.base-version': {
    zh: '基础包“{base}”的版本 {version} 不满足 {range}',
    en: 'base pack "{base}" is version {version}, which does not satisfy {range}',
  },
  'layer.cycle': { zh: '配置包扩展关系成环：{chain}', en: 'packs extend each other in a cycle: {chain}' },
  'layer.add-exists': {
    zh: '基础包中已有{kind}“{code}”；修改它请放在 overrides/ 目录下',
    en: 'the base already has {kind} "{code}"; to change it, put the file under overrides/',
  },
  'layer.override-missing': {
    zh: '基础包中没有{kind}“{code}”，无法覆盖',
    en: 'the base has no {kind} "{code}" to override',
  },
  'layer.remove-missing': {
    zh: '基础包中没有{kind}“{code}”，无法删除',
    en: 'the base has no {kind} "{code}" to remove',
  },
  'layer.no-base': {
    zh: '没有 extends 的配置包不能覆盖或删除条目',
    en: 'a pack without extends cannot override or remove items',
  },
  'layer.element-key-missing': {
    zh: '按键合并的数组中每个元素都须写明键（{key}）',
    en: 'each element of a keyed array must give its key ({key})',
  },
  'layer.element-duplicate': {
    zh: '键“{key}”在数组中出现不止一次，无法确定所指元素',
    en: 'the key "{key}" appears more than once, so the element it means is ambiguous',
  },
  'layer.element-missing': {
    zh: '基础包的数组中没有键为“{key}”的元素，无法删除',
    en: 'the base array has no element with key "{key}" to remove',
  },
  'layer.element-remove-extra': {
    zh: '标记 $remove 的元素“{key}”只写键，不应再有 {fields}',
    en: 'element "{key}" marked $remove holds only its key, not {fields}',
  },
  'layer.element-position-missing': {
    zh: '$after 或 $before 所指的元素“{key}”不存在',
    en: 'the element "{key}" named by $after or $before does not exist',
  },
  'layer.keyed-needs-v2': {
    zh: '$remove、$after、$before 只用于 metamodel: "2" 的配置包；本包为 "1"（数组整体替换），请修改清单或运行 yifa pack migrate',
    en: '$remove, $after and $before work only in packs with metamodel: "2"; this pack is "1" (arrays replace whole): change the manifest or run yifa pack migrate',
  },
  'layer.base-pin': {
    zh: '找到的基础包“{base}”与 extends.pinned 不符：锁定 {pinned}，找到 {found}；请用 yifa pack rebase 升级到此基础包',
    en: 'the base pack "{base}" found does not match extends.pinned: pinned {pinned}, found {found}; upgrade onto it with yifa pack rebase',
  },
  'ref.unresolved': { zh: '引用的{kind}“{code}”不存在', en: 'referenced {kind} "{code}" does not exist' },
  'ref.codelist-entry': {
    zh: '“{code}”不是代码表“{codelist}”中的条目',
    en: '"{code}" is not an entry of codelist "{codelist}"',
  },
  'ref.removed': {
    zh: '引用的{kind}“{code}”已被删除；请删去此引用，或撤回该删除',
    en: 'referenced {kind} "{code}" was removed; drop this reference, or take it out of remove',
  },
  'cause.removed': {
    zh: '{by} 删除了{kind}“{code}”（{by} 的 pack.yaml 第 {line} 行）',
    en: '{by} removes {kind} "{code}" ({by}\'s pack.yaml, line {line})',
  },
  'cause.overridden': { zh: '{by} 在 {file} 中覆盖了此{kind}', en: '{by} overrides this {kind} in {file}' },
  'cause.refused': {
    zh: '{kind}“{code}”的文件 {by}/{file} 未能读取，请先改正该文件',
    en: 'the file of {kind} "{code}", {by}/{file}, was refused: correct that file first',
  },
  'cause.missing': {
    zh: '{kind}“{code}”不存在（{count} 处引用）；请新增 {file}，或改正这些引用',
    en: '{kind} "{code}" does not exist ({count} references); add {file}, or correct the references',
  },
  'workflow.start-unknown': { zh: '起始状态“{state}”不存在', en: 'start state "{state}" does not exist' },
  'workflow.no-terminal': { zh: '流程没有终止状态', en: 'the workflow has no terminal state' },
  'workflow.unreachable': {
    zh: '状态“{state}”从起始状态不可达',
    en: 'state "{state}" cannot be reached from the start',
  },
  'workflow.terminal-exit': {
    zh: '终止状态“{state}”不能再有流转',
    en: 'terminal state "{state}" must have no outgoing transition',
  },
  'workflow.dead-end': {
    zh: '非终止状态“{state}”没有任何流转',
    en: 'non-terminal state "{state}" has no outgoing transition',
  },
  'workflow.state-unknown': { zh: '状态“{state}”不存在', en: 'state "{state}" does not exist' },
  'workflow.state-duplicate': { zh: '状态编码“{state}”重复', en: 'duplicate state code "{state}"' },
  'workflow.action-duplicate': {
    zh: '状态“{state}”下的操作“{action}”重复',
    en: 'action "{action}" appears twice from state "{state}"',
  },
  'workflow.deadline-unknown': { zh: '期限“{deadline}”不存在', en: 'deadline "{deadline}" does not exist' },
  'legal-basis.versions-overlap': {
    zh: '第 {a} 个与第 {b} 个文本版本的施行期间重叠',
    en: 'text versions {a} and {b} are in force at the same time',
  },
  'legal-basis.versions-order': { zh: '版本施行日期晚于失效日期', en: 'a version ends before it starts' },
  'legal-basis.incomplete': {
    zh: '执法依据待核实：缺少 {missing}，未核实 {unverified}；引用它的文书标注“待核实”，作出决定须经法制审核',
    en: 'legal basis to be verified: missing {missing}, unverified {unverified}; documents citing it mark it 待核实, and a decision citing it needs the legal review',
  },
  'discretion.versions-overlap': {
    zh: '第 {a} 个与第 {b} 个基准版本的施行期间重叠',
    en: 'benchmark versions {a} and {b} are in force at the same time',
  },
  'discretion.versions-order': { zh: '基准版本施行日期晚于失效日期', en: 'a benchmark version ends before it starts' },
  'discretion.range-order': { zh: '幅度下限 {min} 大于上限 {max}', en: 'range minimum {min} exceeds maximum {max}' },
  'discretion.tier-out-of-range': {
    zh: '阶次“{tier}”的幅度 {min}–{max} 超出法定幅度 {legalMin}–{legalMax}',
    en: 'tier "{tier}" range {min}–{max} lies outside the legal range {legalMin}–{legalMax}',
  },
  'discretion.default-not-last': {
    zh: '无条件的阶次“{tier}”必须放在最后',
    en: 'tier "{tier}" has no condition and must be last',
  },
  'discretion.fine-missing': {
    zh: '阶次“{tier}”没有罚款幅度：不处罚款的阶次（如只处警告）须用 penalties 写明处罚种类，且不含 fine',
    en: 'tier "{tier}" has no fine range: a tier without a fine (e.g. a warning alone) must list its penalties, without fine',
  },
  'discretion.fine-not-in-penalties': {
    zh: '阶次“{tier}”有罚款幅度，但处罚种类 penalties 中没有 fine',
    en: 'tier "{tier}" has a fine range, but its penalties do not list fine',
  },
  'discretion.unknown-person': {
    zh: '“{person}”不是本版本 persons 中声明的责任人员',
    en: '"{person}" is not a responsible person declared in the version\'s persons',
  },
  'discretion.range-gap': {
    zh: '没有阶次覆盖{fined}罚款 {from}–{to}（法定幅度 {legalMin}–{legalMax}）',
    en: 'no tier covers fines on {finedEn} of {from}–{to} (legal range {legalMin}–{legalMax})',
  },
  'condition.unknown-fact': { zh: '条件使用了未声明的事实“{fact}”', en: 'the condition uses undeclared fact "{fact}"' },
  'condition.unknown-param': {
    zh: '条件使用了不存在的参数“{param}”',
    en: 'the condition uses unknown parameter "{param}"',
  },
  'condition.fact-param': {
    zh: '事实“{fact}”的参数有误：{reason}',
    en: 'parameters of fact "{fact}" are wrong: {reason}',
  },
  'condition.value-shape': { zh: '运算符“{operator}”需要{expected}', en: 'operator "{operator}" needs {expectedEn}' },
  'condition.cycle': {
    zh: '命名条件相互引用成环：{chain}',
    en: 'named conditions refer to each other in a cycle: {chain}',
  },
  'condition.too-deep': { zh: '条件嵌套超过 {max} 层', en: 'the condition is nested deeper than {max} levels' },
  'document.sets-value': {
    zh: '出具时设置的事实“{fact}”须给出 value 或 field 之一（且只能一个）',
    en: 'the fact "{fact}" set on issue needs exactly one of value and field',
  },
  'document.sets-unknown-fact': {
    zh: '出具时设置的事实“{fact}”不是平台事实或使用本文书的事项的事实（或为平台计算的事实）',
    en: 'the fact "{fact}" set on issue is not a recordable platform fact nor a fact of a matter using this document',
  },
  'document.unknown-state': {
    zh: 'editableIn 中的状态“{state}”不在任何流程中',
    en: 'the state "{state}" in editableIn is in no workflow',
  },
  'document.section-overlap': {
    zh: '字段“{field}”同时属于分部“{first}”和“{second}”',
    en: 'field "{field}" belongs to both sections "{first}" and "{second}"',
  },
  'document.issuer-cannot-issue': {
    zh: '签发角色“{role}”没有出具文书的权限（document.issue），不能签发本文书',
    en: 'the issuing role "{role}" lacks the document.issue permission and could never issue this document',
  },
  'workflow.document-field-unknown': {
    zh: '文书“{document}”没有字段“{field}”',
    en: 'document "{document}" has no field "{field}"',
  },
  'workflow.document-field-value': {
    zh: '文书字段要求须给出 equal 或 notEqual 之一（且只能一个）：{document}.{field}',
    en: 'a document field requirement needs exactly one of equal and notEqual: {document}.{field}',
  },
  'workflow.document-field-option': {
    zh: '“{value}”不是文书“{document}”字段“{field}”的选项（{options}）',
    en: '"{value}" is not an option of field "{field}" of document "{document}" ({options})',
  },
  'document.unknown-token': {
    zh: '编号格式中的“{token}”不是已知占位符',
    en: '"{token}" in the numbering pattern is not a known token',
  },
  'document.unknown-field': { zh: '字段“{field}”不存在', en: 'field "{field}" does not exist' },
  'document.field-duplicate': { zh: '字段名“{field}”重复', en: 'duplicate field name "{field}"' },
  'document.numbering-needs-seq': { zh: '编号格式必须含 {seq}', en: 'the numbering pattern must contain {seq}' },
  'document.columns-missing': { zh: '表格字段“{field}”缺少列定义', en: 'table field "{field}" has no columns' },
  'document.source-unknown': {
    zh: '字段“{field}”的预填来源“{source}”不是已知事实',
    en: 'field "{field}" is pre-filled from "{source}", which is not a known fact',
  },
  'document.options-missing': { zh: '选择型字段“{field}”缺少选项', en: 'choice field "{field}" has no options' },
  'document.options-en-length': {
    zh: '字段“{field}”的英文选项（optionsEn）有 {en} 个，选项（options）有 {count} 个，应一一对应',
    en: 'field "{field}" has {en} English options (optionsEn) for {count} options; they must match one to one',
  },
  'names.english-missing': {
    zh: '本包要求英文名称（require.englishNames），此项缺少 {count} 个：{missing}',
    en: 'this pack requires English names (require.englishNames); {count} missing here: {missing}',
  },
  'matter.authority-required': {
    zh: '执法类事项必须关联权责清单事项',
    en: 'an enforcement matter must refer to an authority item',
  },
  'matter.fact-duplicate': { zh: '事实名“{fact}”重复', en: 'duplicate fact name "{fact}"' },
  'matter.fact-enum-en-length': {
    zh: '事实“{fact}”的英文取值（enumEn）有 {en} 个，取值（enum）有 {count} 个，应一一对应',
    en: 'fact "{fact}" has {en} English values (enumEn) for {count} values (enum); they must match one to one',
  },
  'matter.fact-shadows-platform': {
    zh: '事实名“{fact}”与平台事实重名',
    en: 'fact "{fact}" has the name of a platform fact',
  },
  'role.admin-mixed': {
    zh: '三员分立：{admin}管理员角色不能拥有权限“{permission}”',
    en: 'separation of duties: a {admin} administrator role may not hold "{permission}"',
  },
  'codelist.entry-duplicate': { zh: '代码表条目“{entry}”重复', en: 'codelist entry "{entry}" appears twice' },
  'report-format.column-duplicate': {
    zh: '列编码“{column}”重复',
    en: 'column code "{column}" appears twice',
  },
  'report-format.source-or-value': {
    zh: '列“{column}”须写 source（数据来源）或 value（固定值）之一，且只写一个',
    en: 'column "{column}" must have either a source or a constant value, not both and not neither',
  },
  'report-format.unknown-field': {
    zh: '列“{column}”的来源 field:{field} 不是文书“{document}”的字段',
    en: 'column "{column}" reads field:{field}, which is not a field of document "{document}"',
  },
  'report-format.unit-not-number': {
    zh: '列“{column}”不是数值列，不能设置金额单位',
    en: 'column "{column}" is not a number, so it cannot have an amount unit',
  },
  'report-format.document-not-issued': {
    zh: '文书“{document}”不出具（issued 不为 true），不能作为报送记录',
    en: 'document "{document}" is not issued (issued is not true), so it cannot make a record',
  },
  'report-format.unknown-state': {
    zh: '状态“{state}”不是所列流程（或任何流程）的状态',
    en: 'state "{state}" is not a state of the workflows listed (or of any workflow)',
  },
  'calendar.wrong-year': { zh: '日期 {date} 不在 {year} 年', en: 'date {date} is not in {year}' },
  'org.cycle': { zh: '组织上下级关系成环：{chain}', en: 'organisations form a cycle: {chain}' },
  'org.numbering-unknown-form': {
    zh: '编号格式的键“{form}”不是本包中有编号的文书；应为有 numbering 的文书编码，或 *',
    en: 'numbering key "{form}" is not a numbered document form of this pack; use the code of a form with numbering, or *',
  },
  'org.division-province': {
    zh: '行政区划代码“{code}”的前两位“{province}”不是省级行政区划代码',
    en: 'division code "{code}" begins with "{province}", which is no province-level division',
  },
  'org.division-outside': {
    zh: '{field}“{code}”不在上级组织“{ancestor}”的行政区划 {division} 之内',
    en: '{field} "{code}" lies outside division {division} of the organisation "{ancestor}" above it',
  },
  'org.supervisor-sector': {
    zh: '行业监督组织“{supervisor}”与本组织没有相同的领域（sectors）',
    en: 'sector supervisor "{supervisor}" shares no sector with this organisation',
  },
  'org.supervisor-self': {
    zh: '行业监督组织“{supervisor}”是本组织自身或其上级，已由上下级关系覆盖',
    en: 'sector supervisor "{supervisor}" is this organisation or one above it, which the parent relation already covers',
  },
  'org.roots': {
    zh: '组织机构应有且只有一个根，现有 {count} 个',
    en: 'the organisations must have exactly one root; found {count}',
  },
  'assessment.weights': {
    zh: '指标权重合计为 {sum}，应为 100',
    en: 'indicator weights add up to {sum}; they must add up to 100',
  },
  'assessment.unknown-metric': {
    zh: '“{metric}”不是平台指标，也不是本方案的派生指标',
    en: '"{metric}" is neither a platform metric nor a derived metric of the scheme',
  },
  'assessment.metric-duplicate': {
    zh: '派生指标“{metric}”重复定义或与平台指标重名',
    en: 'derived metric "{metric}" is defined twice or has the name of a platform metric',
  },
  'assessment.metric-definition': {
    zh: '派生指标“{metric}”须且只能用 sum 或 formula 之一定义',
    en: 'derived metric "{metric}" must be defined by exactly one of sum and formula',
  },
  'assessment.metric-cycle': {
    zh: '派生指标相互引用成环：{chain}',
    en: 'derived metrics refer to each other in a cycle: {chain}',
  },
  'assessment.fallback-not-last': {
    zh: '无条件的计分规则必须放在最后',
    en: 'the scoring rule without a condition must be last',
  },
  'risk.class-duplicate': {
    zh: '风险类别“{class}”重复',
    en: 'risk class "{class}" is listed twice',
  },
  'risk.fallback': {
    zh: '只有最后一个风险类别不写条件（其余企业归入该类），其余类别都须有条件',
    en: 'only the last risk class has no condition (it takes the remaining entities); every other class needs one',
  },
  'risk.sector-twice': {
    zh: '行业领域“{sector}”已由风险分类方案“{other}”分类',
    en: 'sector "{sector}" is already classified by risk scheme "{other}"',
  },
  'review.point-duplicate': {
    zh: '评查项目编码“{point}”重复（评分按编码记录，编码须唯一）',
    en: 'review point code "{point}" is used twice (scores are recorded by code)',
  },
  'review.deduction-over': {
    zh: '扣分 {points} 超过该评查项目的满分 {maxScore}',
    en: "the deduction of {points} exceeds the point's maximum of {maxScore}",
  },
  'review.pass-mark-over': {
    zh: '合格分 {passMark} 超过满分合计 {total}，任何案卷都不能合格',
    en: 'the pass mark {passMark} exceeds the maximum total {total}: no file could pass',
  },
  'review.applies-twice': {
    zh: '“{target}”已由评查标准“{other}”评查，一类案卷只能有一套评查标准',
    en: '"{target}" is already reviewed by checklist "{other}": a file has one checklist',
  },
  'alert.unknown-placeholder': {
    zh: '消息中的占位符“{name}”不是已知事实',
    en: 'placeholder "{name}" in the message is not a known fact',
  },
  'alert.unknown-recipient': {
    zh: '通知对象“{recipient}”不是角色或已知对象',
    en: 'recipient "{recipient}" is not a role or a known recipient',
  },
  'alert.default-not-last': { zh: '无条件的预警等级必须放在最后', en: 'the level without a condition must be last' },
  'alert.include-closed-subject': {
    zh: 'includeClosed 只适用于案件预警，执法主体没有结案之说',
    en: 'includeClosed applies to case alerts only: a subject is never closed',
  },
  'param.type': { zh: '参数值类型应为 {type}', en: 'the parameter value must be of type {type}' },
  'param.dates-reversed': {
    zh: '参数值的 effectiveTo {to} 早于 effectiveFrom {from}',
    en: "the value's effectiveTo {to} is before its effectiveFrom {from}",
  },
  'param.versions-overlap': {
    zh: '{scope}的两个参数值在 {from} 起同时有效',
    en: 'two values {scopeEn} are both in force from {from}',
  },
  'test.unknown-state': {
    zh: '流程“{workflow}”中没有状态“{state}”',
    en: 'workflow "{workflow}" has no state "{state}"',
  },
  'test.unknown-action': {
    zh: '流程“{workflow}”中没有操作“{action}”',
    en: 'workflow "{workflow}" has no action "{action}"',
  },
  'test.unknown-tier': {
    zh: '裁量基准“{discretion}”中没有阶次“{tier}”',
    en: 'benchmark "{discretion}" has no tier "{tier}"',
  },
  'test.unknown-indicator': {
    zh: '考核方案“{assessment}”中没有指标“{indicator}”',
    en: 'scheme "{assessment}" has no indicator "{indicator}"',
  },
  'test.unknown-fact': {
    zh: '“{fact}”不是平台事实，也不是任何事项声明的事实，没有规则会读取它（拼写有误？）',
    en: '"{fact}" is neither a platform fact nor a fact any matter declares: no rule reads it (misspelt?)',
  },
  'test.reason-impossible': {
    zh: '流程“{workflow}”中状态“{state}”的操作“{action}”不会因 {because} 被拒绝',
    en: 'action "{action}" from state "{state}" of workflow "{workflow}" is never refused because {because}',
  },
  'test.unknown-condition': { zh: '命名条件“{condition}”不存在', en: 'named condition "{condition}" does not exist' },
  'test.opening-subject': {
    zh: '立案用例须给出立案的执法主体：org 或 subject，二者只能取其一',
    en: 'an opening case names the subject that opens the case: org or subject, one of them',
  },
  'test.opening-workflow': {
    zh: '事项“{matter}”不适用流程“{workflow}”',
    en: 'matter "{matter}" does not follow workflow "{workflow}"',
  },
  'test.opening-reason-impossible': {
    zh: '立案不会因 {because} 被拒绝：{reason}',
    en: 'opening is never refused because {because}: {reasonEn}',
  },
  'test.reason-not-in-guard': {
    zh: '操作“{action}”的 {because} 守卫没有用到“{name}”',
    en: 'the {because} guard of action "{action}" does not use "{name}"',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** A code of the table above, or `schema.<ajv keyword>` for a schema violation. */
export type IssueCode = keyof typeof ISSUE_MESSAGES | `schema.${string}`;

/** A message in both languages. */
export interface Message {
  zh: string;
  en: string;
}

/** One problem in a pack. */
export interface PackIssue {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** Pack id (the layer the file belongs to). */
  pack: string;
  /** File path relative to the pack folder, e.g. `matters/x.yaml`. */
  file: string;
  /** JSON pointer inside the item, e.g. `/transitions/3/roles/0`; empty for the whole item. */
  pointer: string;
  /** 1-based line in the file, when it was read from disk. */
  line?: number;
  message: Message;
  params: Record<string, unknown>;
  /** Set on a follow-on issue: the root cause it comes from, which reports group it under (causes.ts). */
  cause?: IssueCause;
  /** What to change, when the message does not already say it (issue-fixes.ts). */
  fix?: Message;
}

/**
 * What a follow-on issue comes from: another issue (a file that was refused), or something a
 * layer did that is not itself an error (a removal, an override), or an item that is missing.
 */
export interface IssueCause {
  code: IssueCode;
  pack: string;
  file: string;
  pointer: string;
  line?: number;
  message: Message;
  params: Record<string, unknown>;
}

/** A finding of a check on a resolved pack: the item and the pointer inside it. The validator adds pack, file and line. */
export interface Finding {
  kind: ItemKind;
  item: string;
  pointer: string;
  issue: IssueKey;
  params: Record<string, unknown>;
  severity?: 'error' | 'warning';
}

/** A key of the closed issue table. */
export type IssueKey = keyof typeof ISSUE_MESSAGES;

/** Fills `{name}` placeholders of a message template. */
export function fillTemplate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The zh/en message of an issue with its parameters; `{kind}` reads as the kind's label in each language. */
export function messageFor(issue: IssueKey, params: Record<string, unknown>): Message {
  const m = ISSUE_MESSAGES[issue];
  const info = typeof params.kind === 'string' ? findKind(params.kind) : undefined;
  const zh = info ? { ...params, kind: info.label } : params;
  const en = info ? { ...params, kind: info.labelEn.toLowerCase() } : params;
  return { zh: fillTemplate(m.zh, zh), en: fillTemplate(m.en, en) };
}

/** Shorthand for a check to report a finding. */
export function finding(
  kind: ItemKind,
  item: string,
  pointer: string,
  issue: IssueKey,
  params: Record<string, unknown> = {},
): Finding {
  return { kind, item, pointer, issue, params };
}

/** A JSON pointer from path segments (escaping ~ and /). */
export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function findKind(kind: string): (typeof ITEM_KINDS)[number] | undefined {
  return ITEM_KINDS.find((k) => k.kind === kind);
}
