/**
 * A pack document form rendered with formily and antd: the fields of the pack's form, its field
 * rules evaluated by @yifa/rules on every change (the same compiled rules the server runs), and
 * the server's field problems shown on their fields in the reader's language. Read-only for an
 * issued document; the fields of another role's part read-only, with a note whose part it is.
 */
import {
  ArrayCards,
  ArrayTable,
  Checkbox,
  FormGrid,
  FormItem,
  FormLayout,
  Input,
  NumberPicker,
  PreviewText,
  Radio,
  Select,
  Switch,
} from '@formily/antd-v5';
import { createForm, onFieldInputValueChange, onFormValuesChange } from '@formily/core';
import { createSchemaField, FormProvider } from '@formily/react';
import type { DocumentForm as FormDef } from '@yifa/metamodel';
import type { FactContext, FormState, RuleEnv } from '@yifa/rules';
import { useEffect, useMemo, useRef } from 'react';
import { DateField } from './DateInput.tsx';
import { DateTimeInput } from './DateTimeInput.tsx';
import { applyFormRules, documentData } from './form-rules.ts';
import { type Choice, formSchema } from './form-schema.ts';
import { setFormLocale } from './locale.ts';
import { PartyText } from './PartyText.tsx';

const SchemaField = createSchemaField({
  components: {
    ArrayCards,
    ArrayTable,
    Checkbox,
    DateField,
    DateTimeInput,
    FormGrid,
    FormItem,
    Input,
    NumberPicker,
    PartyText,
    Radio,
    Select,
    Switch,
  },
});

/** Props of DocumentForm. */
export interface DocumentFormProps {
  /** The pack's form definition. */
  form: FormDef;
  /** The document's data when the form opens. */
  value: Readonly<Record<string, unknown>>;
  /** The rule environment of the case's pinned pack. */
  env: RuleEnv;
  /** The case's facts, timeline and deadlines, which rules may read. */
  context?: Partial<FactContext>;
  readOnly?: boolean;
  /** Problems the server found, by field name. */
  errors?: Readonly<Record<string, readonly { zh: string; en: string }[]>>;
  lang?: 'zh' | 'en';
  phone?: boolean;
  basisChoices?: readonly Choice[];
  attachmentChoices?: readonly Choice[];
  /** Called with the values (hidden fields dropped, computed ones filled) and the rules' state. */
  onChange?: (values: Record<string, unknown>, state: FormState) => void;
  /**
   * Fields the user may not edit although the form is open to them — another role's part, or every
   * field outside the form's step (the server's document view says which): shown disabled.
   */
  lockedFields?: readonly string[];
  /** A short note under a field, by field name (whose part of the form begins there). */
  notes?: Readonly<Record<string, string>>;
}

/** Form values as plain JSON data (formily's values are observable proxies). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

const LABELS = {
  zh: { addRow: '添加一行', signature: '签名', actions: '操作' },
  en: { addRow: 'Add a row', signature: 'Signature', actions: 'Actions' },
};

/** The form of a document. */
export function DocumentForm(props: DocumentFormProps) {
  const { form: def, env, context, readOnly = false, errors, lang = 'zh', phone = false, notes } = props;
  const latest = useRef(props);
  latest.current = props;
  // By content, so a parent that passes a new array of the same fields does not re-apply the rules.
  const lockedKey = (props.lockedFields ?? []).join(',');
  const locked = useMemo(() => new Set(lockedKey ? lockedKey.split(',') : []), [lockedKey]);
  const lockedRef = useRef(locked);
  lockedRef.current = locked;

  const form = useMemo(
    () =>
      createForm({
        initialValues: plain(latest.current.value),
        readPretty: readOnly,
        effects() {
          onFormValuesChange((f) => {
            const state = applyFormRules(f, def, env, latest.current.context, readOnly, lockedRef.current);
            if (state) latest.current.onChange?.(documentData(def, plain(f.values)), state);
          });
          onFieldInputValueChange('*', (field) => {
            field.setSelfErrors([]);
          });
        },
      }),
    // A new form only for another document form or mode: `value` is the initial value, and values
    // flow out through onChange (a parent that replaces the data gives the component a new key).
    [def, env, readOnly],
  );

  useEffect(() => setFormLocale(lang), [lang]);

  useEffect(() => {
    const state = applyFormRules(form, def, env, context, readOnly, locked);
    if (state) latest.current.onChange?.(documentData(def, plain(form.values)), state);
  }, [form, def, env, context, readOnly, locked]);

  // By content too: the notes are a new object on every render of the parent.
  const notesKey = JSON.stringify(notes ?? {});
  useEffect(() => {
    const byField = JSON.parse(notesKey) as Record<string, string>;
    for (const f of def.fields) {
      const note = byField[f.name];
      form.setFieldState(f.name, (field) => {
        if ('decoratorProps' in field) field.decoratorProps = { ...field.decoratorProps, extra: note };
      });
    }
  }, [form, def, notesKey]);

  useEffect(() => {
    for (const f of def.fields) {
      const messages = errors?.[f.name] ?? [];
      form.setFieldState(f.name, (field) => {
        field.selfErrors = messages.map((m) => m[lang]);
      });
    }
  }, [form, def, errors, lang]);

  const schema = useMemo(
    () =>
      formSchema(def, {
        lang,
        phone,
        readOnly,
        basisChoices: props.basisChoices,
        attachmentChoices: props.attachmentChoices,
        labels: LABELS[lang],
      }),
    [def, lang, phone, readOnly, props.basisChoices, props.attachmentChoices],
  );

  return (
    <FormProvider form={form}>
      <PreviewText.Placeholder value="—">
        <FormLayout layout="vertical" colon={false} feedbackLayout="terse" labelWrap>
          <SchemaField schema={schema} />
        </FormLayout>
      </PreviewText.Placeholder>
    </FormProvider>
  );
}
