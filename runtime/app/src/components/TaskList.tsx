/**
 * My tasks: each open case where I have something to do next, most urgent first, with the steps
 * by name (批准立案, 填写《立案审批表》, 签发《行政处罚决定书》, 出具法制审核意见), each leading to where it
 * is done. One request (GET /tasks): the server decides the steps from the pack, with the same
 * guards, permissions and certificate checks as a case's own page.
 */
import { Button, Empty, List, Skeleton, Space, Typography } from 'antd';
import type { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { Link, navigate } from '../router.tsx';
import type { TaskPage, TaskView } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { UserText } from './Data.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StateTag } from './StateTag.tsx';

/** A case where I may act. */
export type Task = TaskView;

/** My tasks, loaded in one request: null while loading, and the error if any. */
export function useTasks(limit = 20): { tasks: Task[] | null; total: number | null; error: ApiError | undefined } {
  const page = useResource<TaskPage>(`/tasks?limit=${limit}`);
  if (page.error) return { tasks: [], total: null, error: page.error };
  return { tasks: page.data?.items ?? null, total: page.data?.total ?? null, error: undefined };
}

/** The task list (a skeleton while it loads). */
export function TaskList({ tasks, error }: { tasks: Task[] | null; error?: ApiError | undefined }) {
  const { t, pick, named } = useT();
  if (error) return <ErrorAlert error={error} />;
  if (tasks === null) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (tasks.length === 0) return <Empty description={t('workbench.noTasks')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      dataSource={tasks}
      renderItem={(task) => (
        <List.Item data-testid="task" data-case={task.id}>
          <div style={{ width: '100%' }}>
            <Space wrap size={[8, 4]}>
              <Link to={`/cases/${task.id}`}>
                <strong lang="zh-CN">{task.number}</strong>
              </Link>
              <StateTag state={task.state} />
              {task.nearestDeadline && <DeadlineTag deadline={task.nearestDeadline} />}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {named(task.matter)} · <UserText>{task.party.name}</UserText>
              </Typography.Text>
            </div>
            <Space wrap size={[4, 4]} style={{ marginTop: 4 }}>
              {task.steps.map((step) => (
                <Button
                  key={`${step.kind}-${step.action ?? ''}-${step.document?.code ?? ''}`}
                  size="small"
                  type={step.kind === 'fill' ? 'default' : 'primary'}
                  ghost={step.kind !== 'fill'}
                  danger={step.kind === 'deadline'}
                  data-step={step.kind}
                  data-action={step.action}
                  data-href={step.href}
                  onClick={() => navigate(step.href)}
                >
                  {pick(step.name)}
                </Button>
              ))}
            </Space>
          </div>
        </List.Item>
      )}
    />
  );
}
