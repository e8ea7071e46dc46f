/**
 * Data scope in the query itself: a role's scope (own cases, own subject, subject and
 * its children, those and the subjects it supervises by sector, all) becomes a WHERE
 * condition on cases, so an out-of-scope case is never read, not read and then hidden.
 */
import { type Column, eq, getTableName, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Actor, type Permission, type Scope, scopeFor } from '../auth/access.ts';
import { cases, sectorSupervision } from '../db/schema.ts';

/** What a scope condition compares with, taken from the actor. */
export interface ScopeValues {
  userId: string;
  orgCode: string;
  orgPath: string;
  /** The path and a '/', which every child organisation's path starts with. */
  childPrefix: string;
  childPrefixLength: number;
}

type Bound<T> = { [K in keyof T]: T[K] | Placeholder<K & string> };

/** The actor's values for a scope condition. */
export function scopeValues(actor: Actor): ScopeValues {
  const childPrefix = `${actor.orgPath}/`;
  return {
    userId: actor.user.id,
    orgCode: actor.user.orgCode,
    orgPath: actor.orgPath,
    childPrefix,
    childPrefixLength: childPrefix.length,
  };
}

/** Placeholders for every scope value, for a statement prepared once (fill with scopeValues). */
export const SCOPE_PLACEHOLDERS: Bound<ScopeValues> = {
  userId: sql.placeholder('userId'),
  orgCode: sql.placeholder('orgCode'),
  orgPath: sql.placeholder('orgPath'),
  childPrefix: sql.placeholder('childPrefix'),
  childPrefixLength: sql.placeholder('childPrefixLength'),
};

/**
 * The condition a subject scope puts on rows that carry an organisation's code and path (a case's
 * subject, or the organisation itself): `subject` is the actor's organisation, `subject-tree` it
 * and every organisation whose path starts with its path and a '/', `sector-supervised` that tree
 * and the tree of every subject the actor's organisation supervises by sector (行业业务监督,
 * the sector_supervision table, read by its key).
 */
export function subjectCondition(
  scope: 'subject' | 'subject-tree' | 'sector-supervised',
  v: Bound<ScopeValues>,
  columns: { code: Column; path: Column },
): SQL {
  if (scope === 'subject') return eq(columns.code, v.orgCode);
  const tree = or(
    eq(columns.path, v.orgPath),
    sql`substr(${columns.path}, 1, ${v.childPrefixLength}) = ${v.childPrefix}`,
  ) as SQL;
  if (scope === 'subject-tree') return tree;
  // The outer row's path named with its table: drizzle may leave the table out, and inside the
  // subquery a bare name would be looked up in sector_supervision first.
  const path = sql`${sql.identifier(getTableName(columns.path.table))}.${sql.identifier(columns.path.name)}`;
  const s = sql.identifier(getTableName(sectorSupervision));
  const [by, under] = [
    sql.identifier(sectorSupervision.supervisor.name),
    sql.identifier(sectorSupervision.subjectPath.name),
  ];
  return or(
    tree,
    sql`exists (select 1 from ${s} where ${s}.${by} = ${v.orgCode}
      and (${path} = ${s}.${under} or substr(${path}, 1, length(${s}.${under}) + 1) = ${s}.${under} || '/'))`,
  ) as SQL;
}

/** The condition on `cases` rows that a scope allows, over values or placeholders. */
export function scopeCondition(scope: Scope, v: Bound<ScopeValues>): SQL | undefined {
  switch (scope) {
    case 'all':
      return undefined;
    case 'sector-supervised':
    case 'subject-tree':
    case 'subject':
      return subjectCondition(scope, v, { code: cases.subjectOrg, path: cases.subjectPath });
    case 'own':
      return or(
        eq(cases.createdBy, v.userId),
        sql`exists (select 1 from json_each(${cases.officers}) where json_each.value = ${v.userId})`,
      ) as SQL;
  }
}

/** The condition on `cases` rows that a scope allows the actor. */
export function caseScope(actor: Actor, scope: Scope): SQL | undefined {
  return scopeCondition(scope, scopeValues(actor));
}

/**
 * The condition of the scope a permission gives the actor (`1` when it covers every case), or
 * undefined when no role of the actor grants the permission.
 */
export function permissionScope(actor: Actor, permission: Permission): SQL | undefined {
  const scope = scopeFor(actor, permission);
  if (!scope) return undefined;
  return caseScope(actor, scope) ?? sql`1`;
}
