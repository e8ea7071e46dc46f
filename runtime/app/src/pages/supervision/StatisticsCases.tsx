/** The last level of the drill-down: the cases behind the rows followed, each a link to its case page. */
import { Table, Tag } from 'antd';
import { Official } from '../../components/Data.tsx';
import { date } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import type { StatCase, StatCasesAnswer } from './statistics-api.ts';

/** Props of StatisticsCases. */
export interface StatisticsCasesProps {
  answer: StatCasesAnswer | undefined;
  loading: boolean;
  onPage(page: number, pageSize: number): void;
}

/** The cases table. */
export function StatisticsCases({ answer, loading, onPage }: StatisticsCasesProps) {
  const { t, named } = useT();
  return (
    <Table<StatCase>
      size="small"
      rowKey="id"
      data-testid="statistics-cases"
      loading={loading}
      dataSource={answer?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('stats.noRows') }}
      onRow={(c) => ({ 'data-testid': 'statistics-case', 'data-case': c.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'number',
          title: t('stats.caseNumber'),
          render: (_, c) => (
            <Link to={`/cases/${c.id}`}>
              <Official>{c.number}</Official>
            </Link>
          ),
        },
        {
          key: 'matter',
          title: t('stats.matter'),
          render: (_, c) => <span lang={c.matter.nameEn ? undefined : 'zh-CN'}>{named(c.matter)}</span>,
        },
        {
          key: 'state',
          title: t('stats.state'),
          render: (_, c) => (
            <Tag color={c.closedAt ? 'default' : 'blue'} lang={c.state.nameEn ? undefined : 'zh-CN'}>
              {named(c.state)}
            </Tag>
          ),
        },
        { key: 'subject', title: t('stats.subject'), render: (_, c) => <span lang="zh-CN">{c.subject.name}</span> },
        {
          key: 'officers',
          title: t('stats.officers'),
          render: (_, c) => <span lang="zh-CN">{c.officers.join('、')}</span>,
        },
        { key: 'opened', title: t('stats.openedAt'), render: (_, c) => date(c.openedAt) },
      ]}
      pagination={{
        current: answer?.page ?? 1,
        pageSize: answer?.pageSize ?? 20,
        total: answer?.total ?? 0,
        size: 'small',
        showTotal: (n) => t('stats.casesTotal', { n }),
        onChange: onPage,
      }}
    />
  );
}
