/**
 * Workflow guards: from the current state, which actions the user may take and, for each one
 * refused, every reason — role not permitted (named as the pack names roles), `when` did not hold, `unless` held, documents
 * missing (facts documentsCompleted / documentsIssued), too few officers (fact officerCount) or
 * officers without valid certificates (fact officersCertified). An undetermined condition
 * refuses: a guard never lets an action through on facts it could not read.
 */
import type { Workflow, WorkflowDocumentField, WorkflowTransition } from '@yifa/metamodel';
import { articleEn } from './article.ts';
import type { CompiledCondition } from './compiler.ts';
import { compileCondition } from './engine.ts';
import { cached, type RuleEnv } from './env.ts';
import type { FactContext } from './facts.ts';
import { fail, type Issue, issue, type Message, ok, type Result } from './issues.ts';

export type { Refusal, RefusalCode } from './refusals.ts';

import { type Refusal, refusalFor } from './refusals.ts';
import type { Evaluation } from './trace.ts';

/** What guards are checked on: the case's facts, its state and the user's roles. */
export interface GuardInput extends FactContext {
  state: string;
  roles: readonly string[];
  /**
   * The values of the latest version of each of the case's documents, by form code, for the
   * transitions' `documentFields` (the 立案审批表's 机关负责人审批 before 批准立案 or 不予立案).
   * A form absent here has no values: its fields equal nothing.
   */
  documentValues?: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
}

/** One transition out of the current state. */
export interface TransitionCheck {
  action: string;
  name: Message;
  to: string;
  allowed: boolean;
  reasonRequired: boolean;
  refusals: Refusal[];
  /** The guard conditions evaluated (when, unless), allowed or not. */
  evaluations: Evaluation[];
  issues: Issue[];
}

/** Every transition out of the state, allowed and refused. */
export interface GuardReport {
  workflow: string;
  state: string;
  transitions: TransitionCheck[];
  allowed: string[];
  refused: string[];
}

/** A workflow's guards compiled once. */
export interface CompiledGuards {
  readonly workflow: Workflow;
  check(input: GuardInput): Result<GuardReport>;
}

interface Guard {
  t: WorkflowTransition;
  from: readonly string[];
  when?: CompiledCondition;
  unless?: CompiledCondition;
}

/** Compiles every guard of a workflow. */
export function compileGuards(workflow: Workflow, env: RuleEnv): Result<CompiledGuards> {
  const issues: Issue[] = [];
  const compile = (t: WorkflowTransition, i: number, key: 'when' | 'unless') => {
    const cond = t[key];
    if (!cond) return undefined;
    const ref = { kind: 'workflow', code: workflow.code, part: `transitions/${t.action}/${key}` };
    const c = compileCondition(cond, env, ref, `/transitions/${i}/${key}`);
    if (!c.ok) issues.push(...c.issues);
    return c.ok ? c.value : undefined;
  };
  const guards: Guard[] = workflow.transitions.map((t, i) => {
    const when = compile(t, i, 'when');
    const unless = compile(t, i, 'unless');
    return {
      t,
      from: typeof t.from === 'string' ? [t.from] : t.from,
      ...(when ? { when } : {}),
      ...(unless ? { unless } : {}),
    };
  });
  if (issues.length) return fail(issues);
  const states = new Set(workflow.states.map((s) => s.code));
  return ok({
    workflow,
    check(input) {
      if (!states.has(input.state)) {
        return fail([issue('guard.state-unknown', '/states', { workflow: workflow.code, state: input.state })]);
      }
      // The platform knows the case's workflow and state: conditions may read them as facts.
      const facts = { ...input.facts, workflow: workflow.code, state: input.state };
      const ctx = { ...input, facts };
      const transitions = guards.filter((g) => g.from.includes(input.state)).map((g) => checkOne(g, ctx, env));
      return ok({
        workflow: workflow.code,
        state: input.state,
        transitions,
        allowed: transitions.filter((t) => t.allowed).map((t) => t.action),
        refused: transitions.filter((t) => !t.allowed).map((t) => t.action),
      });
    },
  });
}

/** Checks the guards once, compiling the workflow on first use within the environment. */
export function checkGuards(workflow: Workflow, input: GuardInput, env: RuleEnv): Result<GuardReport> {
  const compiled = cached(env, workflow, () => compileGuards(workflow, env));
  return compiled.ok ? compiled.value.check(input) : compiled;
}

