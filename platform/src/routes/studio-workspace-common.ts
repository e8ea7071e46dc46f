/**
 * What the working-copy routes share (#14): the studio tag's route builder, the path parameter,
 * and loading a working copy for a request — `pack.author` checked first, the copy resolved over
 * its base (cached per revision) and its issues computed once per revision when asked for.
 */
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { ITEM_KINDS, type ItemKind, type PackIssue } from '@yifa/metamodel';
import type { Context } from 'hono';
import { requirePermission } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import { workspaceIssues } from '../studio/workspace-resolve.ts';
import { resolvedWorkspace, workspaceRow } from '../studio/workspaces.ts';
import { OK as ok } from './router.ts';

/** Every item kind, for path and query enums. */
export const KINDS = ITEM_KINDS.map((k) => k.kind) as [ItemKind, ...ItemKind[]];

/** The working copy's id in a path. */
export const Id = z.object({ id: z.string().min(1).max(64) }).strict();

/** A route of the studio tag, typed by its method, path and request. */
export function route<M extends RouteConfig['method'], P extends string, Q extends RouteConfig['request'] = undefined>(
  method: M,
  path: P,
  summary: string,
  request?: Q,
) {
  return createRoute({ method, path, tags: ['studio'], summary, request: request as Q, responses: ok });
}

/** Issues of a working copy by revision: validating Binhai takes a few hundred ms, so once per revision. */
const issuesCache = new Map<string, PackIssue[]>();

/** The working copy of a request, after checking `pack.author`. */
export async function loaded(c: Context<AppEnv>, id: string) {
  requirePermission(c.get('actor'), 'pack.author');
  const services = c.get('services');
  const row = await workspaceRow(services.db, id);
  const ws = await resolvedWorkspace(services.db, row, { packs: services.packs, now: services.now });
  const key = `${row.id}@${row.revision}`;
  const issues = () => {
    let found = issuesCache.get(key);
    if (!found) {
      found = workspaceIssues(ws);
      if (issuesCache.size >= 32) issuesCache.delete(issuesCache.keys().next().value as string);
      issuesCache.set(key, found);
    }
    return found;
  };
  return { row, ws, issues, services };
}
