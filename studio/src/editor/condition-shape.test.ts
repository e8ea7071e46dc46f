import { describe, expect, it } from 'vitest';
import { blank, hasBlankCondition, reshape } from './condition-shape.ts';

describe('reshape: a node given another shape keeps what was built (#14)', () => {
  const named = { condition: 'needs-hearing-notice' };
  const fact = { fact: 'proposedFine', operator: 'greaterThan', value: 5000, label: '罚款' };

  it('wraps a named condition as the first of a new any or all, or inside a not', () => {
    expect(reshape(named, 'any')).toEqual({ any: [named] });
    expect(reshape(fact, 'all')).toEqual({ all: [fact] });
    expect(reshape(named, 'not')).toEqual({ not: named });
    expect(reshape({ not: fact }, 'any')).toEqual({ any: [{ not: fact }] });
  });

  it('turns all into any (and back) with the same list and labels', () => {
    const all = { all: [named, fact], label: '两项', labelEn: 'Both' };
    expect(reshape(all, 'any')).toEqual({ any: [named, fact], label: '两项', labelEn: 'Both' });
    expect(reshape(reshape(all, 'any'), 'all')).toEqual(all);
  });

  it('leaves a node of the same shape as it is, and starts a fact or a named condition blank', () => {
    expect(reshape(fact, 'fact')).toBe(fact);
    expect(reshape({ any: [fact] }, 'fact')).toEqual(blank('fact'));
    expect(reshape(fact, 'condition')).toEqual({ condition: '' });
  });
});

describe('hasBlankCondition: a row the builder added and the user has not filled yet', () => {
  it('finds a blank fact test or named condition anywhere in an item', () => {
    const transition = (when: unknown) => ({ code: 'wf', transitions: [{ from: 'a', action: 'b', when }] });
    expect(hasBlankCondition(transition({ any: [{ condition: 'x' }, blank('fact')] }))).toBe(true);
    expect(hasBlankCondition(transition({ not: { condition: '' } }))).toBe(true);
    expect(hasBlankCondition(transition({ fact: 'proposedPenalties', operator: 'containsAny', value: '' }))).toBe(true);
    // As the generated form passes it on: the empty strings of the new row dropped.
    expect(hasBlankCondition(transition({ any: [{ condition: 'x' }, { operator: 'equal' }] }))).toBe(true);
    expect(hasBlankCondition(transition({ any: [{ fact: 'proposedPenalties', operator: 'containsAny' }] }))).toBe(true);
    expect(hasBlankCondition(transition({ any: [{ condition: 'x' }, { fact: 'f', operator: 'in', value: [] }] }))).toBe(
      false,
    );
  });

  it('does not take a document’s facts set on issue for a condition', () => {
    expect(hasBlankCondition({ sets: [{ fact: 'transferAccepted', value: true }] })).toBe(false);
    expect(hasBlankCondition({ sets: [{ fact: 'transferAcceptedAt', field: 'receivedOn' }] })).toBe(false);
  });
});
