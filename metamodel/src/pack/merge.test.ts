import { describe, expect, it } from 'vitest';
import { directivePointers, mergeOverride } from './merge.ts';

const document = {
  code: 'penalty-decision',
  fields: [
    { name: 'partyName', title: '当事人', type: 'string' },
    { name: 'fine', title: '罚款金额', type: 'number', unit: '元' },
    {
      name: 'evidence',
      title: '证据',
      type: 'table',
      columns: [
        { name: 'item', title: '名称', type: 'string' },
        { name: 'proves', title: '证明事项', type: 'string' },
      ],
    },
    { name: 'decidedAt', title: '决定日期', type: 'date' },
  ],
  print: { blocks: [{ kind: 'number' }, { kind: 'seal' }] },
};

const names = (value: unknown) => (value as typeof document).fields.map((f) => f.name);
const v2 = (base: unknown, patch: unknown, kind: 'document' | 'workflow' | 'discretion' = 'document') =>
  mergeOverride(base, patch, { kind, keyed: true });

describe('mergeOverride, metamodel 1', () => {
  it('replaces an array whole and records the array', () => {
    const r = mergeOverride(document, { fields: [{ name: 'fine', title: '罚款' }] }, { kind: 'document' });
    expect(names(r.value)).toEqual(['fine']);
    expect(r.pointers).toEqual(['/fields']);
    expect(r.problems).toEqual([]);
  });

  it('merges objects, deletes with null and keeps the code', () => {
    const r = mergeOverride({ code: 'a', value: 1, unit: '元', notes: 'x' }, { code: 'b', value: 2, notes: null });
    expect(r.value).toEqual({ code: 'a', value: 2, unit: '元' });
    expect(r.pointers).toEqual(['/value', '/notes']);
  });
});

