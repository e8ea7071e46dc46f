/**
 * 修改密码, for everyone (from the user menu): the current password, the new one twice. The server
 * checks the current one (a wrong one counts as a failed sign-in), the new one against the password
 * rules in force, and ends the user's other sessions; its refusal shows on the field it is about.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';

interface Values {
  current: string;
  next: string;
  repeat: string;
}

/** The change-password page. */
export function PasswordPage() {
  const { t, pick } = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async ({ current, next }: Values) => {
    setSaving(true);
    setDone(false);
    setError(undefined);
    try {
      await api.post('/auth/password', { current, next });
      form.resetFields();
      setDone(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // A rule the new password breaks shows under it; a wrong current password under that one.
      // Anything else (the account locked by wrong guesses, a session that ended) above the form.
      const onNext = e.details.problems?.find((p) => p.path === '/next');
      if (onNext) form.setFields([{ name: 'next', errors: [pick(onNext.message)] }]);
      else if (e.code === 'bad-credentials')
        form.setFields([{ name: 'current', errors: [t('password.wrongCurrent')] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card style={{ maxWidth: 520 }} data-testid="password-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('password.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('password.intro')}</Typography.Paragraph>
      {done && (
        <Alert
          type="success"
          showIcon
          message={t('password.done')}
          style={{ marginBottom: 12 }}
          data-testid="password-done"
        />
      )}
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="current"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="next" label={t('password.next')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-next" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['next']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('next') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
