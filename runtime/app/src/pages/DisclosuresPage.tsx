/**
 * 公示 (#16) for those who publish: the decisions of my scope issued and not yet disclosed, with
 * the day each must be disclosed by, and the disclosures made, corrected and withdrawn, each with
 * its case and its public page.
 */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { type DisclosureRecord, STATE_COLOUR } from '../components/DisclosureCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';

interface Pending {
  caseId: string;
  caseNumber: string;
  matter: string;
  partyName: string;
  dueOn: string | null;
}

/** The 公示 list. */
export function DisclosuresPage() {
  const { t } = useT();
  const list = useResource<{
    pending: Pending[];
    records: (DisclosureRecord & { caseId: string; caseNumber: string })[];
  }>('/disclosures');
  const caseLink = (id: string, number: string) => <Link to={`/cases/${id}`}>{number}</Link>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="disclosures-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('disclosure.listTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('disclosure.listIntro')} <a href="/public/">{t('disclosure.openPublic')}</a>
      </Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} />}
      <Card size="small" title={t('disclosure.pending')}>
        <Table<Pending>
          size="small"
          rowKey="caseId"
          loading={!list.data && !list.error}
          dataSource={list.data?.pending ?? []}
          pagination={false}
          locale={{ emptyText: t('disclosure.noPending') }}
          columns={[
            { title: t('disclosure.case'), render: (_, p) => caseLink(p.caseId, p.caseNumber) },
            { title: t('disclosure.matter'), dataIndex: 'matter' },
            { title: t('disclosure.party'), dataIndex: 'partyName' },
            {
              title: t('disclosure.state'),
              render: (_, p) => (p.dueOn ? t('disclosure.dueOn', { date: p.dueOn }) : '—'),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('disclosure.records')}>
        <Table
          size="small"
          rowKey="id"
          loading={!list.data && !list.error}
          dataSource={list.data?.records ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('disclosure.noRecords') }}
          data-testid="disclosure-records"
          columns={[
            { title: t('disclosure.number'), dataIndex: 'documentNumber' },
            { title: t('disclosure.case'), render: (_, r) => caseLink(r.caseId, r.caseNumber) },
            { title: t('disclosure.party'), dataIndex: 'partyName' },
            {
              title: t('disclosure.publishedOn'),
              render: (_, r) => (
                <Space size={4}>
                  {r.publishedOn}
                  {r.late && <Tag color="red">{t('disclosure.late')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('disclosure.state'),
              render: (_, r) => <Tag color={STATE_COLOUR[r.state]}>{t(`disclosure.state.${r.state}`)}</Tag>,
            },
            {
              title: '',
              render: (_, r) =>
                r.state === 'withdrawn' ? null : (
                  <a href={r.publicPath} target="_blank" rel="noreferrer">
                    {t('disclosure.publicPage')}
                  </a>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
