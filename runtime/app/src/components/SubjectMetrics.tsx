/**
 * 执法主体履职: each enforcement subject in scope this year — certified officers and how many took
 * part in enforcement (参与率), authority items and how many were exercised (履职率) — with the
 * pack's subject alerts on them (持证人员零参与, 权责事项零履职). Subjects with an alert come first.
 */
import { Space, Table, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { SubjectMetricsView } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { useIsPhone } from '../use-phone.ts';
import { AlertLevelTag } from './AlertLevelTag.tsx';

/** `n / of` with the share in per cent, grey when nothing is measured. */
function Share({ n, of }: { n: number; of: number }) {
  if (of === 0) return <Typography.Text type="secondary">0 / 0</Typography.Text>;
  const pct = Math.round((100 * n) / of);
  return (
    <span style={n === 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>
      {n} / {of}
      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
        {pct}%
      </Typography.Text>
    </span>
  );
}

/** The subject metrics table. */
export function SubjectMetrics({ rows, loading = false }: { rows: SubjectMetricsView[]; loading?: boolean }) {
  const { t, pick } = useT();
  const phone = useIsPhone();
  return (
    <Table<SubjectMetricsView>
      rowKey={(r) => r.subject.code}
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('supervision.noSubjects') }}
      // On a phone the subject's name keeps a readable width (not a character a line) and the table scrolls sideways.
      scroll={phone ? { x: 'max-content' } : undefined}
      onRow={(r) =>
        ({ 'data-testid': 'subject-metrics-row', 'data-subject': r.subject.code }) as HTMLAttributes<HTMLElement>
      }
      expandable={{
        rowExpandable: (r) => r.alerts.length > 0,
        expandedRowRender: (r) => (
          <Space direction="vertical" size={4}>
            {r.alerts.map((a) => (
              <div key={a.code}>
                <AlertLevelTag level={a.level} /> <Typography.Text strong>{pick(a.name)}</Typography.Text>
                <div>{pick(a.message)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('alerts.recipients')}
                  {t('common.colon')}
                  {a.recipients.map((x) => pick(x.name)).join(t('alerts.listSep'))}
                </Typography.Text>
              </div>
            ))}
          </Space>
        ),
      }}
      columns={[
        {
          title: t('supervision.subject'),
          ...(phone ? { width: 170 } : {}),
          render: (_, r) => <span lang="zh-CN">{r.subject.name}</span>,
        },
        {
          title: <Tooltip title={t('supervision.participationHint')}>{t('supervision.participation')}</Tooltip>,
          align: 'right',
          width: phone ? 86 : 120,
          render: (_, r) => <Share n={r.metrics.officersWithCases} of={r.metrics.certifiedOfficers} />,
        },
        {
          title: <Tooltip title={t('supervision.exerciseHint')}>{t('supervision.exercise')}</Tooltip>,
          align: 'right',
          width: phone ? 86 : 120,
          render: (_, r) => <Share n={r.metrics.authorityItemsExercised} of={r.metrics.authorityItems} />,
        },
        {
          title: t('supervision.subjectAlerts'),
          width: phone ? 64 : 140,
          render: (_, r) => (
            <Space size={4} wrap>
              {r.alerts.map((a) => (
                <Tooltip key={a.code} title={pick(a.name)}>
                  <span>
                    <AlertLevelTag level={a.level} />
                  </span>
                </Tooltip>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
