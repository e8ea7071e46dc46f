/* Generated from metamodel/schemas by `npm run gen`. Do not edit: change the schema and regenerate. */

/**
 * A name shown to users (zh-CN).
 */
export type Name = string;
/**
 * The English name, where one is shown.
 */
export type NameEn = string;
export type ItemKind =
  | 'legal-basis'
  | 'authority-item'
  | 'matter'
  | 'document'
  | 'workflow'
  | 'discretion'
  | 'assessment'
  | 'alert'
  | 'role'
  | 'organisation'
  | 'condition'
  | 'parameter'
  | 'codelist'
  | 'calendar'
  | 'risk-scheme'
  | 'review-checklist'
  | 'report-format'
  | 'test';
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code = string;
/**
 * Free text for implementers: context, sources, what is local practice.
 */
export type Notes = string;
/**
 * First day in force.
 */
export type IsoDate = string;
/**
 * Last day in force (inclusive); open-ended when absent.
 */
export type IsoDate1 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code1 = string;
/**
 * First day in force.
 */
export type IsoDate2 = string;
/**
 * Last day in force (inclusive); open-ended when absent.
 */
export type IsoDate3 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code2 = string;
/**
 * First day in force.
 */
export type IsoDate4 = string;
/**
 * Last day in force (inclusive); open-ended when absent.
 */
export type IsoDate5 = string;
export type CodeList = Code[];
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate6 = string;
/**
 * A name shown to users (zh-CN).
 */
export type Name1 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate7 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate8 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code3 = string;
/**
 * Entries of the codelist 'sectors': which kind of department exercises it.
 *
 * @minItems 1
 */
export type CodeList1 = [Code, ...Code[]];
/**
 * Entries of the codelist 'org-types' whose subjects may exercise it.
 */
export type CodeList2 = Code[];
/**
 * 设定依据: legal-basis codes.
 *
 * @minItems 1
 */
export type CodeList3 = [Code, ...Code[]];
/**
 * 实施依据: legal-basis codes.
 */
export type CodeList4 = Code[];
/**
 * calendar: natural days; working: working days by the pack's holiday calendar (行政处罚法第八十五条).
 */
export type DayKind = 'calendar' | 'working';
/**
 * 行业业务监督: the organisations that supervise it in its sector besides its administrative parent (a district's market regulator over the development zone's market bureau). Each must share a sector with it; a role with scope sector-supervised at a supervisor reads its cases.
 */
export type CodeList5 = Code[];
export type Condition = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;
/**
 * The English twin of the condition's label: what English explanations and refusals say instead of the Chinese label. Required where the pack requires English names.
 */
export type LabelEn = string;
/**
 * A fact or field name: an identifier, optionally dotted (party.type).
 */
export type FieldName = string;
/**
 * json-rules-engine's built-in operators and the ones this domain adds (see docs/pack-format.md#operators).
 */
export type Operator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'containsAny'
  | 'between'
  | 'startsWith'
  | 'exists'
  | 'dateBefore'
  | 'dateOnOrBefore'
  | 'dateAfter'
  | 'dateOnOrAfter';
/**
 * A literal, a pack parameter ({ param: code }) or another fact ({ fact: name }). There is no null: to test that a fact is absent, use the operator exists with false.
 */
export type ConditionValue = (string | number | boolean) | (string | number | boolean)[] | ParamRef | FactRef;
/**
 * A value computed from other fields; the field is read-only.
 */
export type Expression = number | string | boolean | FactRef | ParamRef | Operation;
/**
 * @minItems 1
 * @maxItems 20
 */
export type Args =
  | [Expression1]
  | [Expression1, Expression1]
  | [Expression1, Expression1, Expression1]
  | [Expression1, Expression1, Expression1, Expression1]
  | [Expression1, Expression1, Expression1, Expression1, Expression1]
  | [Expression1, Expression1, Expression1, Expression1, Expression1, Expression1]
  | [Expression1, Expression1, Expression1, Expression1, Expression1, Expression1, Expression1]
  | [Expression1, Expression1, Expression1, Expression1, Expression1, Expression1, Expression1, Expression1]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ]
  | [
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1,
      Expression1
    ];
export type Expression1 = number | string | boolean | FactRef | ParamRef | Operation;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code4 = string;
/**
 * Legal bases the refusal cites (e.g. XZCFF-42).
 */
export type CodeList6 = Code[];
/**
 * Documents filled in this state.
 */
export type CodeList7 = Code[];
/**
 * Roles that work the case in this state (their task lists).
 */
export type CodeList8 = Code[];
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code5 = string;
/**
 * @minItems 1
 */
export type CodeList9 = [Code, ...Code[]];
/**
 * Roles that may take the action; any role when absent.
 */
export type CodeList10 = Code[];
/**
 * Guard: the action is allowed only when this holds.
 */
export type Condition1 = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;
/**
 * Guard: the action is refused when this holds.
 */
export type Condition2 = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;
/**
 * The articles the action's requirements rest on; a refusal for a missing document cites them (行政处罚法第二十七条 for 移送公安机关), as the `refusal` text does for the conditions.
 */
export type CodeList11 = Code[];
/**
 * Documents that must be complete (or issued, for issued documents) before the action.
 */
export type CodeList12 = Code[];
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code6 = string;
/**
 * The English name, where one is shown.
 */
export type NameEn1 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code7 = string;
/**
 * The clock stops when the case enters any of these states.
 *
 * @minItems 1
 */
export type CodeList13 = [Code, ...Code[]];
/**
 * Who may approve it.
 */
export type CodeList14 = Code[];
/**
 * The penalty provision(s) the benchmark refines.
 *
 * @minItems 1
 */
export type CodeList15 = [Code, ...Code[]];
/**
 * An amount in yuan: a number, or an expression over case facts (e.g. ten times the goods value).
 */
export type Amount = number | string | boolean | FactRef | ParamRef | Operation;
/**
 * When continuing fines apply (e.g. refused to correct); always when absent.
 */
export type Condition3 = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;
/**
 * An amount in yuan: a number, or an expression over case facts (e.g. ten times the goods value).
 */
export type Amount1 = number | string | boolean | FactRef | ParamRef | Operation;
/**
 * The kinds of penalty of the tier (entries of the codelist penalty-kinds); a tier without fine (警告 alone) lists them without fine.
 */
export type CodeList16 = Code[];
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code8 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code9 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code10 = string;
/**
 * Other workflows an officer may choose, e.g. 简易程序.
 */
export type CodeList17 = Code[];
/**
 * 违法依据: the norms the conduct violates.
 */
export type CodeList18 = Code[];
/**
 * 处罚依据: the norms that set the penalty.
 */
export type CodeList19 = Code[];
/**
 * Entries of the codelist 'penalty-kinds' (行政处罚法第九条).
 */
export type CodeList20 = Code[];
export type FactType = 'number' | 'integer' | 'string' | 'boolean' | 'date' | 'array';
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code11 = string;
/**
 * org-types the scheme applies to; all subjects when absent.
 */
export type CodeList21 = Code[];
/**
 * A platform metric (see docs/pack-format.md#metrics) or a derived metric of the scheme.
 */
export type Metric = string;
/**
 * An expression (docs §5) whose { fact } names are metrics.
 */
