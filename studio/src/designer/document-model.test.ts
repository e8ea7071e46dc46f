import { readFileSync } from 'node:fs';
import { type DocumentForm, mergeOverride, minimalOverride } from '@yifa/metamodel';
import { createRuleEnv, evaluateForm } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addField,
  type DocValue,
  fieldCondition,
  fieldProblems,
  fieldsOf,
  freshName,
  moveField,
  numberingProblem,
  otherRules,
  printed,
  removeField,
  setFieldCondition,
  setNumbering,
  setPrinted,
  updateField,
} from './document-model.ts';

// The national 送达回证 as its file says (read as data: the studio imports no pack code).
const receipt = parse(
  readFileSync(new URL('../../../packs/cn-national/documents/service-receipt.yaml', import.meta.url), 'utf8'),
) as DocValue;
const names = (d: DocValue) => fieldsOf(d).map((f) => f.name);
const indexOf = (d: DocValue, name: string) => names(d).indexOf(name);
/** The field states the officer's form applies, by the rules part's own evaluation. */
function evaluateFormState(form: DocumentForm, values: Record<string, unknown>) {
  const r = evaluateForm(form, values, createRuleEnv());
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value.fields;
}

describe('field list operations', () => {
  it('adds a field at the end or at a place, with a name not used yet', () => {
    expect(freshName(receipt)).toBe('field1');
    const one = addField(receipt, { name: 'field1', title: '新字段', type: 'string' });
    expect(names(one).at(-1)).toBe('field1');
    expect(freshName(one)).toBe('field2');
    const first = addField(receipt, { name: 'x', title: 'X', type: 'string' }, 0);
    expect(names(first)[0]).toBe('x');
    expect(names(first).slice(1)).toEqual(names(receipt));
    // The value given is not changed.
    expect(names(receipt)).not.toContain('field1');
  });

  it('moves a field up and down; out of range leaves the value as it is', () => {
    const at = indexOf(receipt, 'method');
    const up = moveField(receipt, at, at - 1);
    expect(names(up)[at - 1]).toBe('method');
    expect(names(up)[at]).toBe(names(receipt)[at - 1]);
    expect(moveField(receipt, 0, -1)).toBe(receipt);
    expect(moveField(receipt, 0, names(receipt).length)).toBe(receipt);
    expect([...names(moveField(up, at - 1, at))]).toEqual(names(receipt));
  });

  it('removes a field and every mention of it: rules, print blocks', () => {
    const next = removeField(receipt, indexOf(receipt, 'witness'));
    expect(names(next)).not.toContain('witness');
    const rules = next.rules as { fields: string[] }[];
    expect(rules.flatMap((r) => r.fields)).not.toContain('witness');
    // The 留置送达 rule still shows the other two fields.
    expect(rules.some((r) => r.fields.join() === 'refusalNote,refusalEvidence')).toBe(true);
    // A rule naming only the removed field goes.
    const noPostal = removeField(receipt, indexOf(receipt, 'postalNumber'));
    expect((noPostal.rules as { fields: string[] }[]).some((r) => r.fields.length === 0)).toBe(false);
    expect((noPostal.rules as unknown[]).length).toBe((receipt.rules as unknown[]).length - 1);
    const blocks = (next.print as { blocks: { field?: string }[] }).blocks;
    expect(blocks.some((b) => b.field === 'witness')).toBe(false);
  });

  it('renames a field and carries the new name to the rules and the print', () => {
    const next = updateField(receipt, indexOf(receipt, 'method'), { name: 'serviceMethod' });
    expect(names(next)).toContain('serviceMethod');
    expect(JSON.stringify(next.print)).not.toMatch(/"method"|\{method\}/);
    // Conditions compare the field as a fact: they are left to the implementer (they may mean a case fact).
    expect(updateField(receipt, 0, { required: undefined }).fields).not.toHaveProperty('0.required');
    // A new field named like another for a moment, then renamed: the other's rules and print stay its own.
    const added = addField(receipt, { name: 'field1', title: '快递公司', type: 'string' });
    const last = fieldsOf(added).length - 1;
    const clash = updateField(added, last, { name: 'method' });
    const renamed = updateField(clash, last, { name: 'courier' });
    expect(renamed.rules).toEqual(receipt.rules);
    expect(renamed.print).toEqual(receipt.print);
    const named = updateField(receipt, indexOf(receipt, 'witness'), { name: 'witnessName' });
    expect((named.rules as { fields: string[] }[]).some((r) => r.fields.includes('witnessName'))).toBe(true);
  });
});

