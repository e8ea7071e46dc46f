/**
 * The item editor (#14): the form generated from the kind's JSON Schema beside a Monaco
 * YAML/JSON view of the same item. Both edit one value — a change in either shows in the other —
 * and the value goes up on every change; the page saves it. Loaded with a dynamic import when an
 * item is opened for editing (formily here, Monaco one import further), never in the first load.
 * A workflow also has its graph above (WorkflowGraph), a document its form designer with the
 * officer's form and A4 print previewed (DocumentDesigner): a third view of the same value.
 */
import type { ItemKind } from '@yifa/metamodel';
import { Col, Collapse, Row, Space, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { format, type Lang } from '../messages.ts';
import { LiveIssues } from '../validation/LiveIssues.tsx';
import { useLiveValidation } from '../validation/useLiveValidation.ts';
import { MonacoView } from './MonacoView.tsx';
import { type FieldError, SchemaForm } from './SchemaForm.tsx';

export type { FieldError };

// React Flow and dagre load only when a workflow is opened.
const WorkflowGraph = lazy(() => import('./WorkflowGraph.tsx'));
// The document-form designer (with @yifa/ui's officer form and print) loads only when a document is opened.
const DocumentDesigner = lazy(() => import('../designer/DocumentDesigner.tsx'));

export interface ItemEditorProps {
  /** The working copy, for validation as you type and the rule bench (absent: neither). */
  copy?: EditorCopy;
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

// The rule test bench (#14) loads only when a benchmark, workflow, alert rule or scheme opens.
const RuleBench = lazy(() => import('../bench/RuleBench.tsx'));
const BENCH_KINDS: readonly string[] = ['discretion', 'workflow', 'alert', 'assessment'];

/** The working copy the item is edited in: live validation and the rule bench need it. */
export interface EditorCopy {
  id: string;
  revision?: number;
  /** A save from the bench (a golden case) moved the copy to this revision. */
  onRevision: (revision: number) => void;
  /** Opens another item of the copy at a field (an issue's link); by its address when absent. */
  open?: (kind: string, code: string, pointer?: string) => void;
}

export default function ItemEditor(props: ItemEditorProps) {
  const { kind, code, lang, errors, onChange } = props;
  const [value, setValue] = useState(props.value);
  // Validation as you type starts with the first edit (the copy as saved was validated on opening).
  const [edited, setEdited] = useState(false);
  const live = useLiveValidation(props.copy?.id, kind, code, value, edited);
  const shownErrors = useMemo(() => [...errors, ...live.fieldErrors], [errors, live.fieldErrors]);
  // Bumped when the value comes from anywhere but the form itself, so the form takes it.
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts again only on a new resetKey
  useEffect(() => {
    setValue(props.value);
    setVersion((v) => v + 1);
    setEdited(false);
  }, [props.resetKey]);

  const fromForm = useCallback(
    (v: Record<string, unknown>) => {
      setValue(v);
      setEdited(true);
      onChange(v);
    },
    [onChange],
  );
  const fromText = useCallback(
    (v: Record<string, unknown>) => {
      setValue(v);
      setVersion((n) => n + 1);
      setEdited(true);
      onChange(v);
    },
    [onChange],
  );

  const copy = props.copy;
  const editor = (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {copy && (
        <LiveIssues
          lang={lang}
          workspaceId={copy.id}
          kind={kind}
          code={code}
          live={live}
          {...(copy.open ? { open: copy.open } : {})}
        />
      )}
      <Row gutter={16} data-testid="item-editor">
        <Col xs={24} xl={13} data-testid="item-form">
          <SchemaForm
            kind={kind}
            value={value}
            version={version}
            lang={lang}
            errors={shownErrors}
            onChange={fromForm}
          />
        </Col>
        <Col xs={24} xl={11}>
          <div style={{ position: 'sticky', top: 16 }}>
            <MonacoView kind={kind} code={code} value={value} lang={lang} onChange={fromText} />
          </div>
        </Col>
      </Row>
      {copy && BENCH_KINDS.includes(kind) && (
        <Suspense fallback={<Spin />}>
          <RuleBench
            workspaceId={copy.id}
            kind={kind}
            code={code}
            value={value}
            lang={lang}
            {...(copy.revision === undefined ? {} : { revision: copy.revision })}
            onRevision={copy.onRevision}
          />
        </Suspense>
      )}
    </Space>
  );
  if (kind !== 'workflow' && kind !== 'document') return editor;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Suspense fallback={<Spin />}>
        {kind === 'workflow' ? (
          <WorkflowGraph value={value} lang={lang} workspace={props.workspace} onChange={fromText} />
        ) : (
          <DocumentDesigner value={value} lang={lang} workspace={props.workspace} onChange={fromText} />
        )}
      </Suspense>
      {kind === 'document' ? (
        // A document's generated form is long and rebuilt on each change from the designer: it
        // opens on request (and is rendered only while open), on the value as edited so far.
        <Collapse
          destroyInactivePanel
          data-testid="document-form-yaml"
          items={[{ key: 'editor', label: format(lang, 'designer.formAndYaml'), children: editor }]}
        />
      ) : (
        editor
      )}
    </Space>
  );
}