export type Expression2 = number | string | boolean | FactRef | ParamRef | Operation;
/**
 * The sectors (codes of the codelist `sectors`) whose entities this scheme classifies; a plan of a sector uses the scheme that lists it. Absent: every sector without a scheme of its own.
 */
export type CodeList22 = Code[];
/**
 * Workflows whose cases count as inspections of an entity (the facts inspections3y, inspections12m); a plan opens its inspections in the first one its matter offers.
 *
 * @minItems 1
 */
export type CodeList23 = [Code, ...Code[]];
/**
 * Workflows whose cases count as penalty cases against an entity (penaltyCases3y, penaltyCases12m).
 *
 * @minItems 1
 */
export type CodeList24 = [Code, ...Code[]];
/**
 * The condition over the entity's facts (inspections3y, inspections12m, penaltyCases3y, penaltyCases12m, sector, today). Absent on the last class only.
 */
export type Condition4 = AllCondition | AnyCondition | NotCondition | ConditionReference | FactCondition;
/**
 * Facts (for a scoring case, metrics) the case expects to leave a decision undetermined: missing or of the wrong type on purpose. Any other undetermined fact fails the case, and so does a fact listed here that decided nothing.
 *
 * @minItems 1
 */
export type ExpectUndetermined = [FieldName, ...FieldName[]];
/**
 * The tier's kinds of penalty, e.g. [warning] for 警告 alone.
 */
export type CodeList25 = Code[];
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code12 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code13 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate9 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code14 = string;
/**
 * A fact or field name: an identifier, optionally dotted (party.type).
 */
export type FieldName1 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code15 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code16 = string;
/**
 * Facts (for a scoring case, metrics) the case expects to leave a decision undetermined: missing or of the wrong type on purpose. Any other undetermined fact fails the case, and so does a fact listed here that decided nothing.
 *
 * @minItems 1
 */
export type ExpectUndetermined1 = [FieldName, ...FieldName[]];
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code17 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code18 = string;
/**
 * Entries of the codelist 'sectors'.
 */
export type CodeList26 = Code[];
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate10 = string;
/**
 * A name shown to users (zh-CN).
 */
export type Name2 = string;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type IsoDate11 = string;
/**
 * A stable item code: ASCII letters and digits, joined by '-', '_' or '.'. It never changes once a case refers to it.
 */
export type Code19 = string;

export interface YifaMetamodel {
  'pack-manifest'?: PackManifest;
  codelist?: Codelist;
  parameter?: Parameter;
  calendar?: HolidayCalendar;
  'legal-basis'?: LegalBasis;
  'authority-item'?: AuthorityItem;
  organisation?: Organisation;
  role?: Role;
  'condition-item'?: NamedCondition;
  document?: DocumentForm;
  workflow?: Workflow;
  discretion?: DiscretionBenchmark;
  matter?: Matter;
  alert?: AlertRule;
  assessment?: AssessmentScheme;
  'report-format'?: ReportFormat;
  'risk-scheme'?: RiskScheme;
  'review-checklist'?: ReviewChecklist;
  test?: PackTestSuite;
}
/**
 * pack.yaml: what a pack is, which base it extends and what it removes from that base.
 */
export interface PackManifest {
  /**
   * Pack id: a region prefix and a name, e.g. cn-national, tj-binhai, nx-ningxia.
   */
  id: string;
  name: Name;
  nameEn?: NameEn;
  /**
   * Semantic version of this pack's content.
   */
  version: string;
  region: {
    /**
     * 行政区划代码 (6 digits; 000000 for the national base).
     */
    code: string;
    name: Name;
    level: 'national' | 'province' | 'city' | 'district' | 'county';
  };
  /**
   * The base pack and the versions of it this pack is written against (a semver range).
   */
  extends?: {
    id: string;
    version: string;
    /**
     * The exact base this pack was last written or rebased against: its version and the content hash of its resolved bundle (as yifa pack build prints it). A base found with another version or hash gives the warning layer.base-pin; yifa pack rebase writes it.
     */
    pinned?: {
      version: string;
      hash: string;
    };
  };
  locale: 'zh-CN';
  /**
   * The metamodel version the pack is written for: in "1" an override replaces every array whole; in "2" the arrays of identifiable things (fields, tiers, transitions …) merge element by element by their key.
   */
  metamodel: '1' | '2';
  description?: string;
  /**
   * What this pack requires of its resolved content beyond the schemas (only this pack's own manifest counts: a base's choice is not inherited).
   */
  require?: {
    /**
     * Every name an officer sees (matters and their facts, documents and their fields, workflows with their states, actions and deadlines, benchmarks with their tiers, 不予处罚 rules, circumstances and persons, roles, alerts, parameters and codelist entries) has its English name; each item lacking one gives names.english-missing.
     */
    englishNames?: boolean;
  };
  /**
   * Items of the base removed in this pack. Removing an item the base does not have is an error.
   */
  remove?: {
    kind: ItemKind;
    code: Code;
    reason: string;
  }[];
  notes?: Notes;
}
/**
 * 代码表: a list of codes a region names its own way (power types, organisation types, sectors, penalty kinds).
 */
export interface Codelist {
  code: Code;
  name: Name;
  /**
   * @minItems 1
   */
  entries: [
    {
      code: Code;
      name: Name;
      nameEn?: NameEn;
      description?: string;
    },
    ...{
      code: Code;
      name: Name;
      nameEn?: NameEn;
      description?: string;
    }[]
  ];
  source?: Source;
  notes?: Notes;
}
/**
 * Where the content comes from and how sure we are of it. 'unverified' content is shown as such in the studio.
 */
export interface Source {
  status: 'sourced' | 'derived' | 'unverified';
  ref?: string;
}
/**
 * A pack parameter: a value a region sets (听证 较大数额, 重大 thresholds, review time limits), referenced from conditions and expressions as { param: code }.
 */
export interface Parameter {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  type: 'number' | 'integer' | 'string' | 'boolean';
  /**
   * The default value: in force where no version, organisation or sector value below is.
   */
  value: number | string | boolean;
  /**
   * The default by date, where it changed: the version in force on the date the rule asks for (a case's day) wins over `value`.
   *
   * @minItems 1
   */
  versions?: [ParameterVersion, ...ParameterVersion[]];
  /**
   * Values an organisation sets for itself and every organisation under it (a city's own 听证 amounts). The subject's own organisation, else its nearest ancestor with a value in force, wins over the sector and the default.
   *
   * @minItems 1
   */
  byOrganisation?: [ParameterOrganisationValue, ...ParameterOrganisationValue[]];
  /**
   * Values for the matters of one sector (生态环境 amounts above the others): used where no organisation value is in force, before the default.
   *
   * @minItems 1
   */
  bySector?: [ParameterSectorValue, ...ParameterSectorValue[]];
  unit?: string;
  basis?: CodeList;
  source?: Source;
  notes?: Notes;
}
/**
 * A default value in force from effectiveFrom to effectiveTo.
 */
export interface ParameterVersion {
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate1;
  value: number | string | boolean;
  source?: Source;
  notes?: Notes;
}
/**
 * An organisation's own value (for it and the organisations under it), in force from effectiveFrom to effectiveTo.
 */
