/**
 * One 抽查计划: draw it (once; the seed and the algorithm are shown and recorded), verify the draw
 * by making it again from the audit record, open its inspections as cases, and read its results
 * for disclosure. The server checks every step again.
 */
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useResource } from '../../use-resource.ts';
import { useSubmit } from '../../use-submit.ts';
import { PlanState } from './InspectionPlansPage.tsx';
import { type PlanDetail, type PlanResults, RISK_COLOR } from './types.ts';

/** The plan page. */
export function InspectionPlanPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const id = params.id as string;
  const plan = useResource<PlanDetail>(`/inspection-plans/${id}`);
  const results = useResource<PlanResults>(plan.data?.state === 'opened' ? `/inspection-plans/${id}/results` : null);
  const [verified, setVerified] = useState<boolean | null>(null);
  const { busy, running, error, setError, submit } = useSubmit<'draw' | 'verify' | 'open'>();
  const p = plan.data;
  const name = (n: { name: string; nameEn: string | null }) => (lang === 'en' && n.nameEn ? n.nameEn : n.name);

  const draw = () =>
    submit(
      async () => {
        const d = await api.post<PlanDetail>(`/inspection-plans/${id}/draw`, { version: p?.version });
        message.success(t('plans.drawn', { n: d.inspections.length }));
        await plan.reload();
      },
      { which: 'draw' },
    );
  const verify = () =>
    submit(
      async () => {
        const v = await api.get<{ same: boolean }>(`/inspection-plans/${id}/verify`);
        setVerified(v.same);
      },
      { which: 'verify' },
    );
  const open = () =>
    submit(
      async () => {
        const o = await api.post<{ opened: number }>(`/inspection-plans/${id}/open`, { version: p?.version });
        message.success(t('plans.opened', { n: o.opened }));
        await plan.reload();
      },
      { which: 'open' },
    );

  return (
    <div data-testid="plan-page" data-state={p?.state}>
      <Link to="/inspection-plans">{t('plans.back')}</Link>
      <Typography.Title level={3} style={{ marginTop: 8 }}>
        {p?.name} {p && <PlanState state={p.state} />}
      </Typography.Title>
      <ErrorAlert error={error ?? plan.error} onClose={() => setError(null)} />
      {p && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('plans.sector')}>{name(p.sector)}</Descriptions.Item>
            <Descriptions.Item label={t('plans.matter')}>{name(p.matter)}</Descriptions.Item>
            <Descriptions.Item label={t('plans.period')}>{`${p.periodFrom} ~ ${p.periodTo}`}</Descriptions.Item>
            <Descriptions.Item label={t('plans.scheme')}>{name(p.scheme)}</Descriptions.Item>
            {p.seed && (
              <Descriptions.Item label={t('plans.seed')}>
                <Typography.Text code data-testid="plan-seed">
                  {p.seed}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {p.algorithm && (
              <Descriptions.Item label={t('plans.algorithm')}>
                <span data-technical="">{p.algorithm}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap style={{ marginBottom: 16 }}>
            {p.may.draw && p.state === 'draft' && (
              <Popconfirm title={t('plans.drawConfirm')} onConfirm={() => void draw()}>
                <Button type="primary" loading={running === 'draw'} disabled={busy} data-testid="plan-draw">
                  {t('plans.draw')}
                </Button>
              </Popconfirm>
            )}
            {p.state !== 'draft' && (
              <Button
                loading={running === 'verify'}
                disabled={busy}
                onClick={() => void verify()}
                data-testid="plan-verify"
              >
                {t('plans.verify')}
              </Button>
            )}
            {p.may.draw && p.state === 'drawn' && p.inspections.length > 0 && (
              <Popconfirm title={t('plans.openConfirm')} onConfirm={() => void open()}>
                <Button type="primary" loading={running === 'open'} disabled={busy} data-testid="plan-open">
                  {t('plans.open')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          {verified !== null && (
            <Alert
              style={{ marginBottom: 16 }}
              type={verified ? 'success' : 'error'}
              showIcon
              message={verified ? t('plans.verified') : t('plans.verifyFailed')}
              data-testid="plan-verified"
              data-same={String(verified)}
            />
          )}
          {p.classes.length > 0 && (
            <Card size="small" title={t('plans.classes')} style={{ marginBottom: 16 }}>
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={p.classes}
                columns={[
                  {
                    title: t('plans.class'),
                    render: (_, k) => <Tag color={RISK_COLOR[k.code]}>{name(k)}</Tag>,
                  },
                  { title: t('plans.classEntities'), dataIndex: 'entities' },
                  { title: t('plans.classRate'), render: (_, k) => `${k.ratePerYear}%` },
                  { title: t('plans.classDrawn'), dataIndex: 'drawn' },
                ]}
              />
            </Card>
          )}
          {p.state !== 'draft' && (
            <Card size="small" title={t('plans.inspections')} style={{ marginBottom: 16 }}>
              <Table
                rowKey="ordinal"
                size="small"
                pagination={false}
                dataSource={p.inspections}
                onRow={() => ({ 'data-testid': 'plan-inspection' }) as never}
                columns={[
                  { title: '#', dataIndex: 'ordinal', width: 48 },
                  {
                    title: t('plans.entity'),
                    render: (_, i) => (
                      <Space direction="vertical" size={0}>
                        <span>{i.entity.name}</span>
                        <Typography.Text type="secondary">{i.entity.creditCode}</Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    title: t('plans.class'),
                    render: (_, i) => <Tag color={RISK_COLOR[i.riskClass]}>{i.riskClass}</Tag>,
                    width: 90,
                  },
                  {
                    title: t('plans.officers'),
                    render: (_, i) => <span data-user-text="">{i.officers.map((o) => o.name).join('、')}</span>,
                  },
                  {
                    title: t('plans.case'),
                    render: (_, i) =>
                      i.case ? (
                        <Link to={`/cases/${i.case.id}`}>
                          <span data-testid="plan-case">{i.case.number}</span>
                        </Link>
                      ) : (
                        <Typography.Text type="secondary">{t('plans.pending')}</Typography.Text>
                      ),
                  },
                  { title: t('plans.progress'), render: (_, i) => (i.result ? name(i.result) : '') },
                ]}
              />
            </Card>
          )}
          {p.state === 'opened' && (
            <Card size="small" title={t('plans.results')} data-testid="plan-results">
              <Typography.Paragraph type="secondary">{t('plans.resultsIntro')}</Typography.Paragraph>
              <Table
                rowKey={(r) => r.entity.creditCode}
                size="small"
                pagination={false}
                locale={{ emptyText: t('plans.noResults') }}
                dataSource={results.data?.items ?? []}
                columns={[
                  { title: t('plans.entity'), render: (_, r) => r.entity.name },
                  { title: t('entities.creditCode'), render: (_, r) => r.entity.creditCode },
                  { title: t('plans.date'), dataIndex: 'date' },
                  { title: t('plans.result'), render: (_, r) => name(r.result) },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
