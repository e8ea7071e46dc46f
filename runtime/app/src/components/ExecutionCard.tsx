/**
 * The case in execution (执行): what the decision requires and where payment stands — the payment
 * deadline, the 加处罚款 counted by the server (3 % of the fine a day, never more than the fine),
 * what is still owed, the window to apply to the court for compulsory enforcement — the payments
 * recorded, and recording one. Shown only while the case is in its workflow's execution state.
 */

import type { ExecutionStatus } from '@yifa/engine';
import { DateInput } from '@yifa/ui';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, List, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { money, today } from '../format.ts';
import { useT } from '../i18n.tsx';
import { noEnterSubmit } from '../no-enter-submit.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** The execution of a case, as GET /cases/{id}/execution answers (amounts in fen). */
interface ExecutionView {
  active: boolean;
  servedOn?: string;
  decision?: {
    number: string | null;
    form: { name: string };
    fine: number;
    due: number;
    paymentCode: { label: string; labelEn: string | null; value: string } | null;
  } | null;
  /** The engine's own computation, as the server sends it. */
  status?: ExecutionStatus | null;
  payments?: { id: string; amount: number; paidOn: string; reference: string | null }[];
}

const yuan = (fen: number) => fen / 100;

/** Props of ExecutionCard. */
export interface ExecutionCardProps {
  caseId: string;
  canRecord: boolean;
  onRecorded: () => void;
}

/** The execution card (nothing outside the execution state). */
export function ExecutionCard({ caseId, canRecord, onRecorded }: ExecutionCardProps) {
  const { t, lang, name } = useT();
  const { message } = App.useApp();
  const view = useResource<ExecutionView>(`/cases/${caseId}/execution`);
  const [form] = Form.useForm();
  const { busy, error, setError, submit } = useSubmit();
  const x = view.data;
  if (!x?.active) return null;
  const s = x.status;
  const record = (v: { amount: number; paidOn: string; reference?: string }) =>
    submit(async () => {
      await api.post(`/cases/${caseId}/payments`, {
        amount: Math.round(v.amount * 100),
        paidOn: v.paidOn,
        ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}),
      });
      message.success(t('execution.recorded'));
      form.resetFields();
      await view.reload();
      onRecorded();
    });
  return (
    <Card size="small" title={t('execution.title')} style={{ marginTop: 16 }} data-testid="execution">
      {!x.decision || !s ? (
        <Typography.Text type="secondary">{t('execution.noDecision')}</Typography.Text>
      ) : (
        <>
          <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
            <Descriptions.Item label={t('execution.decision')}>
              {x.decision.number ?? x.decision.form.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('execution.due')}>{money(yuan(x.decision.due), lang)}</Descriptions.Item>
            {x.decision.paymentCode && (
              <Descriptions.Item label={name(x.decision.paymentCode.label, x.decision.paymentCode.labelEn)}>
                <Typography.Text copyable data-testid="payment-code">
                  {x.decision.paymentCode.value}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('execution.paymentDue')}>
              {s.paymentDue}
              {s.overdueDays > 0 && !s.paidInFullOn && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {t('execution.overdue', { n: s.overdueDays })}
                </Tag>
              )}
            </Descriptions.Item>
            {s.surcharge > 0 && (
              <Descriptions.Item label={t('execution.surcharge')}>
                <div>
                  <div data-testid="surcharge">{money(yuan(s.surcharge), lang)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.surchargeCapped
                      ? t('execution.surchargeCapped')
                      : t('execution.surchargeRule', { n: s.overdueDays })}
                  </Typography.Text>
                </div>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('execution.paid')}>{money(yuan(s.paid), lang)}</Descriptions.Item>
            <Descriptions.Item label={t('execution.outstanding')}>
              <Typography.Text strong type={s.outstanding > 0 ? 'danger' : 'success'} data-testid="outstanding">
                {s.outstanding > 0
                  ? money(yuan(s.outstanding), lang)
                  : t('execution.settled', { day: s.paidInFullOn ?? '' })}
              </Typography.Text>
            </Descriptions.Item>
            {s.outstanding > 0 && (
              <Descriptions.Item label={t('execution.court')}>
                <span data-testid="court-window">
                  {t('execution.courtWindow', { from: s.courtApplication.from, due: s.courtApplication.due })}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {(x.payments ?? []).length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>{t('execution.payments')}</Typography.Text>}
              dataSource={x.payments}
              renderItem={(p) => (
                <List.Item data-testid="payment">
                  {p.paidOn}　{money(yuan(p.amount), lang)}
                  {p.reference ? `　${p.reference}` : ''}
                </List.Item>
              )}
            />
          )}
        </>
      )}
      {canRecord && x.decision && (
        <Form
          form={form}
          layout="vertical"
          onFinish={record}
          onKeyDown={noEnterSubmit}
          style={{ marginTop: 12 }}
          data-testid="payment-form"
        >
          <ErrorAlert error={error} onClose={() => setError(null)} />
          <Form.Item
            name="amount"
            label={t('execution.amount')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber
              min={0.01}
              precision={2}
              addonAfter="元"
              style={{ width: '100%' }}
              data-testid="payment-amount"
            />
          </Form.Item>
          <Form.Item
            name="paidOn"
            label={t('execution.paidOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateInput max={today()} style={{ width: '100%' }} data-field="paidOn" />
          </Form.Item>
          <Form.Item name="reference" label={t('execution.reference')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button htmlType="submit" loading={busy} block data-testid="payment-record">
            {t('execution.record')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
