import type { DocumentForm } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { othersSections, outsideEditableStates, ownFields } from './document-procedure.ts';

const form = {
  code: 'case-filing-approval',
  name: '立案审批表',
  issued: false,
  editableIn: ['filing', 'transfer'],
  fields: ['caseNumber', 'caseSummary', 'officerSignature', 'agencyDecision', 'agencySignature'].map((name) => ({
    name,
    title: name,
    type: 'string',
  })),
  sections: [
    { code: 'officer', title: '承办人填写', roles: ['officer'], fields: ['caseSummary', 'officerSignature'] },
    { code: 'agency', title: '机关负责人审批', roles: ['agency-head'], fields: ['agencyDecision', 'agencySignature'] },
  ],
} as unknown as DocumentForm;

const workflow = (states: string[]) =>
  ({ states: states.map((code) => ({ code, name: code === 'filing' ? '立案审批' : code })) }) as never;

describe('ownFields', () => {
  it("gives the fields of no section and of the user's sections, never another role's", () => {
    expect(ownFields(form, ['officer'])).toEqual(['caseNumber', 'caseSummary', 'officerSignature']);
    expect(ownFields(form, ['agency-head'])).toEqual(['caseNumber', 'agencyDecision', 'agencySignature']);
    expect(ownFields(form, ['officer', 'agency-head'])).toHaveLength(5);
    expect(ownFields(form, ['supervisor'])).toEqual(['caseNumber']);
  });

  it('agrees with the check a save goes through: a change to any other field is refused', () => {
    const before = {};
    for (const roles of [['officer'], ['agency-head']]) {
      const own = new Set(ownFields(form, roles));
      for (const f of form.fields) {
        const refused = othersSections(form, roles, before, { [f.name]: 'x' }).length > 0;
        expect(refused, `${roles} ${f.name}`).toBe(!own.has(f.name));
      }
    }
  });
});

describe('outsideEditableStates', () => {
  it("names only the states of the case's workflow", () => {
    expect(outsideEditableStates(form, 'investigation', workflow(['filing', 'investigation']))).toEqual({
      states: ['filing'],
      names: ['立案审批'],
    });
    expect(outsideEditableStates(form, 'transfer', workflow(['transfer']))).toBeUndefined();
  });
});
