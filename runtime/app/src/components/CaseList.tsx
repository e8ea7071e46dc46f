/** Cases as a table on a desk and as a list on a phone, each with its state and nearest deadline. */
import { List, Space, Table, Typography } from 'antd';
import { date } from '../format.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { CaseRow } from '../types.ts';
import { useIsPhone } from '../use-phone.ts';
import { Official, UserText } from './Data.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { StateTag } from './StateTag.tsx';

/** Props of CaseList. */
export interface CaseListProps {
  cases: CaseRow[];
  loading?: boolean;
  compact?: boolean;
}

/** A list of cases. */
export function CaseList({ cases, loading = false, compact = false }: CaseListProps) {
  const { t, named } = useT();
  const phone = useIsPhone();
  if (phone || compact)
    return (
      <List
        loading={loading}
        dataSource={cases}
        locale={{ emptyText: t('workbench.noCases') }}
        renderItem={(c) => (
          <List.Item data-testid="case-row">
            <div style={{ width: '100%' }}>
              <Space wrap size={[8, 4]} style={{ justifyContent: 'space-between', width: '100%' }}>
                <Link to={`/cases/${c.id}`}>
                  <Typography.Text strong lang="zh-CN">
                    {c.number}
                  </Typography.Text>
                </Link>
                <DeadlineTag deadline={c.nearestDeadline} />
              </Space>
              <div>
                <StateTag state={c.state} /> <Typography.Text type="secondary">{named(c.matter)}</Typography.Text>
              </div>
              <Typography.Text type="secondary">
                <UserText>{c.party.name}</UserText>
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    );
  return (
    <Table<CaseRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={cases}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('workbench.noCases') }}
      onRow={() => ({ 'data-testid': 'case-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('case.number'),
          dataIndex: 'number',
          width: 190,
          render: (_, c) => (
            <>
              <div style={{ whiteSpace: 'nowrap' }}>
                <Link to={`/cases/${c.id}`}>
                  <Official>{c.number}</Official>
                </Link>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {date(c.openedAt)}
              </Typography.Text>
            </>
          ),
        },
        {
          title: `${t('case.matter')} / ${t('case.party')}`,
          dataIndex: ['matter', 'name'],
          ellipsis: true,
          render: (_, c) => (
            <>
              <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} title={named(c.matter)}>
                {named(c.matter)}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <UserText>{c.party.name}</UserText>
              </Typography.Text>
            </>
          ),
        },
        { title: t('case.state'), dataIndex: 'state', render: (_, c) => <StateTag state={c.state} />, width: 100 },
        { title: t('case.deadline'), render: (_, c) => <DeadlineTag deadline={c.nearestDeadline} />, width: 110 },
      ]}
    />
  );
}