export interface ParameterOrganisationValue {
  organisation: Code1;
  effectiveFrom: IsoDate2;
  effectiveTo?: IsoDate3;
  value: number | string | boolean;
  source?: Source;
  notes?: Notes;
}
/**
 * A sector's value (for the matters of that sector), in force from effectiveFrom to effectiveTo.
 */
export interface ParameterSectorValue {
  sector: Code2;
  effectiveFrom: IsoDate4;
  effectiveTo?: IsoDate5;
  value: number | string | boolean;
  source?: Source;
  notes?: Notes;
}
/**
 * One year's public holidays and adjusted working days (调休), for counting working days.
 */
export interface HolidayCalendar {
  code: Code;
  name: Name;
  year: number;
  holidays: IsoDate6[];
  /**
   * Weekend days that are working days.
   */
  workdays: IsoDate6[];
  source?: Source;
  notes?: Notes;
}
/**
 * 执法依据: one article (or clause, or item) of one law, with its text versioned by the dates it is in force, so a case cites the text in force when the act was committed.
 */
export interface LegalBasis {
  code: Code;
  law: Name1;
  lawEn?: NameEn;
  /**
   * Rank in the hierarchy of norms (立法法).
   */
  level:
    '法律' | '行政法规' | '监察法规' | '地方性法规' | '自治条例和单行条例' | '部门规章' | '地方政府规章' | '规范性文件';
  issuer?: string;
  /**
   * Article, clause, item as cited, e.g. 第一百二十二条第一款. Absent while not yet known (the basis is then 待核实).
   */
  article?: string;
  /**
   * Short heading of what the article is about.
   */
  title?: string;
  /**
   * The article's texts by the dates they are in force. Absent while neither text nor dates are known (the basis is then 待核实).
   *
   * @minItems 1
   */
  versions?: [
    {
      effectiveFrom?: IsoDate7;
      effectiveTo?: IsoDate8;
      /**
       * The article's text as published. Absent while not yet known: documents then cite the article without its text, marked 待核实.
       */
      text?: string;
      /**
       * The amendment that produced this text.
       */
      amendment?: string;
    },
    ...{
      effectiveFrom?: IsoDate7;
      effectiveTo?: IsoDate8;
      /**
       * The article's text as published. Absent while not yet known: documents then cite the article without its text, marked 待核实.
       */
      text?: string;
      /**
       * The amendment that produced this text.
       */
      amendment?: string;
    }[]
  ];
  /**
   * Source and verification of single fields, where they differ from the item's source (e.g. the law and its article are verified, the text is not): by field name. A field absent from the item, or unverified here, makes the basis 待核实 (legal-basis.incomplete warns and lists them; a decision citing it needs the legal reviewer, the platform fact citesUnverifiedBasis).
   */
  verification?: {
    [k: string]: Source | undefined;
  };
  keywords?: string[];
  source?: Source;
  notes?: Notes;
}
/**
 * 权责清单事项: one power of the authority list, with its legal bases, the responsibilities at each stage and the accountability for failing them.
 */
export interface AuthorityItem {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  powerType: Code3;
  sectors: CodeList1;
  subjectTypes?: CodeList2;
  /**
   * 第一责任层级, e.g. 区级.
   */
  responsibleLevel?: string;
  basis: {
    setting: CodeList3;
    implementing?: CodeList4;
  };
  /**
   * 责任事项 by stage (立案, 调查, 审核, 告知, 决定, 送达, 执行 …).
   */
  responsibilities?: {
    stage: string;
    text: string;
  }[];
  /**
   * 追责情形.
   */
  accountability?: {
    text: string;
    basis?: CodeList;
  }[];
  /**
   * 办理时限, counted from a stage.
   */
  timeLimit?: {
    days: number;
    kind: DayKind;
    from: string;
  };
  /**
   * Whether decisions under this item always need 法制审核.
   */
  legalReview?: boolean;
  source?: Source;
  notes?: Notes;
}
/**
 * An organisation of the region's subject hierarchy (执法主体 and the bodies above them). Types and levels are the region's own (codelist 'org-types').
 */
export interface Organisation {
  code: Code;
  name: Name;
  shortName?: string;
  type: Code;
  parent?: Code;
  sectors?: CodeList;
  /**
   * 行政区划代码 (GB/T 2260, with 乡级 and 村级 extensions): 6 digits for a county or above, 9 for a 乡镇 or 街道, 12 for a village; a government's own division, or the division a department serves. It lies within its nearest ancestor's division.
   */
  divisionCode?: string;
  /**
   * The county-level division (6-digit 行政区划代码) it sits in, where that is not its parent's: a development zone's bodies sit in the district they are part of.
   */
  location?: string;
  sectorSupervisors?: CodeList5;
  /**
   * Whether it is an 执法主体 in its own name.
   */
  enforcementSubject: boolean;
  /**
   * Prefix of its document numbers, e.g. 津滨市监.
   */
  numberingPrefix?: string;
  /**
   * Its own document number patterns, where the whole pattern differs from the form's (e.g. a fire-rescue body's 消行罚决字): by document form code, or '*' for every numbered form it issues without its own entry. The same tokens as a form's numbering.pattern; unlike numberingPrefix, the words around the sequence may differ too.
   */
  numbering?: {
    [k: string]: string | undefined;
  };
  /**
   * 统一社会信用代码.
   */
  creditCode?: string;
  address?: string;
  order?: number;
  source?: Source;
  notes?: Notes;
}
/**
 * A role: what its holders may do, and over which data (their own cases, their subject, their subject and its children, or all).
 */
export interface Role {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  description?: string;
  scope: 'own' | 'subject' | 'subject-tree' | 'sector-supervised' | 'all';
  permissions: (
    | 'case.read'
    | 'case.create'
    | 'case.transition'
    | 'case.assign'
    | 'case-source.register'
    | 'case-source.decide'
    | 'document.edit'
    | 'document.issue'
    | 'evidence.upload'
    | 'discretion.override'
    | 'review.perform'
    | 'legal-affairs.handle'
    | 'alert.read'
    | 'assessment.read'
    | 'assessment.run'
    | 'assessment.publish'
    | 'exchange.export'
    | 'exchange.feed'
    | 'statistics.read'
    | 'disclosure.publish'
    | 'entity.read'
    | 'entity.manage'
    | 'inspection-plan.read'
    | 'inspection-plan.draw'
    | 'file-review.read'
    | 'file-review.run'
    | 'file-review.score'
    | 'personal-data.read'
    | 'pack.read'
    | 'pack.author'
    | 'pack.import'
    | 'pack.activate'
    | 'org.manage'
    | 'user.manage'
    | 'role.assign'
    | 'user.certify'
    | 'user.credentials'
    | 'audit.read'
    | 'audit.verify'
    | 'security.configure'
  )[];
  /**
   * 三员分立: system, audit or security administrator. An admin role holds only its own domain's permissions.
   */
  admin?: 'system' | 'audit' | 'security';
  /**
   * Holders must carry a valid 执法证 to act on cases.
   */
  requiresCertificate?: boolean;
  /**
   * Holders head the enforcement subject they belong to (负责人): alerts that notify subject-head reach them.
   */
  headsSubject?: boolean;
  /**
   * Holders must hold 法律职业资格 (法制审核, 行政处罚法第五十八条).
   */
  requiresLegalQualification?: boolean;
  source?: Source;
  notes?: Notes;
}
/**
 * A named, reusable condition, referenced from any condition as { condition: code }.
 */
