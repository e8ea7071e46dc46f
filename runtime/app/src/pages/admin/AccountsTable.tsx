/**
 * The accounts both administrators' screens list: searched by user name or name and by
 * organisation, paged on the server (which reads only the accounts of the administrator's scope),
 * each row with the actions the screen gives it.
 */
import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTime } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { useResource } from '../../use-resource.ts';

/** An account as /admin/accounts lists it. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  orgCode: string;
  orgName: string | null;
  roles: string[];
  certificate: { number: string; validUntil: string | null } | null;
  legalQualification: boolean;
  disabled: boolean;
  lockedAt: string | null;
  failureLockUntil: string | null;
  createdAt: string;
}

/** A role of the pack in force, as /admin/roles lists it. */
export interface RoleInfo {
  code: string;
  name: string;
  nameEn: string | null;
  scope: string;
  admin: string | null;
  requiresCertificate: boolean;
  requiresLegalQualification: boolean;
}

/** An organisation an administrator may bind accounts to. */
export interface OrgInfo {
  code: string;
  name: string;
  path: string;
}

const PAGE = 20;

/** The roles and organisations an administration screen names things with. */
export function useAdminLists() {
  const roles = useResource<{ items: RoleInfo[] }>('/admin/roles');
  const orgs = useResource<{ items: OrgInfo[] }>('/admin/organisations');
  return { roles: roles.data?.items ?? [], orgs: orgs.data?.items ?? [], error: roles.error ?? orgs.error };
}

/** Organisation options for a Select, searchable by name or code. */
export function orgOptions(orgs: readonly OrgInfo[]) {
  return orgs.map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }));
}

/** The status tags of an account. */
function Status({ a }: { a: Account }) {
  const { t } = useT();
  if (a.disabled) return <Tag color="default">{t('admin.status.disabled')}</Tag>;
  if (a.lockedAt) return <Tag color="red">{t('admin.status.locked')}</Tag>;
  if (a.failureLockUntil)
    return <Tag color="orange">{t('admin.status.failureLocked', { time: dateTime(a.failureLockUntil) })}</Tag>;
  return <Tag color="green">{t('admin.status.active')}</Tag>;
}

/** The accounts table with its search; `actions` gives each row its buttons and `toolbar` the buttons above. */
export function AccountsTable({
  actions,
  toolbar,
  roles,
  orgs,
  testId,
}: {
  actions: (account: Account, reload: () => Promise<void>) => ReactNode;
  toolbar?: (reload: () => Promise<void>) => ReactNode;
  roles: readonly RoleInfo[];
  orgs: readonly OrgInfo[];
  testId: string;
}) {
  const { t, named, list } = useT();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [org, setOrg] = useState<string>();
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (q) params.set('q', q);
  if (org) params.set('org', org);
  const accounts = useResource<{ items: Account[]; total: number }>(`/admin/accounts?${params}`);
  const roleNamed = (code: string) => {
    const r = roles.find((x) => x.code === code);
    return r ? named(r) : code;
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('admin.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
          data-testid="accounts-search"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('admin.org.filter')}
          options={orgOptions(orgs)}
          value={org}
          onChange={(v) => {
            setOrg(v);
            setPage(1);
          }}
          style={{ width: 280 }}
        />
        {toolbar?.(accounts.reload)}
      </Space>
      <ErrorAlert error={accounts.error} />
      <Table<Account>
        rowKey="id"
        size="middle"
        loading={accounts.loading}
        dataSource={accounts.data?.items ?? []}
        data-testid={testId}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: accounts.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('admin.total', { n }),
        }}
        onRow={(a) => ({ 'data-username': a.username }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('admin.col.username'),
            dataIndex: 'username',
            render: (u: string, a) => (
              <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                <Typography.Text code>{u}</Typography.Text>
                {a.id === me?.id && <Tag>{t('admin.self')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.col.name'), dataIndex: 'displayName', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { title: t('admin.col.org'), render: (_, a) => a.orgName ?? a.orgCode },
          {
            title: t('admin.col.roles'),
            render: (_, a) =>
              a.roles.length ? (
                list(a.roles.map(roleNamed))
              ) : (
                <Typography.Text type="secondary">{t('admin.noRoles')}</Typography.Text>
              ),
          },
          {
            title: t('admin.col.certificate'),
            render: (_, a) =>
              a.certificate ? (
                <span data-testid="certificate-cell">
                  {a.certificate.number}
                  <br />
                  <Typography.Text type="secondary">
                    {t('admin.validUntil', { date: a.certificate.validUntil ?? '—' })}
                  </Typography.Text>
                </span>
              ) : (
                <Typography.Text type="secondary">{t('admin.none')}</Typography.Text>
              ),
          },
          {
            title: t('admin.col.qualification'),
            render: (_, a) =>
              a.legalQualification ? (
                <Tag color="blue">{t('admin.held')}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('admin.none')}</Typography.Text>
              ),
          },
          { title: t('admin.col.status'), render: (_, a) => <Status a={a} /> },
          {
            title: t('admin.col.actions'),
            render: (_, a) => (a.id === me?.id ? null : actions(a, accounts.reload)),
          },
        ]}
      />
    </>
  );
}
