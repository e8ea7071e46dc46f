/**
 * 执法统计 on the supervision page: the first screen's figures for the reader's scope, a chart
 * with the table beside it, grouped by a dimension the reader picks, filtered by period and power
 * type, searched and sorted; a click on a row (or bar) drills down — district → subject → unit →
 * officer → the cases, each a link to its case — with a breadcrumb back; 导出 Excel downloads the
 * same table. Everything is counted by the server within the reader's scope (GET /statistics),
 * from counts kept in the transaction of every write, so the time shown is what the figures
 * include; the panel counts again on 刷新 and by itself every minute while it is on screen, so the
 * figures shown are never more than 60 s old. 抽查案卷 (files sampled by 案卷评查) sits beside them.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, DatePicker, Input, Row, Select, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTime } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { useSession } from '../../session.tsx';
import { useResource } from '../../use-resource.ts';
import { StatisticsCases } from './StatisticsCases.tsx';
import { StatisticsFigures } from './StatisticsFigures.tsx';
import { StatisticsTable } from './StatisticsTable.tsx';
import {
  type DrillStep,
  GROUP_BYS,
  type GroupBy,
  queryOf,
  type SampledSummary,
  type StatCasesAnswer,
  type StatisticsAnswer,
  type StatRow,
  stepOf,
} from './statistics-api.ts';

const StatisticsChart = lazy(() => import('./StatisticsChart.tsx'));

/** This year so far, as months. */
function thisYear(): [Dayjs, Dayjs] {
  const now = dayjs();
  return [now.startOf('year'), now.startOf('month')];
}

