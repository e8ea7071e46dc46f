/**
 * The supervision page's alert sections: every alert in the reader's scope grouped by enforcement
 * subject and by level, each subject's participation and exercise of its authority items this year
 * with the subject alerts, and the cases by stage with those overdue; all counted by the platform
 * within the scope it allows (GET /supervision/summary, /alerts?all=1). Moved unchanged from
 * SupervisionPage.tsx when the statistics came first on the page.
 */
import { Alert, Card, Col, Row, Statistic, Tabs, Typography } from 'antd';
import { ALERT_LEVELS, type AlertsAnswer, LEVEL_COLOR, type SupervisionSummary } from '../../alerts.ts';
import { AlertLevelTag } from '../../components/AlertLevelTag.tsx';
import { AlertList } from '../../components/AlertList.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StateCounts } from '../../components/StateCounts.tsx';
import { SubjectAlerts } from '../../components/SubjectAlerts.tsx';
import { SubjectMetrics } from '../../components/SubjectMetrics.tsx';
import { useT } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { useResource } from '../../use-resource.ts';

/** The most alerts the screen lists. */
const LISTED = 1000;
/** A statistic's width: two to a row on a phone, all in one row on a desk. */
const STAT = '1 1 160px';

/** The alert sections of the supervision page (for readers of alerts). */
export function AlertSections() {
  const { t } = useT();
  const summary = useResource<SupervisionSummary>('/supervision/summary');
  const alerts = useResource<AlertsAnswer>(`/alerts?all=1&limit=${LISTED}`);
  const s = summary.data;
  const items = alerts.data?.items ?? [];
  const levels = ALERT_LEVELS.filter((l) => l !== 'blue' || (s?.alerts.blue ?? 0) > 0);
  const stat = (title: string, value: number | undefined, color?: string) => (
    <Card size="small">
      <Statistic title={title} value={value ?? '…'} valueStyle={color ? { color } : undefined} />
    </Card>
  );
  return (
    <div data-testid="supervision-alerts" style={{ marginTop: 16 }}>
      {s && (
        <Typography.Paragraph type="secondary">
          {t('supervision.scopeLine', { scope: t(`supervision.scope.${s.scope}` as MessageKey), date: s.today })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={summary.error ?? alerts.error} />
      {s?.truncated && <Alert type="warning" showIcon message={t('supervision.truncated', { n: s.scanned })} />}
      <Row gutter={[12, 12]} data-testid="supervision-stats">
        <Col flex={STAT}>{stat(t('supervision.openCases'), s?.cases.open)}</Col>
        <Col flex={STAT}>{stat(t('supervision.overdueCases'), s?.cases.overdue, LEVEL_COLOR.red.text)}</Col>
        {levels.map((l) => (
          <Col flex={STAT} key={l}>
            {stat(t(`supervision.alerts.${l}`), s?.alerts[l], LEVEL_COLOR[l].text)}
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('supervision.bySubject')} data-testid="by-subject">
            <SubjectAlerts subjects={s?.subjects ?? []} alerts={items} loading={summary.loading} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('supervision.byLevel')} data-testid="by-level">
            <Tabs
              size="small"
              items={levels.map((l) => ({
                key: l,
                label: <AlertLevelTag level={l} count={alerts.data?.counts[l] ?? 0} />,
                children: (
                  <AlertList alerts={items.filter((a) => a.level === l)} loading={alerts.loading} showSubject details />
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={s ? t('supervision.bySubjectMetrics', { from: s.period.from, to: s.period.to }) : undefined}
        style={{ marginTop: 16 }}
        data-testid="subject-metrics"
      >
        <SubjectMetrics rows={s?.subjectMetrics ?? []} loading={summary.loading} />
      </Card>
      <Card size="small" title={t('supervision.byState')} style={{ marginTop: 16 }} data-testid="by-state">
        <StateCounts rows={s?.cases.byState ?? []} loading={summary.loading} />
      </Card>
      {s && s.alerts.undetermined > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('supervision.undetermined', { n: s.alerts.undetermined })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
