/**
 * A document of a case: the pack's form rendered by DocumentForm (its field rules evaluated as the
 * officer types), saved as a draft, issued (numbered and sealed by the server, then read-only),
 * previewed in A4 exactly as printed — a draft as it is being filled, saved or not — and
 * downloaded as PDF. Server problems show on their fields.
 */

import type { FormState } from '@yifa/rules';
import { type Choice, DocumentForm } from '@yifa/ui';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Modal, Result, Row, Skeleton, Tabs } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api, type Bilingual } from '../api.ts';
import { useCaseRules } from '../case-rules.ts';
import { DocumentHeader } from '../components/DocumentHeader.tsx';
import { DocumentPreview } from '../components/DocumentPreview.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { MissingList } from '../components/MissingList.tsx';
import { StickyActionBar } from '../components/StickyActionBar.tsx';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { sameData } from '../same-data.ts';
import { useSession } from '../session.tsx';
import type { AttachmentView, CaseDetail, DocumentView } from '../types.ts';
import { useIsPhone } from '../use-phone.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

/** The document page. */
export function DocumentPage({ params }: { params: Record<string, string> }) {
  const { t, pick, lang } = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const res = useResource<DocumentView>(`/documents/${params.id}`);
  const caseId = res.data?.caseId ?? null;
  const detail = useResource<CaseDetail>(caseId ? `/cases/${caseId}` : null);
  const files = useResource<{ attachments: AttachmentView[] }>(caseId ? `/cases/${caseId}/attachments` : null);
  const { rules } = useCaseRules(caseId);
  const [doc, setDoc] = useState<DocumentView>();
  const [errors, setErrors] = useState<Record<string, Bilingual[]>>({});
  const [state, setState] = useState<FormState>();
  const { running: busy, error, setError, submit } = useSubmit<'save' | 'issue' | 'correct'>();
  const values = useRef<Record<string, unknown>>({});
  // The form's values as the preview shows them, and the saved version's (as the form first gave them).
  const [live, setLive] = useState<Record<string, unknown>>();
  // The correction dialog: open, and the reason being typed (required, 1–500 characters).
  const [correcting, setCorrecting] = useState(false);
  const [correctionReason, setCorrectionReason] = useState('');
  const saved = useRef<{ id: string; data: Record<string, unknown> }>(undefined);
  const current = doc ?? res.data;

  const basisChoices = useMemo<Choice[]>(() => {
    const m = detail.data?.matter;
    return m
      ? [...m.legalBasis.violated, ...m.legalBasis.penalty].map((b) => ({
          value: b.code,
          label: `《${b.law ?? b.code}》${b.article ?? ''}`,
        }))
      : [];
  }, [detail.data]);
  const attachmentChoices = useMemo<Choice[]>(
    () => (files.data?.attachments ?? []).map((a) => ({ value: a.id, label: a.filename })),
    [files.data],
  );

  if (res.error) return <Result status={res.error.status === 404 ? '404' : 'error'} title={pick(res.error.text)} />;
  const def = current && rules?.form(current.form.code);
  if (!current || !def || !rules || !detail.data) return <Skeleton active />;
  const issued = current.status === 'issued';
  // A document that leaves the agency is issued (出具); an internal record is finalised (定稿).
  const issueLabel = current.form.issued ? t('document.issue') : t('document.finalise');
  // What the user may edit is the server's to say (the form's step, its sections, the user's roles):
  // a draft is shown as a form, its fields the user may not change disabled (all of them outside its step).
  const editableFields = current.editableFields ?? [];
  const formOpen = !issued && !detail.data.closedAt && can('document.edit');
  const editable = formOpen && editableFields.length > 0;
  const lockedFields = formOpen ? def.fields.map((f) => f.name).filter((n) => !editableFields.includes(n)) : [];
  // Another role's part of the form: a note at its first field says whose it is.
  const notes: Record<string, string> = {};
  if (editable)
    for (const part of current.parts ?? []) {
      const first = def.fields.find((f) => part.fields.includes(f.name) && lockedFields.includes(f.name));
      if (!part.mine && first)
        notes[first.name] = t('document.othersPart', { part: pick(part.title), roles: pick(part.filledBy) });
    }
  // 签发: 出具 is offered only to the roles that issue this form; the others are told who will.
  const mayIssue = can('document.issue') && current.mayIssue;
  const issuerNames = current.issuers ? pick(current.issuers.names) : null;

  const run = (what: 'save' | 'issue' | 'correct', fn: () => Promise<DocumentView>) =>
    submit(
      async () => {
        const next = await fn();
        setErrors({});
        setDoc(next);
        return next;
      },
      { which: what, onError: (e) => setErrors(e.fieldProblems()) },
    );
  const save = () =>
    run('save', async () => {
      const data = values.current;
      const next = await api.put<DocumentView>(`/documents/${current.id}`, { data, updatedAt: current.updatedAt });
      saved.current = { id: next.id, data };
      return next;
    });
  const issue = () =>
    Modal.confirm({
      title: t('document.issueConfirm'),
      content: current.form.numbered ? t('document.issueNumbered') : t('document.issueFinal'),
      okText: issueLabel,
      okButtonProps: { 'data-testid': 'issue-confirm' } as never,
      onOk: async () => {
        const saved = await save();
        if (!saved) return;
        const done = await run('issue', () => api.post<DocumentView>(`/documents/${saved.id}/issue`));
        if (done)
          message.success(done.number ? t('document.issuedNumber', { number: done.number }) : t('document.issued'));
      },
    });
  const correct = async () => {
    const reason = correctionReason.trim();
    const next = await run('correct', () => api.post<DocumentView>(`/documents/${current.id}/correct`, { reason }));
    if (next) {
      setCorrecting(false);
      setCorrectionReason('');
      navigate(`/documents/${next.id}`);
    }
  };

  const form = (
    <DocumentForm
      key={current.id}
      form={def}
      value={current.data}
      env={rules.env}
      context={rules.context}
      readOnly={!formOpen}
      lockedFields={lockedFields}
      notes={notes}
      errors={errors}
      lang={lang}
      phone={phone}
      basisChoices={basisChoices}
      attachmentChoices={attachmentChoices}
      onChange={(v, s) => {
        values.current = v;
        if (saved.current?.id !== current.id) saved.current = { id: current.id, data: v };
        setState(s);
        setLive(v);
      }}
    />
  );
  const unsaved = !issued && !!live && !!saved.current && !sameData(live, saved.current.data);
  const preview = <DocumentPreview doc={current} form={def} values={issued ? undefined : live} unsaved={unsaved} />;

  return (
    <div data-testid="document-page" data-status={current.status}>
      <DocumentHeader
        doc={current}
        busy={busy}
        issueLabel={issueLabel}
        {...(editable && !phone ? { onSave: () => void save() } : {})}
        {...(editable && !phone && mayIssue ? { onIssue: issue } : {})}
        {...(issued && !detail.data.closedAt && can('document.edit') ? { onCorrect: () => setCorrecting(true) } : {})}
      />
      {!issued && current.notEditable && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={pick(current.notEditable)}
          data-testid="doc-not-editable"
        />
      )}
      {!issued && !mayIssue && issuerNames && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('document.issuedBy', { roles: issuerNames })}
          data-testid="doc-issuer"
        />
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Modal
        open={correcting}
        title={t('document.correctTitle')}
        okText={t('document.correct')}
        confirmLoading={busy === 'correct'}
        okButtonProps={
          {
            disabled: correctionReason.trim() === '' || correctionReason.trim().length > 500,
            'data-testid': 'correct-confirm',
          } as never
        }
        onOk={() => void correct()}
        onCancel={() => setCorrecting(false)}
      >
        <Form layout="vertical">
          <Form.Item label={t('document.correctReason')} required extra={t('document.correctReasonHelp')}>
            <Input.TextArea
              value={correctionReason}
              onChange={(e) => setCorrectionReason(e.target.value)}
              autoSize={{ minRows: 3 }}
              maxLength={500}
              showCount
              data-testid="correct-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
      {!issued && state && <MissingList form={def} values={values.current} state={state} mayIssue={mayIssue} />}
      {phone ? (
        <Tabs
          items={[
            { key: 'form', label: t('document.fill'), children: form },
            { key: 'print', label: t('document.preview'), children: preview },
          ]}
        />
      ) : (
        <Row gutter={16}>
          <Col span={13}>
            <Card size="small">{form}</Card>
          </Col>
          <Col span={11}>
            <Card size="small" title={t('document.preview')}>
              {preview}
            </Card>
          </Col>
        </Row>
      )}
      {editable && phone && (
        // On a phone the form is long: save and issue stay at the foot of the screen.
        <StickyActionBar>
          <Flex gap={8}>
            <Button block size="large" onClick={() => void save()} loading={busy === 'save'} data-testid="doc-save">
              {t('common.save')}
            </Button>
            {mayIssue && (
              <Button
                block
                size="large"
                type="primary"
                onClick={issue}
                loading={busy === 'issue'}
                data-testid="doc-issue"
              >
                {issueLabel}
              </Button>
            )}
          </Flex>
        </StickyActionBar>
      )}
    </div>
  );
}
