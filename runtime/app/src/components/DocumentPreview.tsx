/**
 * The A4 preview of a document page. An issued document shows the platform's print view, frozen
 * when it was issued. A draft is rendered here, by @yifa/engine's layoutDocument and printHtml
 * (the same code the platform prints with), from the values in the form as they are typed, so the
 * officer sees edits before saving them; while they differ from the saved version it says so.
 */
import { layoutDocument, printHtml } from '@yifa/engine';
import type { DocumentForm } from '@yifa/metamodel';
import { PrintPreview } from '@yifa/ui';
import { Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { apiUrl } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { DocumentView } from '../types.ts';

/** Props of DocumentPreview. */
export interface DocumentPreviewProps {
  doc: DocumentView;
  form: DocumentForm;
  /** The form's current values (undefined until the form has given them). */
  values?: Readonly<Record<string, unknown>>;
  /** Whether the values differ from the saved version. */
  unsaved: boolean;
}

/** The value, once it has stopped changing for `ms` (the preview re-renders after a pause in typing). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The preview of a document, live for a draft. */
export function DocumentPreview({ doc, form, values, unsaved }: DocumentPreviewProps) {
  const { t } = useT();
  const settled = useSettled(values ?? doc.data, 300);
  const issued = doc.status === 'issued';
  const html = useMemo(
    () => (issued ? undefined : printHtml(layoutDocument(form, settled, { ...doc.print, ...numberOf(doc) }))),
    [issued, form, settled, doc],
  );
  if (issued)
    return <PrintPreview src={apiUrl(`/documents/${doc.id}/print`)} title={form.name} version={doc.updatedAt} />;
  return (
    <div data-testid="live-preview" data-unsaved={unsaved}>
      {unsaved && (
        <Space size={4} wrap style={{ marginBottom: 8 }} data-testid="preview-unsaved">
          <Tag color="orange">{t('preview.unsaved')}</Tag>
          <Typography.Text type="secondary">{t('preview.unsavedHint')}</Typography.Text>
        </Space>
      )}
      <PrintPreview html={html} title={form.name} />
    </div>
  );
}

const numberOf = (doc: DocumentView) => (doc.number ? { number: doc.number } : {});
