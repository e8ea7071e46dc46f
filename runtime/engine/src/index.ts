/**
 * @yifa/engine — the case engine, pure TypeScript, used by the server and the web apps
 * alike: party identifiers, numbering, print layout and HTML; the workflow state
 * machine, deadlines and document forms join as they are built.
 */

export { escapeHtml, printHtml } from './html.ts';
export { formatDocumentNumber, type NumberingValues } from './numbering.ts';
export { checkCreditCode, checkIdCardNumber, type IdProblem, maskId, maskPhone } from './party.ts';
export {
  chineseDate,
  formatFieldValue,
  layoutDocument,
  type PrintContext,
  type PrintDoc,
  type PrintItem,
} from './print.ts';
