import type { PackIssue } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { fieldChanges, issueView } from './workspace-views.ts';

const list = {
  code: 'org-types',
  name: '主体类型',
  entries: [
    { code: 'government', name: '人民政府' },
    { code: 'department', name: '政府部门' },
    { code: 'street', name: '街道办事处' },
  ],
};

describe('fieldChanges', () => {
  it('names a changed keyed element by its key, with the values before and after', () => {
    const after = structuredClone(list);
    (after.entries[1] as { name: string }).name = '工作部门';
    expect(fieldChanges('codelist', list, after)).toEqual([
      { pointer: '/entries[code=department]/name', before: '政府部门', after: '工作部门' },
    ]);
  });

  it('finds the value before by key when an element was inserted ahead of it, and lists a removed element', () => {
    const after = {
      ...list,
      entries: [{ code: 'zone', name: '开发区' }, list.entries[0], { code: 'department', name: '工作部门' }],
    };
    const changes = fieldChanges('codelist', list, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { pointer: '/entries[code=zone]', after: { code: 'zone', name: '开发区' } },
        { pointer: '/entries[code=department]/name', before: '政府部门', after: '工作部门' },
        { pointer: '/entries[code=street]', removed: true },
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  it('reports a deleted field with its value before and nothing after; nothing when equal', () => {
    expect(fieldChanges('parameter', { code: 'p', name: 'x', notes: 'n' }, { code: 'p', name: 'x' })).toEqual([
      { pointer: '/notes', before: 'n' },
    ]);
    expect(fieldChanges('codelist', list, structuredClone(list))).toEqual([]);
  });
});

describe('issueView', () => {
  it('places an issue on its item from its file, an override or an item of the pack', () => {
    const issue = (file: string): PackIssue => ({
      code: 'schema.type',
      severity: 'error',
      pack: 'tj-binhai',
      file,
      pointer: '/value',
      message: { zh: '类型错误', en: 'wrong type' },
      params: {},
      line: 3,
    });
    expect(issueView(issue('overrides/parameters/hearing-fine-person.yaml'))).toMatchObject({
      kind: 'parameter',
      itemCode: 'hearing-fine-person',
      pointer: '/value',
      line: 3,
    });
    expect(issueView(issue('matters/M-1.yaml'))).toMatchObject({ kind: 'matter', itemCode: 'M-1' });
    expect(issueView(issue('pack.yaml'))).not.toHaveProperty('kind');
  });
});