describe('mergeOverride, metamodel 2', () => {
  it('changes one field of one element, the others untouched', () => {
    const r = v2(document, { fields: [{ name: 'fine', title: '罚款（元）', unit: null }] });
    const fields = (r.value as typeof document).fields;
    expect(fields[1]).toEqual({ name: 'fine', title: '罚款（元）', type: 'number' });
    expect(fields[0]).toBe(document.fields[0]);
    expect(names(r.value)).toEqual(['partyName', 'fine', 'evidence', 'decidedAt']);
    expect(r.pointers).toEqual(['/fields/1/title', '/fields/1/unit']);
  });

  it('merges a document’s sections by code, and replaces the facts it sets whole', () => {
    const form = {
      ...document,
      sections: [
        { code: 'officer', title: '承办人意见', roles: ['officer'], fields: ['partyName'] },
        { code: 'head', title: '负责人意见', roles: ['agency-head'], fields: ['decidedAt'] },
      ],
      sets: [{ fact: 'decided', value: true }],
    };
    const r = v2(form, {
      sections: [{ code: 'head', roles: ['agency-head', 'department-head'] }],
      sets: [{ fact: 'signed', value: true }],
    });
    const merged = r.value as typeof form;
    expect(merged.sections.map((x) => [x.code, x.roles])).toEqual([
      ['officer', ['officer']],
      ['head', ['agency-head', 'department-head']],
    ]);
    expect(merged.sections[1]?.title).toBe('负责人意见');
    expect(merged.sets).toEqual([{ fact: 'signed', value: true }]);
  });

  it('adds an element at the end, or after / before the one named', () => {
    const r = v2(document, {
      fields: [
        { name: 'court', title: '法院', type: 'string' },
        { name: 'standard', title: '裁量基准', type: 'string', $after: 'fine' },
        { name: 'party2', title: '第三人', type: 'string', $before: 'partyName' },
      ],
    });
    expect(names(r.value)).toEqual(['party2', 'partyName', 'fine', 'standard', 'evidence', 'decidedAt', 'court']);
    expect((r.value as typeof document).fields[3]).toEqual({ name: 'standard', title: '裁量基准', type: 'string' });
    expect(r.pointers).toEqual(['/fields/6', '/fields/3', '/fields/0']);
  });

  it('moves an element it names with a position', () => {
    const r = v2(document, { fields: [{ name: 'decidedAt', $after: 'partyName' }] });
    expect(names(r.value)).toEqual(['partyName', 'decidedAt', 'fine', 'evidence']);
    expect(r.problems).toEqual([]);
  });

  it('removes an element and records it by key', () => {
    const r = v2(document, { fields: [{ name: 'fine', $remove: true }] });
    expect(names(r.value)).toEqual(['partyName', 'evidence', 'decidedAt']);
    expect(r.removed).toEqual(['/fields[name=fine]']);
    expect(r.pointers).toEqual([]);
  });

  it('merges the columns of a table field by name', () => {
    const r = v2(document, { fields: [{ name: 'evidence', columns: [{ name: 'proves', title: '证明对象' }] }] });
    const columns = (r.value as typeof document).fields[2]?.columns;
    expect(columns).toEqual([
      { name: 'item', title: '名称', type: 'string' },
      { name: 'proves', title: '证明对象', type: 'string' },
    ]);
    expect(r.pointers).toEqual(['/fields/2/columns/1/title']);
  });

  it('still replaces arrays without a key whole', () => {
    const r = v2(document, { print: { blocks: [{ kind: 'seal' }] } });
    expect((r.value as typeof document).print.blocks).toEqual([{ kind: 'seal' }]);
    expect(r.pointers).toEqual(['/print/blocks']);
  });

  it('knows a transition by its from and action, a list of states in any order', () => {
    const workflow = {
      transitions: [
        { action: 'decide', from: 'investigation', to: 'decision' },
        { action: 'decide', from: ['review', 'hearing'], to: 'decision' },
      ],
    };
    const guard = { fact: 'deadlineExtended', operator: 'equal', value: true };
    const r = v2(
      workflow,
      { transitions: [{ from: ['hearing', 'review'], action: 'decide', when: guard }] },
      'workflow',
    );
    expect(r.value).toEqual({
      transitions: [workflow.transitions[0], { ...workflow.transitions[1], when: guard }],
    });
    expect(r.pointers).toEqual(['/transitions/1/when']);
    const moved = v2(
      workflow,
      {
        transitions: [
          { from: 'investigation', action: 'decide', $after: { from: ['review', 'hearing'], action: 'decide' } },
        ],
      },
      'workflow',
    );
    expect((moved.value as typeof workflow).transitions.map((t) => t.from)).toEqual([
      ['review', 'hearing'],
      'investigation',
    ]);
  });

  it('adds one tier to a version of a benchmark, before the default', () => {
    const benchmark = {
      versions: [
        { effectiveFrom: '2022-10-08', tiers: [{ code: 'heavy' }, { code: 'normal' }] },
        { effectiveFrom: '2025-01-01', tiers: [{ code: 'normal' }] },
      ],
    };
    const r = v2(
      benchmark,
      { versions: [{ effectiveFrom: '2022-10-08', tiers: [{ code: 'minor', name: '轻微', $before: 'normal' }] }] },
      'discretion',
    );
    expect((r.value as typeof benchmark).versions.map((v) => v.tiers.map((t) => t.code))).toEqual([
      ['heavy', 'minor', 'normal'],
      ['normal'],
    ]);
    expect(r.pointers).toEqual(['/versions/0/tiers/1']);
  });

  it('reports a removal that matches nothing, a key named twice, a missing position target and a missing key', () => {
    const r = v2(document, {
      fields: [
        { name: 'nope', $remove: true },
        { name: 'fine', title: 'a' },
        { name: 'fine', title: 'b' },
        { name: 'x', title: 'x', type: 'string', $after: 'nowhere' },
        { title: '无名' },
        { name: 'partyName', $remove: true, title: '当事人' },
      ],
    });
    expect(r.problems.map((p) => `${p.code} ${p.pointer}`)).toEqual([
      'layer.element-missing /fields/0',
      'layer.element-duplicate /fields/2',
      'layer.element-position-missing /fields/3/$after',
      'layer.element-key-missing /fields/4',
      'layer.element-remove-extra /fields/5',
    ]);
    expect(r.problems[0]?.message.en).toBe('the base array has no element with key "name=nope" to remove');
    // The missing target does not lose the element: it is added at the end.
    expect(names(r.value).at(-1)).toBe('x');
  });

  it('checks the directives against the overlay schema', () => {
    const r = v2(document, {
      fields: [
        { name: 'fine', $remove: false },
        { name: 'fine', $move: 'up' },
        { name: 'x', $after: 'fine', $before: 'fine' },
      ],
    });
    expect(r.problems.map((p) => `${p.code} ${p.pointer}`)).toEqual([
      'schema.const /fields/0/$remove',
      'schema.pattern /fields/1',
      'schema.propertyNames /fields/1',
      'schema.not /fields/2',
    ]);
  });
});

describe('directivePointers', () => {
  it('finds the v2 directives in array elements only', () => {
    expect(directivePointers({ fields: [{ name: 'a', $remove: true }], $after: 'x' })).toEqual(['/fields/0/$remove']);
  });
});
