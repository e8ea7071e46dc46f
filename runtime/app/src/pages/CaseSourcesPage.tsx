/**
 * 案源登记: the clues of my scope, pending first with the working days left to decide whether to
 * file (市场监督管理行政处罚程序规定第十八条, the pack's period), a form to register one, and what
 * each role may do with a pending one: the officer opens a case from it (立案, pre-filled), the
 * head decides 不予立案 or 移送 with the reason, or extends the period once. The server checks all
 * of it again.
 */

import { DateInput } from '@yifa/ui';
import { Alert, App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { today } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { noEnterSubmit } from '../no-enter-submit.ts';
import { Link, navigate } from '../router.tsx';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

interface Named {
  code: string;
  name: string;
  nameEn: string | null;
}

/** A case source as GET /case-sources answers it. */
export interface CaseSource {
  id: string;
  version: number;
  kind: Named;
  receivedOn: string;
  description: string;
  partyName: string | null;
  outcomeReason: string | null;
  extensionReason: string | null;
  registeredBy: { id: string; name: string | null };
  dueOn: string;
  daysLeft: number | null;
  /** Years of the period without the pack's holiday calendar: counted Monday to Friday. */
  provisionalYears: number[];
  overdue: boolean;
  extended: boolean;
  outcome: 'pending' | 'filed' | 'not-filed' | 'transferred';
  transferredTo: string | null;
  caseId: string | null;
  caseNumber: string | null;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: string | null;
  basis: { code: string; zh: string; en: string };
}

interface SourceList {
  items: CaseSource[];
  kinds: Named[];
  may: { register: boolean; decide: boolean; file: boolean };
  basis: { zh: string; en: string };
}

type Decision = { source: CaseSource; kind: 'not-filed' | 'transferred' | 'extend' };

const OUTCOME_COLOR: Record<CaseSource['outcome'], string> = {
  pending: 'blue',
  filed: 'green',
  'not-filed': 'default',
  transferred: 'purple',
};

/** The days left to decide, in working days: blue, gold within 3, red once past. */
function SourceDeadline({ s }: { s: CaseSource }) {
  const { t } = useT();
  if (s.daysLeft === null) return <Tag>{t('source.due', { date: s.dueOn })}</Tag>;
  const color = s.overdue ? 'red' : s.daysLeft <= 3 ? 'gold' : 'blue';
  const text = s.overdue
    ? t('source.overdue', { days: -s.daysLeft })
    : s.daysLeft === 0
      ? t('deadline.today')
      : t('source.left', { days: s.daysLeft });
  const provisional = s.provisionalYears.length > 0;
  const tag = (
    <Tag color={color} data-testid="source-deadline" data-status={s.overdue ? 'overdue' : 'running'}>
      {`${text} · ${t('source.due', { date: s.dueOn })}${provisional ? ` · ${t('source.provisional')}` : ''}`}
    </Tag>
  );
  if (!provisional) return tag;
  return <Tooltip title={t('source.provisionalWhy', { years: s.provisionalYears.join(', ') })}>{tag}</Tooltip>;
}

/** What the head may still decide on a pending source: the period extends once. */
const decisionsFor = (s: CaseSource): Decision['kind'][] =>
  s.extended ? ['not-filed', 'transferred'] : ['not-filed', 'transferred', 'extend'];

/** The case-sources page. */
export function CaseSourcesPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const list = useResource<SourceList>('/case-sources');
  const [form] = Form.useForm();
  const [decideForm] = Form.useForm();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const name = (n: Named) => (lang === 'en' && n.nameEn ? n.nameEn : n.name);
  const data = list.data;

  const register = (v: { kind: string; receivedOn: string; description: string; partyName?: string }) =>
    submit(
      async () => {
        await api.post('/case-sources', {
          kind: v.kind,
          receivedOn: v.receivedOn,
          description: v.description,
          ...(v.partyName?.trim() ? { partyName: v.partyName.trim() } : {}),
        });
        form.resetFields();
        message.success(t('source.registered'));
        await list.reload();
      },
      {
        onError: (e) =>
          form.setFields(
            (e.details.problems ?? []).map((p) => ({
              name: p.path.split('/').filter(Boolean),
              errors: [lang === 'en' ? p.message.en : p.message.zh],
            })),
          ),
      },
    );

  const decide = (v: { reason: string; transferredTo?: string }) =>
    submit(async () => {
      if (!deciding) return;
      const { source, kind } = deciding;
      if (kind === 'extend')
        await api.post(`/case-sources/${source.id}/extension`, { version: source.version, reason: v.reason });
      else
        await api.post(`/case-sources/${source.id}/decision`, {
          version: source.version,
          outcome: kind,
          reason: v.reason,
          ...(kind === 'transferred' ? { transferredTo: v.transferredTo } : {}),
        });
      setDeciding(null);
      decideForm.resetFields();
      await list.reload();
    });

  return (
    <div data-testid="case-sources">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('source.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('source.intro', { basis: lang === 'en' ? (data?.basis.en ?? '') : (data?.basis.zh ?? '') })}
      </Typography.Paragraph>
      <ErrorAlert error={list.error ?? error ?? undefined} onClose={() => setError(null)} />
      {data?.may.register && (
        <Card size="small" title={t('source.register')} style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="vertical"
            onFinish={register}
            onKeyDown={noEnterSubmit}
            data-testid="source-form"
            initialValues={{ receivedOn: today() }}
          >
            <Space wrap align="start" size={[16, 0]}>
              <Form.Item
                name="kind"
                label={t('source.kind')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  style={{ minWidth: 180 }}
                  options={data.kinds.map((k) => ({ value: k.code, label: name(k) }))}
                  data-testid="source-kind"
                />
              </Form.Item>
              <Form.Item
                name="receivedOn"
                label={t('source.receivedOn')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DateInput max={today()} style={{ maxWidth: 200 }} />
              </Form.Item>
              <Form.Item name="partyName" label={t('source.party')}>
                <Input maxLength={200} style={{ minWidth: 240 }} data-testid="source-party" />
              </Form.Item>
            </Space>
            <Form.Item
              name="description"
              label={t('source.description')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="source-description" />
            </Form.Item>
            <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="source-submit">
              {t('source.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small">
        <List
          loading={list.loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('source.empty') }}
          renderItem={(s) => (
            <List.Item
              data-testid="source-item"
              data-outcome={s.outcome}
              extra={
                s.outcome === 'pending' ? (
                  <SourceDeadline s={s} />
                ) : (
                  <Tag color={OUTCOME_COLOR[s.outcome]}>{t(`source.outcome.${s.outcome}` as MessageKey)}</Tag>
                )
              }
              actions={
                s.outcome !== 'pending'
                  ? []
                  : [
                      ...(data?.may.file
                        ? [
                            <Button
                              key="file"
                              type="primary"
                              size="small"
                              onClick={() => navigate(`/cases/new?source=${encodeURIComponent(s.id)}`)}
                              data-testid="source-file"
                            >
                              {t('source.file')}
                            </Button>,
                          ]
                        : []),
                      ...(data?.may.decide
                        ? decisionsFor(s).map((k) => (
                            <Button
                              key={k}
                              size="small"
                              onClick={() => setDeciding({ source: s, kind: k })}
                              data-testid={`source-${k}`}
                            >
                              {t(`source.action.${k}` as MessageKey)}
                            </Button>
                          ))
                        : []),
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={[8, 2]}>
                    <Tag>{name(s.kind)}</Tag>
                    {s.partyName ? (
                      <span data-user-text="">{s.partyName}</span>
                    ) : (
                      <span>{t('source.partyUnknown')}</span>
                    )}
                    <Typography.Text type="secondary">
                      {t('source.receivedLine', { date: s.receivedOn, name: s.registeredBy.name ?? '' })}
                    </Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span data-user-text="">{s.description}</span>
                    {s.extended && s.extensionReason && (
                      <span>{t('source.extendedBecause', { reason: s.extensionReason })}</span>
                    )}
                    {s.outcome === 'filed' && s.caseId && (
                      <Link to={`/cases/${s.caseId}`}>{t('source.toCase', { number: s.caseNumber ?? '' })}</Link>
                    )}
                    {s.outcome === 'transferred' && s.transferredTo && (
                      <span>{t('source.transferredTo', { agency: s.transferredTo })}</span>
                    )}
                    {s.outcomeReason && <span>{t('source.reason', { reason: s.outcomeReason })}</span>}
                    {s.outcome !== 'pending' && s.decidedBy?.name && (
                      <Typography.Text type="secondary">
                        {t(s.outcome === 'filed' ? 'source.filedBy' : 'source.decidedBy', {
                          name: s.decidedBy.name,
                          date: (s.decidedAt ?? '').slice(0, 10),
                        })}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding ? t(`source.action.${deciding.kind}` as MessageKey) : ''}
        onCancel={() => setDeciding(null)}
        onOk={() => decideForm.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'source-decide-ok' } as never}
        destroyOnHidden
      >
        {deciding && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`source.hint.${deciding.kind}` as MessageKey)}
          />
        )}
        <Form form={decideForm} layout="vertical" onFinish={decide} onKeyDown={noEnterSubmit}>
          {deciding?.kind === 'transferred' && (
            <Form.Item
              name="transferredTo"
              label={t('source.agency')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="source-agency" />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('source.reasonLabel')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="source-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
