/**
 * The builder for the one recursive schema a generated form cannot serve: a condition (#14).
 * A condition is all / any of conditions, not a condition, a named condition of the pack, or a
 * fact compared by an operator with a value; the builder edits that tree row by row and shows
 * the JSON it writes (which may also be edited as text).
 */

import { SCHEMAS } from '@yifa/metamodel';
import { Button, Card, Input, Select, Space, Switch, Typography } from 'antd';
import { useContext, useState } from 'react';
import { format, type Lang, type MessageKey } from '../messages.ts';
import { blank, type Cond, reshape, type Shape, shapeOf } from './condition-shape.ts';
import { EditorLang, JsonEditor } from './fields.tsx';

const OPERATORS = (SCHEMAS['condition.schema.json'] as unknown as { $defs: { Operator: { enum: string[] } } }).$defs
  .Operator.enum;

/** The operators as the list shows them: the name in the user's language, then the code the YAML holds (found by either). */
const operatorOptions = (lang: Lang) =>
  OPERATORS.map((o) => ({ value: o, title: o, label: `${format(lang, `op.${o}` as MessageKey)}（${o}）` }));

/** A literal value as text: strings as they are, numbers, booleans and lists as JSON. */
const literal = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
function parseLiteral(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A node's label and its English (explanations name the test by them; packs with require.englishNames need both). */
function Labels(props: { value: Cond; onChange: (c: Cond) => void; lang: Lang }) {
  const { value, onChange, lang } = props;
  const set = (key: 'label' | 'labelEn', text: string) => {
    const { [key]: _, ...rest } = value;
    onChange(text ? { ...rest, [key]: text } : rest);
  };
  return (
    <Space.Compact>
      <Input
        style={{ width: 200 }}
        placeholder={format(lang, 'cond.label')}
        value={String(value.label ?? '')}
        onChange={(e) => set('label', e.target.value)}
      />
      <Input
        style={{ width: 200 }}
        placeholder={format(lang, 'cond.labelEn')}
        value={String(value.labelEn ?? '')}
        onChange={(e) => set('labelEn', e.target.value)}
      />
    </Space.Compact>
  );
}

function Node(props: { value: Cond; onChange: (c: Cond) => void; onRemove?: () => void; lang: Lang; depth: number }) {
  const { value, onChange, lang, depth } = props;
  const t = (k: Parameters<typeof format>[1]) => format(lang, k);
  const shape = shapeOf(value);
  const head = (
    <Space wrap>
      <Select<Shape>
        value={shape}
        style={{ width: 150 }}
        data-condition-shape={shape}
        onChange={(s) => onChange(reshape(value, s))}
        options={(['all', 'any', 'not', 'condition', 'fact'] as const).map((s) => ({
          value: s,
          label: t(`cond.${s}`),
        }))}
      />
      {props.onRemove && (
        <Button size="small" danger onClick={props.onRemove}>
          {t('cond.remove')}
        </Button>
      )}
    </Space>
  );
  if (shape === 'all' || shape === 'any') {
    const list = (Array.isArray(value[shape]) ? value[shape] : []) as Cond[];
    const set = (next: Cond[]) => onChange({ ...value, [shape]: next });
    return (
      <Card
        size="small"
        title={head}
        extra={<Labels value={value} onChange={onChange} lang={lang} />}
        style={{ marginTop: 8, background: depth % 2 ? '#fafafa' : '#fff' }}
      >
        {list.map((c, i) => (
          <Node
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
            key={i}
            value={c}
            lang={lang}
            depth={depth + 1}
            onChange={(n) => set(list.map((x, j) => (j === i ? n : x)))}
            onRemove={() => set(list.filter((_, j) => j !== i))}
          />
        ))}
        <Button size="small" style={{ marginTop: 8 }} onClick={() => set([...list, blank('fact')])}>
          {t('cond.add')}
        </Button>
      </Card>
    );
  }
  if (shape === 'not') {
    return (
      <Card
        size="small"
        title={head}
        extra={<Labels value={value} onChange={onChange} lang={lang} />}
        style={{ marginTop: 8 }}
      >
        <Node
          value={value.not as Cond}
          lang={lang}
          depth={depth + 1}
          onChange={(n) => onChange({ ...value, not: n })}
        />
      </Card>
    );
  }
  if (shape === 'condition') {
    return (
      <div style={{ marginTop: 8 }}>
        <Space wrap>
          {head}
          <Input
            style={{ width: 260 }}
            data-condition-named={String(value.condition ?? '')}
            placeholder={t('cond.named')}
            value={String(value.condition ?? '')}
            onChange={(e) => onChange({ condition: e.target.value })}
          />
        </Space>
      </div>
    );
  }
  const objectValue = typeof value.value === 'object' && value.value !== null && !Array.isArray(value.value);
  return (
    <div style={{ marginTop: 8 }} data-condition-fact={String(value.fact ?? '')}>
      <Space wrap align="start">
        {head}
        <Input
          style={{ width: 200 }}
          placeholder={t('cond.fact')}
          value={String(value.fact ?? '')}
          onChange={(e) => onChange({ ...value, fact: e.target.value })}
        />
        <Select
          style={{ width: 240 }}
          data-condition-operator={String(value.operator ?? '')}
          // 18 operators: found by typing, and all in the list (a virtual list drew only the first eight).
          showSearch
          optionFilterProp="label"
          virtual={false}
          value={value.operator as string}
          options={operatorOptions(lang)}
          onChange={(operator) => onChange({ ...value, operator })}
        />
        {objectValue ? (
          <div style={{ width: 260 }}>
            <JsonEditor lang={lang} value={value.value} onChange={(v) => onChange({ ...value, value: v })} />
          </div>
        ) : (
          <Input
            style={{ width: 260 }}
            placeholder={t('cond.value')}
            value={literal(value.value)}
            onChange={(e) => onChange({ ...value, value: parseLiteral(e.target.value) })}
          />
        )}
        <Labels value={value} onChange={onChange} lang={lang} />
      </Space>
    </div>
  );
}

/** The condition builder, a formily field component (value / onChange). */
export function ConditionEditor(props: { value?: Cond; onChange?: (c: Cond | undefined) => void; lang?: Lang }) {
  const contextLang = useContext(EditorLang);
  const lang = props.lang ?? contextLang;
  const [json, setJson] = useState(false);
  // formily gives an object field with no value an empty object: no condition either.
  if (props.value === undefined || Object.keys(props.value).length === 0) {
    return (
      <Button size="small" data-condition-empty onClick={() => props.onChange?.(blank('all'))}>
        {format(lang, 'cond.create')}
      </Button>
    );
  }
  return (
    <div data-condition-editor>
      <Space style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{format(lang, 'cond.showJson')}</Typography.Text>
        <Switch size="small" checked={json} onChange={setJson} />
        <Button size="small" onClick={() => props.onChange?.(undefined)}>
          {format(lang, 'cond.clear')}
        </Button>
      </Space>
      {json ? (
        <JsonEditor lang={lang} value={props.value} onChange={(v) => props.onChange?.(v as Cond)} />
      ) : (
        <Node value={props.value} lang={lang} depth={0} onChange={(c) => props.onChange?.(c)} />
      )}
    </div>
  );
}
