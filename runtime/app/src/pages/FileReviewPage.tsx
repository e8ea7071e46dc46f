/**
 * 案卷评查: the review rounds of my scope, newest first, and — for the supervisor — a form that
 * creates a round and draws its files at once (checklist, period of closing, rule, optional seed).
 */
import { DateInput } from '@yifa/ui';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { noEnterSubmit } from '../no-enter-submit.ts';
import { Link, navigate } from '../router.tsx';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import type { Round, RoundList } from './file-review-types.ts';

interface NewRound {
  name: string;
  checklist: string;
  periodFrom: string;
  periodTo: string;
  subjects?: string[];
  kind: 'share' | 'count';
  value: number;
  per: 'subject' | 'subject-workflow';
  seed?: number | null;
}

/** The rounds page. */
export function FileReviewPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const list = useResource<RoundList>('/file-review/rounds');
  const [form] = Form.useForm<NewRound>();
  const { busy, error, setError, submit } = useSubmit();
  const data = list.data;
  const name = (n: { name: string; nameEn: string | null }) => (lang === 'en' && n.nameEn ? n.nameEn : n.name);

  const create = (v: NewRound) =>
    submit(
      async () => {
        const round = await api.post<Round>('/file-review/rounds', {
          name: v.name,
          checklist: v.checklist,
          periodFrom: v.periodFrom,
          periodTo: v.periodTo,
          ...(v.subjects?.length ? { subjects: v.subjects } : {}),
          rule: { kind: v.kind, value: v.value, per: v.per },
          ...(typeof v.seed === 'number' ? { seed: v.seed } : {}),
        });
        message.success(t('fileReview.drawn', { n: round.strata.reduce((s, x) => s + x.drawn, 0) }));
        navigate(`/file-review/rounds/${round.id}`);
      },
      {
        onError: (e) =>
          form.setFields(
            (e.details.problems ?? []).map((p) => {
              const path = p.path.split('/').filter(Boolean);
              const field = path[0] === 'rule' ? (path[1] === 'value' ? 'value' : 'kind') : path[0];
              return { name: field as keyof NewRound, errors: [lang === 'en' ? p.message.en : p.message.zh] };
            }),
          ),
      },
    );

  return (
    <div data-testid="file-review-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('fileReview.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('fileReview.intro')}</Typography.Paragraph>
      <ErrorAlert error={error ?? list.error} onClose={() => setError(null)} />
      {data?.may.run && (
        <Card size="small" title={t('fileReview.new')} style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="vertical"
            onFinish={create}
            onKeyDown={noEnterSubmit}
            initialValues={{ kind: 'share', value: 5, per: 'subject', checklist: data.checklists[0]?.code }}
            data-testid="round-form"
          >
            <Space wrap align="start">
              <Form.Item
                name="name"
                label={t('fileReview.name')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={200} style={{ width: 300 }} data-testid="round-name" />
              </Form.Item>
              <Form.Item
                name="checklist"
                label={t('fileReview.checklist')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  style={{ width: 240 }}
                  options={data.checklists.map((c) => ({ value: c.code, label: name(c) }))}
                  data-testid="round-checklist"
                />
              </Form.Item>
              <Form.Item
                name="periodFrom"
                label={t('fileReview.from')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DateInput style={{ width: 160 }} data-field="periodFrom" />
              </Form.Item>
              <Form.Item
                name="periodTo"
                label={t('fileReview.to')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <DateInput style={{ width: 160 }} data-field="periodTo" />
              </Form.Item>
            </Space>
            <Form.Item name="subjects" label={t('fileReview.subjects')} extra={t('fileReview.subjects.all')}>
              <Select
                mode="multiple"
                allowClear
                style={{ maxWidth: 720 }}
                optionFilterProp="label"
                options={data.subjects.map((s) => ({ value: s.code, label: s.name }))}
                data-testid="round-subjects"
              />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="kind" label={t('fileReview.rule')}>
                <Select
                  style={{ width: 150 }}
                  options={[
                    { value: 'share', label: t('fileReview.rule.share') },
                    { value: 'count', label: t('fileReview.rule.count') },
                  ]}
                  data-testid="round-kind"
                />
              </Form.Item>
              <Form.Item
                name="value"
                label={t('fileReview.value')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <InputNumber min={0.01} max={10000} style={{ width: 120 }} data-field="value" />
              </Form.Item>
              <Form.Item name="per" label={t('fileReview.per')}>
                <Select
                  style={{ width: 220 }}
                  options={[
                    { value: 'subject', label: t('fileReview.per.subject') },
                    { value: 'subject-workflow', label: t('fileReview.per.subject-workflow') },
                  ]}
                  data-testid="round-per"
                />
              </Form.Item>
              <Form.Item name="seed" label={t('fileReview.seed')}>
                <InputNumber min={0} max={2147483647} precision={0} style={{ width: 200 }} data-field="seed" />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="round-draw">
              {t('fileReview.draw')}
            </Button>
          </Form>
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('fileReview.none') }}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('fileReview.name'), render: (_, r) => <Link to={`/file-review/rounds/${r.id}`}>{r.name}</Link> },
          { title: t('fileReview.checklist'), render: (_, r) => name(r.checklist) },
          { title: t('fileReview.period'), render: (_, r) => `${r.periodFrom} ~ ${r.periodTo}`, width: 210 },
          { title: t('fileReview.drawnCount'), render: (_, r) => r.strata.reduce((s, x) => s + x.drawn, 0), width: 90 },
          { title: t('fileReview.seedShown'), dataIndex: 'seed', width: 130 },
        ]}
      />
    </div>
  );
}