export interface NamedCondition {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  basis?: CodeList;
  when: Condition;
  source?: Source;
  notes?: Notes;
}
export interface AllCondition {
  /**
   * @minItems 1
   * @maxItems 100
   */
  all: [Condition, ...Condition[]];
  /**
   * How the explanation and refusals name this group, in Chinese.
   */
  label?: string;
  labelEn?: LabelEn;
}
export interface AnyCondition {
  /**
   * @minItems 1
   * @maxItems 100
   */
  any: [Condition, ...Condition[]];
  /**
   * How the explanation and refusals name this group, in Chinese.
   */
  label?: string;
  labelEn?: LabelEn;
}
export interface NotCondition {
  not: Condition;
  /**
   * How the explanation and refusals name this group, in Chinese.
   */
  label?: string;
  labelEn?: LabelEn;
}
/**
 * A named, reusable condition of the pack (kind 'condition').
 */
export interface ConditionReference {
  condition: Code;
}
export interface FactCondition {
  fact: FieldName;
  /**
   * Parameters of a parameterised platform fact, e.g. daysSince { from: filed, kind: working }.
   */
  params?: {
    [k: string]: string | number | boolean | undefined;
  };
  operator: Operator;
  value: ConditionValue;
  /**
   * How the explanation names this test; defaults to the fact's label.
   */
  label?: string;
  labelEn?: LabelEn;
}
/**
 * The value of a pack parameter (e.g. a region's 听证 threshold).
 */
export interface ParamRef {
  param: Code;
}
/**
 * The value of a fact (or, in a document, of a field).
 */
export interface FactRef {
  fact: FieldName;
}
/**
 * 执法文书: the fields an officer fills (rendered as a form, validated on the server from the same definition), the rules that show, hide or require fields, computed fields, the numbering pattern and the print layout.
 */
export interface DocumentForm {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  /**
   * What the document is for, and the article that requires it.
   */
  purpose?: string;
  basis?: CodeList;
  /**
   * true: the document leaves the agency (to a party, a court or another body) and is immutable once issued, numbered by `numbering` when it has one (court submissions such as 答辩状 have none); false: an internal record or approval form.
   */
  issued: boolean;
  /**
   * @minItems 1
   * @maxItems 200
   */
  fields: [Field, ...Field[]];
  /**
   * Field rules: when the condition holds (over field values and case facts), the effect applies to the fields.
   */
  rules?: {
    effect: 'show' | 'hide' | 'require' | 'readOnly';
    /**
     * @minItems 1
     */
    fields: [FieldName, ...FieldName[]];
    when: Condition;
    note?: string;
  }[];
  /**
   * Workflow states in which the document may be created, edited and issued (the step it belongs to); in any state when absent. Once the case has left these states the document is read-only: the platform refuses a save or an issue with 409, naming the states.
   *
   * @minItems 1
   */
  editableIn?: [Code, ...Code[]];
  /**
   * Parts of the form filled by different roles (the officer's part, the approver's part): a field of a section is filled only by a user holding one of its roles, and a save changing another role's field is refused with 403 naming the section and its roles. Fields in no section are filled by anyone who may edit the document.
   *
   * @minItems 1
   */
  sections?: [DocumentSection, ...DocumentSection[]];
  /**
   * Roles that issue the document (签发): only a user holding one of them may issue it, and it is numbered at that issue; any role with the document.issue permission when absent. A decision (行政处罚决定书, 不予行政处罚决定书, 查封扣押决定书) is issued by the agency's head, while a notice an officer serves may stay with the officers. The platform refuses an issue by another role with 403, naming the form and these roles, and the app offers 出具 only to them.
   *
   * @minItems 1
   */
  issuedBy?: [Code, ...Code[]];
  /**
   * Case facts that issuing the document sets, in the same transaction as the issue and recorded in its audit event (e.g. serving the 告知书 sets statementNotified and statementNotifiedAt). Such facts are never typed by hand: the platform refuses them on the case's facts, naming this document.
   *
   * @minItems 1
   */
  sets?: [DocumentFactSetting, ...DocumentFactSetting[]];
  /**
   * Document number pattern. Tokens: {orgPrefix} (the organisation's numbering prefix), {orgShort}, {year}, {seq} or {seq:N} (zero-padded to N digits). Numbers are unique per pattern, organisation and year.
   */
  numbering?: {
    pattern: string;
    example?: string;
  };
  print: PrintLayout;
  source?: Source;
  notes?: Notes;
}
export interface Field {
  name: string;
  title: Name;
  titleEn?: NameEn;
  type:
    | 'string'
    | 'text'
    | 'number'
    | 'integer'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'enum'
    | 'multi-enum'
    | 'party'
    | 'legal-basis'
    | 'attachment'
    | 'signature'
    | 'table';
  required?: boolean;
  /**
   * For enum and multi-enum.
   *
   * @minItems 1
   */
  options?: [string, ...string[]];
  /**
   * English labels of the options, one per option in the same order. Shown in English; the value stored stays the Chinese option.
   *
   * @minItems 1
   */
  optionsEn?: [string, ...string[]];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /**
   * A regular expression the value must match (string fields).
   */
  pattern?: string;
  patternMessage?: string;
  unit?: string;
  default?: string | number | boolean;
  /**
   * Conditional defaults, for a field whose usual text is true only in some cases (the decision's 陈述申辩 sentence: none made, waived in writing, or made): on a new document, an empty field without a value from its `source` takes the value of the first entry whose `when` holds over the case's facts, and `default` when none does (or one cannot be decided).
   *
   * @minItems 1
   */
  defaults?: [
    {
      when: Condition;
      value: string | number | boolean;
      note?: string;
    },
    ...{
      when: Condition;
      value: string | number | boolean;
      note?: string;
    }[]
  ];
  /**
   * Pre-fill from the case: a case fact (fact:goodsValue), the party (party.name, party.address, party.idNumber), the organisation (org.name), the matter (matter.cause, matter.penaltyBasis), discretion (discretion.tier, discretion.explanation), or today. A review's document takes the legal review's opinion (review.opinion: 同意 / 修改后同意 / 不同意), comment (review.comment), reviewer's name (review.reviewer), the dates it was requested and decided (review.requestedAt, review.decidedAt) and its checklist items (review.check.<item>: true / false, or in a field with two options the first for true), filled when the reviewer gives the opinion.
   */
  source?: string;
  computed?: Expression;
  /**
   * For table fields: the columns of each row.
   *
   * @minItems 1
   * @maxItems 30
   */
  columns?: [Field, ...Field[]];
  placeholder?: string;
  description?: string;
  /**
   * Grid span on desk layouts (of 24).
   */
  width?: number;
}
/**
 * One operator applied to its arguments, e.g. { mul: [10, { fact: goodsValue }] }.
 */
