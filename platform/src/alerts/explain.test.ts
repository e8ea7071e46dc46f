/**
 * Why an alert fired, in both languages (#13 complete English): a labelled test reads as its label
 * alone, in English its labelEn — never the Chinese label inside English — and as the Chinese label
 * where the pack gives no English one.
 */
import type { AlertRule } from '@yifa/metamodel';
import { createRuleEnv, evaluateAlerts } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { whyBoth } from './explain.ts';

const rule = (labelEn?: string): AlertRule => ({
  code: 'missing-legal-review',
  name: '未经法制审核作出决定',
  nameEn: 'Decision without legal review',
  scope: 'case',
  when: {
    all: [
      {
        fact: 'state',
        operator: 'equal',
        value: 'decision',
        label: '已进入决定环节',
        labelEn: 'The case has reached the decision stage',
      },
      {
        fact: 'legalReviewed',
        operator: 'notEqual',
        value: true,
        label: '法制审核未同意',
        ...(labelEn ? { labelEn } : {}),
      },
    ],
  },
  levels: [{ level: 'red' }],
  notify: ['case-officers'],
  message: '案件未经法制审核',
  messageEn: 'The case had no legal review',
});

const why = (labelEn?: string) => {
  const r = evaluateAlerts([rule(labelEn)], { facts: { state: 'decision', legalReviewed: false } }, createRuleEnv({}));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const [fired] = r.value.fired;
  if (!fired) throw new Error('the alert did not fire');
  return whyBoth(fired);
};

describe('why an alert fired', () => {
  it('names labelled tests by their labelEn in English and by their label in Chinese', () => {
    expect(why('The legal review has not agreed')).toEqual({
      zh: '已进入决定环节 ✓；法制审核未同意 ✓',
      en: 'The case has reached the decision stage ✓; The legal review has not agreed ✓',
    });
  });

  it('keeps the Chinese label where the pack gives no English one', () => {
    expect(why().en).toBe('The case has reached the decision stage ✓; 法制审核未同意 ✓');
  });
});
