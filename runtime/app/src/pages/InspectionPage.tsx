/**
 * The on-site inspection (现场检查笔录) on a phone: photos taken with the camera go straight into
 * the case's evidence (hash shown), and the pack's inspection record is filled in one column and
 * saved as a draft, with what is still missing listed. Works at 390 px.
 */

import type { FormState } from '@yifa/rules';
import { DocumentForm } from '@yifa/ui';
import { App, Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, type Bilingual } from '../api.ts';
import { useCaseRules } from '../case-rules.ts';
import { AttachmentsPanel } from '../components/AttachmentsPanel.tsx';
import { latestDocuments } from '../components/DocumentsPanel.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { MissingList } from '../components/MissingList.tsx';
import { StickyActionBar } from '../components/StickyActionBar.tsx';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { AttachmentView, CaseDetail, DocumentView } from '../types.ts';
import { useIsPhone } from '../use-phone.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

const FORM = 'on-site-inspection-record';

/** The on-site inspection page. */
export function InspectionPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const { t, pick, lang, name } = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const detail = useResource<CaseDetail>(`/cases/${id}`);
  const files = useResource<{ attachments: AttachmentView[] }>(`/cases/${id}/attachments`);
  const { rules } = useCaseRules(id);
  const [doc, setDoc] = useState<DocumentView>();
  const [errors, setErrors] = useState<Record<string, Bilingual[]>>({});
  const [state, setState] = useState<FormState>();
  const { busy, error, setError, submit } = useSubmit();
  const values = useRef<Record<string, unknown>>({});

  useEffect(() => {
    if (!detail.data || doc) return;
    const existing = latestDocuments(detail.data.documents).get(FORM);
    const load = existing
      ? api.get<DocumentView>(`/documents/${existing.id}`)
      : api.post<DocumentView>(`/cases/${id}/documents`, { form: FORM });
    load.then(setDoc).catch((e: unknown) => {
      if (!(e instanceof ApiError)) throw e;
      // Opened twice at once (another tab): the draft the other request created is the one to fill.
      if (e.code === 'document-exists' && typeof e.details.document === 'string')
        void api.get<DocumentView>(`/documents/${e.details.document}`).then(setDoc);
      else setError(e);
    });
  }, [detail.data, doc, id, setError]);

  if (detail.error) return <Result status="error" title={pick(detail.error.text)} />;
  const def = rules?.form(FORM);
  if (!detail.data || !rules) return <Skeleton active />;
  if (!def) return <Result status="info" title={t('inspection.noForm')} />;
  const editable = doc?.status === 'draft' && !detail.data.closedAt;

  const save = async () => {
    if (!doc) return;
    await submit(
      async () => {
        setDoc(await api.put<DocumentView>(`/documents/${doc.id}`, { data: values.current, updatedAt: doc.updatedAt }));
        setErrors({});
        message.success(t('common.saved'));
      },
      {
        onError: (e) => {
          setErrors(e.fieldProblems());
        },
      },
    );
  };

  return (
    <div data-testid="inspection-page">
      <Card size="small" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {name(def.name, def.nameEn)}
        </Typography.Title>
        <Space wrap size={[8, 0]}>
          <Link to={`/cases/${id}`}>
            <span lang="zh-CN">{detail.data.number}</span>
          </Link>
          <Typography.Text type="secondary" data-user-text="">
            {detail.data.party.name}
          </Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={t('inspection.photos')} style={{ marginBottom: 8 }}>
        <AttachmentsPanel
          caseId={id}
          attachments={files.data?.attachments ?? []}
          canUpload={!detail.data.closedAt}
          camera
          note={def.name}
          onUploaded={() => void files.reload()}
        />
      </Card>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {doc && state && editable && <MissingList form={def} values={values.current} state={state} />}
      <Card size="small" title={t('inspection.record')}>
        {doc ? (
          <DocumentForm
            key={doc.id}
            form={def}
            value={doc.data}
            env={rules.env}
            context={rules.context}
            readOnly={!editable}
            errors={errors}
            lang={lang}
            phone={phone}
            onChange={(v, s) => {
              values.current = v;
              setState(s);
            }}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
      {editable && (
        <StickyActionBar>
          <Button
            type="primary"
            block
            size="large"
            onClick={() => void save()}
            loading={busy}
            data-testid="inspection-save"
          >
            {t('inspection.save')}
          </Button>
        </StickyActionBar>
      )}
    </div>
  );
}
