/**
 * The workflow graph editor (#14): the item's states and transitions drawn with React Flow, laid
 * out by dagre (workflow-graph.ts). Dragging from one state to another adds a transition; the
 * toolbar adds a state or a transition; a state or transition clicked can be removed, and a
 * transition clicked shows its settings — who may take it, its guard and exception (the condition
 * builder), the documents it needs, its basis, what a refusal says, the deadline it extends and
 * whether it needs a reason. Every edit changes the same item value the form and the YAML view
 * edit, so the three stay one; the rest of a transition (document fields, opinions, …) is in the form below.
 */
import { Background, type Connection, Controls, type Edge, MarkerType, type Node, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type WorkspaceItemRef } from '../api.ts';
import { format, type Lang, type MessageKey } from '../messages.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import {
  addState,
  addTransition,
  type EditResult,
  type GraphNode,
  graphOf,
  NODE_SIZE,
  removeState,
  removeTransition,
  setTransitionSetting,
  type TransitionSetting,
  type WorkflowTransition,
  type WorkflowValue,
} from './workflow-graph.ts';

export interface WorkflowGraphProps {
  value: WorkflowValue;
  lang: Lang;
  /** The working copy, whose roles, documents and legal bases the action's settings offer. */
  workspace?: string;
  onChange: (value: WorkflowValue) => void;
}

type Selected = { kind: 'state'; code: string } | { kind: 'edge'; index: number; from: string } | null;
type Adding = { kind: 'state' } | { kind: 'transition'; from?: string; to?: string } | null;

const nodeStyle = (n: GraphNode, selected: boolean) => {
  const flagged = n.unreachable || n.deadEnd;
  const colour = selected ? '#1677ff' : flagged ? '#d4380d' : n.start ? '#389e0d' : n.terminal ? '#595959' : '#8c8c8c';
  return {
    width: NODE_SIZE.width,
    minHeight: NODE_SIZE.height,
    fontSize: 13,
    borderRadius: n.terminal ? 22 : 6,
    border: `${selected || flagged ? 2 : 1}px ${flagged && !selected ? 'dashed' : 'solid'} ${colour}`,
    background: flagged ? '#fff2e8' : n.start ? '#f6ffed' : n.terminal ? '#fafafa' : '#fff',
  };
};

