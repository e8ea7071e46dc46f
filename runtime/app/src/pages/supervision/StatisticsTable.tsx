/**
 * The statistics table: one row per group with its cases, open and closed, cases by power type
 * and, on the organisation levels, the rates; sortable by the server (the sort is a query
 * parameter, so every page is sorted as a whole), paged, a click on a row drills down.
 */
import { Table, Typography } from 'antd';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { useT } from '../../i18n.tsx';
import { rateText } from './StatisticsFigures.tsx';
import type { RateCode, StatisticsAnswer, StatRow } from './statistics-api.ts';

const RATE_CODES: RateCode[] = ['performanceRate', 'participationRate', 'casesPerOfficer'];

/** Props of StatisticsTable. */
export interface StatisticsTableProps {
  answer: StatisticsAnswer | undefined;
  loading: boolean;
  sort: string;
  onSort(sort: string): void;
  onPage(page: number, pageSize: number): void;
  onPick(row: StatRow): void;
}

/** The table of an answer. */
export function StatisticsTable({ answer, loading, sort, onSort, onPage, onPick }: StatisticsTableProps) {
  const { t, named } = useT();
  const order = (key: string): SortOrder => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  const orgLevel = answer?.rows.some((r) => r.rates) ?? false;
  const columns: ColumnsType<StatRow> = [
    {
      key: 'name',
      title: t('stats.name'),
      sorter: true,
      sortOrder: order('name'),
      fixed: 'left',
      render: (_, r) => (
        <Typography.Link lang={r.nameEn ? undefined : 'zh-CN'} data-testid="statistics-row-name">
          {named(r)}
        </Typography.Link>
      ),
    },
    ...(['cases', 'open', 'closed'] as const).map((k) => ({
      key: k,
      title: t(`stats.${k}`),
      dataIndex: k,
      align: 'right' as const,
      sorter: true,
      sortOrder: order(k),
    })),
    ...(answer?.powerTypes ?? []).map((p) => ({
      key: `pt-${p.code}`,
      title: named(p),
      align: 'right' as const,
      render: (_: unknown, r: StatRow) => r.byPowerType[p.code] ?? 0,
    })),
    ...(orgLevel
      ? RATE_CODES.map((code) => ({
          key: code,
          title: t(`stats.rate.${code}`),
          align: 'right' as const,
          sorter: true,
          sortOrder: order(code),
          render: (_: unknown, r: StatRow) => rateText(code, r.rates?.[code]),
        }))
      : []),
  ];
  return (
    <Table<StatRow>
      size="small"
      rowKey="key"
      data-testid="statistics-table"
      loading={loading}
      columns={columns}
      dataSource={answer?.rows ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('stats.noRows') }}
      onRow={(r) => ({
        onClick: () => onPick(r),
        style: { cursor: 'pointer' },
        'data-testid': 'statistics-row',
        'data-key': r.key,
      })}
      onChange={(p, _f, s) => {
        const one = (Array.isArray(s) ? s[0] : s) as SorterResult<StatRow> | undefined;
        const key = one?.order ? String(one.columnKey) : undefined;
        const next = key ? `${one?.order === 'descend' ? '-' : ''}${key}` : '-cases';
        if (next !== sort) onSort(next);
        else onPage(p.current ?? 1, p.pageSize ?? 50);
      }}
      pagination={{
        current: answer?.page ?? 1,
        pageSize: answer?.pageSize ?? 50,
        total: answer?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        size: 'small',
        showTotal: (n) => t('stats.rowsTotal', { n }),
      }}
    />
  );
}
