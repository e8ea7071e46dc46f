/**
 * Whom an alert reaches, resolved when it is raised (AlertRule.notify): a role code becomes
 * `role:<code>` (its holders, each within their data scope), `case-officers` the officers on the
 * case then (`user:<id>`), `subject-head` the users of the alert's subject who hold a role of the
 * pack with `headsSubject` (`user:<id>`). Stored per alert, keyed by recipient, so "my alerts"
 * is an index lookup.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';

/** The recipient that stands for the officers of the case. */
export const CASE_OFFICERS = 'case-officers';
/** The recipient that stands for the heads of the alert's subject. */
export const SUBJECT_HEAD = 'subject-head';

/** A stored recipient for a role. */
export const roleRecipient = (code: string) => `role:${code}`;
/** A stored recipient for a user. */
export const userRecipient = (id: string) => `user:${id}`;

/** What a resolution needs of the judged case or subject. */
export interface RecipientContext {
  target: { kind: 'case'; officers: readonly string[] } | { kind: 'subject' };
  subjectOrg: string;
  pack: ResolvedPack;
}

/**
 * A resolver of `notify` lists to stored recipients, reading each subject's heads once (a scan
 * raises many alerts on the same subjects).
 */
export function createRecipientResolver(db: Db) {
  const heads = new Map<string, Promise<string[]>>();
  const headsOf = (subject: string, pack: ResolvedPack) => {
    let found = heads.get(subject);
    if (!found) {
      const headRoles = new Set([...pack.items.role.values()].filter((r) => r.headsSubject).map((r) => r.code));
      found = db
        .select({ id: users.id, roles: users.roles })
        .from(users)
        .where(and(eq(users.orgCode, subject), eq(users.disabled, false)))
        .then((rows) => rows.filter((u) => u.roles.some((r) => headRoles.has(r))).map((u) => u.id));
      heads.set(subject, found);
    }
    return found;
  };
  return async (notify: readonly string[], ctx: RecipientContext): Promise<string[]> => {
    const out = new Set<string>();
    for (const n of notify) {
      if (n === CASE_OFFICERS) {
        if (ctx.target.kind === 'case') for (const id of ctx.target.officers) out.add(userRecipient(id));
      } else if (n === SUBJECT_HEAD) {
        for (const id of await headsOf(ctx.subjectOrg, ctx.pack)) out.add(userRecipient(id));
      } else out.add(roleRecipient(n));
    }
    return [...out];
  };
}
