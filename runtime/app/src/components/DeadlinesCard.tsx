/** The case's deadlines still running, each counting down (blue, yellow when near, red when past). */
import { Card, List } from 'antd';
import { useT } from '../i18n.tsx';
import type { DeadlineView } from '../types.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

/** The deadlines card (nothing when no deadline runs). */
export function DeadlinesCard({ deadlines }: { deadlines: DeadlineView[] }) {
  const { t, named } = useT();
  // Only what still runs: a deadline that stopped (met or missed) belongs to an earlier step, and a
  // missed one is the alerts' and the timeline's to report, not a countdown beside the step at hand.
  const running = deadlines.filter((x) => x.status === 'running' || x.status === 'near' || x.status === 'overdue');
  if (running.length === 0) return null;
  return (
    <Card size="small" title={t('case.deadlines')} style={{ marginTop: 16 }} data-testid="deadlines">
      <List
        size="small"
        dataSource={running}
        renderItem={(x) => (
          <List.Item style={{ display: 'block' }}>
            <div style={{ fontSize: 13 }}>{named(x)}</div>
            <DeadlineTag deadline={x} />
          </List.Item>
        )}
      />
    </Card>
  );
}
