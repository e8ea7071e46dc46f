/**
 * Organisations form one tree: a single root and no cycles; their own numbering patterns are well
 * formed; their division codes, locations and sector supervisors agree with the tree.
 */
import { type Finding, finding } from '../issues.ts';
import { type Check, validItems } from './context.ts';
import { checkOrgNumbering } from './org-numbering.ts';
import { checkOrgRelations } from './org-relations.ts';

/** Checks the organisation hierarchy. */
export const checkOrganisations: Check = (ctx) => {
  const out: Finding[] = [];
  const orgs = validItems(ctx, 'organisation');
  const parent = new Map(orgs.map(([code, o]) => [code, o.parent]));
  const roots = orgs.filter(([, o]) => o.parent === undefined);
  if (orgs.length > 0 && roots.length !== 1) {
    const [code] = roots[1] ?? orgs[0] ?? ['', undefined];
    out.push(finding('organisation', code, '/parent', 'org.roots', { count: roots.length }));
  }
  const reported = new Set<string>();
  for (const [code] of orgs) {
    const path: string[] = [];
    let at: string | undefined = code;
    while (at !== undefined && !path.includes(at)) {
      path.push(at);
      at = parent.get(at);
    }
    if (at !== undefined && at === code && !reported.has(code)) {
      for (const c of path) reported.add(c);
      out.push(finding('organisation', code, '/parent', 'org.cycle', { chain: [...path, code].join(' → ') }));
    }
  }
  out.push(...checkOrgNumbering(ctx));
  out.push(...checkOrgRelations(ctx));
  return out;
};
