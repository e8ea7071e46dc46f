/**
 * The workbench: my tasks (open cases where my roles may act now), the alerts the pack's alert
 * rules address to me (预警提醒), my cases with their deadlines counting down, and the near and
 * past deadlines of my cases (办案期限提醒). Reviewers see their pending reviews.
 */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { AlertsCard } from '../components/AlertsCard.tsx';
import { CaseList } from '../components/CaseList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { TaskList, useTasks } from '../components/TaskList.tsx';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { CaseRow, Page, ReviewItem } from '../types.ts';
import { useResource } from '../use-resource.ts';

/** The workbench page. */
export function WorkbenchPage() {
  const { t } = useT();
  const { me, can } = useSession();
  const cases = useResource<Page<CaseRow>>('/cases?pageSize=50');
  const reviews = useResource<Page<ReviewItem>>(can('review.perform') ? '/reviews?pageSize=1' : null);
  const { tasks, total: taskTotal, error: taskError } = useTasks();

  const items = cases.data?.items ?? [];
  const open = items.filter((c) => !c.closedAt);
  const alerts = open.filter((c) => c.nearestDeadline && c.nearestDeadline.status !== 'running');
  const overdue = alerts.filter((c) => c.nearestDeadline?.status === 'overdue');

  return (
    <div data-testid="workbench">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {/* The greeting's words are the app's; the name is as the user's account spells it. */}
        {t('workbench.hello', { name: '\u0001' })
          .split('\u0001')
          .flatMap((part, i) =>
            i === 0
              ? [part]
              : [
                  <span key="name" data-user-text="">
                    {me?.displayName ?? ''}
                  </span>,
                  part,
                ],
          )}
      </Typography.Title>
      <ErrorAlert error={cases.error} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('workbench.tasks')} value={taskTotal ?? '…'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('workbench.openCases')} value={open.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('workbench.near')}
              value={alerts.length - overdue.length}
              valueStyle={{ color: '#d48806' }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            {reviews.data ? (
              <Link to="/reviews">
                <Statistic title={t('workbench.pendingReviews')} value={reviews.data.total} />
              </Link>
            ) : (
              <Statistic title={t('workbench.overdue')} value={overdue.length} valueStyle={{ color: '#cf1322' }} />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title={t('workbench.tasks')} size="small" data-testid="tasks">
            <TaskList tasks={tasks} error={taskError} />
          </Card>
          <AlertsCard style={{ marginTop: 16 }} />
          {alerts.length > 0 && (
            <Card title={t('alerts.deadlines')} size="small" style={{ marginTop: 16 }} data-testid="deadline-alerts">
              <CaseList cases={alerts} compact />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('workbench.myCases')} size="small" data-testid="my-cases">
            <CaseList cases={items} loading={cases.loading} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
