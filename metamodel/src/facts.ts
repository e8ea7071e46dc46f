/**
 * Facts the platform supplies about a case or a subject. A condition may use these
 * and the facts its matter declares; pack validation rejects any other name.
 */
import type { FactType } from './generated/types.ts';

/** Where a fact is available. */
export type FactScope = 'case' | 'subject' | 'indicator' | 'entity';

/** A fact the platform computes. */
export interface PlatformFact {
  name: string;
  type: FactType;
  scope: readonly FactScope[];
  label: string;
  labelEn: string;
  unit?: string;
  /** Parameters the fact takes (json-rules-engine `params`), with their allowed values. */
  params?: Readonly<Record<string, { required: boolean; values?: readonly string[]; description: string }>>;
  values?: readonly string[];
  /** What an officer reads for each of `values` (explanations show these, never the codes). */
  valueNames?: Readonly<Record<string, { zh: string; en: string }>>;
  /** The pack codelist whose entries the fact's values are; explanations show an entry's name, not its code. */
  codelist?: string;
}

const CASE = ['case'] as const;

/** The platform facts, by name. */
export const PLATFORM_FACTS: readonly PlatformFact[] = [
  { name: 'state', type: 'string', scope: CASE, label: '案件状态', labelEn: 'case state' },
  { name: 'matter', type: 'string', scope: CASE, label: '执法事项', labelEn: 'matter' },
  { name: 'workflow', type: 'string', scope: CASE, label: '流程', labelEn: 'workflow' },
  {
    name: 'category',
    type: 'string',
    scope: CASE,
    label: '事项类别',
    labelEn: 'matter category',
    values: ['enforcement', 'legal-affairs'],
    valueNames: {
      enforcement: { zh: '行政执法', en: 'enforcement' },
      'legal-affairs': { zh: '法制事务', en: 'legal affairs' },
    },
  },
  { name: 'subject', type: 'string', scope: ['case', 'subject'], label: '执法主体', labelEn: 'enforcement subject' },
  { name: 'subjectType', type: 'string', scope: ['case', 'subject'], label: '主体类型', labelEn: 'subject type' },
  { name: 'caseNumber', type: 'string', scope: CASE, label: '案件编号', labelEn: 'case number' },
  { name: 'matterName', type: 'string', scope: CASE, label: '事项名称', labelEn: 'matter name' },
  { name: 'subjectName', type: 'string', scope: ['case', 'subject'], label: '主体名称', labelEn: 'subject name' },
  {
    name: 'partyKind',
    type: 'string',
    scope: CASE,
    label: '当事人类型',
    labelEn: 'party kind',
    values: ['person', 'organisation'],
    valueNames: {
      person: { zh: '公民', en: 'natural person' },
      organisation: { zh: '法人或者其他组织', en: 'legal person or other organisation' },
    },
  },
  { name: 'partyName', type: 'string', scope: CASE, label: '当事人', labelEn: 'party' },
  {
    name: 'partyPriorPenalties12m',
    type: 'integer',
    scope: CASE,
    label: '当事人一年内同类违法受处罚次数',
    labelEn: 'prior penalties of the party in 12 months',
  },
  { name: 'violationDate', type: 'date', scope: CASE, label: '违法行为发生日期', labelEn: 'date of the violation' },
  { name: 'openedAt', type: 'date', scope: CASE, label: '立案日期', labelEn: 'date opened' },
  { name: 'today', type: 'date', scope: ['case', 'subject', 'indicator'], label: '当日', labelEn: 'today' },
  {
    name: 'daysSince',
    type: 'integer',
    scope: CASE,
    label: '经过天数',
    labelEn: 'days elapsed',
    unit: '日',
    params: {
      from: {
        required: true,
        description:
          'A workflow state code (the first entry into it), "opened", or a date fact of the case (e.g. statementNotifiedAt, the date the notice was served).',
      },
      kind: { required: false, values: ['calendar', 'working'], description: 'calendar (default) or working days.' },
    },
  },
  {
    name: 'deadlineDaysLeft',
    type: 'integer',
    scope: CASE,
    label: '距期限剩余天数',
    labelEn: 'days left before the deadline',
    unit: '日',
    params: {
      deadline: { required: true, description: 'A deadline code of the case workflow. Negative once overdue.' },
    },
  },
  {
    name: 'deadlineExtended',
    type: 'boolean',
    scope: CASE,
    label: '期限已延长',
    labelEn: 'deadline extended',
    params: { deadline: { required: true, description: 'A deadline code of the case workflow.' } },
  },
  {
    name: 'officerCount',
    type: 'integer',
    scope: CASE,
    label: '承办执法人员人数',
    labelEn: 'officers on the case',
    unit: '人',
  },
  {
    name: 'officersCertified',
    type: 'boolean',
    scope: CASE,
    label: '承办人员均持有效执法证',
    labelEn: 'all officers hold valid certificates',
  },
  { name: 'proposedFine', type: 'number', scope: CASE, label: '拟罚款金额', labelEn: 'proposed fine', unit: '元' },
  {
    name: 'proposedConfiscation',
    type: 'number',
    scope: CASE,
    label: '拟没收违法所得或非法财物价值',
    labelEn: 'proposed confiscation value',
    unit: '元',
  },
  {
    name: 'proposedPenalties',
    type: 'array',
    scope: CASE,
    label: '拟处罚种类',
    labelEn: 'proposed penalties',
    codelist: 'penalty-kinds',
  },
  { name: 'discretionTier', type: 'string', scope: CASE, label: '裁量阶次', labelEn: 'discretion tier' },
  {
    name: 'fineOutsideTier',
    type: 'boolean',
    scope: CASE,
    label: '拟罚款超出裁量阶次',
    labelEn: 'proposed fine outside the tier',
  },
  { name: 'complex', type: 'boolean', scope: CASE, label: '案件疑难复杂', labelEn: 'complex case' },
  { name: 'publicInterest', type: 'boolean', scope: CASE, label: '涉及重大公共利益', labelEn: 'major public interest' },
  {
    name: 'statementNotified',
    type: 'boolean',
    scope: CASE,
    label: '已告知陈述申辩权',
    labelEn: 'right of statement notified',
  },
  {
    name: 'hearingNotified',
    type: 'boolean',
    scope: CASE,
    label: '已告知听证权',
    labelEn: 'right to a hearing notified',
  },
  {
    name: 'statementNotifiedAt',
    type: 'date',
    scope: CASE,
    label: '告知书送达日期',
    labelEn: 'date the advance notice was served',
  },
  {
    name: 'hearingNotifiedAt',
    type: 'date',
    scope: CASE,
    label: '听证告知书送达日期',
    labelEn: 'date the hearing notice was served',
  },
  { name: 'statementWaived', type: 'boolean', scope: CASE, label: '当事人放弃陈述申辩', labelEn: 'statement waived' },
  {
    name: 'statementMade',
    type: 'boolean',
    scope: CASE,
    label: '当事人已提出陈述申辩',
    labelEn: 'the party made a statement or defence',
  },
  {
    name: 'statementMadeAt',
    type: 'date',
    scope: CASE,
    label: '陈述申辩日期',
    labelEn: 'date of the statement or defence',
  },
  { name: 'hearingWaived', type: 'boolean', scope: CASE, label: '当事人放弃听证', labelEn: 'hearing waived' },
  { name: 'hearingRequested', type: 'boolean', scope: CASE, label: '当事人申请听证', labelEn: 'hearing requested' },
  { name: 'hearingHeld', type: 'boolean', scope: CASE, label: '已经听证', labelEn: 'hearing held' },
  { name: 'legalReviewed', type: 'boolean', scope: CASE, label: '法制审核已同意', labelEn: 'legal review agreed' },
  {
    name: 'transferAccepted',
    type: 'boolean',
    scope: CASE,
    label: '受移送机关已签收回执',
    labelEn: 'receiving organ signed the receipt',
  },
  {
    name: 'transferAcceptedAt',
    type: 'date',
    scope: CASE,
    label: '受移送机关接收日期',
    labelEn: 'date the receiving organ received the case',
  },
  {
    name: 'citesUnverifiedBasis',
    type: 'boolean',
    scope: CASE,
    label: '引用待核实的执法依据',
    labelEn: 'cites a legal basis to be verified',
  },
  {
    name: 'legalReviewOpinion',
    type: 'string',
    scope: CASE,
    label: '法制审核意见',
    labelEn: 'legal review opinion',
    values: ['agree', 'disagree', 'agree-after-change'],
    valueNames: {
      agree: { zh: '同意', en: 'agree' },
      disagree: { zh: '不同意', en: 'disagree' },
      'agree-after-change': { zh: '修改后同意', en: 'agree after changes' },
    },
  },
  { name: 'collectiveDiscussed', type: 'boolean', scope: CASE, label: '已集体讨论', labelEn: 'collectively discussed' },
  {
    name: 'collectiveDiscussedAt',
    type: 'date',
    scope: CASE,
    label: '集体讨论日期',
    labelEn: 'date of the collective discussion',
  },
  { name: 'documentsIssued', type: 'array', scope: CASE, label: '已出具文书', labelEn: 'documents issued' },
  { name: 'documentsCompleted', type: 'array', scope: CASE, label: '已完成文书', labelEn: 'documents completed' },
  { name: 'evidenceCount', type: 'integer', scope: CASE, label: '证据数量', labelEn: 'evidence items', unit: '件' },
  { name: 'disclosed', type: 'boolean', scope: CASE, label: '已公示', labelEn: 'disclosed' },
  {
    name: 'lateDecisionReason',
    type: 'string',
    scope: CASE,
    label: '超期作出决定的理由',
    labelEn: 'reason the decision is late',
  },
  { name: 'value', type: 'number', scope: ['indicator'], label: '指标值', labelEn: 'indicator value' },
];

const byName = new Map(PLATFORM_FACTS.map((f) => [f.name, f]));

/** The platform fact of that name, if any. */
export function platformFact(name: string): PlatformFact | undefined {
  return byName.get(name);
}
