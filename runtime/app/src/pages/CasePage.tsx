/**
 * A case: its state and the actions my role may take now (and the refused ones with reasons),
 * deadlines, then tabs for the overview, the discretion panel, the documents to fill, evidence
 * and the timeline of every event. Everything shown comes from the API and the case's pinned pack.
 */
import { CameraOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useCaseRules } from '../case-rules.ts';
import { ActionsPanel } from '../components/ActionsPanel.tsx';
import { AttachmentsPanel } from '../components/AttachmentsPanel.tsx';
import { CaseHeader } from '../components/CaseHeader.tsx';
import { CaseOverview } from '../components/CaseOverview.tsx';
import { DeadlinesCard } from '../components/DeadlinesCard.tsx';
import { DisclosureCard } from '../components/DisclosureCard.tsx';
import { DiscretionPanel } from '../components/DiscretionPanel.tsx';
import { DocumentsPanel } from '../components/DocumentsPanel.tsx';
import { ExecutionCard } from '../components/ExecutionCard.tsx';
import { LinkedCases } from '../components/LinkedCases.tsx';
import { ProcedureFacts } from '../components/ProcedureFacts.tsx';
import { TimelinePanel } from '../components/TimelinePanel.tsx';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { AttachmentView, CaseDetail } from '../types.ts';
import { useResource } from '../use-resource.ts';

const PANEL_FACTS = new Set(['proposedFine', 'proposedPenalties', 'partyPriorPenalties12m']);

/** The case page. */
export function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const { t, pick, lang } = useT();
  const { can } = useSession();
  const detail = useResource<CaseDetail>(`/cases/${id}`);
  const { rules, reload: reloadRules } = useCaseRules(id);
  const files = useResource<{ attachments: AttachmentView[] }>(`/cases/${id}/attachments`);
  const [tab, setTab] = useState('overview');
  const [reason, setReason] = useState('');

  if (detail.error)
    return <Result status={detail.error.status === 404 ? '404' : 'error'} title={pick(detail.error.text)} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;
  const reload = () => {
    void detail.reload();
    void reloadRules();
  };
  const open = !d.closedAt;
  const enforcement = d.category === 'enforcement';
  const canEdit = open && can('document.edit');
  const factLabels = Object.fromEntries(
    (rules?.facts ?? []).map((f) => [f.name, lang === 'en' && f.labelEn ? f.labelEn : f.label]),
  );
  const factValues = Object.fromEntries(
    (rules?.facts ?? [])
      .filter((f) => lang === 'en' && f.enum && f.enumEn)
      .map((f) => [f.name, Object.fromEntries((f.enum ?? []).map((v, i) => [v, f.enumEn?.[i] ?? v]))]),
  );
  const names = Object.fromEntries((files.data?.attachments ?? []).map((a) => [a.id, a.filename]));

  return (
    <div data-testid="case-page" data-state={d.state.code}>
      <CaseHeader detail={d} />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 17, order: 1 }}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'overview',
                  label: t('case.tab.overview'),
                  children: (
                    <>
                      <CaseOverview detail={d} />
                      <LinkedCases detail={d} canEdit={open && can('case.transition')} onSaved={reload} />
                      {rules && (
                        <div style={{ marginTop: 16 }}>
                          <ProcedureFacts
                            key={d.version}
                            detail={d}
                            facts={rules.facts.filter((f) =>
                              enforcement ? f.source === 'platform' && !PANEL_FACTS.has(f.name) : f.source === 'matter',
                            )}
                            title={enforcement ? t('facts.procedure') : t('facts.case')}
                            canEdit={open && can('case.transition')}
                            onSaved={reload}
                          />
                        </div>
                      )}
                    </>
                  ),
                },
                ...(rules && !rules.discretion
                  ? []
                  : [
                      {
                        key: 'discretion',
                        label: t('case.tab.discretion'),
                        children: rules ? (
                          <DiscretionPanel
                            key={d.version}
                            detail={d}
                            rules={rules}
                            reason={reason}
                            onReason={setReason}
                            onSaved={reload}
                            canEdit={open && can('case.transition')}
                          />
                        ) : (
                          <Skeleton active />
                        ),
                      },
                    ]),
                {
                  key: 'documents',
                  label: t('case.tab.documents'),
                  children: <DocumentsPanel detail={d} rules={rules} reason={reason} canEdit={canEdit} />,
                },
                {
                  key: 'evidence',
                  label: t('case.tab.evidence'),
                  children: (
                    <AttachmentsPanel
                      caseId={d.id}
                      attachments={files.data?.attachments ?? []}
                      canUpload={open && can('evidence.upload')}
                      onUploaded={() => void files.reload().then(reload)}
                    />
                  ),
                },
                {
                  key: 'timeline',
                  label: t('case.tab.timeline'),
                  children: (
                    <TimelinePanel
                      detail={d}
                      attachmentNames={names}
                      actionNames={rules?.actionNames}
                      factLabels={factLabels}
                      factValues={factValues}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 7, order: 2 }}>
          <ActionsPanel detail={d} onDone={reload} />
          <ExecutionCard caseId={d.id} canRecord={open && can('case.transition')} onRecorded={reload} />
          <DeadlinesCard deadlines={d.deadlines} />
          {enforcement && <DisclosureCard key={d.version} caseId={d.id} linkedFrom={d.linkedFrom} onChanged={reload} />}
          {open && can('evidence.upload') && rules?.forms.some((f) => f.code === 'on-site-inspection-record') && (
            <Button
              icon={<CameraOutlined />}
              block
              style={{ marginTop: 16 }}
              onClick={() => navigate(`/cases/${d.id}/inspection`)}
              data-testid="go-inspection"
            >
              {t('inspection.open')}
            </Button>
          )}
        </Col>
      </Row>
    </div>
  );
}
