/**
 * A pack document form as a formily JSON schema: one schema node per field, its component
 * chosen by the field's type, with titles, units, placeholders and grid widths from the pack.
 * No `x-reactions` and no `{{ }}` expressions: visibility, requiredness, read-only and computed
 * values are set from the rules part's evaluateForm (see form-rules.ts).
 */
import type { ISchema } from '@formily/react';
import type { DocumentForm, Field } from '@yifa/metamodel';
import { unitText } from './locale.ts';

/** A choice offered for a field whose options come from the case (legal bases, attachments). */
export interface Choice {
  value: string;
  label: string;
}

/** How to build the schema. */
export interface SchemaOptions {
  lang: 'zh' | 'en';
  phone: boolean;
  /** An issued document: no rows are added or removed. */
  readOnly?: boolean;
  /** Legal bases of the case's matter: code → citation. */
  basisChoices?: readonly Choice[];
  /** Evidence files of the case. */
  attachmentChoices?: readonly Choice[];
  /** "Add a row" and "signature" in the chosen language. */
  labels: { addRow: string; signature: string; actions: string };
}

const title = (f: Field, o: SchemaOptions) => (o.lang === 'en' && f.titleEn ? f.titleEn : f.title);

function component(f: Field, o: SchemaOptions): Pick<ISchema, 'type' | 'x-component' | 'x-component-props' | 'enum'> {
  const placeholder = f.placeholder ? { placeholder: f.placeholder } : {};
  // The value stays the Chinese option (the record is Chinese); English screens show its English label.
  const options = (f.options ?? []).map((v, i) => ({
    label: (o.lang === 'en' && f.optionsEn?.[i]) || v,
    value: v,
  }));
  switch (f.type) {
    case 'string':
      return {
        type: 'string',
        'x-component': 'Input',
        'x-component-props': { ...placeholder, maxLength: f.maxLength },
      };
    case 'signature':
      return { type: 'string', 'x-component': 'Input', 'x-component-props': { placeholder: o.labels.signature } };
    case 'text':
      return {
        type: 'string',
        'x-component': 'Input.TextArea',
        'x-component-props': { ...placeholder, autoSize: { minRows: 2, maxRows: 12 }, maxLength: f.maxLength },
      };
    case 'number':
    case 'integer':
      return {
        type: 'number',
        'x-component': 'NumberPicker',
        'x-component-props': {
          ...placeholder,
          min: f.minimum,
          max: f.maximum,
          precision: f.type === 'integer' ? 0 : undefined,
          suffix: unitText(f.unit, o.lang).trim() || undefined,
          style: { width: '100%' },
        },
      };
    case 'boolean':
      return { type: 'boolean', 'x-component': 'Switch' };
    case 'date':
      return { type: 'string', 'x-component': 'DateField' };
    case 'datetime':
      // On a phone the date and the time are picked apart: one panel with both is wider than the screen.
      return { type: 'string', 'x-component': 'DateTimeInput', 'x-component-props': { phone: o.phone } };
    case 'enum':
      return options.length <= 4 && !o.phone
        ? { type: 'string', 'x-component': 'Radio.Group', enum: options }
        : { type: 'string', 'x-component': 'Select', enum: options, 'x-component-props': { allowClear: true } };
    case 'multi-enum':
      return { type: 'array', 'x-component': 'Checkbox.Group', enum: options };
    case 'legal-basis':
      return {
        type: 'array',
        'x-component': 'Select',
        enum: [...(o.basisChoices ?? [])],
        'x-component-props': { mode: 'multiple' },
      };
    case 'attachment':
      return {
        type: 'array',
        'x-component': 'Select',
        enum: [...(o.attachmentChoices ?? [])],
        'x-component-props': { mode: 'multiple' },
      };
    case 'party':
      return { type: 'object', 'x-component': 'PartyText' };
    case 'table':
      return { type: 'array' };
  }
}

/** The component with a `data-field` attribute naming the field (for tests and assistive tools). */
function named(f: Field, o: SchemaOptions) {
  const c = component(f, o);
  return { ...c, 'x-component-props': { ...c['x-component-props'], 'data-field': f.name } };
}

function leaf(f: Field, o: SchemaOptions, span?: number): ISchema {
  return {
    ...named(f, o),
    title: title(f, o),
    required: f.required === true,
    'x-decorator': 'FormItem',
    'x-decorator-props': {
      ...(f.description ? { tooltip: f.description } : {}),
      ...(span ? { gridSpan: span } : {}),
    },
  };
}

function table(f: Field, o: SchemaOptions): ISchema {
  const columns = f.columns ?? [];
  if (o.phone)
    return {
      type: 'array',
      title: title(f, o),
      'x-decorator': 'FormItem',
      'x-component': 'ArrayCards',
      'x-component-props': { title: title(f, o), 'data-field': f.name },
      items: {
        type: 'object',
        properties: {
          index: { type: 'void', 'x-component': 'ArrayCards.Index' },
          ...Object.fromEntries(columns.map((c) => [c.name, leaf(c, o)])),
          ...(o.readOnly ? {} : { remove: { type: 'void', 'x-component': 'ArrayCards.Remove' } }),
        },
      },
      properties: o.readOnly
        ? {}
        : { add: { type: 'void', title: o.labels.addRow, 'x-component': 'ArrayCards.Addition' } },
    };
  const col = (key: string, props: Record<string, unknown>, inner: Record<string, ISchema>): [string, ISchema] => [
    key,
    { type: 'void', 'x-component': 'ArrayTable.Column', 'x-component-props': props, properties: inner },
  ];
  return {
    type: 'array',
    title: title(f, o),
    required: f.required === true,
    'x-decorator': 'FormItem',
    'x-decorator-props': { gridSpan: 6 },
    'x-component': 'ArrayTable',
    'x-component-props': { pagination: false, scroll: { x: '100%' }, 'data-field': f.name },
    items: {
      type: 'object',
      properties: Object.fromEntries([
        col(
          'c_index',
          { width: 50, title: '#', align: 'center' },
          { index: { type: 'void', 'x-component': 'ArrayTable.Index' } },
        ),
        ...columns.map((c) =>
          col(
            `c_${c.name}`,
            { title: title(c, o), required: c.required === true },
            {
              [c.name]: { ...named(c, o), 'x-decorator': 'FormItem' },
            },
          ),
        ),
        ...(o.readOnly
          ? []
          : [
              col(
                'c_ops',
                { width: 70, title: o.labels.actions, align: 'center' },
                { remove: { type: 'void', 'x-component': 'ArrayTable.Remove' } },
              ),
            ]),
      ]),
    },
    properties: o.readOnly
      ? {}
      : { add: { type: 'void', title: o.labels.addRow, 'x-component': 'ArrayTable.Addition' } },
  };
}

/** The formily schema of a document form: a grid of its fields (one column on a phone). */
export function formSchema(form: DocumentForm, o: SchemaOptions): ISchema {
  const span = (f: Field) => (o.phone ? undefined : Math.max(1, Math.min(6, Math.round((f.width ?? 24) / 4))));
  return {
    type: 'object',
    properties: {
      grid: {
        type: 'void',
        'x-component': 'FormGrid',
        'x-component-props': o.phone
          ? { maxColumns: 1, minColumns: 1 }
          : { maxColumns: 6, minColumns: 6, columnGap: 16 },
        properties: Object.fromEntries(
          form.fields.map((f) => [f.name, f.type === 'table' ? table(f, o) : leaf(f, o, span(f))]),
        ),
      },
    },
  };
}
