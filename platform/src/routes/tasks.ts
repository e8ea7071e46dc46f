/**
 * My tasks (待办): in one request, the open cases in the actor's scope where the actor has a next
 * step, most urgent deadline first. The steps come from the pack (task-steps.ts): the officer's
 * forms to fill and issue, the approver's approvals once the form's earlier parts are filled, the
 * reviewer's pending 法制审核, the head's 签发, the transitions allowed now that are tasks, and for
 * the officers of a case that waits on others its deadline near or past —
 * with the same guards, permission and certificate checks as a case's own page (case-views.ts),
 * from one scoped query. Exceptional actions (`task: false`: 撤销案件, 撤销立案) are never listed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { caseDeadlines } from '@yifa/engine';
import { scopeFor } from '../auth/access.ts';
import { loadCase } from '../storage/snapshot.ts';
import { actionableCases } from '../storage/tasks.ts';
import { legalDateOf } from '../time.ts';
import { actionsFor, certified, dayOf, mayAct, nearestDeadline, stateOf } from './case-views.ts';
import { OK as ok, router } from './router.ts';
import { type StoredDocument, taskSteps } from './task-steps.ts';

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
export function taskRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['cases'],
      summary: '我的待办：下一步要办的事项 / my tasks: what I am to do next on each case',
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
      const roles = actor.roles.map((x) => x.code);
      const issues = scopeFor(actor, 'document.issue') !== undefined;
      for (const { row, around, covering, documentIds, pendingReview } of found) {
        const { env, snapshot, pack } = await loadCase(s.db, s.packs, row, today, around);
        const actions = actionsFor(snapshot, actor, covering, today, env);
        const deadline = nearestDeadline(
          caseDeadlines(snapshot.workflow, row.stateEntered, row.extensions, today, env, legalDateOf),
        );
        // What the user is to do next: the workflow's task transitions, the forms they need, the review.
        const steps = taskSteps({
          caseId: row.id,
          snapshot,
          pack,
          env,
          roles,
          caseOfficer: row.officers.includes(actor.user.id),
          mayAct: mayAct(snapshot.workflow, row.state, covering) && certified(actor, today),
          reviews: covering.includes('review.perform'),
          issues,
          actions,
          documentIds,
          documents: JSON.parse(around.docs) as StoredDocument[],
          pendingReview,
          deadline,
        });
        if (steps.length === 0) continue;
        tasks.push({
          id: row.id,
          number: row.number,
          version: row.version,
          matter: { code: row.matterCode, name: snapshot.matter.name, nameEn: snapshot.matter.nameEn ?? null },
          state: stateOf(snapshot.workflow, row.state),
          subject: { code: snapshot.subject.code, name: snapshot.subject.name },
          party: { kind: row.party.kind, name: row.party.name },
          nearestDeadline: deadline,
          steps,
          // The transitions the user may take now that are next steps (never the exceptional ones).
          actions: actions
            .filter((a) => a.allowed && steps.some((x) => x.action === a.action))
            .map(({ action, name, to, reasonRequired }) => ({ action, name, to, reasonRequired })),
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
