/**
 * What I may do with the case now, and what I may not and why: the allowed workflow actions as
 * buttons (asking for a reason where the workflow requires one), the refused ones with the
 * guards' reasons in the reader's language. A refusal the server gives anyway is shown too.
 */
import { Alert, Button, Card, Collapse, Empty, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { ActionView, CaseDetail } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Props of ActionsPanel. */
export interface ActionsPanelProps {
  detail: CaseDetail;
  onDone: () => void;
}

/** The actions panel. */
export function ActionsPanel({ detail, onDone }: ActionsPanelProps) {
  const { t, pick, named } = useT();
  const [acting, setActing] = useState<ActionView | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, submit } = useSubmit();

  const take = async (a: ActionView, why?: string) => {
    await submit(
      async () => {
        await api.post(`/cases/${detail.id}/transitions`, {
          action: a.action,
          version: detail.version,
          ...(why ? { reason: why } : {}),
        });
        setActing(null);
        setReason('');
        onDone();
      },
      {
        onError: () => {
          setActing(null);
        },
      },
    );
  };
  const start = (a: ActionView) => {
    setError(null);
    setActing(a);
  };

  const { allowed, refused } = detail.actions;
  return (
    <Card size="small" title={t('actions.title')} data-testid="actions">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {allowed.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={detail.closedAt ? t('actions.closed') : t('actions.none')}
        />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        {allowed.map((a) => (
          <Button
            key={`${a.action}-${a.to.code}`}
            type="primary"
            block
            onClick={() => start(a)}
            data-action={a.action}
            style={{ height: 'auto', minHeight: 32, paddingBlock: 5, whiteSpace: 'normal', textAlign: 'left' }}
          >
            {pick(a.name)} → {named(a.to)}
          </Button>
        ))}
      </Space>
      {refused.length > 0 && (
        <Collapse
          size="small"
          ghost
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'refused',
              forceRender: true,
              label: <Typography.Text type="secondary">{t('actions.refused', { n: refused.length })}</Typography.Text>,
              children: refused.map((a) => (
                <div key={`${a.action}-${a.to.code}`} data-refused={a.action} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>
                    {pick(a.name)} → {named(a.to)}
                  </Typography.Text>
                  <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
                    {(a.refusals ?? []).map((r) => (
                      <li key={`${r.code}-${pick(r.message)}`}>
                        <Typography.Text type="secondary">{pick(r.message)}</Typography.Text>
                        {r.detail && !pick(r.message).includes(pick(r.detail)) && (
                          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{pick(r.detail)}</div>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )),
            },
          ]}
        />
      )}
      <Modal
        open={acting !== null}
        title={acting ? `${pick(acting.name)} → ${named(acting.to)}` : ''}
        okText={t('actions.confirm')}
        confirmLoading={busy}
        okButtonProps={
          { disabled: !!acting?.reasonRequired && reason.trim() === '', 'data-testid': 'action-confirm' } as never
        }
        onOk={() => acting && take(acting, reason.trim() || undefined)}
        onCancel={() => setActing(null)}
      >
        {acting?.to.terminal && (
          <Alert type="warning" showIcon message={t('actions.terminal')} style={{ marginBottom: 12 }} />
        )}
        <Form layout="vertical">
          <Form.Item
            label={t('actions.reason')}
            required={acting?.reasonRequired}
            extra={acting?.reasonRequired ? t('actions.reasonRequired') : undefined}
          >
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoSize={{ minRows: 2 }}
              maxLength={2000}
              data-testid="action-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
