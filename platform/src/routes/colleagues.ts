/**
 * The colleagues an officer may name as the case's officers (承办人员): the active users of
 * the officer's own enforcement subject who hold a 执法证, with whether it is valid today.
 * Opening a case checks the same (行政处罚法第四十二条: at least two certified officers).
 */
import { createRoute } from '@hono/zod-openapi';
import { requirePermission } from '../auth/access.ts';
import { localDate } from '../time.ts';
import { certifiedUsers } from '../users.ts';
import { OK as ok, router } from './router.ts';

/** The colleagues route, mounted at /api/v1. */
export function colleagueRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/colleagues',
      tags: ['cases'],
      summary: '本执法主体持证执法人员 / certified officers of my enforcement subject',
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      requirePermission(actor, 'case.create');
      const s = c.get('services');
      const today = localDate(s.now());
      const rows = await certifiedUsers(s.db, actor.user.orgCode);
      return c.json({
        items: rows.map((u) => ({
          id: u.id,
          name: u.name,
          certificateNo: u.certificateNo,
          certificateValid: !!u.validUntil && u.validUntil >= today,
          me: u.id === actor.user.id,
        })),
      });
    },
  );
  return r;
}
