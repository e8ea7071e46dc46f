import { describe, expect, it } from 'vitest';
import { landingPath } from './landing.ts';

const holding =
  (...permissions: string[]) =>
  (p: string) =>
    permissions.includes(p);

describe('landingPath', () => {
  it('sends the audit administrator, who reads no cases, to the audit log', () => {
    expect(landingPath(holding('audit.read', 'audit.verify'))).toBe('/admin/audit');
  });
  it('keeps everyone who reads cases on the workbench, an auditor role among theirs or not', () => {
    expect(landingPath(holding('case.read', 'case.create'))).toBe('/');
    expect(landingPath(holding('case.read', 'audit.read'))).toBe('/');
  });
  it('sends the system administrator to the accounts and the security administrator to roles and certificates', () => {
    expect(landingPath(holding('user.manage', 'org.manage', 'pack.read', 'pack.import', 'pack.activate'))).toBe(
      '/admin/accounts',
    );
    expect(landingPath(holding('role.assign', 'user.certify', 'user.credentials', 'security.configure'))).toBe(
      '/admin/roles',
    );
    expect(landingPath(holding('security.configure'))).toBe('/admin/security-policy');
  });
  it('leaves anyone else at the workbench', () => {
    expect(landingPath(holding('pack.activate'))).toBe('/');
  });
});
