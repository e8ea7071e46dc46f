import type { DocumentForm } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { formSchema, type SchemaOptions } from './form-schema.ts';

const form = {
  code: 'f',
  name: '表',
  issued: false,
  print: { blocks: [] },
  fields: [
    {
      name: 'opinion',
      title: '意见',
      type: 'enum',
      options: ['同意立案', '不予立案'],
      optionsEn: ['Open the case', 'Do not open'],
    },
    { name: 'kinds', title: '种类', type: 'multi-enum', options: ['警告', '罚款'] },
    {
      name: 'rows',
      title: '行',
      type: 'table',
      columns: [{ name: 'ok', title: '是否', type: 'enum', options: ['是', '否'], optionsEn: ['Yes', 'No'] }],
    },
  ],
} as unknown as DocumentForm;

const options = (lang: 'zh' | 'en'): SchemaOptions => ({
  lang,
  phone: false,
  labels: { addRow: '+', signature: 's', actions: 'a' },
});

type Node = { enum?: { label: string; value: string }[]; items?: Node; properties?: Record<string, Node> };
const field = (lang: 'zh' | 'en', name: string): Node =>
  (formSchema(form, options(lang)).properties as Record<string, Node>).grid?.properties?.[name] as Node;

describe('formSchema choices', () => {
  it('shows the English labels in English, the value staying the Chinese option', () => {
    expect(field('en', 'opinion').enum).toEqual([
      { label: 'Open the case', value: '同意立案' },
      { label: 'Do not open', value: '不予立案' },
    ]);
    const column = JSON.stringify(field('en', 'rows'));
    expect(column).toContain('{"label":"Yes","value":"是"}');
  });

  it('shows the Chinese options in Chinese, and where the pack gives no English', () => {
    expect(field('zh', 'opinion').enum?.map((o) => o.label)).toEqual(['同意立案', '不予立案']);
    expect(field('en', 'kinds').enum).toEqual([
      { label: '警告', value: '警告' },
      { label: '罚款', value: '罚款' },
    ]);
  });
});
