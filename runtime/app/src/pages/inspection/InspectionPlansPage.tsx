/**
 * 抽查计划: the plans of my scope, newest first, and a form to make one (sector, inspection
 * matter, period); a plan is drawn and opened on its own page.
 */
import { DateInput } from '@yifa/ui';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { noEnterSubmit } from '../../no-enter-submit.ts';
import { Link, navigate } from '../../router.tsx';
import { useResource } from '../../use-resource.ts';
import { useSubmit } from '../../use-submit.ts';
import type { Plan, PlanList } from './types.ts';

const STATE_COLOR: Record<Plan['state'], string> = { draft: 'default', drawn: 'blue', opened: 'green' };

/** A plan's state as a tag. */
export function PlanState({ state }: { state: Plan['state'] }) {
  const { t } = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="plan-state" data-state={state}>
      {t(`plans.state.${state}` as MessageKey)}
    </Tag>
  );
}

/** The plans page. */
export function InspectionPlansPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const list = useResource<PlanList>('/inspection-plans');
  const [form] = Form.useForm();
  const sector = Form.useWatch('sector', form) as string | undefined;
  const { busy, error, setError, submit } = useSubmit();
  const data = list.data;
  const name = (n: { name: string; nameEn: string | null }) => (lang === 'en' && n.nameEn ? n.nameEn : n.name);
  const matters = data?.sectors.find((s) => s.code === sector)?.matters ?? [];

  const create = (v: { name: string; sector: string; matter: string; periodFrom: string; periodTo: string }) =>
    submit(
      async () => {
        const plan = await api.post<Plan>('/inspection-plans', v);
        message.success(t('plans.created'));
        navigate(`/inspection-plans/${plan.id}`);
      },
      {
        onError: (e) =>
          form.setFields(
            (e.details.problems ?? []).map((p) => ({
              name: p.path.split('/').filter(Boolean),
              errors: [lang === 'en' ? p.message.en : p.message.zh],
            })),
          ),
      },
    );

  return (
    <div data-testid="plans-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('plans.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('plans.intro')}</Typography.Paragraph>
      <ErrorAlert error={error ?? list.error} onClose={() => setError(null)} />
      {data?.may.draw && (
        <Card size="small" title={t('plans.new')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={create} onKeyDown={noEnterSubmit} data-testid="plan-form">
            <Space wrap align="start">
              <Form.Item
                name="name"
                label={t('plans.name')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={200} style={{ width: 320 }} data-testid="plan-name" />
              </Form.Item>
              <Form.Item
                name="sector"
                label={t('plans.sector')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  style={{ width: 200 }}
                  options={data.sectors.map((s) => ({ value: s.code, label: name(s) }))}
                  onChange={() => form.setFieldValue('matter', undefined)}
                  data-testid="plan-sector"
                />
              </Form.Item>
              <Form.Item
                name="matter"
                label={t('plans.matter')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  style={{ width: 260 }}
                  options={matters.map((m) => ({ value: m.code, label: name(m) }))}
                  data-testid="plan-matter"
                />
              </Form.Item>
              <Form.Item
                name="periodFrom"
                label={t('plans.from')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DateInput style={{ width: 160 }} data-field="periodFrom" />
              </Form.Item>
              <Form.Item
                name="periodTo"
                label={t('plans.to')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DateInput style={{ width: 160 }} data-field="periodTo" />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="plan-create">
              {t('plans.create')}
            </Button>
          </Form>
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('plans.none') }}
        pagination={false}
        columns={[
          { title: t('plans.name'), render: (_, p) => <Link to={`/inspection-plans/${p.id}`}>{p.name}</Link> },
          { title: t('plans.sector'), render: (_, p) => name(p.sector), width: 140 },
          { title: t('plans.matter'), render: (_, p) => name(p.matter) },
          { title: t('plans.period'), render: (_, p) => `${p.periodFrom} ~ ${p.periodTo}`, width: 210 },
          { title: '', render: (_, p) => <PlanState state={p.state} />, width: 100 },
        ]}
      />
    </div>
  );
}
