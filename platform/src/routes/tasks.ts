/**
 * My tasks (待办): in one request, the open cases in the actor's scope on which the actor may act
 * now, each with the actions allowed — the same guards, permission and certificate checks as a
 * case's own page (case-views.ts), computed on the server from one scoped query.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type CaseSnapshot, caseDeadlines } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import { loadCase } from '../storage/snapshot.ts';
import { actionableCases } from '../storage/tasks.ts';
import { legalDateOf } from '../time.ts';
import { type ActionView, actionsFor, dayOf, nearestDeadline, stateOf } from './case-views.ts';
import { OK as ok, router } from './router.ts';

/** How many open cases one request looks at, at most (the most recently changed). */
export const TASK_SCAN = 500;

const TasksQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).openapi('TaskListQuery');

type Task = {
  nearestDeadline: ReturnType<typeof nearestDeadline>;
  number: string;
};

/** Most urgent first: the nearest deadline, then cases without one; by number within. */
function byUrgency(a: Task, b: Task): number {
  const da = a.nearestDeadline?.daysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.nearestDeadline?.daysLeft ?? Number.POSITIVE_INFINITY;
  return da === db ? a.number.localeCompare(b.number) : da - db;
}

/** The task routes, mounted at /api/v1/tasks. */
/**
 * Whether an action is refused only for drafts that have a section the user's roles fill: the
 * agency head's 批准立案 waits on their own part of the 立案审批表, which they fill as they approve.
 */
function awaitsOwnPart(
  a: ActionView,
  docs: CaseSnapshot['documents'],
  pack: ResolvedPack,
  roles: readonly string[],
): boolean {
  if (a.refusals.length === 0 || a.refusals.some((r) => r.code !== 'documents')) return false;
  const codes = a.refusals.flatMap((r) => ((r.params.documents ?? []) as { code: string }[]).map((d) => d.code));
  return codes.every((code) => {
    const form = pack.items.document.get(code);
    const draft = docs.some((d) => d.form === code && d.status === 'draft');
    return draft && (form?.sections ?? []).some((s) => s.roles.some((r) => roles.includes(r)));
  });
}

export function taskRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['cases'],
      summary: '我的待办：可办理的案件及可执行的操作 / my tasks: the cases I may act on now, with the actions',
      request: { query: TasksQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const today = dayOf(s.now());
      const { limit } = c.req.valid('query');
      const found = await actionableCases(s.db, actor, { limit: TASK_SCAN });
      const tasks = [];
      for (const { row, around, covering } of found) {
        const { env, snapshot, pack } = await loadCase(s.db, s.packs, row, today, around);
        const roles = actor.roles.map((x) => x.code);
        // An approval waiting only on the approver's own part of a draft (its section) is their task too.
        const allowed = actionsFor(snapshot, actor, covering, today, env).filter(
          (a) => a.allowed || awaitsOwnPart(a, snapshot.documents, pack, roles),
        );
        if (allowed.length === 0) continue;
        tasks.push({
          id: row.id,
          number: row.number,
          version: row.version,
          matter: { code: row.matterCode, name: snapshot.matter.name },
          state: stateOf(snapshot.workflow, row.state),
          subject: { code: snapshot.subject.code, name: snapshot.subject.name },
          party: { kind: row.party.kind, name: row.party.name },
          nearestDeadline: nearestDeadline(
            caseDeadlines(snapshot.workflow, row.stateEntered, row.extensions, today, env, legalDateOf),
          ),
          actions: allowed.map(({ action, name, to, reasonRequired }) => ({ action, name, to, reasonRequired })),
        });
      }
      tasks.sort(byUrgency);
      return c.json({
        total: tasks.length,
        // More open cases than one request looks at: the oldest-changed ones were not checked.
        truncated: found.length === TASK_SCAN,
        limit,
        items: tasks.slice(0, limit),
      });
    },
  );
  return r;
}