/** The statistics panel. */
export function StatisticsPanel() {
  const { t, named, lang } = useT();
  const [root, setRoot] = useState<GroupBy>('district');
  const [steps, setSteps] = useState<DrillStep[]>([]);
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(thisYear);
  const [powerType, setPowerType] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('-cases');
  const [page, setPage] = useState<[number, number]>([1, 50]);
  const [casePage, setCasePage] = useState<[number, number]>([1, 20]);

  const last = steps[steps.length - 1];
  const level: GroupBy | 'cases' = last ? last.to : root;
  const base = {
    from: period?.[0].format('YYYY-MM'),
    to: period?.[1].format('YYYY-MM'),
    powerType,
  };
  const filters = queryOf(base, steps);
  const tableQuery =
    level === 'cases'
      ? null
      : `${queryOf({ ...base, groupBy: level, sort, search, page: String(page[0]), pageSize: String(page[1]) }, steps)}`;
  const table = useResource<StatisticsAnswer>(tableQuery === null ? null : `/statistics?${tableQuery}`);
  // At the case level the figures still show, for the filters followed so far.
  const figures = useResource<StatisticsAnswer>(level === 'cases' ? `/statistics?${filters}&pageSize=1` : null);
  const cases = useResource<StatCasesAnswer>(
    level === 'cases' ? `/statistics/cases?${filters}&page=${casePage[0]}&pageSize=${casePage[1]}` : null,
  );
  const answer = level === 'cases' ? figures.data : table.data;
  // 抽查案卷 for the organisation drilled into (the deepest of district, subject, unit), when no other filter narrows the records.
  const { can } = useSession();
  const followed = new URLSearchParams(filters);
  const narrowed = ['officer', 'matter', 'powerType', 'sector', 'state'].some((k) => followed.has(k));
  const org = followed.get('unit') ?? followed.get('subject') ?? followed.get('district');
  const sampledQuery = new URLSearchParams({
    ...(base.from ? { from: base.from } : {}),
    ...(base.to ? { to: base.to } : {}),
    ...(org ? { org } : {}),
  });
  const sampled = useResource<SampledSummary>(
    !narrowed && (can('file-review.read') || can('file-review.score')) ? `/file-review/summary?${sampledQuery}` : null,
  );
  // Counted again every minute while the page is on screen, and on 刷新.
  const reloads = useRef<(() => void) | null>(null);
  reloads.current = () => {
    void table.reload();
    void figures.reload();
    void cases.reload();
    void sampled.reload();
  };
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reloads.current?.();
    }, 60_000);
    // Back on a tab left in the background: counted again at once, not at the next minute.
    const back = () => {
      if (document.visibilityState === 'visible') reloads.current?.();
    };
    document.addEventListener('visibilitychange', back);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);
  const exportHref =
    level === 'cases'
      ? null
      : `/api/v1/statistics.xlsx?${queryOf({ ...base, groupBy: level, sort, search, lang }, steps)}`;

  const drill = (row: StatRow) => {
    if (level === 'cases' || !table.data) return;
    setSteps([...steps, stepOf(level, table.data.next, row)]);
    setSearch('');
    setPage([1, page[1]]);
    setCasePage([1, 20]);
  };
  const back = (n: number) => {
    setSteps(steps.slice(0, n));
    setSearch('');
    setPage([1, page[1]]);
  };
  const groupName = (g: GroupBy) => t(`stats.groupBy.${g}` as MessageKey);

  return (
    <Card
      size="small"
      title={t('stats.title')}
      data-testid="statistics"
      data-level={level}
      extra={
        exportHref && (
          <Button size="small" icon={<DownloadOutlined />} href={exportHref} data-testid="statistics-export">
            {t('stats.export')}
          </Button>
        )
      }
    >
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="statistics-as-of">
          {answer ? t('stats.asOf', { time: dateTime(answer.asOf) }) : '…'}
        </Typography.Text>
        <Button
          size="small"
          type="link"
          icon={<ReloadOutlined />}
          onClick={() => reloads.current?.()}
          data-testid="statistics-refresh"
        >
          {t('stats.refresh')}
        </Button>
      </Space>
      <ErrorAlert error={table.error ?? cases.error ?? figures.error ?? sampled.error} />
      <StatisticsFigures answer={answer} sampled={sampled.data} />
      <Space wrap size={[8, 8]} style={{ margin: '16px 0 8px' }}>
        <Select<GroupBy>
          data-testid="statistics-group-by"
          value={steps.length ? undefined : root}
          placeholder={level === 'cases' ? t('stats.level.cases') : groupName(level)}
          disabled={steps.length > 0}
          style={{ minWidth: 150 }}
          onChange={(g) => {
            setRoot(g);
            setPage([1, page[1]]);
          }}
          options={GROUP_BYS.map((g) => ({ value: g, label: groupName(g) }))}
        />
        <DatePicker.RangePicker
          picker="month"
          allowClear
          value={period}
          onChange={(v) => {
            setPeriod(v?.[0] && v[1] ? [v[0], v[1]] : null);
            setPage([1, page[1]]);
          }}
          placeholder={[t('stats.from'), t('stats.to')]}
          data-testid="statistics-period"
        />
        <Select<string>
          allowClear
          placeholder={t('stats.powerType')}
          style={{ minWidth: 150 }}
          value={powerType}
          onChange={(v) => {
            setPowerType(v);
            setPage([1, page[1]]);
          }}
          options={(answer?.powerTypes ?? []).map((p) => ({ value: p.code, label: named(p) }))}
          data-testid="statistics-power-type"
        />
        {level !== 'cases' && (
          <Input.Search
            allowClear
            placeholder={t('stats.search')}
            defaultValue={search}
            key={`${level}-${steps.length}`}
            onSearch={(v) => {
              setSearch(v);
              setPage([1, page[1]]);
            }}
            style={{ width: 200 }}
            data-testid="statistics-search"
          />
        )}
      </Space>
      <Breadcrumb
        data-testid="statistics-breadcrumb"
        style={{ marginBottom: 12 }}
        items={[
          {
            title: (
              <Typography.Link onClick={() => back(0)} data-testid="crumb-0">
                {t('stats.all')} · {groupName(root)}
              </Typography.Link>
            ),
          },
          ...steps.map((s, i) => ({
            title:
              i === steps.length - 1 ? (
                <span lang={s.label.nameEn ? undefined : 'zh-CN'} data-testid={`crumb-${i + 1}`}>
                  {named(s.label)}
                </span>
              ) : (
                <Typography.Link onClick={() => back(i + 1)} data-testid={`crumb-${i + 1}`}>
                  <span lang={s.label.nameEn ? undefined : 'zh-CN'}>{named(s.label)}</span>
                </Typography.Link>
              ),
          })),
        ]}
      />
      {level === 'cases' ? (
        <StatisticsCases answer={cases.data} loading={cases.loading} onPage={(p, s) => setCasePage([p, s])} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Suspense fallback={<Skeleton active />}>
              {table.data && <StatisticsChart answer={table.data} onPick={drill} />}
            </Suspense>
          </Col>
          <Col xs={24} xl={14}>
            <StatisticsTable
              answer={table.data}
              loading={table.loading}
              sort={sort}
              onSort={(s) => {
                setSort(s);
                setPage([1, page[1]]);
              }}
              onPage={(p, s) => setPage([p, s])}
              onPick={drill}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
