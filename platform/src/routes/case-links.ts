/**
 * Linking a case to the case it concerns after it was opened (a 复议 or 应诉 case to the decision
 * case, an enforcement case to the earlier one), or removing a link made in error — each with a
 * reason, recorded in the audit. Only those who handle the case (case.transition over it) may, the
 * other case must be one they may read (else the same 404 as a case that does not exist), and the
 * answer shows both ends as the case's page does: another case's id only when the user may read it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireCertificate } from '../auth/access.ts';
import { AppError } from '../errors.ts';
import { scopedCase } from '../storage/case-view.ts';
import { linksOf, linkTarget, writeLink } from '../storage/linked-cases.ts';
import { plainText } from '../validation.ts';
import { dayOf } from './case-views.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('LinkCaseId');
const Reason = plainText(z.string().trim().min(1).max(500));
const LinkBody = z
  .object({
    /** The other case, by its number or id. */
    linkedCase: z.string().trim().min(1).max(100),
    reason: Reason,
    version: z.number().int().min(0),
  })
  .strict()
  .openapi('CaseLink');
const UnlinkBody = z
  .object({ reason: Reason, version: z.number().int().min(0) })
  .strict()
  .openapi('CaseUnlink');

/** The link routes, mounted at /api/v1/cases. */
export function caseLinkRoutes() {
  const r = router();

  /** The case, if the actor handles it and it is open at the version they saw. */
  const handled = async (c: Parameters<Parameters<typeof r.openapi>[1]>[0], id: string, version: number) => {
    const actor = c.get('actor');
    const s = c.get('services');
    const { row } = await scopedCase(s.db, actor, id, ['case.transition']);
    requireCertificate(actor, dayOf(s.now()));
    if (row.closedAt) throw new AppError('case-closed', { case: id, closedAt: row.closedAt });
    if (row.version !== version) throw new AppError('conflict', { case: id, currentVersion: row.version });
    return row;
  };

  r.openapi(
    createRoute({
      method: 'put',
      path: '/{id}/linked-case',
      tags: ['cases'],
      summary: '关联案件 / link the case to the case it concerns',
      request: { params: IdParam, body: json(LinkBody) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await handled(c, id, body.version);
      const target = await linkTarget(s.db, actor, body.linkedCase);
      const refuse = (code: string, zh: string, en: string) => {
        throw new AppError('validation', {
          problems: [{ path: '/linkedCase', code, message: { zh, en } }],
        });
      };
      if (target.id === row.id) refuse('link-self', '案件不能关联其本身', 'a case cannot be linked to itself');
      if (target.linkedCaseId === row.id)
        refuse(
          'link-cycle',
          `案件${target.number}已关联本案，不能相互关联`,
          `case ${target.number} is already linked to this case; two cases cannot link to each other`,
        );
      if (row.linkedCaseId === target.id)
        refuse('link-exists', `本案已关联案件${target.number}`, `the case is already linked to ${target.number}`);
      const now = row.linkedCaseId ? (await linksOf(s.db, s.packs, actor, row)).linkedCase : null;
      const current = row.linkedCaseId && now ? { id: row.linkedCaseId, number: now.number } : null;
      const version = await writeLink(s.db, {
        caseId: row.id,
        version: body.version,
        from: current,
        to: { id: target.id, number: target.number },
        reason: body.reason,
        actorId: actor.user.id,
        at: s.now().toISOString(),
      });
      return c.json({ id, version, ...(await linksOf(s.db, s.packs, actor, { id, linkedCaseId: target.id })) });
    },
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/linked-case',
      tags: ['cases'],
      summary: '取消关联 / remove the link, with a reason',
      request: { params: IdParam, body: json(UnlinkBody) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await handled(c, id, body.version);
      const links = await linksOf(s.db, s.packs, actor, row);
      if (!row.linkedCaseId || !links.linkedCase)
        throw new AppError(
          'validation',
          {
            problems: [
              {
                path: '/linkedCase',
                code: 'no-link',
                message: { zh: '本案没有关联案件', en: 'the case is not linked to another case' },
              },
            ],
          },
          { zh: '本案没有关联案件', en: 'the case is not linked to another case' },
        );
      const version = await writeLink(s.db, {
        caseId: row.id,
        version: body.version,
        from: { id: row.linkedCaseId, number: links.linkedCase.number },
        to: null,
        reason: body.reason,
        actorId: actor.user.id,
        at: s.now().toISOString(),
      });
      return c.json({ id, version, ...(await linksOf(s.db, s.packs, actor, { id, linkedCaseId: null })) });
    },
  );
  return r;
}