export interface Operation {
  add?: Args;
  sub?: Args;
  mul?: Args;
  div?: Args;
  min?: Args;
  max?: Args;
  concat?: Args;
  round?: Args;
  ceil?: Args;
  floor?: Args;
  abs?: Args;
  if?: IfArgs;
}
/**
 * { when: condition, then: expression, else: expression }
 */
export interface IfArgs {
  when: Condition;
  then: Expression1;
  else: Expression1;
}
/**
 * A part of the form that the named roles fill.
 */
export interface DocumentSection {
  code: Code;
  title: Name;
  titleEn?: NameEn;
  /**
   * Roles that fill the section's fields.
   *
   * @minItems 1
   */
  roles: [Code, ...Code[]];
  /**
   * Names of the form's fields in this section; a field belongs to one section at most.
   *
   * @minItems 1
   */
  fields: [string, ...string[]];
}
/**
 * A case fact issuing the document sets: to `value`, or to the value of the document's field `field` (e.g. the service date), exactly one of the two; only when `when` holds over the document's values and the case facts, if given.
 */
export interface DocumentFactSetting {
  fact: FieldName;
  value?: string | number | boolean;
  field?: string;
  when?: Condition;
}
export interface PrintLayout {
  paper: 'A4' | 'A4-landscape' | 'A3';
  /**
   * Heading printed under the organisation name.
   */
  title: string;
  /**
   * @minItems 1
   */
  blocks: [PrintBlock, ...PrintBlock[]];
}
/**
 * text: a paragraph with {field} placeholders; field: label and value; table: a table field; signatures: signature lines; seal: the organisation seal and date.
 */
export interface PrintBlock {
  kind: 'number' | 'text' | 'field' | 'table' | 'signatures' | 'seal' | 'spacer';
  text?: string;
  field?: string;
  label?: string;
  /**
   * @minItems 1
   */
  signers?: [string, ...string[]];
  /**
   * For signatures: each signer's signature field, in the order of signers; its value prints as the signer's name (without it, the signature field titled <signer>签名).
   *
   * @minItems 1
   */
  fields?: [string, ...string[]];
  dateField?: string;
  align?: 'left' | 'center' | 'right';
}
/**
 * 流程: states, transitions with roles, guards and required documents, and the deadlines that run between states.
 */
export interface Workflow {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  basis?: CodeList;
  start: Code4;
  /**
   * What opening a case requires, checked on the server before the case (and its number) exists.
   */
  opening?: {
    /**
     * At least this many officers with a valid 执法证 named when the case is opened (行政处罚法第四十二条).
     */
    minOfficers: number;
    basis?: CodeList6;
  };
  /**
   * @minItems 2
   * @maxItems 100
   */
  states: [WorkflowState, WorkflowState, ...WorkflowState[]];
  /**
   * @minItems 1
   * @maxItems 400
   */
  transitions: [WorkflowTransition, ...WorkflowTransition[]];
  deadlines?: WorkflowDeadline[];
  /**
   * 公示 of this workflow's decisions: `document` is the issued document published (the 决定书, its latest issued version at publication or correction); `withdrawWithin` and `correctWithin` are how soon a disclosure is withdrawn or corrected once the decision is revoked or changed (行政处罚法第四十八条第二款), from the day that is recorded; `basis` the legal bases of these limits. Whether a matter's decisions are published, how soon and which items: the matter's `disclosure`.
   */
  disclosure?: {
    document: Code;
    withdrawWithin: Duration;
    correctWithin?: Duration;
    basis?: CodeList;
  };
  source?: Source;
  notes?: Notes;
}
export interface WorkflowState {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  /**
   * legal-review: a 法制审核 node (the reviewer's opinion is recorded); collective-discussion: 集体讨论; hearing: 听证; decision: the decision is made on leaving it; execution: 执行, where payments of the decision are recorded and the 加处罚款 and the court application deadline are counted.
   */
  kind?: 'normal' | 'legal-review' | 'collective-discussion' | 'hearing' | 'decision' | 'execution';
  terminal?: boolean;
  documents?: CodeList7;
  roles?: CodeList8;
}
export interface WorkflowTransition {
  action: Code5;
  name: Name;
  nameEn?: NameEn;
  from: Code | CodeList9;
  to: Code;
  roles?: CodeList10;
  when?: Condition1;
  unless?: Condition2;
  /**
   * Why the action is refused, as shown to the officer.
   */
  refusal?: string;
  /**
   * The refusal in English (required with `refusal` when the pack requires English names).
   */
  refusalEn?: string;
  basis?: CodeList11;
  documents?: CodeList12;
  /**
   * Values the latest version of a document of the case must hold before the action: the approver's entry on the form decides which of two actions may follow it (立案审批表 saying 同意立案 allows 批准立案 and refuses 不予立案). Each names the form, its field and `equal` or `notEqual` (exactly one); the platform refuses with 422 citing the form and the field.
   *
   * @minItems 1
   */
  documentFields?: [WorkflowDocumentField, ...WorkflowDocumentField[]];
  /**
   * The legal review opinion (法制审核意见, 行政处罚法第五十八条) that takes this reviewer's action in the opinion's one submit, in its transaction: `agree` for 同意 and 修改后同意 (审核同意), `disagree` for 不同意 (退回补充调查, with the opinion's comment as the reason). An action marked so is still taken by hand where the review page is not used.
   */
  reviewOpinion?: 'agree' | 'disagree';
  /**
   * The user must give a reason (e.g. 退回).
   */
  reasonRequired?: boolean;
  /**
   * Whether the action is a next step offered in the task lists (我的待办) of the roles that may take it; true when absent. false for exceptional actions taken from the case's page only (撤销案件, 撤销立案, 终止), which are never a next step.
   */
  task?: boolean;
  /**
   * At least this many officers on the case (行政处罚法第四十二条).
   */
  minOfficers?: number;
  extendsDeadline?: Code6;
}
/**
 * A field of the latest version of a case document that must equal (or must not equal) a value; a missing document or an empty field does not equal any value.
 */
export interface WorkflowDocumentField {
  document: Code;
  field: string;
  equal?: string | number | boolean;
  notEqual?: string | number | boolean;
}
export interface WorkflowDeadline {
  code: Code;
  name: Name;
  nameEn?: NameEn1;
  start: Code7;
  stop: CodeList13;
  days: number;
  kind: DayKind;
  basis?: CodeList;
  /**
   * Days before the limit at which the case counts as near its deadline.
   */
  warnBefore?: number;
  extension?: {
    days: number;
    kind: DayKind;
    times?: number;
    roles?: CodeList14;
    note?: string;
  };
}
export interface Duration {
  days: number;
  kind: DayKind;
}
/**
 * 裁量基准: for one penalty provision, versions by effective date (chosen by the date of the violation, 行政处罚法第三十七条), each with the legal range, the no-penalty rule, tiers chosen by conditions over case facts, and circumstances.
 */
