/**
 * The item editor (#14): the form generated from the kind's JSON Schema beside a Monaco
 * YAML/JSON view of the same item. Both edit one value — a change in either shows in the other —
 * and the value goes up on every change; the page saves it. Loaded with a dynamic import when an
 * item is opened for editing (formily here, Monaco one import further), never in the first load.
 * A workflow also has its graph above (WorkflowGraph), a document its form designer with the
 * officer's form and A4 print previewed (DocumentDesigner): a third view of the same value.
 */
import type { ItemKind } from '@yifa/metamodel';
import { Col, Row, Space, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Lang } from '../messages.ts';
import { MonacoView } from './MonacoView.tsx';
import { type FieldError, SchemaForm } from './SchemaForm.tsx';

export type { FieldError };

// React Flow and dagre load only when a workflow is opened.
const WorkflowGraph = lazy(() => import('./WorkflowGraph.tsx'));
// The document-form designer (with @yifa/ui's officer form and print) loads only when a document is opened.
const DocumentDesigner = lazy(() => import('../designer/DocumentDesigner.tsx'));

export interface ItemEditorProps {
  kind: ItemKind;
  code: string;
  /** The item as loaded; a new `resetKey` (after a save, a revert or a reload) starts again from it. */
  value: Record<string, unknown>;
  resetKey: string;
  lang: Lang;
  errors: readonly FieldError[];
  onChange: (value: Record<string, unknown>) => void;
  /** The working copy the item belongs to (the document designer's preview reads its named conditions). */
  workspace?: string;
}

export default function ItemEditor(props: ItemEditorProps) {
  const { kind, code, lang, errors, onChange } = props;
  const [value, setValue] = useState(props.value);
  // Bumped when the value comes from anywhere but the form itself, so the form takes it.
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts again only on a new resetKey
  useEffect(() => {
    setValue(props.value);
    setVersion((v) => v + 1);
  }, [props.resetKey]);

  const fromForm = useCallback(
    (v: Record<string, unknown>) => {
      setValue(v);
      onChange(v);
    },
    [onChange],
  );
  const fromText = useCallback(
    (v: Record<string, unknown>) => {
      setValue(v);
      setVersion((n) => n + 1);
      onChange(v);
    },
    [onChange],
  );

  const editor = (
    <Row gutter={16} data-testid="item-editor">
      <Col xs={24} xl={13} data-testid="item-form">
        <SchemaForm kind={kind} value={value} version={version} lang={lang} errors={errors} onChange={fromForm} />
      </Col>
      <Col xs={24} xl={11}>
        <div style={{ position: 'sticky', top: 16 }}>
          <MonacoView kind={kind} code={code} value={value} lang={lang} onChange={fromText} />
        </div>
      </Col>
    </Row>
  );
  if (kind !== 'workflow' && kind !== 'document') return editor;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Suspense fallback={<Spin />}>
        {kind === 'workflow' ? (
          <WorkflowGraph value={value} lang={lang} onChange={fromText} />
        ) : (
          <DocumentDesigner value={value} lang={lang} workspace={props.workspace} onChange={fromText} />
        )}
      </Suspense>
      {editor}
    </Space>
  );
}