export default function WorkflowGraph({ value, lang, workspace, onChange }: WorkflowGraphProps) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(lang, key, params);
  const graph = useMemo(() => graphOf(value, lang), [value, lang]);
  const [selected, setSelected] = useState<Selected>(null);
  const [adding, setAdding] = useState<Adding>(null);
  const [form] = Form.useForm();
  const states = value.states ?? [];
  const flagged = graph.nodes.filter((n) => n.unreachable || n.deadEnd);
  const stateName = (code: string) => graph.nodes.find((n) => n.id === code)?.label ?? code;

  const nodes: Node[] = graph.nodes.map((n) => ({
    id: n.id,
    position: { x: n.x, y: n.y },
    data: { label: n.start ? `▶ ${n.label}` : n.label },
    style: nodeStyle(n, selected?.kind === 'state' && selected.code === n.id),
    className: n.unreachable ? 'graph-unreachable' : n.deadEnd ? 'graph-dead-end' : undefined,
    draggable: false,
  }));
  const edges: Edge[] = graph.edges.map((e) => {
    const on = selected?.kind === 'edge' && `${selected.index}:${selected.from}` === e.id;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      markerEnd: { type: MarkerType.ArrowClosed },
      style: on ? { stroke: '#1677ff', strokeWidth: 2 } : undefined,
      labelStyle: { fontSize: 11 },
      labelBgStyle: { fill: on ? '#e6f4ff' : '#fff' },
    };
  });

  /** Applies an edit, or shows its problems on the modal's fields. */
  const apply = (r: EditResult): boolean => {
    if (r.ok) {
      onChange(r.value);
      return true;
    }
    form.setFields(r.problems.map((p) => ({ name: p.field, errors: [lang === 'en' ? p.en : p.zh] })));
    return false;
  };

  const openAdding = (a: NonNullable<Adding>) => {
    form.resetFields();
    if (a.kind === 'transition') form.setFieldsValue({ from: a.from, to: a.to });
    setAdding(a);
  };

  const submit = async () => {
    const v = await form.validateFields();
    const done =
      adding?.kind === 'state'
        ? apply(addState(value, { code: v.code ?? '', name: v.name ?? '', nameEn: v.nameEn }))
        : apply(
            addTransition(value, {
              action: v.action ?? '',
              name: v.name ?? '',
              nameEn: v.nameEn,
              from: v.from ?? '',
              to: v.to ?? '',
            }),
          );
    if (done) setAdding(null);
  };

  const selectedEdge = selected?.kind === 'edge' ? value.transitions?.[selected.index] : undefined;
  // Each list's options carry their own test id: both lists name the same states.
  const stateOptions = (list: 'from' | 'to') =>
    states.map((s) => ({
      value: s.code,
      label: (
        <span data-option={`${list}-${s.code}`}>
          {stateName(s.code)}（{s.code}）
        </span>
      ),
    }));
  const required = [{ required: true, message: t('ws.required') }];

  return (
    <Card
      size="small"
      title={t('graph.title')}
      data-testid="workflow-graph"
      extra={
        <Space>
          <Button size="small" onClick={() => openAdding({ kind: 'state' })} data-testid="graph-add-state">
            {t('graph.addState')}
          </Button>
          <Button size="small" onClick={() => openAdding({ kind: 'transition' })} data-testid="graph-add-transition">
            {t('graph.addTransition')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('graph.hint')}
      </Typography.Paragraph>
      {graph.dangling.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="graph-dangling"
          message={graph.dangling
            .map((d) => t('graph.dangling', { action: d.action, missing: d.missing.join('、') }))
            .join('；')}
        />
      )}
      {flagged.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="graph-flags"
          message={flagged
            .map((n) => t(n.unreachable ? 'graph.unreachable' : 'graph.deadEnd', { state: n.label }))
            .join('；')}
        />
      )}
      <div style={{ height: 460, border: '1px solid #f0f0f0' }} data-testid="graph-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          nodesConnectable
          onConnect={(c: Connection) => openAdding({ kind: 'transition', from: c.source, to: c.target })}
          onNodeClick={(_, n) => setSelected({ kind: 'state', code: n.id })}
          onEdgeClick={(_, e) => {
            const [index, from] = e.id.split(':');
            setSelected({ kind: 'edge', index: Number(index), from: from as string });
          }}
          onPaneClick={() => setSelected(null)}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {selected?.kind === 'state' && (
        <Space style={{ marginTop: 8 }} data-testid="graph-selected-state">
          <Typography.Text strong>
            {t('graph.state')}：{stateName(selected.code)}（{selected.code}）
          </Typography.Text>
          <Button size="small" onClick={() => openAdding({ kind: 'transition', from: selected.code })}>
            {t('graph.addFromHere')}
          </Button>
          <Popconfirm
            title={t('graph.removeStateConfirm')}
            okText={t('graph.remove')}
            cancelText={t('graph.cancel')}
            onConfirm={() => {
              const r = removeState(value, selected.code);
              if (r.ok) {
                onChange(r.value);
                setSelected(null);
              } else Modal.error({ title: lang === 'en' ? r.problems[0]?.en : r.problems[0]?.zh });
            }}
          >
            <Button size="small" danger data-testid="graph-remove-state">
              {t('graph.removeState')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {selected?.kind === 'edge' && selectedEdge && (
        <Space style={{ marginTop: 8 }} data-testid="graph-selected-transition">
          <Typography.Text strong>
            {t('graph.transition')}：{lang === 'en' && selectedEdge.nameEn ? selectedEdge.nameEn : selectedEdge.name}（
            {selectedEdge.action}）{stateName(selected.from)} → {stateName(selectedEdge.to)}
          </Typography.Text>
          <Popconfirm
            title={t('graph.removeTransitionConfirm')}
            okText={t('graph.remove')}
            cancelText={t('graph.cancel')}
            onConfirm={() => {
              const r = removeTransition(value, selected.index, selected.from);
              if (r.ok) {
                onChange(r.value);
                setSelected(null);
              }
            }}
          >
            <Button size="small" danger data-testid="graph-remove-transition">
              {t('graph.removeTransition')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {selected?.kind === 'edge' && selectedEdge && (
        <TransitionSettings
          key={`${selected.index}:${selected.from}`}
          transition={selectedEdge}
          workflow={value}
          workspace={workspace}
          lang={lang}
          onSet={(key, setting) => apply(setTransitionSetting(value, selected.index, key, setting))}
        />
      )}
      <Modal
        open={adding !== null}
        title={adding?.kind === 'state' ? t('graph.addState') : t('graph.addTransition')}
        okText={t('graph.add')}
        cancelText={t('graph.cancel')}
        onOk={submit}
        onCancel={() => setAdding(null)}
        destroyOnHidden
        data-testid="graph-modal"
      >
        <Form form={form} layout="vertical" preserve={false}>
          {adding?.kind === 'transition' && (
            <>
              <Form.Item name="from" label={t('graph.from')} rules={required}>
                <Select options={stateOptions('from')} data-testid="graph-from" />
              </Form.Item>
              <Form.Item name="to" label={t('graph.to')} rules={required}>
                <Select options={stateOptions('to')} data-testid="graph-to" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name={adding?.kind === 'state' ? 'code' : 'action'}
            label={adding?.kind === 'state' ? t('graph.stateCode') : t('graph.actionCode')}
            rules={required}
            extra={t('graph.codeHint')}
          >
            <Input data-testid="graph-code" />
          </Form.Item>
          <Form.Item name="name" label={t('graph.name')} rules={required}>
            <Input data-testid="graph-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('graph.nameEn')}>
            <Input data-testid="graph-name-en" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

type Option = { value: string; label: string };

/** A working copy's items of a kind as options (name, then code); none outside a working copy. */
function useOptions(workspace: string | undefined, kind: string, lang: Lang): Option[] {
  const [items, setItems] = useState<WorkspaceItemRef[]>([]);
  useEffect(() => {
    if (!workspace) return;
    let live = true;
    api.workspaceItems(workspace, kind).then(
      (r) => live && setItems(r.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [workspace, kind]);
  return items.map((i) => ({ value: i.code, label: `${lang === 'en' && i.nameEn ? i.nameEn : i.name}（${i.code}）` }));
}

/** Codes picked from the copy's items or typed (the pack's validation as you type names an unknown one). */
function CodeTags(props: { value: unknown; options: Option[]; onChange: (codes: string[]) => void; testId: string }) {
  return (
    <Select
      mode="tags"
      value={Array.isArray(props.value) ? (props.value as string[]) : []}
      options={props.options}
      optionFilterProp="label"
      onChange={props.onChange}
      tokenSeparators={[',', '，']}
      data-testid={props.testId}
    />
  );
}

/**
 * The settings of the transition selected on the graph: set here, they change the same item the
 * form and the YAML view edit. A transition leaving several states is one transition: what is set
 * holds for each of them.
 */
function TransitionSettings(props: {
  transition: WorkflowTransition;
  workflow: WorkflowValue;
  workspace: string | undefined;
  lang: Lang;
  onSet: (key: TransitionSetting, setting: unknown) => void;
}) {
  const { transition: tr, lang, onSet } = props;
  const roles = useOptions(props.workspace, 'role', lang);
  const documents = useOptions(props.workspace, 'document', lang);
  const bases = useOptions(props.workspace, 'legal-basis', lang);
  const deadlines = ((props.workflow.deadlines ?? []) as { code: string; name?: string }[]).map((d) => ({
    value: d.code,
    label: `${d.name ?? d.code}（${d.code}）`,
  }));
  const t = (key: MessageKey, params?: Record<string, string | number>) => format(lang, key, params);
  const froms = Array.isArray(tr.from) ? tr.from.length : 1;
  const text = (key: 'refusal' | 'refusalEn') => (
    <Input
      value={typeof tr[key] === 'string' ? (tr[key] as string) : ''}
      onChange={(e) => onSet(key, e.target.value)}
      data-testid={`graph-transition-${key}`}
    />
  );
  return (
    <Card size="small" style={{ marginTop: 8 }} title={t('graph.settings')} data-testid="graph-transition-settings">
      {froms > 1 && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('graph.settingsShared', { n: froms })} />
      )}
      <Form layout="vertical" colon={false}>
        <Form.Item label={t('graph.roles')} extra={t('graph.codesHint')}>
          <CodeTags
            value={tr.roles}
            options={roles}
            onChange={(codes) => onSet('roles', codes)}
            testId="graph-transition-roles"
          />
        </Form.Item>
        <Form.Item label={t('graph.when')} extra={t('graph.whenHint')}>
          <ConditionEditor
            lang={lang}
            value={tr.when as Parameters<typeof ConditionEditor>[0]['value']}
            onChange={(c) => onSet('when', c)}
          />
        </Form.Item>
        <Form.Item label={t('graph.unless')} extra={t('graph.unlessHint')}>
          <ConditionEditor
            lang={lang}
            value={tr.unless as Parameters<typeof ConditionEditor>[0]['value']}
            onChange={(c) => onSet('unless', c)}
          />
        </Form.Item>
        <Form.Item label={t('graph.documents')} extra={t('graph.codesHint')}>
          <CodeTags
            value={tr.documents}
            options={documents}
            onChange={(codes) => onSet('documents', codes)}
            testId="graph-transition-documents"
          />
        </Form.Item>
        <Form.Item label={t('graph.basis')} extra={t('graph.codesHint')}>
          <CodeTags
            value={tr.basis}
            options={bases}
            onChange={(codes) => onSet('basis', codes)}
            testId="graph-transition-basis"
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item label={t('graph.refusal')}>{text('refusal')}</Form.Item>
          <Form.Item label={t('graph.refusalEn')}>{text('refusalEn')}</Form.Item>
          <Form.Item label={t('graph.extendsDeadline')}>
            <Select
              allowClear
              style={{ minWidth: 200 }}
              value={typeof tr.extendsDeadline === 'string' ? tr.extendsDeadline : undefined}
              options={deadlines}
              onChange={(code) => onSet('extendsDeadline', code)}
              data-testid="graph-transition-extendsDeadline"
            />
          </Form.Item>
          <Form.Item label={t('graph.reasonRequired')}>
            <Switch
              checked={tr.reasonRequired === true}
              onChange={(on) => onSet('reasonRequired', on)}
              data-testid="graph-transition-reasonRequired"
            />
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
