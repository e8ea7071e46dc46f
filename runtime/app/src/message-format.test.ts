import { describe, expect, it } from 'vitest';
import { capitalise, format, pluralCategory } from './message-format.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

describe('format', () => {
  it('fills placeholders and leaves a missing one as it was', () => {
    expect(format('Hello, {name}', { name: 'Li' })).toBe('Hello, Li');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(format('no braces')).toBe('no braces');
  });

  it('chooses the English plural: one for exactly 1, other for 0, 2, 21 and 1.5', () => {
    const m = '{n, plural, one {# day} other {# days}} left';
    expect(format(m, { n: 1 })).toBe('1 day left');
    expect(format(m, { n: 0 })).toBe('0 days left');
    expect(format(m, { n: 2 })).toBe('2 days left');
    expect(format(m, { n: 21 })).toBe('21 days left');
    expect(format(m, { n: 1.5 })).toBe('1.5 days left');
    expect(pluralCategory(1)).toBe('one');
    expect(pluralCategory(11)).toBe('other');
  });

  it('takes an exact branch first, and fills placeholders inside a branch', () => {
    const m = '{n, plural, =0 {nothing for {who}} one {one for {who}} other {# for {who}}}';
    expect(format(m, { n: 0, who: 'Li' })).toBe('nothing for Li');
    expect(format(m, { n: 1, who: 'Li' })).toBe('one for Li');
    expect(format(m, { n: 7, who: 'Li' })).toBe('7 for Li');
  });
});

describe('capitalise', () => {
  it('upper-cases the first letter of a label, and leaves Chinese and empty labels alone', () => {
    expect(capitalise('complex case')).toBe('Complex case');
    expect(capitalise('案件疑难复杂')).toBe('案件疑难复杂');
    expect(capitalise('')).toBe('');
  });
});

describe('the English message table', () => {
  // Every parameter given 1 then 2: no "1 days", no "2 day".
  const nouns = 'day|draft|field|alert|person|case|document|officer|item|check|photo|file|task';
  const onePlural = new RegExp(`\\b1 (?:${nouns})s\\b`);
  const manySingular = new RegExp(`\\b2 (?:${nouns})\\b(?!s)`);
  const fill = (template: string, n: number) =>
    format(template, Object.fromEntries([...template.matchAll(/\{(\w+)/g)].map((m) => [m[1] as string, n])));

  it('says 1 of a thing and 2 of things', () => {
    const wrong: string[] = [];
    for (const [key, template] of Object.entries(MESSAGES.en) as [MessageKey, string][]) {
      if (onePlural.test(fill(template, 1))) wrong.push(`${key}: ${fill(template, 1)}`);
      if (manySingular.test(fill(template, 2))) wrong.push(`${key}: ${fill(template, 2)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no Chinese character, and every key in both languages', () => {
    expect(Object.entries(MESSAGES.en).filter(([, v]) => /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(v))).toEqual(
      [],
    );
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.zh).sort());
  });
});
