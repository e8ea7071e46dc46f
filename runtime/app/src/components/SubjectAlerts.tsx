/**
 * Alerts grouped by enforcement subject: one row per subject with its open and overdue cases and
 * its alerts by level; on a desk a row opens onto that subject's alerts, on a phone each subject
 * is a short list item (the alerts are listed by level below).
 */
import { List, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { ALERT_LEVELS, type AlertLevel, type AlertView, LEVEL_COLOR, type SupervisionSummary } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { useIsPhone } from '../use-phone.ts';
import { AlertLevelTag } from './AlertLevelTag.tsx';
import { AlertList } from './AlertList.tsx';

type Row = SupervisionSummary['subjects'][number];

/** A count in the level's colour, grey when none. */
function LevelCount({ level, n }: { level: AlertLevel; n: number }) {
  if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return <span style={{ color: LEVEL_COLOR[level].text, fontWeight: 600 }}>{n}</span>;
}

/** Props of SubjectAlerts. */
export interface SubjectAlertsProps {
  subjects: Row[];
  alerts: readonly AlertView[];
  loading?: boolean;
}

/** The subjects with their cases and alerts. */
export function SubjectAlerts({ subjects, alerts, loading = false }: SubjectAlertsProps) {
  const { t } = useT();
  const phone = useIsPhone();
  const levels = ALERT_LEVELS.filter((l) => l !== 'blue' || subjects.some((s) => s.alerts.blue > 0));
  const mark = (r: Row) => ({ 'data-testid': 'subject-row', 'data-subject': r.subject.code });
  if (phone)
    return (
      <List
        size="small"
        loading={loading}
        dataSource={subjects}
        locale={{ emptyText: t('supervision.noCases') }}
        renderItem={(r) => (
          <List.Item {...mark(r)} style={{ display: 'block' }}>
            <div lang="zh-CN">{r.subject.name}</div>
            <Space wrap size={[8, 4]} style={{ fontSize: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('supervision.open')} {r.open}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('supervision.overdue')} <LevelCount level="red" n={r.overdue} />
              </Typography.Text>
              {levels
                .filter((l) => r.alerts[l] > 0)
                .map((l) => (
                  <AlertLevelTag key={l} level={l} count={r.alerts[l]} />
                ))}
            </Space>
          </List.Item>
        )}
      />
    );
  return (
    <Table<Row>
      rowKey={(r) => r.subject.code}
      size="small"
      loading={loading}
      dataSource={subjects}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('supervision.noCases') }}
      onRow={(r) => mark(r) as HTMLAttributes<HTMLElement>}
      expandable={{
        rowExpandable: (r) => r.alerts.total > 0,
        expandedRowRender: (r) => (
          <AlertList alerts={alerts.filter((a) => a.case && a.subject.code === r.subject.code)} details />
        ),
      }}
      columns={[
        { title: t('supervision.subject'), render: (_, r) => <span lang="zh-CN">{r.subject.name}</span> },
        { title: t('supervision.open'), dataIndex: 'open', align: 'right', width: 64 },
        {
          title: t('supervision.overdue'),
          align: 'right',
          width: 64,
          render: (_, r) => <LevelCount level="red" n={r.overdue} />,
        },
        ...levels.map((l) => ({
          title: t(`alerts.level.${l}`),
          key: l,
          align: 'right' as const,
          width: 56,
          render: (_: unknown, r: Row) => <LevelCount level={l} n={r.alerts[l]} />,
        })),
      ]}
    />
  );
}
