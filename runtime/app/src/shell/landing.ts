/**
 * Where a user lands at `/`: the workbench, unless their roles read no cases and have a screen of
 * their own (三员分立: an administrator has no cases, so the workbench would only say "无权执行此操作").
 */

/** The path of the first screen for what the user may do. */
export function landingPath(can: (permission: string) => boolean): string {
  if (can('case.read')) return '/';
  if (can('audit.read')) return '/admin/audit';
  if (can('user.manage')) return '/admin/accounts';
  if (can('role.assign') || can('user.certify') || can('user.credentials')) return '/admin/roles';
  if (can('security.configure')) return '/admin/security-policy';
  return '/';
}
