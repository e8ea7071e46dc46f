/**
 * Data scope in the query itself: a role's scope (own cases, own subject, subject and
 * its children, all) becomes a WHERE condition on cases, so an out-of-scope case is
 * never read, not read and then hidden.
 */
import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import { cases } from '../db/schema.ts';

/** The condition on `cases` rows that a scope allows the actor. */
export function caseScope(actor: Actor, scope: Scope): SQL | undefined {
  switch (scope) {
    case 'all':
      return undefined;
    case 'subject-tree':
      // The subject itself, or any organisation whose path starts with the subject's path and a '/'.
      return or(
        eq(cases.subjectPath, actor.orgPath),
        sql`substr(${cases.subjectPath}, 1, ${actor.orgPath.length + 1}) = ${`${actor.orgPath}/`}`,
      ) as SQL;
    case 'subject':
      return eq(cases.subjectOrg, actor.user.orgCode);
    case 'own':
      return or(
        eq(cases.createdBy, actor.user.id),
        sql`exists (select 1 from json_each(${cases.officers}) where json_each.value = ${actor.user.id})`,
      ) as SQL;
  }
}
