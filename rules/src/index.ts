/**
 * @yifa/rules — pack conditions made to mean something, and to say why. Pure TypeScript, no
 * I/O: the server and the browser import the same compiled rules.
 */

export {
  type AlertLevel,
  type AlertOptions,
  type AlertReport,
  type CompiledAlerts,
  compileAlerts,
  evaluateAlerts,
  explainAlerts,
  type FiredAlert,
} from './alerts.ts';
export { articleEn, chineseNumber } from './article.ts';
export {
  addWorkingDays,
  countWorkingDays,
  createWorkCalendar,
  type MissingYear,
  type WorkCalendar,
} from './calendar.ts';
export type { CompiledCondition } from './compiler.ts';
export type { DerivedTerm, DerivedValue } from './derived-metrics.ts';
export {
  type AmountRange,
  type CompiledDiscretion,
  compileDiscretion,
  type DiscretionChoice,
  type DiscretionDecision,
  type DiscretionInput,
  type DiscretionStep,
  decideDiscretion,
} from './discretion.ts';
export type { ContinuingFine } from './discretion-continuing.ts';
export { explainDiscretion, formatRange, otherPenalties } from './discretion-explain.ts';
export type { PersonFine } from './discretion-persons.ts';
export { compileCondition } from './engine.ts';
export { cached, createRuleEnv, type OrgName, type RoleName, type RuleEnv, type RuleEnvInput } from './env.ts';
export {
  conditionLabel,
  decisiveLeaves,
  explainEvaluation,
  factName,
  mark,
  originText,
  renderLeaf,
  renderTrace,
} from './explain.ts';
export { type CompiledExpression, compileExpression, type Scalar } from './expression.ts';
export type { DeadlineDue, FactContext, FactParams, Facts } from './facts.ts';
export {
  applyFieldRules,
  type CompiledForm,
  compileForm,
  evaluateForm,
  type FieldState,
  type FormState,
} from './field-rules.ts';
export { formatNumber, formatValue, type Lang } from './format.ts';
export {
  type CompiledGuards,
  checkGuards,
  compileGuards,
  type GuardInput,
  type GuardReport,
  type TransitionCheck,
} from './guards.ts';
export { type Issue, type IssueCode, type Message, type Result, RULE_ISSUES } from './issues.ts';
export type { FactLabel, LabelLookup } from './labels.ts';
export { DEFAULT_LIMITS, type Limits } from './limits.ts';
export { compileMessage, type MessageTemplate } from './message.ts';
export {
  authorityRefusal,
  certified,
  type OpeningInput,
  type OpeningOfficer,
  type OpeningReason,
  type OpeningRefusal,
  type OpeningSubject,
  officerRefusals,
  openingRefusals,
  subjectOf,
} from './opening.ts';
export { OPERATOR_IMPLS, type OperatorImpl } from './operators/index.ts';
export { type RulePack, ruleEnvFromPack, rulePackOf } from './pack.ts';
export { type CoverageOf, type GuardRef, type PackCoverage, packCoverage, type TierRef } from './pack-coverage.ts';
export {
  type CaseFailure,
  type CaseKind,
  type CaseResult,
  failureMessage,
  type PackTestReport,
  runPackTests,
} from './pack-tests.ts';
export { type RenderOptions, renderCoverage, renderPackTestReport } from './pack-tests-render.ts';
export {
  orgPathOf,
  type ParamOrigin,
  type ParamScope,
  type ParamValue,
  paramValue,
  scopedEnv,
} from './param-scope.ts';
export { explainGuards, type Refusal, type RefusalCode } from './refusals.ts';
export {
  type CompiledScheme,
  compileScheme,
  type IndicatorScore,
  type MetricValue,
  type ScoreReport,
  scoreAssessment,
} from './scoring.ts';
export { derivedText, explainScore, measureText } from './scoring-explain.ts';
export {
  type Evaluation,
  type FactTrace,
  type GroupTrace,
  heldOf,
  leavesOf,
  type NotTrace,
  type RefTrace,
  type RuleRef,
  type TraceNode,
  type Tri,
} from './trace.ts';
