/**
 * @yifa/engine — the case engine, pure TypeScript, used by the server and the web apps
 * alike: the workflow state machine and the facts a case presents to the rules, deadlines,
 * document forms (schema, field rules, computed values), numbering, party identifiers,
 * personal data typed into free text, and the print layout with its HTML.
 */
export {
  type CaseSnapshot,
  caseActions,
  caseContext,
  type LinkedCase,
  type TransitionOutcome,
  takeAction,
} from './case-machine.ts';
export {
  addCalendarDays,
  type CaseDeadline,
  caseDeadlines,
  type DateOf,
  daysBetween,
  writtenDate,
} from './deadlines.ts';
export { discretionSourceValue, discretionValues, explanationText } from './discretion-text.ts';
export {
  factSetters,
  factsOnIssue,
  mayIssue,
  othersSections,
  outsideEditableStates,
  ownFields,
  type SectionRefusal,
} from './document-procedure.ts';
export {
  addCalendarMonths,
  type ExecutionStatus,
  type ExecutionTerms,
  executionStatus,
  NATIONAL_EXECUTION_TERMS,
  type Payment,
} from './execution.ts';
export { checkDocument, type DocumentCheck, type FieldProblem, formJsonSchema } from './forms.ts';
export { escapeHtml, printHtml } from './html.ts';
export { formatDocumentNumber, type NumberingValues, numberingPatternFor } from './numbering.ts';
export { checkCreditCode, checkIdCardNumber, type IdProblem, maskId, maskPhone } from './party.ts';
export { findPersonalData, type PersonalSpan } from './personal-text.ts';
export {
  chineseDate,
  formatFieldValue,
  layoutDocument,
  type PrintContext,
  type PrintDoc,
  type PrintItem,
  signerLabel,
} from './print.ts';
