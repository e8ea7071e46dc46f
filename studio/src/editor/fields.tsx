/**
 * The formily field components the translated schemas name beyond @formily/antd-v5's: a nested
 * section, the key of a keyed array's element, a JSON sub-editor for what a generated form cannot
 * serve (open maps, objects of no fixed shape), a value of several scalar types with its type
 * chosen, and a union's value with its variant chosen.
 */
import { ArrayCards } from '@formily/antd-v5';
import { Input, InputNumber, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { format, type Lang } from '../messages.ts';
import type { UnionVariant } from '../schema-form/translate.ts';

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

/** Which variant a value is written in (undefined for no value). */
function variantOf(value: unknown, variants: readonly UnionVariant[]): number | undefined {
  if (value === undefined) return undefined;
  const find = (kind: UnionVariant['kind']) => variants.findIndex((v) => v.kind === kind);
  const inEnum = variants.findIndex((v) => v.kind === 'enum' && v.values.includes(value as never));
  if (inEnum >= 0) return inEnum;
  const kind =
    typeof value === 'string'
      ? 'string'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? 'strings'
            : 'json';
  const at = find(kind);
  return at >= 0 ? at : find('json') >= 0 ? find('json') : undefined;
}

const startOf = (v: UnionVariant): unknown =>
  v.kind === 'string'
    ? ''
    : v.kind === 'number'
      ? 0
      : v.kind === 'boolean'
        ? false
        : v.kind === 'strings'
          ? []
          : v.kind === 'enum'
            ? v.values[0]
            : undefined;

/**
 * A value of a union (`oneOf` / `anyOf`): which variant it is written in, chosen first — a text,
 * a number, yes/no, one of fixed values, a list — then the value; objects (references,
 * operations) in JSON.
 */
export function UnionEditor(props: {
  value?: unknown;
  onChange?: (v: unknown) => void;
  variants: readonly UnionVariant[];
  lang?: Lang;
}) {
  const contextLang = useContext(EditorLang);
  const lang = props.lang ?? contextLang;
  const { variants } = props;
  const [chosen, setChosen] = useState(() => variantOf(props.value, variants) ?? 0);
  useEffect(() => {
    const at = variantOf(props.value, variants);
    if (at !== undefined) setChosen(at);
  }, [props.value, variants]);
  const variant = variants[chosen] ?? variants[0];
  const change = (v: unknown) => props.onChange?.(v);
  const label = (v: UnionVariant) =>
    v.kind === 'enum' ? v.values.map(String).join(' / ') : format(lang, `union.${v.kind}`);
  return (
    <div data-union-editor>
      {variants.length > 1 && (
        <Segmented
          size="small"
          value={chosen}
          onChange={(i) => {
            const next = variants[i as number];
            setChosen(i as number);
            if (next) change(startOf(next));
          }}
          options={variants.map((v, i) => ({ value: i, label: label(v) }))}
          style={{ marginBottom: 4 }}
        />
      )}
      {variant?.kind === 'string' ? (
        <Input value={typeof props.value === 'string' ? props.value : ''} onChange={(e) => change(e.target.value)} />
      ) : variant?.kind === 'number' ? (
        <InputNumber
          style={{ width: '100%' }}
          value={typeof props.value === 'number' ? props.value : null}
          onChange={(v) => change(v ?? undefined)}
        />
      ) : variant?.kind === 'boolean' ? (
        <Switch checked={props.value === true} onChange={change} />
      ) : variant?.kind === 'strings' ? (
        <Select
          mode="tags"
          open={false}
          style={{ width: '100%' }}
          value={Array.isArray(props.value) ? (props.value as string[]) : []}
          onChange={change}
          tokenSeparators={[',', '，']}
        />
      ) : variant?.kind === 'enum' ? (
        <Select
          style={{ width: '100%' }}
          value={props.value as string}
          onChange={change}
          options={variant.values.map((v) => ({ value: v as string, label: String(v) }))}
        />
      ) : (
        <JsonEditor lang={lang} value={props.value} onChange={change} />
      )}
    </div>
  );
}