function checkOne(g: Guard, input: GuardInput, env: RuleEnv): TransitionCheck {
  const { t } = g;
  const refusals: Refusal[] = [];
  const evaluations: Evaluation[] = [];
  const issues: Issue[] = [];
  if (t.roles?.length && !t.roles.some((r) => input.roles.includes(r))) {
    // Codes stay in the params for programs; the message names the roles as the pack does.
    const params = { required: t.roles, roles: [...input.roles] };
    refusals.push(
      refusalFor('role', t, {
        ...params,
        requiredNames: roleNames(t.roles, env),
        roleNames: roleNames(input.roles, env),
      }),
    );
  }
  const missing = missingDocuments(t.documents ?? [], input, env);
  if (missing.length) {
    refusals.push(refusalFor('documents', t, { documents: missing, basis: citedBases(t.basis ?? [], env) }));
  }
  for (const req of t.documentFields ?? []) {
    const refused = documentFieldRefusal(req, input, env);
    if (refused) refusals.push(refusalFor('document-field', t, refused));
  }
  if (t.minOfficers !== undefined) {
    const count = input.facts.officerCount;
    if (typeof count !== 'number' || count < t.minOfficers) {
      refusals.push(refusalFor('officers', t, { min: t.minOfficers, count: typeof count === 'number' ? count : null }));
    }
    if (input.facts.officersCertified === false) refusals.push(refusalFor('certificates', t, {}));
  }
  for (const [key, cond, refuseWhen] of [
    ['when', g.when, false],
    ['unless', g.unless, true],
  ] as const) {
    if (!cond) continue;
    const ev = cond.evaluate(input);
    evaluations.push(ev);
    issues.push(...ev.issues);
    if (ev.held === null || ev.held === refuseWhen) refusals.push(refusalFor(key, t, {}, ev));
  }
  return {
    action: t.action,
    name: { zh: t.name, en: t.nameEn ?? t.name },
    to: t.to,
    allowed: refusals.length === 0,
    reasonRequired: t.reasonRequired ?? false,
    refusals,
    evaluations,
    issues,
  };
}

/** Roles as the pack names them, in both languages; a code the pack lacks stands for itself. */
function roleNames(codes: readonly string[], env: RuleEnv): Message[] {
  return codes.map((code) => {
    const role = env.roles.get(code);
    return { zh: role?.name ?? code, en: role?.nameEn ?? role?.name ?? code };
  });
}

/**
 * The transition's articles as a refusal cites them: 《中华人民共和国行政处罚法》第二十七条 and
 * Administrative Penalty Law of the PRC, art. 27. A code the pack lacks stands for itself.
 */
function citedBases(codes: readonly string[], env: RuleEnv): Message[] {
  // One citation per law, its articles in order: 《中华人民共和国行政处罚法》第二十二条、第二十三条.
  const byLaw = new Map<string, { zh: string; en: string; articles: string[] }>();
  for (const code of codes) {
    const b = env.legalBases.get(code);
    const law = b ? { zh: `《${b.law}》`, en: b.lawEn ?? b.law } : { zh: code, en: code };
    const entry = byLaw.get(law.zh) ?? { ...law, articles: [] };
    if (b?.article) entry.articles.push(b.article);
    byLaw.set(law.zh, entry);
  }
  return [...byLaw.values()].map(({ zh, en, articles }) => ({
    zh: `${zh}${articles.join('、')}`,
    en: articles.length ? `${en}, ${articles.map(articleEn).join(', ')}` : en,
  }));
}

/** Documents not yet completed, or for documents issued to a party, not yet issued. */
function missingDocuments(
  required: readonly string[],
  input: GuardInput,
  env: RuleEnv,
): { code: string; name: string; nameEn: string; issued: boolean }[] {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const completed = list(input.facts.documentsCompleted);
  const issuedDocs = list(input.facts.documentsIssued);
  return required
    .map((code) => {
      const form = env.documents.get(code);
      const issued = form?.issued ?? false;
      const done = issuedDocs.includes(code) || (!issued && completed.includes(code));
      return { code, name: form?.name ?? code, nameEn: form?.nameEn ?? form?.name ?? code, issued, done };
    })
    .filter((d) => !d.done)
    .map(({ done: _, ...d }) => d);
}

const emptyValue = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The params of a `document-field` refusal when the latest version of the form does not hold
 * the value the transition requires (equal) or holds the value it excludes (notEqual); else
 * undefined. The form's and the field's names come with the codes, for the message.
 */
function documentFieldRefusal(
  req: WorkflowDocumentField,
  input: GuardInput,
  env: RuleEnv,
): Record<string, unknown> | undefined {
  const value = input.documentValues?.[req.document]?.[req.field];
  const actual = emptyValue(value) ? null : value;
  const held = req.equal !== undefined ? actual === req.equal : actual !== req.notEqual;
  if (held) return undefined;
  const form = env.documents.get(req.document);
  const field = form?.fields.find((f) => f.name === req.field);
  // An option in English by the field's optionsEn; the Chinese option where it has none.
  const en = (v: unknown) => {
    const i = field?.options?.indexOf(String(v)) ?? -1;
    return (i >= 0 && field?.optionsEn?.[i]) || v;
  };
  return {
    document: req.document,
    field: req.field,
    documentName: form?.name ?? req.document,
    documentNameEn: form?.nameEn ?? form?.name ?? req.document,
    fieldTitle: field?.title ?? req.field,
    fieldTitleEn: field?.titleEn ?? field?.title ?? req.field,
    actual,
    actualEn: actual === null ? null : en(actual),
    ...(req.equal !== undefined
      ? { equal: req.equal, equalEn: en(req.equal) }
      : { notEqual: req.notEqual, notEqualEn: en(req.notEqual) }),
  };
}
