/**
 * 安全策略, the security administrator's password and sign-in policy (security.configure): the
 * shortest password, the character classes it needs, the failed sign-ins before a lock and the
 * lock's length, each within the bounds the platform keeps; where the policy in force comes from.
 */
import { Alert, App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTime } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { useResource } from '../../use-resource.ts';
import { Refused, showFieldProblems } from './AccountsDialogs.tsx';

const FIELDS = ['minLength', 'minClasses', 'maxFailures', 'lockMinutes'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, number>;
interface PolicyInForce extends Values {
  source: 'set' | 'default';
  updatedAt: string | null;
  updatedBy: string | null;
  bounds: Record<Field, { min: number; max: number }>;
}

/** The security policy screen. */
export function AccountsPolicyPage() {
  const { can } = useSession();
  return can('security.configure') ? <Policy /> : <Refused who="security" />;
}

function Policy() {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const policy = useResource<PolicyInForce>('/admin/security-policy');
  const accounts = useResource<{ items: { id: string; username: string }[] }>(
    policy.data?.updatedBy ? '/admin/accounts?limit=500' : null,
  );
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const p = policy.data;
  useEffect(() => {
    if (p) form.setFieldsValue(p);
  }, [p, form]);
  const by = accounts.data?.items.find((a) => a.id === p?.updatedBy)?.username ?? p?.updatedBy ?? '';

  const save = async (values: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.put('/admin/security-policy', values);
      message.success(t('admin.saved'));
      await policy.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      showFieldProblems(form, e, pick);
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640 }} data-testid="policy-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('admin.policy.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.policy.intro')}</Typography.Paragraph>
      <ErrorAlert error={policy.error} />
      <ErrorAlert error={error} />
      {p && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="policy-source"
          message={
            p.source === 'set'
              ? t('admin.policy.source.set', { by, at: dateTime(p.updatedAt) })
              : t('admin.policy.source.default')
          }
          description={t('admin.policy.sessions')}
        />
      )}
      {p && (
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)}>
          {FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`admin.policy.${f}`)}
              extra={t('admin.policy.range', p.bounds[f])}
              rules={[{ required: true, message: t('admin.field.required') }]}
            >
              <InputNumber precision={0} style={{ width: 160 }} data-testid={`policy-${f}`} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
            {t('admin.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
