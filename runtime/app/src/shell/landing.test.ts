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
  it('leaves anyone else at the workbench', () => {
    expect(landingPath(holding('pack.activate'))).toBe('/');
  });
});
