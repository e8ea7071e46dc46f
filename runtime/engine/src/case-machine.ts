/**
 * The case state machine: the facts a case presents to the rules, the actions the user
 * may take now (and why the others are refused), and what taking one changes. Pure:
 * the platform loads and stores, this decides.
 */
import { basisUnverified, type Matter, type Workflow } from '@yifa/metamodel';
import { checkGuards, type DeadlineDue, type FactContext, type GuardReport, type RuleEnv } from '@yifa/rules';
import { type CaseDeadline, caseDeadlines, type DateOf, writtenDate } from './deadlines.ts';

/** What the engine needs to know of a case. */
export interface CaseSnapshot {
  number: string;
  matter: Matter;
  workflow: Workflow;
  state: string;
  /** Facts entered on the case (the matter's facts and the entered platform facts, e.g. proposedFine). */
  facts: Readonly<Record<string, unknown>>;
  stateEntered: Readonly<Record<string, string>>;
  extensions: Readonly<Record<string, number>>;
  party: { kind: 'person' | 'organisation'; name: string };
  subject: { code: string; type: string; name: string };
  officers: readonly { certified: boolean }[];
  documents: readonly { form: string; status: 'draft' | 'complete' | 'issued' }[];
  /** The values of the latest version of each document, by form, for transitions' documentFields. */
  documentValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  openedAt: string;
  violationDate?: string | null;
  /** Outcome of the latest legal review, if any. */
  legalReview?: 'agree' | 'disagree' | 'agree-after-change';
  /** The legal date of an instant (the platform's time zone); the written date by default. */
  dateOf?: DateOf;
  /** The case this one concerns (a 复议 or 应诉 case's decision case), read by the rules as `linked.*`. */
  linked?: LinkedCase;
}

/** What the rules read of a linked case: its number, matter, state and facts. */
export interface LinkedCase {
  number: string;
  matter: string;
  matterName: string;
  state: string;
  /** Its entered facts, personal texts masked as stored: the rules read outcomes and flags, not names. */
  facts: Readonly<Record<string, unknown>>;
}

/** The facts, timeline and deadlines the rules read for a case. */
export function caseContext(
  c: CaseSnapshot,
  today: string,
  env: RuleEnv,
): { context: FactContext; deadlines: CaseDeadline[] } {
  const dateOf = c.dateOf ?? writtenDate;
  const deadlines = caseDeadlines(c.workflow, c.stateEntered, c.extensions, today, env, dateOf);
  const due: Record<string, DeadlineDue> = {};
  for (const d of deadlines) if (d.status !== 'met' && d.status !== 'missed') due[d.code] = { due: d.due };
  const issued = c.documents.filter((d) => d.status === 'issued').map((d) => d.form);
  const completed = c.documents.filter((d) => d.status !== 'draft').map((d) => d.form);
  const platform: Record<string, unknown> = {
    state: c.state,
    matter: c.matter.code,
    workflow: c.workflow.code,
    category: c.matter.category,
    subject: c.subject.code,
    subjectType: c.subject.type,
    subjectName: c.subject.name,
    caseNumber: c.number,
    matterName: c.matter.name,
    partyKind: c.party.kind,
    partyName: c.party.name,
    openedAt: dateOf(c.openedAt),
    officerCount: c.officers.length,
    officersCertified: c.officers.length > 0 && c.officers.every((o) => o.certified),
    documentsIssued: issued,
    documentsCompleted: [...new Set([...completed, ...issued])],
    legalReviewed: c.legalReview === 'agree' || c.legalReview === 'agree-after-change',
    citesUnverifiedBasis: citesUnverifiedBasis(c.matter, env),
    // Every deadline of the workflow, false until extended: a guard that allows a late action on an
    // extension (deadlineExtended) is then decided rather than left undetermined.
    deadlineExtended: Object.fromEntries(
      [...new Set([...(c.workflow.deadlines ?? []).map((d) => d.code), ...Object.keys(c.extensions)])].map((k) => [
        k,
        (c.extensions[k] ?? 0) > 0,
      ]),
    ),
    ...(c.legalReview ? { legalReviewOpinion: c.legalReview } : {}),
    ...(c.violationDate ? { violationDate: c.violationDate } : {}),
    // linked.<fact> resolves through this object (rules' dotted fact names). The linked case's state
    // and number come after its facts: they are what the platform records of it, not what was typed.
    ...(c.linked
      ? {
          linked: {
            ...c.linked.facts,
            state: c.linked.state,
            caseNumber: c.linked.number,
            matter: c.linked.matter,
            matterName: c.linked.matterName,
          },
        }
      : {}),
  };
  const timeline: Record<string, string> = { opened: dateOf(c.openedAt) };
  for (const [state, at] of Object.entries(c.stateEntered)) timeline[state] = dateOf(at);
  // Entered facts come last: an officer's record of a fact is what the rules read.
  return { context: { facts: { ...platform, ...c.facts }, today, timeline, deadlines: due }, deadlines };
}

/** Whether the matter cites a legal basis known only in part (待核实): a decision then needs the legal review. */
function citesUnverifiedBasis(m: Matter, env: RuleEnv): boolean {
  return [...(m.violatedBasis ?? []), ...(m.penaltyBasis ?? [])].some((code) => {
    const b = env.legalBases.get(code);
    return b !== undefined && basisUnverified(b);
  });
}

/** Every action out of the case's state, allowed or refused with reasons. */
export function caseActions(c: CaseSnapshot, roles: readonly string[], today: string, env: RuleEnv): GuardReport {
  const { context } = caseContext(c, today, env);
  const report = checkGuards(
    c.workflow,
    { ...context, state: c.state, roles, ...(c.documentValues ? { documentValues: c.documentValues } : {}) },
    env,
  );
  if (!report.ok)
    throw new Error(
      `the workflow ${c.workflow.code} does not compile: ${report.issues.map((i) => i.message.en).join('; ')}`,
    );
  return report.value;
}

/** The result of taking an action. */
export type TransitionOutcome =
  | {
      ok: true;
      from: string;
      to: string;
      action: string;
      stateEntered: Record<string, string>;
      extensions: Record<string, number>;
      terminal: boolean;
    }
  | { ok: false; action: string; refusals: GuardReport['transitions'][number]['refusals']; unknown: boolean };

/**
 * Takes an action if the guards allow it, giving the new state and history. `now` is the
 * instant recorded; `today` the legal date the guards judge by (the caller's time zone: the
 * UTC date of `now` is yesterday's between 00:00 and 08:00 in Beijing).
 */
export function takeAction(
  c: CaseSnapshot,
  action: string,
  roles: readonly string[],
  now: string,
  env: RuleEnv,
  today = now.slice(0, 10),
): TransitionOutcome {
  const report = caseActions(c, roles, today, env);
  const t = report.transitions.find((x) => x.action === action);
  if (!t) return { ok: false, action, refusals: [], unknown: true };
  if (!t.allowed) return { ok: false, action, refusals: t.refusals, unknown: false };
  const def = c.workflow.transitions.find(
    (x) => x.action === action && (typeof x.from === 'string' ? x.from === c.state : x.from.includes(c.state)),
  );
  const extensions = { ...c.extensions };
  if (def?.extendsDeadline) extensions[def.extendsDeadline] = (extensions[def.extendsDeadline] ?? 0) + 1;
  const stateEntered = { ...c.stateEntered };
  if (!stateEntered[t.to]) stateEntered[t.to] = now;
  const terminal = c.workflow.states.find((s) => s.code === t.to)?.terminal === true;
  return { ok: true, from: c.state, to: t.to, action, stateEntered, extensions, terminal };
}