export interface DiscretionBenchmark {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  basis: CodeList15;
  /**
   * @minItems 1
   */
  versions: [DiscretionVersion, ...DiscretionVersion[]];
  source?: Source;
  notes?: Notes;
}
export interface DiscretionVersion {
  /**
   * A label for the version, e.g. 2022.
   */
  version?: string;
  effectiveFrom: IsoDate6;
  effectiveTo?: IsoDate6;
  legalRange: FineRange;
  /**
   * 双罚: the responsible persons the provision also fines, each with its legal range; tiers give their ranges.
   */
  persons?: DiscretionPerson[];
  continuing?: DiscretionContinuing;
  /**
   * 不予处罚 rules (行政处罚法第三十三条; 轻微违法不予处罚清单), tried before the tiers.
   */
  noPenalty?: {
    code: Code;
    name: Name;
    nameEn?: NameEn;
    when: Condition;
    reason: string;
    basis?: CodeList;
    /**
     * true: 应当不予处罚; false: 可以不予处罚.
     */
    mandatory?: boolean;
  }[];
  /**
   * Tried in order; the first whose condition holds is the tier. A tier without a condition is the default and must be last.
   *
   * @minItems 1
   */
  tiers: [
    {
      code: Code;
      name: Name;
      nameEn?: NameEn;
      when?: Condition;
      penalties?: CodeList16;
      fine?: FineRange;
      /**
       * 双罚: the fines of the responsible persons in this tier.
       */
      persons?: DiscretionPersonFine[];
      /**
       * Other penalties and measures of the tier.
       */
      measures?: string[];
      description?: string;
    },
    ...{
      code: Code;
      name: Name;
      nameEn?: NameEn;
      when?: Condition;
      penalties?: CodeList16;
      fine?: FineRange;
      /**
       * 双罚: the fines of the responsible persons in this tier.
       */
      persons?: DiscretionPersonFine[];
      /**
       * Other penalties and measures of the tier.
       */
      measures?: string[];
      description?: string;
    }[]
  ];
  /**
   * 从轻 / 减轻 / 从重 circumstances (行政处罚法第三十二条, SAMR 裁量意见); they are recorded and explained with the tier.
   */
  circumstances?: {
    code: Code;
    name: Name;
    nameEn?: NameEn;
    kind: 'lighter' | 'mitigated' | 'heavier';
    when: Condition;
    basis?: CodeList;
  }[];
  /**
   * Parts of the legal range (in yuan) no tier covers on purpose, each with the reason (e.g. 无最低限时按最高限10%计: below it only 减轻, with a reason); the range-gap check does not report them.
   */
  uncovered?: {
    min: number;
    max: number;
    reason: string;
  }[];
}
export interface FineRange {
  min: Amount;
  max: Amount;
  unit?: '元';
}
/**
 * 双罚: a kind of responsible person the provision fines beside the unit (直接负责的主管人员和其他直接责任人员, 主要负责人 …), with its own legal range.
 */
export interface DiscretionPerson {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  legalRange: FineRange;
  basis?: CodeList;
}
/**
 * 按日连续处罚 (环境保护法第五十九条): when the party refused to correct after the order to correct was served, the daily amount (the original fine) for each day from the day after the service until the day the violation was found continuing or corrected (or today).
 */
export interface DiscretionContinuing {
  when?: Condition3;
  from: FactRef1;
  until?: FactRef2;
  dailyAmount: Amount1;
  basis?: CodeList;
  description?: string;
}
/**
 * The value of a fact (or, in a document, of a field).
 */
export interface FactRef1 {
  fact: FieldName;
}
/**
 * The value of a fact (or, in a document, of a field).
 */
export interface FactRef2 {
  fact: FieldName;
}
/**
 * The fine of one kind of responsible person in a tier.
 */
export interface DiscretionPersonFine {
  person: Code8;
  fine: FineRange;
}
/**
 * 执法事项: what a case is opened for. It ties an authority item to a workflow, documents, a discretion benchmark and the facts the case must record. Legal-affairs items (复议, 应诉, 合同审核 …) are matters of category legal-affairs on the same engine.
 */
export interface Matter {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  category: 'enforcement' | 'legal-affairs';
  authorityItem?: Code9;
  sector?: Code10;
  /**
   * 案由 as it appears on documents.
   */
  cause?: string;
  workflow: Code;
  alternativeWorkflows?: CodeList17;
  documents: CodeList;
  discretion?: Code;
  violatedBasis?: CodeList18;
  penaltyBasis?: CodeList19;
  penaltyKinds?: CodeList20;
  /**
   * The typed case facts this matter records; they feed rules and documents.
   */
  facts?: FactDefinition[];
  /**
   * 事后公开 of the decision.
   */
  disclosure?: {
    within: Duration;
    from: Code11;
    /**
     * The items the public page shows, in this order (the 双公示 names). 当事人 is a person's name with the 身份证号 masked, or an organisation's name with its 统一社会信用代码; a phone number or an address is never published. 公示日期 is always shown.
     *
     * @minItems 1
     */
    fields: [
      (
        | '行政处罚决定书文号'
        | '处罚名称'
        | '处罚类别'
        | '当事人'
        | '违法行为类型'
        | '违法事实'
        | '处罚依据'
        | '处罚内容'
        | '处罚机关'
        | '决定日期'
      ),
      ...(
        | '行政处罚决定书文号'
        | '处罚名称'
        | '处罚类别'
        | '当事人'
        | '违法行为类型'
        | '违法事实'
        | '处罚依据'
        | '处罚内容'
        | '处罚机关'
        | '决定日期'
      )[]
    ];
    retentionYears?: number;
    /**
     * Shorter retention when the party is a natural person.
     */
    personRetentionYears?: number;
  };
  keywords?: string[];
  source?: Source;
  notes?: Notes;
}
export interface FactDefinition {
  name: FieldName;
  label: Name;
  labelEn?: NameEn;
  type: FactType;
  /**
   * @minItems 1
   */
  enum?: [string, ...string[]];
  /**
   * English labels of the enum values, one per value in the same order. Shown in English; the value stored stays the Chinese one.
   *
   * @minItems 1
   */
  enumEn?: [string, ...string[]];
  unit?: string;
  minimum?: number;
  maximum?: number;
  required?: boolean;
  description?: string;
}
/**
 * 预警规则: when a condition on a case or a subject holds, who is warned, how severely and with what message.
 */
export interface AlertRule {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  scope: 'case' | 'subject';
  /**
   * Limit a case alert to some workflows or matters.
   */
  appliesTo?: {
    workflows?: CodeList;
    matters?: CodeList;
  };
  /**
   * A case alert that also judges closed cases (a duty that outlives the case, e.g. withdrawing the disclosure of a revoked decision); by default only open cases are scanned.
   */
  includeClosed?: boolean;
  basis?: CodeList;
  when: Condition;
  /**
   * Tried in order once the alert holds; the first whose condition holds is the level. The last has no condition.
   *
   * @minItems 1
   */
  levels: [
    {
      level: 'red' | 'orange' | 'yellow' | 'blue';
      when?: Condition;
    },
    ...{
      level: 'red' | 'orange' | 'yellow' | 'blue';
      when?: Condition;
    }[]
  ];
  /**
   * Role codes, or case-officers (the officers on the case) and subject-head (the head of the case's subject).
   *
   * @minItems 1
   */
  notify: [Code, ...Code[]];
  /**
   * Message with {fact} placeholders, e.g. 案件{caseNumber}立案已{daysSince}日.
   */
  message: string;
  messageEn?: string;
  source?: Source;
  notes?: Notes;
}
/**
 * 考核方案: indicators measured from case data, each scored by rules and weighted. Fines and fine totals are never an indicator (行政处罚法第七十四条): measures name platform metrics, none of which is money.
 */
