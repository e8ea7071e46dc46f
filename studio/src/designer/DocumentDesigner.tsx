/**
 * The document-form designer (#14): a document item's fields as a list — added, removed, moved
 * up and down, each configured (name, labels zh/en, type, required, options, pre-fill source,
 * computed expression, printed on the A4 sheet, "visible when" and "required when" conditions) —
 * and the document's numbering pattern; beside them a live preview of exactly the officer's form
 * (@yifa/ui's DocumentForm with the working copy's compiled rules) with sample values typed in, and
 * a tab with its A4 print (@yifa/engine's layoutDocument and printHtml in @yifa/ui's PrintPreview).
 * Every edit changes the one item value the generated form and the YAML view edit too
 * (document-model.ts), so a save writes the smallest override. Loaded only when a document opens.
 */
import { formatDocumentNumber, layoutDocument, printHtml } from '@yifa/engine';
import { type DocumentForm, deepEqual } from '@yifa/metamodel';
import { evaluateForm, type RuleEnv } from '@yifa/rules';
import { DocumentForm as OfficerForm, PrintPreview } from '@yifa/ui';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { Component, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConditionEditor } from '../editor/ConditionEditor.tsx';
import { JsonEditor } from '../editor/fields.tsx';
import { format, type Lang, type MessageKey } from '../messages.ts';
import {
  addField,
  type ConditionEffect,
  type DocValue,
  FIELD_TYPES,
  type FieldValue,
  fieldCondition,
  fieldProblems,
  fieldsOf,
  freshName,
  moveField,
  numberingProblem,
  otherRules,
  type Problem,
  printed,
  type Rule,
  removeField,
  SOURCES,
  setFieldCondition,
  setNumbering,
  setPrinted,
  updateField,
} from './document-model.ts';
import { loadRuleEnv, needsKey } from './rule-env.ts';

export interface DocumentDesignerProps {
  value: DocValue;
  lang: Lang;
  /** The working copy, whose named conditions, parameters and calendars the preview's rules read. */
  workspace?: string;
  onChange: (value: DocValue) => void;
}

