/**
 * Cases by workflow and state: all of them, those still open, and those past a deadline. On a
 * phone the procedure's name goes under the state, so the counts fit the width.
 */
import { Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { SupervisionSummary } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { useIsPhone } from '../use-phone.ts';
import { StateTag } from './StateTag.tsx';

type Row = SupervisionSummary['cases']['byState'][number];

/** A count, red when it counts overdue cases. */
function Overdue({ n }: { n: number }) {
  if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return <span style={{ color: '#cf1322', fontWeight: 600 }}>{n}</span>;
}

/** The state counts table. */
export function StateCounts({ rows, loading = false }: { rows: Row[]; loading?: boolean }) {
  const { t, named } = useT();
  const phone = useIsPhone();
  const workflow = { title: t('supervision.workflow'), render: (_: unknown, r: Row) => named(r.workflow) };
  const state = {
    title: t('supervision.state'),
    render: (_: unknown, r: Row) =>
      phone ? (
        <>
          <StateTag state={r.state} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {named(r.workflow)}
            </Typography.Text>
          </div>
        </>
      ) : (
        <StateTag state={r.state} />
      ),
  };
  return (
    <Table<Row>
      rowKey={(r) => `${r.workflow.code}/${r.state.code}`}
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('supervision.noCases') }}
      onRow={(r) => ({ 'data-testid': 'state-row', 'data-state': r.state.code }) as HTMLAttributes<HTMLElement>}
      columns={[
        ...(phone ? [] : [workflow]),
        state,
        { title: t('supervision.total'), dataIndex: 'total', align: 'right', width: 64 },
        { title: t('supervision.open'), dataIndex: 'open', align: 'right', width: 56 },
        { title: t('supervision.overdue'), align: 'right', width: 56, render: (_, r) => <Overdue n={r.overdue} /> },
      ]}
    />
  );
}
