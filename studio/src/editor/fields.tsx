/**
 * The formily field components the translated schemas name beyond @formily/antd-v5's: a nested
 * section, the key of a keyed array's element, a JSON sub-editor for what a generated form cannot
 * serve (unions, open maps), and a value of several scalar types with its type chosen.
 */
import { ArrayCards } from '@formily/antd-v5';
import { Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { format, type Lang } from '../messages.ts';

/** Objects inside objects: their fields indented under a rule. */
export function Section({ children }: { children?: ReactNode }) {
  return <div style={{ borderLeft: '2px solid #f0f0f0', paddingLeft: 12 }}>{children}</div>;
}

/** The identity of a keyed array's element (`effectiveFrom=2021-07-15`), shown at the top of its card. */
export function ElementKey({ fields }: { fields: readonly string[] }) {
  const record = (ArrayCards.useRecord() ?? {}) as Record<string, unknown>;
  const text = fields.map((f) => `${f}=${record[f] === undefined ? '—' : String(record[f])}`).join(', ');
  return (
    <div style={{ marginBottom: 8 }}>
      <Tag color="geekblue" data-element-key={text}>
        {text}
      </Tag>
    </div>
  );
}

/** The editor's language, for the components formily renders (it passes them no language of their own). */
export const EditorLang = createContext<Lang>('zh');

const pretty = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

/** A JSON sub-editor: the value as JSON text; text that does not parse is marked and not taken. */
export function JsonEditor(props: { value?: unknown; onChange?: (v: unknown) => void; lang?: Lang }) {
  const contextLang = useContext(EditorLang);
  const lang = props.lang ?? contextLang;
  const [text, setText] = useState(() => pretty(props.value));
  const [bad, setBad] = useState<string>();
  useEffect(() => {
    // A change from outside (the Monaco view, a reload) replaces the text unless it already says so.
    setText((current) => {
      try {
        if (current.trim() && JSON.stringify(JSON.parse(current)) === JSON.stringify(props.value)) return current;
      } catch {
        // the text did not parse: the outside value wins
      }
      return pretty(props.value);
    });
  }, [props.value]);
  return (
    <div data-json-editor>
      <Input.TextArea
        value={text}
        status={bad ? 'error' : undefined}
        autoSize={{ minRows: 1, maxRows: 14 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setBad(undefined);
            props.onChange?.(undefined);
            return;
          }
          try {
            props.onChange?.(JSON.parse(e.target.value));
            setBad(undefined);
          } catch (err) {
            setBad(String((err as Error).message));
          }
        }}
      />
      {bad && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {format(lang, 'jsonInvalid')}：{bad}
        </Typography.Text>
      )}
    </div>
  );
}

type ScalarType = 'number' | 'string' | 'boolean';
const typeOf = (v: unknown): ScalarType =>
  typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';

/** A value that may be a number, a text or yes/no (a parameter's value): its type chosen, then the value. */
export function ScalarInput(props: { value?: unknown; onChange?: (v: unknown) => void; lang?: Lang }) {
  const contextLang = useContext(EditorLang);
  const lang = props.lang ?? contextLang;
  const [type, setType] = useState<ScalarType>(() => typeOf(props.value));
  useEffect(() => {
    if (props.value !== undefined) setType(typeOf(props.value));
  }, [props.value]);
  const change = (v: unknown) => props.onChange?.(v);
  return (
    <Space.Compact style={{ width: '100%' }} data-scalar-input>
      <Select<ScalarType>
        value={type}
        style={{ width: 110 }}
        onChange={(next) => {
          setType(next);
          change(next === 'boolean' ? false : next === 'number' ? Number(props.value) || 0 : String(props.value ?? ''));
        }}
        options={(['number', 'string', 'boolean'] as const).map((v) => ({
          value: v,
          label: format(lang, `scalar.${v}`),
        }))}
      />
      {type === 'number' ? (
        <InputNumber
          data-scalar-value
          style={{ width: '100%' }}
          value={typeof props.value === 'number' ? props.value : null}
          onChange={(v) => change(v ?? undefined)}
        />
      ) : type === 'boolean' ? (
        <span style={{ padding: '4px 12px' }}>
          <Switch data-scalar-value checked={props.value === true} onChange={change} />
        </span>
      ) : (
        <Input
          data-scalar-value
          value={typeof props.value === 'string' ? props.value : ''}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Space.Compact>
  );
}
