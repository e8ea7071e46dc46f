/**
 * My tasks (待办) read from the stored next steps: the open cases in the actor's scope where the
 * actor has a step, most urgent deadline first. Scope, the permission to act in the case's state
 * (case.transition, or review.perform at a legal-review node) and who may take each step (roles,
 * case officer, document.issue, review.perform) are conditions of one SQL statement; what only
 * the actor's whole list decides is done here: the first step of a key, a reviewer's case showing
 * only the review, and the case officer's deadline reminder on a case with nothing else for them.
 * Days left are counted from the stored due dates today. A valid 执法证 is the actor's own.
 */
import { daysBetween } from '@yifa/engine';
import { and, asc, type Column, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Actor, scopeFor } from '../auth/access.ts';
import { cases, caseTasks, taskSteps } from '../db/schema.ts';
import { certified, dayOf } from '../routes/case-views.ts';
import { permissionScope } from '../storage/scope.ts';
import { refreshCaseTasks, type TaskServices } from './refresh.ts';
import type { AllowedAction, TaskStep } from './steps.ts';

/** A page of the task list. */
export interface TaskPage {
  /** Every case with a step for the actor. */
  total: number;
  items: TaskItem[];
}

/** A case as the task list shows it. */
export interface TaskItem {
  id: string;
  number: string;
  version: number;
  matter: { code: string; name: string; nameEn: string | null };
  state: { code: string; name: string; nameEn: string | null; kind: string; terminal: boolean };
  subject: { code: string; name: string };
  party: { kind: string; name: string };
  nearestDeadline: {
    code: string;
    name: string;
    nameEn: string | null;
    due: string;
    daysLeft: number;
    status: 'running' | 'near' | 'overdue';
  } | null;
  steps: TaskStep[];
  actions: Omit<AllowedAction, 'roles'>[];
}

/** The nearest running deadline as stored. */
interface StoredDeadline {
  code: string;
  name: string;
  nameEn: string | null;
  due: string;
  warnBefore: number;
}

/** What each row of the task read carries of its case: enough to count and order the list. */
const brief = { id: cases.id, number: cases.number, due: caseTasks.due, deadline: caseTasks.deadline };

/** What the page's cases are shown with, read for those cases alone. */
const shown = {
  id: cases.id,
  version: cases.version,
  matterCode: cases.matterCode,
  party: cases.party,
  view: caseTasks.view,
  actions: caseTasks.actions,
};

/** The open cases in the actor's scope still without stored steps for today: computed before reading. */
async function refreshScope(s: TaskServices, where: SQL, today: string): Promise<void> {
  const stale = await s.db
    .select({ id: cases.id })
    .from(cases)
    .leftJoin(caseTasks, eq(caseTasks.caseId, cases.id))
    .where(and(where, sql`(${caseTasks.caseId} IS NULL OR ${caseTasks.computedFor} <> ${today})`));
  if (stale.length)
    await refreshCaseTasks(
      s,
      stale.map((r) => r.id),
      today,
    );
}

function deadlineView(stored: string | null, today: string): TaskItem['nearestDeadline'] {
  if (!stored) return null;
  const d = JSON.parse(stored) as StoredDeadline;
  const daysLeft = daysBetween(today, d.due);
  const status = daysLeft < 0 ? 'overdue' : daysLeft <= d.warnBefore ? 'near' : 'running';
  return { code: d.code, name: d.name, nameEn: d.nameEn, due: d.due, daysLeft, status };
}

/** The officer's reminder on a case with nothing else for them: its limit near or past. */
function deadlineStep(caseId: string, d: NonNullable<TaskItem['nearestDeadline']>): TaskStep {
  return {
    kind: 'deadline',
    name:
      d.status === 'overdue'
        ? { zh: `已逾期：${d.name}`, en: `Overdue: ${d.name}` }
        : { zh: `期限将至：${d.name}（剩${d.daysLeft}天）`, en: `Deadline near: ${d.name} (${d.daysLeft} days left)` },
    href: `/cases/${caseId}`,
  };
}

/** A step row as the task read selects it. */
interface StepRow {
  key: string;
  kind: string;
  action: string | null;
  document: string | null;
  name: string;
  href: string;
}

/**
 * The user's steps on a case from the rows they may take, in order: the first of each key, and
 * for a user review.perform covers, the review alone (its page gives the opinion and takes the transition).
 */
function stepsOf(candidates: readonly StepRow[]): TaskStep[] {
  const reviewing = candidates.some((c) => c.kind === 'review');
  const seen = new Set<string>();
  const steps: TaskStep[] = [];
  for (const c of candidates) {
    if ((reviewing && c.kind !== 'review') || seen.has(c.key)) continue;
    seen.add(c.key);
    steps.push({
      kind: c.kind as TaskStep['kind'],
      name: JSON.parse(c.name),
      ...(c.action !== null ? { action: c.action } : {}),
      ...(c.document !== null ? { document: JSON.parse(c.document) } : {}),
      href: c.href,
    });
  }
  return steps;
}

/**
 * The actor's tasks, most urgent first (the nearest deadline, then cases without one; by number
 * within), `limit` of them from `offset`, with how many there are in all.
 *
 * @example
 * await readTasks(services, actor, { limit: 50, offset: 0 }) // { total: 487, items: [{ id, number, steps: [{ kind: 'approve', … }], … }] }
 */
