/**
 * 执法监督: for those whose roles read statistics (supervisors, heads), first the statistics of
 * their scope — the seed's figures (records by kind, 履职率, 参与率, 人均办案率), a chart with the
 * table beside it and the drill-down to the cases (supervision/StatisticsPanel.tsx) — then, for
 * those who also read alerts, the alerts by subject and level and the cases by stage
 * (supervision/AlertSections.tsx). Everything is counted by the platform within the reader's scope.
 */
import { Result, Typography } from 'antd';
import { useT } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { AlertSections } from './supervision/AlertSections.tsx';
import { StatisticsPanel } from './supervision/StatisticsPanel.tsx';

/** The supervision page. */
export function SupervisionPage() {
  const { t } = useT();
  const { can } = useSession();
  if (!can('statistics.read')) return <Result status="403" title="403" subTitle={t('supervision.forbidden')} />;
  return (
    <div data-testid="supervision">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 12 }}>
        {t('supervision.title')}
      </Typography.Title>
      <StatisticsPanel />
      {can('alert.read') && <AlertSections />}
    </div>
  );
}
