/**
 * 角色与证件, the security administrator's screen: for each account of their scope, its roles
 * (role.assign), its 执法证 and 法律职业资格 (user.certify), its lock and password
 * (user.credentials) — each action shown only to who holds its permission. The platform refuses
 * a change of one's own account and an administrator role held with another; the refusal shows
 * on the screen with its reason.
 */
import { App, Button, Card, Checkbox, Form, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmAction, FormDialog, Refused } from './AccountsDialogs.tsx';
import { type Account, AccountsTable, useAdminLists } from './AccountsTable.tsx';

type Dialog = { kind: 'roles' | 'certificate' | 'password'; account: Account };

const path = (a: Account, rest: string) => `/admin/accounts/${encodeURIComponent(a.username)}/${rest}`;

/** The security administrator's roles and certificates screen. */
export function AccountsRolesPage() {
  const { can } = useSession();
  const allowed = can('role.assign') || can('user.certify') || can('user.credentials');
  return allowed ? <RolesAndCertificates /> : <Refused who="security" />;
}

function RolesAndCertificates() {
  const { t, named } = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const lists = useAdminLists();
  const [error, setError] = useState<ApiError | null>(null);
  const [dialog, setDialog] = useState<Dialog>();
  const [reloadTable, setReloadTable] = useState<() => Promise<void>>();
  const [rolesForm] = Form.useForm<{ roles: string[] }>();
  const [certificateForm] = Form.useForm<{ number: string; validUntil: string }>();
  const [passwordForm] = Form.useForm<{ password: string }>();
  const open = (kind: Dialog['kind'], account: Account, reload: () => Promise<void>) => {
    setReloadTable(() => reload);
    setDialog({ kind, account });
  };
  const close = () => setDialog(undefined);
  const done = (text = t('admin.saved')) => {
    setDialog(undefined);
    message.success(text);
    void reloadTable?.();
  };
  const of = (kind: Dialog['kind']) => (dialog?.kind === kind ? dialog.account : undefined);
  const rolesInitial = useMemo(() => ({ roles: dialog?.account.roles ?? [] }), [dialog]);
  const certificateInitial = useMemo(() => {
    const c = dialog?.account.certificate;
    return c ? { number: c.number, validUntil: c.validUntil ?? '' } : undefined;
  }, [dialog]);
  const required = [{ required: true, message: t('admin.field.required') }];
  const username = dialog?.account.username ?? '';

  return (
    <Card data-testid="roles-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('admin.roles.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.roles.intro')}</Typography.Paragraph>
      <ErrorAlert error={lists.error} />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <AccountsTable
        testId="roles-table"
        roles={lists.roles}
        orgs={lists.orgs}
        actions={(a, reload) => (
          <Space size={4} wrap>
            {can('role.assign') && (
              <Button size="small" onClick={() => open('roles', a, reload)} data-testid="account-roles">
                {t('admin.roles.edit')}
              </Button>
            )}
            {can('user.certify') && (
              <>
                <Button size="small" onClick={() => open('certificate', a, reload)} data-testid="account-certificate">
                  {t('admin.certificate.edit')}
                </Button>
                <ConfirmAction
                  label={a.legalQualification ? t('admin.qualification.revoke') : t('admin.qualification.grant')}
                  question={t(
                    a.legalQualification ? 'admin.qualification.revoke.confirm' : 'admin.qualification.grant.confirm',
                    {
                      username: a.username,
                    },
                  )}
                  run={async () => {
                    await api.put(path(a, 'legal-qualification'), { held: !a.legalQualification });
                    await reload();
                  }}
                  onError={setError}
                  testId="account-qualification"
                />
              </>
            )}
            {can('user.credentials') && (
              <>
                {a.lockedAt || a.failureLockUntil ? (
                  <ConfirmAction
                    label={t('admin.unlock')}
                    question={t('admin.unlock.confirm', { username: a.username })}
                    run={async () => {
                      await api.post(path(a, 'unlock'));
                      await reload();
                    }}
                    onError={setError}
                    testId="account-unlock"
                  />
                ) : (
                  <ConfirmAction
                    danger
                    label={t('admin.lock')}
                    question={t('admin.lock.confirm', { username: a.username })}
                    run={async () => {
                      await api.post(path(a, 'lock'));
                      await reload();
                    }}
                    onError={setError}
                    testId="account-lock"
                  />
                )}
                <Button size="small" onClick={() => open('password', a, reload)} data-testid="account-reset">
                  {t('admin.reset')}
                </Button>
              </>
            )}
          </Space>
        )}
      />
      <FormDialog<{ roles: string[] }>
        open={dialog?.kind === 'roles'}
        title={t('admin.roles.editTitle', { username })}
        hint={t('admin.roles.hint')}
        form={rolesForm}
        initial={rolesInitial}
        testId="roles-dialog"
        send={(v) => api.put(path(dialog?.account as Account, 'roles'), { roles: v.roles ?? [] })}
        onClose={close}
        onDone={() => done()}
      >
        <Form.Item name="roles">
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {lists.roles.map((r) => (
              <Checkbox key={r.code} value={r.code} data-testid={`role-${r.code}`}>
                {named(r)}
                {r.admin && (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    {t('admin.roles.adminTag')}
                  </Tag>
                )}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </FormDialog>
      <FormDialog<{ number: string; validUntil: string }>
        open={dialog?.kind === 'certificate'}
        title={t('admin.certificate.title', { username })}
        form={certificateForm}
        initial={certificateInitial}
        testId="certificate-dialog"
        send={(v) => api.put(path(dialog?.account as Account, 'certificate'), v)}
        onClose={close}
        onDone={() => done()}
      >
        <Form.Item name="number" label={t('admin.certificate.number')} rules={required}>
          <Input autoComplete="off" data-testid="certificate-number" />
        </Form.Item>
        <Form.Item name="validUntil" label={t('admin.certificate.validUntil')} rules={required}>
          <Input placeholder="YYYY-MM-DD" autoComplete="off" data-testid="certificate-valid-until" />
        </Form.Item>
        {of('certificate')?.certificate && (
          <Button
            danger
            size="small"
            onClick={async () => {
              try {
                await api.delete(path(dialog?.account as Account, 'certificate'));
                done();
              } catch (e) {
                if (!(e instanceof ApiError)) throw e;
                setDialog(undefined);
                setError(e);
              }
            }}
            data-testid="certificate-remove"
          >
            {t('admin.certificate.remove')}
          </Button>
        )}
      </FormDialog>
      <FormDialog<{ password: string }>
        open={dialog?.kind === 'password'}
        title={t('admin.reset.title', { username })}
        hint={t('admin.reset.hint')}
        form={passwordForm}
        testId="reset-dialog"
        send={(v) => api.post(path(dialog?.account as Account, 'password'), v)}
        onClose={close}
        onDone={() => done(t('admin.reset.done', { username }))}
      >
        <Form.Item name="password" label={t('admin.field.password')} rules={required}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}
