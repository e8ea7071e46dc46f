/**
 * A case's 公示 (#16): whether its decisions are disclosed and by when (the pack's time limit,
 * counted by the server), the disclosure made, and — for those whose role may publish — the
 * button that publishes the issued decision, and the forms that correct or withdraw the
 * disclosure with a reason, naming the linked 复议 / 应诉 case that changed or revoked it.
 */
import { DateInput } from '@yifa/ui';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { today } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { LinkView } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** A disclosure record as the API shows it. */
export interface DisclosureRecord {
  id: string;
  state: 'published' | 'corrected' | 'withdrawn';
  documentNumber: string;
  partyName: string;
  decidedOn: string;
  dueOn: string | null;
  publishedOn: string;
  late: boolean;
  content: { key: string; label: string; labelEn: string; value: string }[];
  reason: string | null;
  changedOn: string | null;
  version: number;
  publicPath: string;
}

interface DisclosureView {
  required: boolean;
  within: { days: number; kind: 'working' | 'calendar' } | null;
  dueOn: string | null;
  record: DisclosureRecord | null;
  canPublish: boolean;
}

/** The colour of a record's state. */
export const STATE_COLOUR = { published: 'green', corrected: 'blue', withdrawn: 'default', pending: 'orange' } as const;

/** The disclosure card of a case (nothing for a matter whose decisions are not disclosed). */
export function DisclosureCard({
  caseId,
  linkedFrom,
  onChanged,
}: {
  caseId: string;
  linkedFrom: LinkView[];
  onChanged: () => void;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const view = useResource<DisclosureView>(`/cases/${caseId}/disclosure`);
  const { busy, error, setError, submit } = useSubmit<'publish' | 'change'>();
  const [change, setChange] = useState<'withdraw' | 'correct' | null>(null);
  const [form] = Form.useForm();
  const v = view.data;
  if (!v?.required) return null;
  const r = v.record;
  const publish = () =>
    submit(
      async () => {
        await api.post(`/cases/${caseId}/disclosure`, {});
        message.success(t('disclosure.published'));
        await view.reload();
        onChanged();
      },
      { which: 'publish' },
    );
  const send = (values: { reason: string; cause?: string; changedOn?: string }) =>
    submit(
      async () => {
        if (!r || !change) return;
        await api.post(`/cases/${caseId}/disclosure/${change}`, {
          reason: values.reason.trim(),
          version: r.version,
          ...(values.cause ? { cause: values.cause } : {}),
          ...(values.changedOn ? { changedOn: values.changedOn } : {}),
        });
        message.success(t(change === 'withdraw' ? 'disclosure.withdrawn' : 'disclosure.corrected'));
        setChange(null);
        form.resetFields();
        await view.reload();
        onChanged();
      },
      { which: 'change' },
    );
  const causes = linkedFrom.filter((l) => l.id);
  return (
    <Card
      size="small"
      title={t('disclosure.title')}
      style={{ marginTop: 16 }}
      data-testid="disclosure"
      data-disclosure={r?.state ?? 'pending'}
      extra={<Tag color={STATE_COLOUR[r?.state ?? 'pending']}>{t(`disclosure.state.${r?.state ?? 'pending'}`)}</Tag>}
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
        {v.within && (
          <Descriptions.Item label={t('disclosure.limit')}>
            {t('disclosure.within', { days: v.within.days, kind: t(`disclosure.kind.${v.within.kind}`) })}
          </Descriptions.Item>
        )}
        {!r && (
          <Descriptions.Item label={t('disclosure.state')}>
            {v.dueOn ? t('disclosure.dueOn', { date: v.dueOn }) : t('disclosure.noDue')}
          </Descriptions.Item>
        )}
        {r && (
          <>
            <Descriptions.Item label={t('disclosure.number')}>{r.documentNumber}</Descriptions.Item>
            <Descriptions.Item label={t('disclosure.publishedOn')}>
              <Space size={4}>
                {r.publishedOn}
                {r.late && <Tag color="red">{t('disclosure.late')}</Tag>}
              </Space>
            </Descriptions.Item>
            {r.reason && (
              <Descriptions.Item label={t(`disclosure.state.${r.state}`)}>
                {r.changedOn} {t('disclosure.reasonShown', { reason: r.reason })}
              </Descriptions.Item>
            )}
          </>
        )}
      </Descriptions>
      {r && r.state !== 'withdrawn' && (
        <Typography.Link href={r.publicPath} target="_blank" data-testid="disclosure-public">
          {t('disclosure.publicPage')}
        </Typography.Link>
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {v.canPublish && !r && (
        <Popconfirm
          title={t('disclosure.publishConfirm')}
          onConfirm={() => void publish()}
          okButtonProps={{ id: 'disclosure-confirm' }}
        >
          <Button type="primary" block style={{ marginTop: 12 }} loading={busy} data-testid="disclosure-publish">
            {t('disclosure.publish')}
          </Button>
        </Popconfirm>
      )}
      {v.canPublish && r && r.state !== 'withdrawn' && (
        <div style={{ marginTop: 12 }}>
          <Space.Compact block>
            {(['withdraw', 'correct'] as const).map((k) => (
              <Button
                key={k}
                block
                type={change === k ? 'primary' : 'default'}
                danger={k === 'withdraw' && change === k}
                onClick={() => setChange(change === k ? null : k)}
                data-testid={`disclosure-${k}`}
              >
                {t(k === 'withdraw' ? 'disclosure.withdraw' : 'disclosure.correct')}
              </Button>
            ))}
          </Space.Compact>
          {change && (
            <Form form={form} layout="vertical" style={{ marginTop: 12 }} onFinish={(x) => void send(x)} lang={lang}>
              <Form.Item
                name="reason"
                label={t('disclosure.reason')}
                rules={[{ required: true, whitespace: true, message: t('disclosure.reasonRequired') }]}
              >
                <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} data-testid="disclosure-reason" />
              </Form.Item>
              <Form.Item name="cause" label={t('disclosure.cause')}>
                <Select
                  allowClear
                  placeholder={t('disclosure.noCause')}
                  options={causes.map((l) => ({ value: l.number, label: l.number }))}
                  data-testid="disclosure-cause"
                />
              </Form.Item>
              <Form.Item name="changedOn" label={t('disclosure.changedOn')}>
                <DateInput max={today()} style={{ width: '100%' }} data-field="changedOn" />
              </Form.Item>
              <Button
                htmlType="submit"
                danger={change === 'withdraw'}
                block
                loading={busy}
                data-testid="disclosure-submit"
              >
                {t(change === 'withdraw' ? 'disclosure.submitWithdraw' : 'disclosure.submitCorrect')}
              </Button>
            </Form>
          )}
        </div>
      )}
    </Card>
  );
}
