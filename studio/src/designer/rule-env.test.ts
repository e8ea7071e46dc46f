import { describe, expect, it } from 'vitest';
import { namedIn, needsKey } from './rule-env.ts';

describe('what a document names for its preview environment', () => {
  it('finds named conditions and parameters at any depth, nothing else', () => {
    const doc = {
      fields: [{ name: 'fine', title: '罚款', type: 'number', computed: { '*': [{ param: 'rate' }, 2] } }],
      rules: [
        {
          effect: 'show',
          fields: ['fine'],
          when: {
            all: [
              { condition: 'large-fine' },
              { fact: 'fine', operator: 'greaterThan', value: { param: 'threshold' } },
            ],
          },
        },
        { effect: 'require', fields: ['fine'], when: { fact: 'condition', operator: 'equal', value: 'x' } },
      ],
    };
    const { conditions, params } = namedIn(doc);
    expect([...conditions]).toEqual(['large-fine']);
    expect([...params].sort()).toEqual(['rate', 'threshold']);
    // The key reads back as the same names, so loading from it reads the same items.
    const back = namedIn(JSON.parse(needsKey(doc)));
    expect([...back.conditions]).toEqual(['large-fine']);
    expect([...back.params].sort()).toEqual(['rate', 'threshold']);
    expect(needsKey({ rules: [] })).toBe('[]');
  });
});
