/** My tasks: each case where I may act now, with the actions I may take. */
import { Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import type { Bilingual } from '../api.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { StateView } from '../types.ts';
import { StateTag } from './StateTag.tsx';

/** A case where I may act. */
export interface Task {
  id: string;
  number: string;
  matter: string;
  state: StateView;
  actions: Bilingual[];
}

/** The task list (a skeleton while the cases' actions load). */
export function TaskList({ tasks }: { tasks: Task[] | null }) {
  const { t, pick } = useT();
  if (tasks === null) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (tasks.length === 0) return <Empty description={t('workbench.noTasks')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      dataSource={tasks}
      renderItem={(task) => (
        <List.Item data-testid="task">
          <div style={{ width: '100%' }}>
            <Space wrap size={[8, 4]}>
              <Link to={`/cases/${task.id}`}>
                <strong>{task.number}</strong>
              </Link>
              <StateTag state={task.state} />
            </Space>
            <div>
              <Typography.Text type="secondary">{task.matter}</Typography.Text>
            </div>
            <Space wrap size={[4, 4]} style={{ marginTop: 4 }}>
              {task.actions.map((a) => (
                <Tag key={a.zh} color="blue">
                  {pick(a)}
                </Tag>
              ))}
            </Space>
          </div>
        </List.Item>
      )}
    />
  );
}
