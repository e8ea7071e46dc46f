/**
 * 预警提醒 on the workbench: the open alerts on cases the pack's rules address to me (my roles, or
 * the cases I handle), most severe first, with the count of each level, and a link to the alert
 * board (where subject alerts are too); a supervisor also gets a link to the supervision screen.
 * Nothing for a user whose roles read no alerts.
 */
import { Card, Space, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { ALERT_LEVELS, type AlertsAnswer } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useResource } from '../use-resource.ts';
import { AlertLevelTag } from './AlertLevelTag.tsx';
import { AlertList } from './AlertList.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

/** How many alerts the card lists. */
const SHOWN = 20;

/** The alerts card. */
export function AlertsCard({ style }: { style?: CSSProperties }) {
  const { t } = useT();
  const { can } = useSession();
  const readable = can('alert.read');
  const alerts = useResource<AlertsAnswer>(readable ? `/alerts?kind=case&limit=${SHOWN}` : null);
  if (!readable) return null;
  const counts = alerts.data?.counts;
  const items = alerts.data?.items ?? [];
  const title = (
    <Space wrap size={[8, 4]}>
      {t('alerts.title')}
      {counts &&
        ALERT_LEVELS.filter((l) => counts[l] > 0).map((l) => <AlertLevelTag key={l} level={l} count={counts[l]} />)}
    </Space>
  );
  return (
    <Card
      size="small"
      title={title}
      style={style}
      extra={
        <Space size={12}>
          <Link to="/alerts">{t('alerts.toBoard')}</Link>
          {can('statistics.read') && <Link to="/supervision">{t('alerts.toSupervision')}</Link>}
        </Space>
      }
      data-testid="alert-feed"
      data-total={counts?.total}
    >
      <ErrorAlert error={alerts.error} />
      <AlertList alerts={items} loading={alerts.loading} />
      {counts && counts.total > items.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('alerts.more', { n: counts.total - items.length })}
        </Typography.Text>
      )}
    </Card>
  );
}