export interface AssessmentScheme {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  period: 'month' | 'quarter' | 'half-year' | 'year';
  effectiveFrom?: IsoDate6;
  subjectTypes?: CodeList21;
  /**
   * Derived metrics of the scheme: sums (with weights) and formulas over platform metrics and other derived metrics. Indicators measure them and scoring rules read them as facts, like platform metrics.
   *
   * @maxItems 50
   */
  metrics?: DerivedMetric[];
  /**
   * @minItems 1
   * @maxItems 100
   */
  indicators: [Indicator, ...Indicator[]];
  /**
   * Grades by total score, highest first.
   */
  grades?: {
    name: Name;
    min: number;
  }[];
  basis?: CodeList;
  source?: Source;
  notes?: Notes;
}
/**
 * A metric defined from other metrics: either `sum` (each term a metric times its weight) or `formula` (an expression whose facts are metric names). Never money: its terms are metrics, none of which is an amount.
 */
export interface DerivedMetric {
  name: Metric;
  label: Name;
  labelEn?: NameEn;
  unit?: string;
  description?: string;
  /**
   * Terms added up: metric × weight (1 when absent).
   *
   * @minItems 1
   * @maxItems 20
   */
  sum?:
    | [
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ]
    | [
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        },
        {
          metric: Metric;
          weight?: number;
        }
      ];
  formula?: Expression2;
}
export interface Indicator {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  description?: string;
  measure:
    | {
        ratio: {
          numerator: Metric;
          denominator: Metric;
        };
      }
    | {
        metric: Metric;
      };
  /**
   * Full marks of the indicator; the weights of a scheme add up to 100.
   */
  weight: number;
  /**
   * Tried in order with the measured value as the fact 'value'; the first rule whose condition holds gives the points. A rule without a condition is the fallback and must be last.
   *
   * @minItems 1
   */
  scoring: [
    {
      when?: Condition;
      points: Expression1;
      note?: string;
    },
    ...{
      when?: Condition;
      points: Expression1;
      note?: string;
    }[]
  ];
  /**
   * 一票否决: scoring zero here caps the total grade at the lowest.
   */
  veto?: boolean;
}
/**
 * A reporting format (数据报送格式): how Yifa's records map to an external format (the national 双公示 items, a province's data-element standard). One record per case with an issued document of the form `records.document`; one column per external item, each with a declarative source checked at pack load.
 */
export interface ReportFormat {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  /**
   * The standard or platform the format follows, as it names itself (e.g. 信用中国 双公示 行政处罚信息).
   */
  standard: string;
  /**
   * Which cases give a record: those with an issued version of `document` (the latest issued version is the record), optionally only of these matters, workflows or current states.
   */
  records: {
    document: Code;
    /**
     * @minItems 1
     */
    matters?: [Code, ...Code[]];
    /**
     * @minItems 1
     */
    workflows?: [Code, ...Code[]];
    /**
     * @minItems 1
     */
    states?: [Code, ...Code[]];
  };
  /**
   * @minItems 1
   * @maxItems 200
   */
  columns: [ReportColumn, ...ReportColumn[]];
  source: Source;
  notes?: Notes;
}
export interface ReportColumn {
  /**
   * The column's code in the external format (e.g. CF_WSH).
   */
  code: string;
  name: Name;
  nameEn?: NameEn;
  /**
   * Where the value comes from: a field of the record's document (field:<name>), the document's number or issue date (document.number, document.issuedAt), the party (party.name, party.kind, party.idNumber — a person's masked, an organisation's code in full — party.representative), the subject (org.name, org.code, org.creditCode), the matter (matter.code, matter.name, matter.cause, matter.violatedBasis, matter.penaltyBasis) or the case (case.number, case.openedAt, case.state).
   */
  source?: string;
  /**
   * A constant written in every row instead of a source (e.g. a fixed category).
   */
  value?: string;
  /**
   * string: text; number: a number (amounts in `unit`); date: YYYY-MM-DD.
   */
  type: 'string' | 'number' | 'date';
  /**
   * For amounts stored in 元: the unit the column is in (万元 divides by 10 000).
   */
  unit?: '元' | '万元';
  /**
   * An empty value is reported as a problem of the row (the row is still exported).
   */
  required?: boolean;
  /**
   * A longer value is reported as a problem of the row (never cut).
   */
  maxLength?: number;
  /**
   * Code mapping: a value (or each value of a list) written as this external code or text; a value the map lacks is reported as a problem of the row.
   */
  map?: {
    [k: string]: string | undefined;
  };
  /**
   * How the values of a list are joined (default ';').
   */
  join?: string;
  /**
   * Filled only for parties of this kind (e.g. 统一社会信用代码 for organisations, 证件号码 for persons); empty otherwise.
   */
  partyKind?: 'person' | 'organisation';
}
/**
 * 风险分类方案 (双随机、一公开): how market entities are sorted into risk classes (A–D or a region's own) by conditions over their recorded inspections and penalty cases, and what share of each class a random inspection plan draws per year.
 */
export interface RiskScheme {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  sectors?: CodeList22;
  inspectionWorkflows: CodeList23;
  penaltyWorkflows: CodeList24;
  /**
   * Tried in order: an entity is of the first class whose condition holds over its facts; the last class has no condition and takes the rest.
   *
   * @minItems 1
   * @maxItems 10
   */
  classes:
    | [RiskClass]
    | [RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass]
    | [RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass, RiskClass];
  basis?: CodeList;
  source?: Source;
  notes?: Notes;
}
/**
 * One risk class: its code (A, B …), names, the share drawn per year and when an entity is of it.
 */
export interface RiskClass {
  /**
   * One capital letter, e.g. A (lowest risk) to D (highest).
   */
  code: string;
  name: Name;
  nameEn?: NameEn;
  /**
   * Percent of the class's entities drawn for inspection per year (抽查比例). A plan covering d days of a year draws ceil(n × rate × d / (100 × 365)) of the n entities of the class, at most n.
   */
  ratePerYear: number;
  when?: Condition4;
}
/**
 * 案卷评查标准: the checklist reviewers score a closed case's file against — basic standards (基本标准) any one of which failed makes the file unqualified with 0 points, and points grouped (立案, 调查取证, 法律适用, 程序, 文书制作, 归档 …), each with a maximum score and its usual deductions; a file passes (合格) with no basic standard failed and at least the pass mark.
 */
