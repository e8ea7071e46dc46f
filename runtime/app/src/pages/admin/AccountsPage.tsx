/**
 * 账号管理, the system administrator's screen (user.manage): the accounts of their scope, a new
 * account (name, organisation, initial password — never a role), disabling and enabling, and the
 * organisation an account belongs to. Roles and certificates are the security administrator's.
 */
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../api.ts';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmAction, FormDialog, Refused } from './AccountsDialogs.tsx';
import { type Account, AccountsTable, orgOptions, useAdminLists } from './AccountsTable.tsx';

interface NewAccount {
  username: string;
  displayName: string;
  orgCode: string;
  password: string;
}

const path = (a: Account, rest: string) => `/admin/accounts/${encodeURIComponent(a.username)}/${rest}`;

/** The system administrator's accounts screen. */
export function AccountsPage() {
  const { can } = useSession();
  return can('user.manage') ? <Accounts /> : <Refused who="system" />;
}

function Accounts() {
  const { t } = useT();
  const { message } = App.useApp();
  const lists = useAdminLists();
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const [binding, setBinding] = useState<Account>();
  const [createForm] = Form.useForm<NewAccount>();
  const [bindForm] = Form.useForm<{ orgCode: string }>();
  const required = [{ required: true, message: t('admin.field.required') }];
  const options = orgOptions(lists.orgs);
  const bindInitial = useMemo(() => (binding ? { orgCode: binding.orgCode } : undefined), [binding]);

  return (
    <Card data-testid="accounts-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('admin.accounts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.accounts.intro')}</Typography.Paragraph>
      <ErrorAlert error={lists.error} />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <AccountsTable
        testId="accounts-table"
        roles={lists.roles}
        orgs={lists.orgs}
        toolbar={(reload) => (
          <>
            <Button type="primary" onClick={() => setCreating(true)} data-testid="account-create">
              {t('admin.create')}
            </Button>
            <FormDialog<NewAccount>
              open={creating}
              title={t('admin.create.title')}
              hint={t('admin.create.hint')}
              form={createForm}
              testId="account-create-dialog"
              send={async (v) => {
                await api.post('/admin/accounts', v);
                message.success(t('admin.create.done', { username: v.username }));
              }}
              onClose={() => setCreating(false)}
              onDone={() => {
                setCreating(false);
                void reload();
              }}
            >
              <Form.Item name="username" label={t('admin.field.username')} rules={required}>
                <Input autoComplete="off" data-testid="account-username" />
              </Form.Item>
              <Form.Item name="displayName" label={t('admin.field.displayName')} rules={required}>
                <Input autoComplete="off" data-testid="account-name" />
              </Form.Item>
              <Form.Item name="orgCode" label={t('admin.field.org')} rules={required}>
                <Select showSearch optionFilterProp="label" options={options} data-testid="account-org" />
              </Form.Item>
              <Form.Item name="password" label={t('admin.field.password')} rules={required}>
                <Input.Password autoComplete="new-password" data-testid="account-password" />
              </Form.Item>
            </FormDialog>
            <FormDialog<{ orgCode: string }>
              open={binding !== undefined}
              title={t('admin.bind.title', { username: binding?.username ?? '' })}
              form={bindForm}
              initial={bindInitial}
              testId="account-bind-dialog"
              send={(v) => api.put(path(binding as Account, 'organisation'), v)}
              onClose={() => setBinding(undefined)}
              onDone={() => {
                setBinding(undefined);
                message.success(t('admin.saved'));
                void reload();
              }}
            >
              <Form.Item name="orgCode" label={t('admin.field.org')} rules={required}>
                <Select showSearch optionFilterProp="label" options={options} data-testid="bind-org" />
              </Form.Item>
            </FormDialog>
          </>
        )}
        actions={(a, reload) => (
          <Space size={4} wrap>
            {a.disabled ? (
              <ConfirmAction
                label={t('admin.enable')}
                question={t('admin.enable.confirm', { username: a.username })}
                run={async () => {
                  await api.post(path(a, 'enable'));
                  await reload();
                }}
                onError={setError}
                testId="account-enable"
              />
            ) : (
              <ConfirmAction
                danger
                label={t('admin.disable')}
                question={t('admin.disable.confirm', { username: a.username })}
                run={async () => {
                  await api.post(path(a, 'disable'));
                  await reload();
                }}
                onError={setError}
                testId="account-disable"
              />
            )}
            <Button size="small" onClick={() => setBinding(a)} data-testid="account-bind">
              {t('admin.bind')}
            </Button>
          </Space>
        )}
      />
    </Card>
  );
}