export async function readTasks(
  s: TaskServices,
  actor: Actor,
  o: { limit: number; offset: number },
): Promise<TaskPage> {
  const today = dayOf(s.now());
  const roles = actor.roles.map((r) => r.code);
  const read = permissionScope(actor, 'case.read');
  const transition = permissionScope(actor, 'case.transition');
  const review = permissionScope(actor, 'review.perform');
  // Without a valid 执法证, or a permission to act, nobody has a next step.
  if (!read || (!transition && !review) || !certified(actor, today) || roles.length === 0)
    return { total: 0, items: [] };
  const T = transition ?? sql`0`;
  const R = review ?? sql`0`;
  const inScope = and(isNull(cases.closedAt), read, sql`(${T} OR ${R})`) as SQL;
  await refreshScope(s, inScope, today);

  const mayAct = sql`(${T} OR (${caseTasks.legalReview} AND ${R}))`;
  // The case's officers are a JSON array of user ids (no id holds a quote): the quoted id is in it or not.
  const officer = sql`instr(${cases.officers}, ${JSON.stringify(actor.user.id)}) > 0`;
  // A stored role list (refresh.ts, roleList) holds one of the actor's roles.
  const holds = (col: Column) =>
    sql.join(
      roles.map((r) => sql`instr(${col}, ${`|${r}|`}) > 0`),
      sql` OR `,
    );
  const some = (col: Column) => sql`(${col} IS NULL OR ${holds(col)})`;
  const issues = scopeFor(actor, 'document.issue') !== undefined;
  const rows = await s.db
    .select({
      ...brief,
      ord: taskSteps.ord,
      key: taskSteps.key,
      kind: taskSteps.kind,
      action: taskSteps.action,
      document: taskSteps.document,
      name: taskSteps.name,
      href: taskSteps.href,
    })
    .from(cases)
    .innerJoin(caseTasks, eq(caseTasks.caseId, cases.id))
    .innerJoin(taskSteps, eq(taskSteps.caseId, cases.id))
    .where(
      and(
        inScope,
        mayAct,
        some(taskSteps.rolesAny),
        some(taskSteps.rolesAlso),
        sql`(${taskSteps.rolesNot} IS NULL OR NOT (${holds(taskSteps.rolesNot)}))`,
        sql`(NOT ${taskSteps.officersOnly} OR ${officer})`,
        issues ? undefined : eq(taskSteps.needsIssue, false),
        sql`(${taskSteps.kind} <> 'review' OR ${R})`,
      ),
    )
    .orderBy(asc(taskSteps.caseId), asc(taskSteps.ord));
  // The case officer's reminders: their cases in reach of a limit (the step only when nothing else is theirs).
  const reminders = await s.db
    .select(brief)
    .from(cases)
    .innerJoin(caseTasks, eq(caseTasks.caseId, cases.id))
    .where(and(inScope, mayAct, officer, lte(caseTasks.warnFrom, today)));

  const found = new Map<string, typeof rows>();
  for (const r of rows) {
    const f = found.get(r.id);
    if (f) f.push(r);
    else found.set(r.id, [r]);
  }
  type Found = { id: string; number: string; deadline: string | null; daysLeft: number; steps: () => TaskStep[] };
  const tasks: Found[] = [];
  for (const [id, candidates] of found) {
    const { number, due, deadline } = candidates[0] as (typeof rows)[number];
    tasks.push({
      id,
      number,
      deadline,
      daysLeft: due ? daysBetween(today, due) : Number.POSITIVE_INFINITY,
      steps: () => stepsOf(candidates),
    });
  }
  for (const h of reminders) {
    if (found.has(h.id)) continue;
    const d = deadlineView(h.deadline, today);
    if (d && (d.status === 'near' || d.status === 'overdue'))
      tasks.push({ ...h, daysLeft: d.daysLeft, steps: () => [deadlineStep(h.id, d)] });
  }
  tasks.sort((a, b) => (a.daysLeft === b.daysLeft ? a.number.localeCompare(b.number) : a.daysLeft - b.daysLeft));
  const page = tasks.slice(o.offset, o.offset + o.limit);
  const details = new Map(
    page.length
      ? (
          await s.db
            .select(shown)
            .from(cases)
            .innerJoin(caseTasks, eq(caseTasks.caseId, cases.id))
            .where(
              inArray(
                cases.id,
                page.map((t) => t.id),
              ),
            )
        ).map((d) => [d.id, d])
      : [],
  );
  const items = page.map((t): TaskItem => {
    const h = details.get(t.id);
    if (!h) throw new Error(`case ${t.id} left the task store while read`);
    const view = JSON.parse(h.view) as Pick<TaskItem, 'state' | 'subject'> & {
      matter: Omit<TaskItem['matter'], 'code'>;
    };
    const allowed = JSON.parse(h.actions) as AllowedAction[];
    const steps = t.steps();
    return {
      id: t.id,
      number: t.number,
      version: h.version,
      matter: { code: h.matterCode, ...view.matter },
      state: view.state,
      subject: view.subject,
      party: { kind: h.party.kind, name: h.party.name },
      nearestDeadline: deadlineView(t.deadline, today),
      steps,
      // The transitions the user may take now that are next steps (never the exceptional ones).
      actions: allowed
        .filter(
          (a) =>
            (a.roles.length === 0 || a.roles.some((r) => roles.includes(r))) &&
            steps.some((x) => x.action === a.action),
        )
        .map(({ action, name, to, reasonRequired }) => ({ action, name, to, reasonRequired })),
    };
  });
  return { total: tasks.length, items };
}
