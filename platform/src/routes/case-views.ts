/**
 * A case as the API shows it, for every route that shows one: its states, nearest deadline,
 * and the actions an actor may take now with why the others are refused — the engine's guards
 * (caseActions) plus the two checks the platform adds: a permission that covers the case in its
 * state (case.transition, or review.perform at a legal-review node) and a valid 执法证. The case
 * page and the task list compute them here, one case or many.
 */
import { type CaseDeadline, type CaseSnapshot, caseActions } from '@yifa/engine';
import type { Workflow } from '@yifa/metamodel';
import type { Refusal, RuleEnv } from '@yifa/rules';
import { type Actor, type Permission, requireCertificate } from '../auth/access.ts';
import { ERRORS } from '../errors.ts';
import { localDate } from '../time.ts';

/** Today (YYYY-MM-DD) of an instant, as the rest of the platform counts it (Beijing time). */
export const dayOf = localDate;

/** A state of a workflow as the API shows it. */
export function stateOf(workflow: Workflow, code: string) {
  const st = workflow.states.find((x) => x.code === code);
  return {
    code,
    name: st?.name ?? code,
    nameEn: st?.nameEn ?? null,
    kind: st?.kind ?? 'normal',
    terminal: st?.terminal ?? false,
  };
}

/** The deadline closest to running out, of those still running. */
export function nearestDeadline(deadlines: readonly CaseDeadline[]) {
  const open = deadlines.filter((d) => d.status === 'running' || d.status === 'near' || d.status === 'overdue');
  const d = open.sort((a, b) => a.daysLeft - b.daysLeft)[0];
  return d
    ? { code: d.code, name: d.name, nameEn: d.nameEn ?? null, due: d.due, daysLeft: d.daysLeft, status: d.status }
    : null;
}

/** Why an action is refused, as the API shows it: the engine's reasons, plus permission and certificate. */
export interface RefusalView {
  code: Refusal['code'] | 'permission' | 'certificate';
  message: { zh: string; en: string };
  detail?: { zh: string; en: string };
  params: Record<string, unknown>;
}

/** A guard refusal without its evaluation trace (the detail carries its sentences). */
export function refusalView(r: Refusal): RefusalView {
  return { code: r.code, message: r.message, ...(r.detail ? { detail: r.detail } : {}), params: r.params };
}

/** Whether the actor's certificate lets them act on cases today. */
export function certified(actor: Actor, today: string): boolean {
  try {
    requireCertificate(actor, today);
    return true;
  } catch {
    return false;
  }
}

/** Whether the permissions covering the case let the actor act in its state: a legal-review node also takes review.perform. */
export function mayAct(workflow: Workflow, state: string, perms: readonly Permission[]): boolean {
  return (
    perms.includes('case.transition') ||
    (stateOf(workflow, state).kind === 'legal-review' && perms.includes('review.perform'))
  );
}

/** One action out of the case's state as the API shows it. */
export interface ActionView {
  action: string;
  name: { zh: string; en: string };
  to: ReturnType<typeof stateOf>;
  reasonRequired: boolean;
  allowed: boolean;
  refusals: RefusalView[];
}

/**
 * Every action out of the case's state for the actor: the guards' refusals, and for an action
 * the guards allow, the permission and certificate refusals the platform adds.
 *
 * @example
 * actionsFor(snapshot, actor, ['case.transition'], '2026-06-01', env).filter((a) => a.allowed)
 */
export function actionsFor(
  snapshot: CaseSnapshot,
  actor: Actor,
  perms: readonly Permission[],
  today: string,
  env: RuleEnv,
): ActionView[] {
  const { workflow } = snapshot;
  const extra: RefusalView[] = [];
  if (!mayAct(workflow, snapshot.state, perms))
    extra.push({ code: 'permission', message: { zh: ERRORS.forbidden.zh, en: ERRORS.forbidden.en }, params: {} });
  if (!certified(actor, today))
    extra.push({
      code: 'certificate',
      message: { zh: ERRORS['certificate-invalid'].zh, en: ERRORS['certificate-invalid'].en },
      params: {},
    });
  const report = caseActions(
    snapshot,
    actor.roles.map((x) => x.code),
    today,
    env,
  );
  return report.transitions.map((t) => {
    const refusals = [...t.refusals.map(refusalView), ...(t.allowed ? extra : [])];
    return {
      action: t.action,
      name: t.name,
      to: stateOf(workflow, t.to),
      reasonRequired: t.reasonRequired,
      allowed: refusals.length === 0,
      refusals,
    };
  });
}
