/**
 * Who may do what, over which data. Roles come from the active pack (permissions and a
 * data scope); a user's scope for a permission is the widest scope among their roles
 * that grant it. Officers whose 执法证 has expired may not act on cases.
 */
import type { ResolvedPack, Role } from '@yifa/metamodel';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** A permission of the role schema. */
export type Permission = Role['permissions'][number];

/** A data scope, narrowest first. */
export type Scope = Role['scope'];

// sector-supervised is the subject tree and more (the subjects supervised by sector), so it is wider.
const WIDTH: Record<Scope, number> = { own: 0, subject: 1, 'subject-tree': 2, 'sector-supervised': 3, all: 4 };

/** The signed-in user with what their roles allow. */
export interface Actor {
  user: UserRow;
  /** Path of the user's organisation from the root, e.g. `gov/scj`. */
  orgPath: string;
  roles: Role[];
}

/** The widest scope the actor has for a permission, or undefined when no role grants it. */
export function scopeFor(actor: Actor, permission: Permission): Scope | undefined {
  let best: Scope | undefined;
  for (const role of actor.roles) {
    if (role.permissions.includes(permission) && (best === undefined || WIDTH[role.scope] > WIDTH[best]))
      best = role.scope;
  }
  return best;
}

/** The actor's scope for a permission; throws `forbidden` when no role grants it. */
export function requirePermission(actor: Actor, permission: Permission): Scope {
  const scope = scopeFor(actor, permission);
  if (!scope) throw new AppError('forbidden', { permission });
  return scope;
}

/** Throws unless the actor holds a valid 执法证 (when any of their roles requires one). */
export function requireCertificate(actor: Actor, today: string): void {
  if (!actor.roles.some((r) => r.requiresCertificate)) return;
  const until = actor.user.certificateValidUntil;
  if (!actor.user.certificateNo || !until || until < today) {
    throw new AppError('certificate-invalid', { certificateNo: actor.user.certificateNo, validUntil: until });
  }
}

/** The roles of a user that the pack defines. */
export function rolesOf(user: UserRow, pack: ResolvedPack): Role[] {
  return user.roles.map((code) => pack.items.role.get(code)).filter((r): r is Role => r !== undefined);
}
