/**
 * The reviewer's opinion: the seven checks (主体、程序、事实证据、依据与裁量、文书、涉嫌犯罪、其他)
 * and agree / agree after changes / disagree, with a comment required unless agreeing. The server
 * refuses an agreement while a check finds a problem; its message shows on the check.
 */
import { App, Button, Card, Checkbox, Form, Input, Radio } from 'antd';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const CHECKS = [
  'subjectLawful',
  'procedureLawful',
  'factsClear',
  'lawCorrectDiscretionProper',
  'documentsComplete',
  'crimeReferral',
  'other',
] as const;
const PASSING = new Set(CHECKS.slice(0, 5));

/** The opinion form of a pending review. */
export function OpinionForm({ reviewId, onDone }: { reviewId: string; onDone: () => void }) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { busy, error, setError, submit: send } = useSubmit();
  const opinion = Form.useWatch('opinion', form) as string | undefined;

  const submit = async (v: { checks: string[]; opinion: string; comment?: string }) => {
    await send(
      async () => {
        const checklist = Object.fromEntries(CHECKS.map((k) => [k, v.checks.includes(k)]));
        await api.post(`/reviews/${reviewId}/opinion`, {
          opinion: v.opinion,
          checklist,
          ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        });
        message.success(t('review.submitted'));
        onDone();
      },
      {
        onError: (e) => {
          const onComment = (e.details.problems ?? []).filter((p) => p.path === '/comment').map((p) => pick(p.message));
          const onChecks = (e.details.problems ?? [])
            .filter((p) => p.path.startsWith('/checklist'))
            .map((p) => pick(p.message));
          form.setFields([
            { name: 'comment', errors: onComment },
            { name: 'checks', errors: [...new Set(onChecks)] },
          ]);
        },
      },
    );
  };

  return (
    <Card size="small" title={t('review.opinionTitle')} data-testid="opinion-form">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ checks: [...PASSING] }}>
        <Form.Item name="checks" label={t('review.checklist')} extra={t('review.checklistHint')}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={CHECKS.map((k) => ({ value: k, label: t(`review.check.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={t('review.opinion')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={(['agree', 'agree-after-change', 'disagree'] as const).map((o) => ({
              value: o,
              label: t(`review.opinion.${o}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('review.comment')} required={opinion !== undefined && opinion !== 'agree'}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="opinion-submit">
          {t('review.submit')}
        </Button>
      </Form>
    </Card>
  );
}