describe('conditions as field rules', () => {
  const when = { fact: 'method', operator: 'equal', value: '邮寄送达' } as const;

  it('adds, changes and removes the rule naming the field alone', () => {
    const doc = addField(receipt, { name: 'courier', title: '快递公司', type: 'string' });
    const shown = setFieldCondition(doc, 'courier', 'show', when);
    expect(fieldCondition(shown, 'courier', 'show')).toEqual(when);
    expect(fieldCondition(shown, 'courier', 'require')).toBeUndefined();
    expect((shown.rules as unknown[]).length).toBe((receipt.rules as unknown[]).length + 1);
    const changed = setFieldCondition(shown, 'courier', 'show', { ...when, value: '电子送达' });
    expect((changed.rules as unknown[]).length).toBe((shown.rules as unknown[]).length);
    expect(fieldCondition(changed, 'courier', 'show')).toMatchObject({ value: '电子送达' });
    expect(setFieldCondition(changed, 'courier', 'show', undefined).rules).toEqual(receipt.rules);
    // The last rule removed leaves no empty list behind.
    const bare = { code: 'd', fields: [{ name: 'a', title: 'A', type: 'string' }] };
    expect(setFieldCondition(setFieldCondition(bare, 'a', 'require', when), 'a', 'require', undefined)).toEqual(bare);
  });

  it('lists the rules that name the field with others, which the form edits', () => {
    const others = otherRules(receipt, 'witness');
    expect(others.map((o) => o.rule.fields)).toEqual([['refusalNote', 'witness', 'refusalEvidence']]);
    expect(fieldCondition(receipt, 'witness', 'show')).toBeUndefined();
    expect(fieldCondition(receipt, 'postalNumber', 'show')).toEqual({
      fact: 'method',
      operator: 'equal',
      value: '邮寄送达',
    });
  });

  it('the preview reacts: a field shown only when the condition holds', () => {
    const doc = setFieldCondition(
      addField(receipt, { name: 'courier', title: '快递公司', type: 'string' }),
      'courier',
      'show',
      when,
    ) as unknown as DocumentForm;
    expect(evaluateFormState(doc, { method: '直接送达' }).courier?.visible).toBe(false);
    expect(evaluateFormState(doc, { method: '邮寄送达' }).courier?.visible).toBe(true);
  });
});

describe('numbering and print', () => {
  it('sets and clears the numbering pattern, and says what is wrong with it', () => {
    const numbered = setNumbering(receipt, '{orgPrefix}送〔{year}〕{seq:4}号');
    expect(numbered.numbering).toEqual({ pattern: '{orgPrefix}送〔{year}〕{seq:4}号' });
    expect(numberingProblem(numbered)).toBeUndefined();
    expect(setNumbering(numbered, '')).not.toHaveProperty('numbering');
    expect(numberingProblem(setNumbering(receipt, '{orgPrefix}〔{year}〕号'))?.en).toContain('{seq}');
    expect(numberingProblem(setNumbering(receipt, '{org}{seq}'))?.zh).toContain('{org}');
  });

  it('prints a field on the A4 sheet after its neighbour, and takes it off again', () => {
    const placed = setPrinted(
      addField(receipt, { name: 'courier', title: '快递公司', type: 'string' }, indexOf(receipt, 'method') + 1),
      'courier',
      true,
    );
    const lines = (placed.print as { blocks: { field?: string }[] }).blocks.map((b) => b.field);
    expect(lines[lines.indexOf('method') + 1]).toBe('courier');
    const doc = addField(receipt, { name: 'courier', title: '快递公司', type: 'string' });
    expect(printed(doc, 'courier')).toBe(false);
    const on = setPrinted(doc, 'courier', true);
    const blocks = (on.print as { blocks: { kind: string; field?: string }[] }).blocks;
    const at = blocks.findIndex((b) => b.field === 'courier');
    expect(blocks[at]).toEqual({ kind: 'field', field: 'courier' });
    expect(blocks.slice(at + 1).some((b) => b.kind === 'signatures' || b.kind === 'seal')).toBe(true);
    expect(setPrinted(on, 'courier', true)).toBe(on);
    expect(setPrinted(on, 'courier', false).print).toEqual(receipt.print);
  });
});