export interface ReviewChecklist {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  /**
   * The cases whose files this checklist reviews: those of these workflows, or of these matters (a matter listed wins over its workflow's checklist). A review round samples only cases a checklist applies to.
   */
  appliesTo: {
    workflows?: CodeList;
    matters?: CodeList;
  };
  /**
   * The least total a file needs to pass (合格), e.g. 80 of 100.
   */
  passMark: number;
  /**
   * 回避: when true, a reviewer may not be assigned a file of the enforcement subject they belong to (or of a unit under it) — files are reviewed across subjects (交叉评查). Without it, only the case's own officers are recused.
   */
  recuseOwnSubject?: boolean;
  /**
   * 基本标准 (否决项): failing any one makes the file unqualified (不合格卷) with 0 points, whatever its other points.
   *
   * @maxItems 50
   */
  basicStandards?: ReviewBasicStandard[];
  /**
   * The scored points, grouped; the maximum total is the sum of every point's maxScore.
   *
   * @minItems 1
   * @maxItems 30
   */
  groups: [ReviewGroup, ...ReviewGroup[]];
  basis?: CodeList;
  source?: Source;
  notes?: Notes;
}
export interface ReviewBasicStandard {
  code: Code;
  name: Name;
  nameEn?: NameEn;
}
export interface ReviewGroup {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  /**
   * @minItems 1
   * @maxItems 50
   */
  points: [ReviewPoint, ...ReviewPoint[]];
}
/**
 * One scored point: what the reviewer looks for, its maximum score, and the usual deductions (a reviewer may also deduct another amount up to what is left of the point, with a note).
 */
export interface ReviewPoint {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  description: string;
  descriptionEn?: string;
  maxScore: number;
  /**
   * @maxItems 30
   */
  deductions?: ReviewDeduction[];
}
export interface ReviewDeduction {
  code: Code;
  name: Name;
  nameEn?: NameEn;
  points: number;
}
/**
 * Golden cases the pack carries: given facts, the expected discretion tier, allowed and refused transitions, alert level or score; given a subject, a matter and officers, whether a case may be opened. `yifa pack test` runs them; a version publishes only when they pass.
 */
export interface PackTestSuite {
  code: Code;
  name: Name;
  /**
   * @minItems 1
   */
  cases: [
    DiscretionCase | GuardCase | AlertCase | ScoringCase | OpeningCase,
    ...(DiscretionCase | GuardCase | AlertCase | ScoringCase | OpeningCase)[]
  ];
  notes?: Notes;
}
export interface DiscretionCase {
  name: Name;
  discretion: Code;
  violationDate: IsoDate6;
  facts: TestFacts;
  proposedFine?: number;
  expectUndetermined?: ExpectUndetermined;
  expect: {
    noPenalty?: boolean;
    tier?: Code;
    fine?: {
      min: number;
      max: number;
    };
    version?: string;
    circumstances?: CodeList;
    proposedFineOutsideTier?: boolean;
    penalties?: CodeList25;
    /**
     * 双罚: each responsible person's fine range in the tier, by person code.
     */
    persons?: {
      [k: string]:
        | {
            min: number;
            max: number;
          }
        | undefined;
    };
    /**
     * 按日连续处罚: the days counted and the total (days × daily amount); false when it does not apply.
     */
    continuing?:
      | false
      | {
          days?: number;
          dailyAmount?: number;
          total?: number;
        };
  };
}
export interface TestFacts {
  [k: string]: unknown | undefined;
}
export interface GuardCase {
  name: Name;
  org?: Code12;
  sector?: Code13;
  date?: IsoDate9;
  workflow: Code;
  state: Code;
  roles: CodeList;
  facts: TestFacts;
  /**
   * The values of the latest version of the case's documents, by form code (field name → value), for transitions that require a document field (documentFields): e.g. { case-filing-approval: { agencyDecision: 同意立案 } }. A form not given has no values.
   */
  documents?: {
    [k: string]:
      | {
          [k: string]: unknown | undefined;
        }
      | undefined;
  };
  expectUndetermined?: ExpectUndetermined;
  expect: {
    allowed?: CodeList;
    /**
     * Actions that must be refused: an action code, or the action with the reason it must be refused for.
     */
    refused?: (Code | ExpectedRefusal)[];
  };
}
/**
 * A refused action with the reason it must be refused for, so that the case cannot pass on another refusal.
 */
export interface ExpectedRefusal {
  action: Code;
  /**
   * The refusal code: role (the user lacks the roles), documents (required documents not completed or issued), document-field (a document's field does not hold the value the transition's documentFields require), officers (fewer than minOfficers), certificates (an officer without a valid certificate), when (the guard's condition does not hold), unless (the guard's exclusion holds).
   */
  because: 'role' | 'documents' | 'document-field' | 'officers' | 'certificates' | 'when' | 'unless';
  condition?: Code14;
  fact?: FieldName1;
}
export interface AlertCase {
  name: Name;
  org?: Code15;
  sector?: Code16;
  alert: Code;
  today?: IsoDate6;
  facts: TestFacts;
  expectUndetermined?: ExpectUndetermined;
  expect: {
    fires: boolean;
    level?: 'red' | 'orange' | 'yellow' | 'blue';
    message?: string;
  };
}
export interface ScoringCase {
  name: Name;
  assessment: Code;
  /**
   * Measured platform metrics for one subject and period.
   */
  metrics: {
    [k: string]: number | undefined;
  };
  expectUndetermined?: ExpectUndetermined1;
  expect: {
    points?: {
      [k: string]: number | undefined;
    };
    total?: number;
    grade?: string;
    /**
     * The values of derived metrics of the scheme, by name.
     */
    metrics?: {
      [k: string]: number | undefined;
    };
  };
}
/**
 * Opening a case (立案): whether the subject may open a case of the matter (or under the authority item, or of the workflow) with these officers on this day — the authority list (权责清单: the item's subject types and sectors) and the workflow's opening.minOfficers (行政处罚法第四十二条).
 */
export interface OpeningCase {
  name: Name;
  /**
   * What is opened: a matter (its authority item and workflow), or an authority item, or a workflow (the matter's own by default; one of its alternatives when named).
   */
  opening: {
    matter?: Code;
    authorityItem?: Code;
    workflow?: Code;
  };
  org?: Code17;
  /**
   * The subject opening the case, where the pack has no organisation for it: its type and sectors (a base pack, whose regions name their own types, may give sectors alone).
   */
  subject?: {
    type?: Code18;
    sectors?: CodeList26;
    /**
     * Whether it is an 执法主体 in its own name (true unless given).
     */
    enforcementSubject?: boolean;
  };
  date: IsoDate10;
  /**
   * The officers named on the case, each with the 执法证 held for them (none: no certificate).
   *
   * @maxItems 50
   */
  officers: {
    name?: Name2;
    /**
     * The 执法证 number.
     */
    certificate?: string;
    validUntil?: IsoDate11;
  }[];
  /**
   * allowed: true, or the refusals — all of them, each with its reason.
   */
  expect:
    | {
        allowed: true;
      }
    | {
        /**
         * @minItems 1
         */
        refused: [ExpectedOpeningRefusal, ...ExpectedOpeningRefusal[]];
      };
}
/**
 * A reason opening the case must be refused for.
 */
export interface ExpectedOpeningRefusal {
  /**
   * enforcement-subject (the subject is not an 执法主体), subject-type (the authority item's implementing subject types do not include the subject's type), sector (the item's sectors do not meet the subject's), officers (fewer certified officers than opening.minOfficers), certificates (an officer without a valid 执法证 on the day).
   */
  because: 'enforcement-subject' | 'subject-type' | 'sector' | 'officers' | 'certificates';
  basis?: Code19;
  /**
   * For certificates: the index (from 0) of the officer without a valid certificate.
   */
  officer?: number;
}
