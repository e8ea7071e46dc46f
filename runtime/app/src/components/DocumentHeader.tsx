/**
 * The head of a document page: the form's name, its number once issued (or the draft's version),
 * the case, and what may be done with it — save, issue (or finalise), correct, download the PDF.
 */
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { apiUrl } from '../api.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { DocumentView } from '../types.ts';

/** Props of DocumentHeader: the document and the actions the page allows. */
export interface DocumentHeaderProps {
  doc: DocumentView;
  busy: 'save' | 'issue' | 'correct' | null;
  onSave?: () => void;
  onIssue?: () => void;
  onCorrect?: () => void;
  issueLabel: string;
}

/** The document page's header. */
export function DocumentHeader({ doc, busy, onSave, onIssue, onCorrect, issueLabel }: DocumentHeaderProps) {
  const { t, named } = useT();
  const issued = doc.status === 'issued';
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space wrap align="center" size={[12, 4]} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {named(doc.form)}
          </Typography.Title>
          {issued ? (
            <Tag color="green" data-testid="doc-number" {...(doc.number ? { lang: 'zh-CN' } : {})}>
              {doc.number ?? t('documents.issued')}
            </Tag>
          ) : (
            <Tag color="gold">{t('documents.draft', { v: doc.version })}</Tag>
          )}
          <Link to={`/cases/${doc.caseId}`}>
            <span lang="zh-CN">{doc.caseNumber}</span>
          </Link>
        </Space>
        <Space wrap>
          {onSave && (
            <Button onClick={onSave} loading={busy === 'save'} data-testid="doc-save">
              {t('common.save')}
            </Button>
          )}
          {onIssue && (
            <Button type="primary" onClick={onIssue} loading={busy === 'issue'} data-testid="doc-issue">
              {issueLabel}
            </Button>
          )}
          {onCorrect && (
            <Button onClick={onCorrect} loading={busy === 'correct'} data-testid="doc-correct">
              {t('document.correct')}
            </Button>
          )}
          <Button href={apiUrl(`/documents/${doc.id}/pdf`)} download data-testid="doc-pdf">
            {t('document.pdf')}
          </Button>
        </Space>
      </Space>
      {issued && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          message={t('document.readOnly', { hash: doc.hash?.slice(0, 16) ?? '' })}
        />
      )}
      {doc.correctionReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('document.correctedBecause', { reason: doc.correctionReason })}
          data-testid="doc-correction-reason"
        />
      )}
      {!doc.intact && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('document.altered')} />}
    </Card>
  );
}
