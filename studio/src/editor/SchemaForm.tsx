/**
 * An item's form, generated from its kind's JSON Schema (translate.ts) and rendered with formily
 * and antd as the officer app's forms are. Values flow out on every change (pruned of what the
 * form added by itself); errors from the server land on their fields, or on the nearest field
 * above when the pointer is inside a dedicated editor.
 */
import { ArrayCards, FormItem, FormLayout, Input, NumberPicker, Select, Switch } from '@formily/antd-v5';
import { createForm, onFormValuesChange } from '@formily/core';
import { createSchemaField, FormProvider } from '@formily/react';
import type { ItemKind } from '@yifa/metamodel';
import { useEffect, useMemo, useRef } from 'react';
import type { Bilingual } from '../api.ts';
import type { Lang } from '../messages.ts';
import { translateKind } from '../schema-form/translate.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { EditorLang, ElementKey, JsonEditor, ScalarInput, Section, UnionEditor } from './fields.tsx';
import { prune } from './prune.ts';

const SchemaField = createSchemaField({
  components: {
    ArrayCards,
    ConditionEditor,
    ElementKey,
    FormItem,
    Input,
    JsonEditor,
    NumberPicker,
    ScalarInput,
    Section,
    Select,
    Switch,
    UnionEditor,
  },
});

/** A problem with a field of the item, at its JSON pointer. */
export interface FieldError {
  pointer: string;
  message: Bilingual;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

export interface SchemaFormProps {
  kind: ItemKind;
  /** The item when the form opens; a new `version` replaces the form's values with it. */
  value: Record<string, unknown>;
  version: number;
  lang: Lang;
  errors: readonly FieldError[];
  onChange: (value: Record<string, unknown>) => void;
}

export function SchemaForm(props: SchemaFormProps) {
  const { kind, lang, errors, version } = props;
  const latest = useRef(props);
  latest.current = props;
  // The form on screen: a form replaced (a new version) may still report its fields leaving as
  // value changes, and its value is stale — only the current form's changes go out.
  const current = useRef<unknown>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new form only when the value is replaced from outside (version) or the language changes (formily keeps a field's first title), from the value as edited so far
  const form = useMemo(() => {
    const initial = plain(latest.current.value);
    // Fields settling on mount change the form's values without changing the item: only a value
    // that differs from the last one goes out.
    let last = JSON.stringify(initial);
    return createForm({
      initialValues: initial,
      effects() {
        onFormValuesChange((f) => {
          if (current.current !== f) return;
          const next = prune(plain(f.values), initial) as Record<string, unknown>;
          const text = JSON.stringify(next);
          if (text === last) return;
          last = text;
          latest.current.onChange(next);
        });
      },
    });
  }, [kind, version, lang]);
  current.current = form;
  const schema = useMemo(() => translateKind(kind, lang).schema, [kind, lang]);

  useEffect(() => {
    form.query('*').forEach((f) => {
      if ('selfErrors' in f) f.selfErrors = [];
    });
    for (const e of errors) {
      const segments = e.pointer.split('/').slice(1);
      for (let n = segments.length; n >= 0; n--) {
        const field = form.query(segments.slice(0, n).join('.')).take();
        if (field && 'selfErrors' in field) {
          field.selfErrors = [...field.selfErrors, e.message[lang]];
          break;
        }
      }
    }
  }, [form, errors, lang]);

  return (
    <EditorLang.Provider value={lang}>
      <FormProvider form={form}>
        <FormLayout layout="vertical" colon={false} feedbackLayout="terse">
          <SchemaField schema={schema} />
        </FormLayout>
      </FormProvider>
    </EditorLang.Provider>
  );
}