describe('problems shown at the field', () => {
  it('a duplicate name, an empty label, a bad name, a choice without options, a bad source', () => {
    let doc = addField(receipt, { name: 'method', title: '', type: 'enum' });
    doc = addField(doc, { name: '1x', title: 'x', type: 'string', source: 'party.nickname' });
    const problems = fieldProblems(doc);
    const last = fieldsOf(doc).length - 1;
    expect(problems.get(last - 1)?.map((p) => p.at)).toEqual(['name', 'title', 'options']);
    expect(problems.get(last - 1)?.[0]).toMatchObject({
      zh: '字段名“method”重复',
      en: 'The field name “method” is used twice',
    });
    // The first 送达方式 is marked too: both carry the name.
    expect(problems.get(indexOf(receipt, 'method'))?.[0]?.at).toBe('name');
    expect(problems.get(last)?.map((p) => p.at)).toEqual(['name', 'source']);
    expect(fieldProblems(receipt).size).toBe(0);
  });

  it('English options must match the options one by one', () => {
    const doc = addField(receipt, { name: 'x', title: 'X', type: 'enum', options: ['甲', '乙'], optionsEn: ['A'] });
    expect(fieldProblems(doc).get(fieldsOf(doc).length - 1)?.[0]?.at).toBe('optionsEn');
  });
});

describe('the smallest override of a base document', () => {
  const override = (edited: DocValue) => minimalOverride('document', receipt, edited);
  const merged = (patch: unknown) => mergeOverride(receipt, patch, { kind: 'document', keyed: true }).value;

  it('a changed label of one field is that one keyed element', () => {
    const edited = updateField(receipt, indexOf(receipt, 'note'), { titleEn: 'Notes' });
    expect(override(edited)).toEqual({ fields: [{ name: 'note', titleEn: 'Notes' }] });
    expect(merged(override(edited))).toEqual(edited);
  });

  it('a field added is one element placed after its neighbour', () => {
    const edited = addField(receipt, { name: 'courier', title: '快递公司', type: 'string' }, 1);
    expect(override(edited)).toEqual({
      fields: [{ name: 'courier', title: '快递公司', type: 'string', $after: 'servedDocuments' }],
    });
    expect(merged(override(edited))).toEqual(edited);
  });

  it('a field moved is one element with its new place; removed, one $remove', () => {
    const moved = moveField(receipt, indexOf(receipt, 'note'), 0);
    expect(override(moved)).toEqual({ fields: [{ name: 'note', $before: 'servedDocuments' }] });
    expect(merged(override(moved))).toEqual(moved);
    const removed = removeField(receipt, indexOf(receipt, 'note'));
    // Its print line goes with it: the blocks are not keyed, so they are written whole.
    expect(override(removed).fields).toEqual([{ name: 'note', $remove: true }]);
    expect(Object.keys(override(removed)).sort()).toEqual(['fields', 'print']);
    expect(merged(override(removed))).toEqual(removed);
  });

  it('a field with a condition and a print line: its element, and the rules and blocks lists (not keyed) whole', () => {
    const edited = setPrinted(
      setFieldCondition(addField(receipt, { name: 'courier', title: '快递公司', type: 'string' }), 'courier', 'show', {
        fact: 'method',
        operator: 'equal',
        value: '邮寄送达',
      }),
      'courier',
      true,
    );
    const patch = override(edited);
    expect(Object.keys(patch).sort()).toEqual(['fields', 'print', 'rules']);
    expect(patch.fields).toEqual([{ name: 'courier', title: '快递公司', type: 'string', $after: 'note' }]);
    expect(Object.keys(patch.print as object)).toEqual(['blocks']);
    expect(merged(patch)).toEqual(edited);
  });
});
