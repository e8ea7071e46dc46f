/**
 * My tasks (待办): the open cases in the actor's scope where the actor has a next step, most
 * urgent deadline first, read from the next steps stored as cases move (tasks/read.ts,
 * tasks/refresh.ts): the officer's forms to fill and issue, the approver's approvals once the
 * form's earlier parts are filled, the reviewer's pending 法制审核, the head's 签发, the
 * transitions allowed now that are tasks, and for the officers of a case that waits on others its
 * deadline near or past — with the same guards, permission and certificate checks as a case's own
 * page (case-views.ts). Every case with a step is counted (`total`) and reached by paging
 * (`offset`). Exceptional actions (`task: false`: 撤销案件, 撤销立案) are never listed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { readTasks } from '../tasks/read.ts';
import { OK as ok, router } from './router.ts';

const TasksQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .openapi('TaskListQuery');

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
      const { limit, offset } = c.req.valid('query');
      const page = await readTasks(c.get('services'), c.get('actor'), { limit, offset });
      // Every open case in scope is looked at: nothing is left unchecked (truncated stays for the app's type).
      return c.json({ total: page.total, truncated: false, limit, offset, items: page.items });
    },
  );
  return r;
}
