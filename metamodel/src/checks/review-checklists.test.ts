import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';
import { checklistTotal } from './review-checklists.ts';

/** A good checklist over the fixture's penalty workflow: 10 + 5 = 15 points, pass at 12. */
const GOOD = `code: files
name: 案卷评查标准
appliesTo: { workflows: [penalty] }
passMark: 12
basicStandards:
  - { code: facts-clear, name: 事实清楚 }
groups:
  - code: evidence
    name: 调查取证
    points:
      - code: records
        name: 笔录规范
        description: 两名执法人员签名
        maxScore: 10
        deductions:
          - { code: unsigned, name: 缺签名, points: 3 }
  - code: archive
    name: 归档
    points:
      - { code: order, name: 装订顺序, description: 按办案顺序, maxScore: 5 }
source: { status: unverified }
`;

function issuesOf(files: Record<string, string>) {
  const dir = fixtureWith(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [`base/review-checklists/${k}`, v])),
  );
  return validatePackDir(join(dir, 'base')).issues.filter((i) => i.file?.startsWith('review-checklists/'));
}

describe('review checklists at pack load', () => {
  it('accepts a well-formed checklist', () => {
    expect(issuesOf({ 'files.yaml': GOOD })).toEqual([]);
  });

  it('totals the points', () => {
    expect(checklistTotal({ groups: [{ points: [{ maxScore: 10 }] }, { points: [{ maxScore: 5 }] }] })).toBe(15);
  });

  it.each([
    [
      'a point code used twice',
      GOOD.replace('code: order', 'code: records'),
      'review.point-duplicate',
      '/groups/1/points/0/code',
    ],
    [
      'a point with the code of a basic standard',
      GOOD.replace('code: order', 'code: facts-clear'),
      'review.point-duplicate',
      '/groups/1/points/0/code',
    ],
    [
      'a deduction larger than its point',
      GOOD.replace('points: 3 }', 'points: 11 }'),
      'review.deduction-over',
      '/groups/0/points/0/deductions/0/points',
    ],
    [
      'a pass mark no file can reach',
      GOOD.replace('passMark: 12', 'passMark: 16'),
      'review.pass-mark-over',
      '/passMark',
    ],
    [
      'an unknown workflow',
      GOOD.replace('workflows: [penalty]', 'workflows: [nope]'),
      undefined,
      '/appliesTo/workflows/0',
    ],
    [
      'a point without a maximum',
      GOOD.replace('        maxScore: 10\n', ''),
      'schema.required',
      '/groups/0/points/0/maxScore',
    ],
    [
      'a zero maximum',
      GOOD.replace('maxScore: 10', 'maxScore: 0'),
      'schema.exclusiveMinimum',
      '/groups/0/points/0/maxScore',
    ],
    ['no groups', GOOD.slice(0, GOOD.indexOf('groups:')).concat('groups: []\n'), 'schema.minItems', '/groups'],
  ])('refuses %s', (_name, text, code, pointer) => {
    const issues = issuesOf({ 'files.yaml': text });
    expect(issues.map((i) => i.pointer)).toContain(pointer);
    if (code) expect(issues.find((i) => i.pointer === pointer)?.code).toBe(code);
  });

  it('refuses a workflow reviewed by two checklists', () => {
    const issues = issuesOf({ 'files.yaml': GOOD, 'files2.yaml': GOOD.replace('code: files', 'code: files2') });
    expect(issues.map((i) => [i.code, i.params])).toContainEqual([
      'review.applies-twice',
      { target: 'penalty', other: 'files' },
    ]);
  });
});