/** A preview that failed to render says so instead of taking the editor down (remounted by key on each edit). */
class PreviewBoundary extends Component<{ children: ReactNode; message: string }> {
  override state: { error?: string } = {};
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    if (this.state.error)
      return <Alert type="error" showIcon message={this.props.message} description={this.state.error} />;
    return this.props.children;
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** How long the designer waits after the last keystroke before the form and the YAML view take the value. */
const QUIET_MS = 250;

export default function DocumentDesigner({ value: outer, lang, workspace, onChange: send }: DocumentDesignerProps) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(lang, key, params);
  // The designer and its preview follow every keystroke; the generated form below (rebuilt whole
  // on a value from outside) and the YAML view take the value after a pause in typing, or at once
  // when focus leaves the designer (a click on Save) or it closes. A value from them replaces the draft.
  // The generated form, rebuilt on the value sent, gives it back once its fields settle (the same
  // item, its keys perhaps in another order): that echo is no edit and must not undo a newer one.
  const [value, setDraft] = useState(outer);
  const sent = useRef(outer);
  const pending = useRef<{ value: DocValue; timer: ReturnType<typeof setTimeout> }>();
  const flush = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = undefined;
    sent.current = p.value;
    send(p.value);
  }, [send]);
  useEffect(() => {
    if (outer === sent.current || deepEqual(outer, sent.current)) return;
    sent.current = outer;
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = undefined;
    setDraft(outer);
  }, [outer]);
  useEffect(() => flush, [flush]);
  const onChange = (next: DocValue) => {
    setDraft(next);
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { value: next, timer: setTimeout(flush, QUIET_MS) };
  };
  const fields = fieldsOf(value);
  const [selected, setSelected] = useState<number | undefined>(fields.length > 0 ? 0 : undefined);
  const problems = useMemo(() => fieldProblems(value), [value]);
  const numbering = numberingProblem(value);
  const current = selected !== undefined ? fields[selected] : undefined;

  // Read again only when the rules come to name another condition or parameter.
  const needs = useMemo(() => needsKey(value), [value]);
  const [env, setEnv] = useState<RuleEnv>();
  const [envError, setEnvError] = useState<string>();
  useEffect(() => {
    let live = true;
    loadRuleEnv(workspace, JSON.parse(needs)).then(
      (e) => live && setEnv(e),
      (e: unknown) => live && setEnvError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [workspace, needs]);

  const add = () => {
    const name = freshName(value);
    const at = selected === undefined ? fields.length : selected + 1;
    onChange(addField(value, { name, title: '', type: 'string' }, at));
    setSelected(at);
  };
  const move = (i: number, to: number) => {
    onChange(moveField(value, i, to));
    if (selected === i) setSelected(to);
    else if (selected === to) setSelected(i);
  };
  const remove = (i: number) => {
    onChange(removeField(value, i));
    setSelected(fields.length > 1 ? Math.max(0, Math.min(i, fields.length - 2)) : undefined);
  };

  const pattern = String((value.numbering as { pattern?: unknown } | undefined)?.pattern ?? '');
  const list = (
    <Card size="small" title={t('designer.fields')} data-testid="designer-fields">
      <List
        size="small"
        dataSource={fields}
        renderItem={(f, i) => {
          const mine = problems.get(i) ?? [];
          const name = String(f.name ?? '');
          return (
            <List.Item
              data-designer-field={name}
              data-selected={i === selected ? 'yes' : 'no'}
              style={{ cursor: 'pointer', background: i === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
              onClick={() => setSelected(i)}
              actions={[
                <Button
                  key="up"
                  size="small"
                  disabled={i === 0}
                  aria-label={t('designer.up')}
                  data-designer-up={name}
                  onClick={(e) => {
                    e.stopPropagation();
                    move(i, i - 1);
                  }}
                >
                  ↑
                </Button>,
                <Button
                  key="down"
                  size="small"
                  disabled={i === fields.length - 1}
                  aria-label={t('designer.down')}
                  data-designer-down={name}
                  onClick={(e) => {
                    e.stopPropagation();
                    move(i, i + 1);
                  }}
                >
                  ↓
                </Button>,
                <Popconfirm
                  key="remove"
                  title={t('designer.removeConfirm', { name: String(f.title || name) })}
                  okText={t('designer.remove')}
                  cancelText={t('graph.cancel')}
                  onConfirm={() => remove(i)}
                  onPopupClick={(e) => e.stopPropagation()}
                >
                  <Button size="small" danger data-designer-remove={name} onClick={(e) => e.stopPropagation()}>
                    {t('designer.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{String((lang === 'en' && f.titleEn) || f.title || '—')}</Typography.Text>
                  <Typography.Text code>{name}</Typography.Text>
                  <Tag>{t(`designer.type.${String(f.type)}` as MessageKey)}</Tag>
                  {f.required === true && <Tag color="red">{t('designer.required')}</Tag>}
                  {fieldCondition(value, name, 'show') && <Tag color="blue">{t('designer.conditional')}</Tag>}
                  {f.computed !== undefined && <Tag color="purple">{t('designer.computed')}</Tag>}
                  {f.source !== undefined && <Tag color="green">{String(f.source)}</Tag>}
                </Space>
                {mine.map((p) => (
                  <Typography.Text key={`${p.at}:${p.en}`} type="danger" data-designer-problem={p.at}>
                    {p[lang]}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
      <Button style={{ marginTop: 8 }} onClick={add} data-testid="designer-add-field">
        {t('designer.addField')}
      </Button>
    </Card>
  );

  const numberingCard = (
    <Card size="small" title={t('designer.numbering')}>
      <Form layout="vertical">
        <Form.Item
          label={t('designer.pattern')}
          validateStatus={numbering ? 'error' : undefined}
          help={numbering ? numbering[lang] : t('designer.patternHelp')}
          style={{ marginBottom: 8 }}
        >
          <Input
            value={pattern}
            placeholder="{orgPrefix}罚〔{year}〕{seq:4}号"
            data-testid="designer-numbering"
            onChange={(e) => onChange(setNumbering(value, e.target.value))}
          />
        </Form.Item>
        {pattern && !numbering && (
          <Typography.Text type="secondary" data-testid="designer-number-example">
            {t('designer.numberExample')}：
            {formatDocumentNumber(pattern, {
              orgPrefix: t('designer.sampleOrgPrefix'),
              orgShort: t('designer.sampleOrgShort'),
              year: new Date().getFullYear(),
              seq: 1,
            })}
          </Typography.Text>
        )}
      </Form>
    </Card>
  );

  return (
    <Card size="small" title={t('designer.title')} data-testid="form-designer" onBlurCapture={flush}>
      <Typography.Paragraph type="secondary">{t('designer.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            {list}
            {current && selected !== undefined && (
              <FieldEditor
                key={selected}
                doc={value}
                index={selected}
                field={current}
                problems={problems.get(selected) ?? []}
                lang={lang}
                onChange={onChange}
              />
            )}
            {numberingCard}
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Preview
              value={value}
              lang={lang}
              env={env}
              envError={envError}
              blocked={problems.size > 0}
              pattern={numbering ? '' : pattern}
            />
          </div>
        </Col>
      </Row>
    </Card>
  );
}

/** The selected field's settings. */
function FieldEditor(props: {
  doc: DocValue;
  index: number;
  field: FieldValue;
  problems: readonly Problem[];
  lang: Lang;
  onChange: (value: DocValue) => void;
}) {
  const { doc, index, field, problems, lang, onChange } = props;
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(lang, key, params);
  const set = (patch: Record<string, unknown>) => onChange(updateField(doc, index, patch));
  const text = (v: string) => (v === '' ? undefined : v);
  const at = (key: string) => {
    const mine = problems.filter((p) => p.at === key);
    return mine.length > 0
      ? {
          validateStatus: 'error' as const,
          help: <span data-field-problem={key}>{mine.map((p) => p[lang]).join('；')}</span>,
        }
      : {};
  };
  const name = String(field.name ?? '');
  const choice = field.type === 'enum' || field.type === 'multi-enum';
  const condition = (effect: ConditionEffect) => (
    <div data-designer-condition={effect}>
      <ConditionEditor
        lang={lang}
        value={fieldCondition(doc, name, effect) as Record<string, unknown> | undefined}
        onChange={(when) => onChange(setFieldCondition(doc, name, effect, when as Rule['when'] | undefined))}
      />
    </div>
  );
  const others = otherRules(doc, name);
  return (
    <Card size="small" title={t('designer.field', { name: name || '—' })} data-testid="designer-field-editor">
      <Form layout="vertical" size="small">
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item label={t('designer.name')} required {...at('name')} extra={t('designer.nameHelp')}>
              <Input value={name} data-testid="designer-name" onChange={(e) => set({ name: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('designer.type')} required {...at('type')}>
              <Select
                value={field.type}
                data-testid="designer-type"
                options={FIELD_TYPES.map((v) => ({ value: v, label: t(`designer.type.${v}` as MessageKey) }))}
                onChange={(type) => set({ type })}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('designer.label')} required {...at('title')}>
              <Input
                value={String(field.title ?? '')}
                data-testid="designer-title"
                onChange={(e) => set({ title: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('designer.labelEn')}>
              <Input
                value={String(field.titleEn ?? '')}
                data-testid="designer-title-en"
                onChange={(e) => set({ titleEn: text(e.target.value) })}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('designer.required')}>
              <Switch
                checked={field.required === true}
                data-testid="designer-required"
                onChange={(on) => set({ required: on ? true : undefined })}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('designer.printed')} tooltip={t('designer.printedHelp')}>
              <Switch
                checked={printed(doc, name)}
                disabled={problems.length > 0}
                data-testid="designer-printed"
                onChange={(on) => onChange(setPrinted(doc, name, on))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('designer.width')}>
              <Select
                allowClear
                value={field.width}
                options={[6, 8, 12, 16, 24].map((w) => ({ value: w, label: `${w}/24` }))}
                onChange={(w) => set({ width: w })}
              />
            </Form.Item>
          </Col>
          {choice && (
            <>
              <Col span={12}>
                <Form.Item label={t('designer.options')} required {...at('options')}>
                  <Select
                    mode="tags"
                    value={(field.options as string[] | undefined) ?? []}
                    data-testid="designer-options"
                    onChange={(v: string[]) => set({ options: v.length > 0 ? v : undefined })}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('designer.optionsEn')} {...at('optionsEn')}>
                  <Select
                    mode="tags"
                    value={(field.optionsEn as string[] | undefined) ?? []}
                    onChange={(v: string[]) => set({ optionsEn: v.length > 0 ? v : undefined })}
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item label={t('designer.source')} extra={t('designer.sourceHelp')} {...at('source')}>
              <AutoComplete
                value={String(field.source ?? '')}
                data-testid="designer-source"
                options={SOURCES.map((s) => ({ value: s }))}
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                onChange={(v: string) => set({ source: text(v) })}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('designer.visibleWhen')} extra={t('designer.whenHelp')}>
              {condition('show')}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('designer.requiredWhen')}>{condition('require')}</Form.Item>
          </Col>
          {others.length > 0 && (
            <Col span={24}>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('designer.otherRules', { n: others.length })}
                description={others.map((o) => (
                  <div key={o.index}>
                    <Typography.Text code>
                      {o.rule.effect} [{o.rule.fields.join(', ')}]
                    </Typography.Text>{' '}
                    {o.rule.note}
                  </div>
                ))}
              />
            </Col>
          )}
          <Col span={24}>
            <Form.Item label={t('designer.computedExpr')} extra={t('designer.computedHelp')}>
              {field.computed === undefined ? (
                <Button size="small" onClick={() => set({ computed: { '+': [0, 0] } })}>
                  {t('designer.addComputed')}
                </Button>
              ) : (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <JsonEditor lang={lang} value={field.computed} onChange={(v) => set({ computed: v })} />
                  <Button size="small" onClick={() => set({ computed: undefined })}>
                    {t('designer.clearComputed')}
                  </Button>
                </Space>
              )}
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** The officer's form and its A4 sheet, from the edited item and the sample values typed in. */
function Preview(props: {
  value: DocValue;
  lang: Lang;
  env?: RuleEnv;
  envError?: string;
  blocked: boolean;
  pattern: string;
}) {
  const { value, lang, env, envError, blocked, pattern } = props;
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(lang, key, params);
  const [samples, setSamples] = useState<Record<string, unknown>>({});
  const [facts, setFacts] = useState<Record<string, unknown>>({});
  const [tab, setTab] = useState('form');
  // One definition per edit: the officer's form is made again from it, with the samples kept.
  const def = useMemo(() => value as unknown as DocumentForm, [value]);
  const context = useMemo(() => ({ facts }), [facts]);
  const boundaryKey = useMemo(() => JSON.stringify(value), [value]);
  const compiled = useMemo(
    () => (env && !blocked ? evaluateForm(def, {}, env, context) : undefined),
    [def, env, blocked, context],
  );
  const html = useMemo(() => {
    if (tab !== 'a4' || blocked || !def.print) return undefined;
    const year = Number(today().slice(0, 4));
    const number = pattern
      ? formatDocumentNumber(pattern, {
          orgPrefix: format(lang, 'designer.sampleOrgPrefix'),
          orgShort: format(lang, 'designer.sampleOrgShort'),
          year,
          seq: 1,
        })
      : undefined;
    return printHtml(
      layoutDocument(def, samples, {
        orgName: format(lang, 'designer.sampleOrg'),
        orgShort: format(lang, 'designer.sampleOrgShort'),
        date: today(),
        ...(number ? { number } : {}),
      }),
    );
  }, [tab, blocked, def, samples, pattern, lang]);

  let body: ReactNode;
  if (blocked) body = <Alert type="warning" showIcon message={t('designer.fixFirst')} data-testid="preview-blocked" />;
  else if (envError) body = <Alert type="error" showIcon message={envError} />;
  else if (!env || !compiled) body = <Spin />;
  else if (!compiled.ok)
    body = (
      <Alert
        type="error"
        showIcon
        data-testid="preview-rules-error"
        message={t('designer.rulesError')}
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {compiled.issues.map((i) => (
              <li key={`${i.path}:${i.code}`}>
                <Typography.Text code>{i.path}</Typography.Text> {i.message[lang]}
              </li>
            ))}
          </ul>
        }
      />
    );
  else
    body = (
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'form',
            label: <span data-testid="preview-tab-form">{t('designer.previewForm')}</span>,
            children: (
              <PreviewBoundary key={boundaryKey} message={t('designer.previewFailed')}>
                <div data-testid="designer-preview">
                  <OfficerForm
                    form={def}
                    value={samples}
                    env={env}
                    context={context}
                    lang={lang}
                    onChange={(v) => setSamples(v)}
                  />
                </div>
              </PreviewBoundary>
            ),
          },
          {
            key: 'a4',
            label: <span data-testid="preview-tab-a4">{t('designer.previewA4')}</span>,
            children: html !== undefined && (
              <div data-testid="designer-a4">
                <PrintPreview html={html} title={String(value.name ?? '')} />
              </div>
            ),
          },
          {
            key: 'facts',
            label: <span data-testid="preview-tab-facts">{t('designer.sampleFacts')}</span>,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('designer.sampleFactsHelp')}</Typography.Text>
                <JsonEditor
                  lang={lang}
                  value={facts}
                  onChange={(v) =>
                    setFacts(
                      typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {},
                    )
                  }
                />
              </Space>
            ),
          },
        ]}
      />
    );
  return (
    <Card size="small" title={t('designer.preview')} data-testid="designer-preview-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('designer.previewHint')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}
