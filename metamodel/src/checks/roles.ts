/**
 * 三员分立 (等保 三级 安全管理中心): the system, audit and security administrators are
 * separate roles, each holding only its own domain's permissions and no case work.
 */
import type { Role } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

type Permission = Role['permissions'][number];
type Admin = NonNullable<Role['admin']>;

/** The permissions each administrator domain owns. */
export const ADMIN_PERMISSIONS: Readonly<Record<Admin, readonly Permission[]>> = {
  system: ['user.manage', 'org.manage', 'pack.read', 'pack.import', 'pack.activate'],
  security: ['role.assign', 'user.certify', 'user.credentials', 'security.configure'],
  audit: ['audit.read', 'audit.verify'],
};

const LABEL: Record<Admin, string> = { system: '系统', security: '安全', audit: '审计' };

/** Checks every role. */
export const checkRoles: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, role] of validItems(ctx, 'role')) {
    const admin = role.admin;
    if (admin) {
      role.permissions.forEach((p, i) => {
        if (!ADMIN_PERMISSIONS[admin].includes(p)) {
          out.push(
            finding('role', code, pointerOf('permissions', i), 'role.admin-mixed', {
              admin: LABEL[admin],
              permission: p,
            }),
          );
        }
      });
      continue;
    }
    // Audit and security permissions belong to their administrators alone; system ones (users, packs)
    // may also be given to an ordinary role, e.g. a supervisor who imports packs.
    role.permissions.forEach((p, i) => {
      if (ADMIN_PERMISSIONS.audit.includes(p) || ADMIN_PERMISSIONS.security.includes(p)) {
        const domain: Admin = ADMIN_PERMISSIONS.audit.includes(p) ? 'audit' : 'security';
        out.push(
          finding('role', code, pointerOf('permissions', i), 'role.admin-mixed', {
            admin: LABEL[domain],
            permission: p,
          }),
        );
      }
    });
  }
  return out;
};
