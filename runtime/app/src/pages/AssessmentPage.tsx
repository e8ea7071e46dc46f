/**
 * 考核评议: choose a scheme of the active pack and a period, compute a run (the centre:
 * assessment.run), read its ranking with grades (the centre) or one's own subjects' scores (a
 * subject's head: the server returns only those), open a subject's indicators with points and
 * the explanation, and drill from a metric down to the cases, officers, authority items or case
 * sources it counted (links to the case pages). Indicators the platform cannot measure yet are
 * listed with their weight and why. Publishing (assessment.publish) freezes a run.
 */
import {
  Alert,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, type Bilingual } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useIsPhone } from '../use-phone.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

interface Excluded {
  code: string;
  name: Bilingual;
  weight: number;
  metrics: { metric: string; why: Bilingual }[];
}
interface Scheme {
  code: string;
  name: string;
  nameEn: string;
  period: string;
  effectiveFrom: string | null;
  excluded: Excluded[];
}
type MetricLabels = Record<string, { zh: string; en: string; unit: string }>;
interface RunInfo {
  id: string;
  scheme: string;
  period: { from: string; to: string };
  asOf: string;
  status: 'draft' | 'published';
  computedAt: string;
  publishedAt: string | null;
  summary: { excluded: Excluded[]; measurableWeight: number; subjects: number };
}
interface IndicatorResult {
  code: string;
  name: Bilingual;
  weight: number;
  value: number | null;
  points: number;
  metrics: { metric: string; value: number | null; counts?: string }[];
  explanation: Bilingual;
}
interface SubjectResult {
  subject: { code: string; name: string };
  indicators: IndicatorResult[];
  earned: number;
  score: number;
  grade?: string;
  vetoed: string[];
  noRecords: boolean;
  rank?: number | null;
  explanation: { zh: string[]; en: string[] };
}
interface RunView extends RunInfo {
  ranked: boolean;
  metrics: MetricLabels;
  results: SubjectResult[];
}
interface Drill {
  subject: { code: string; name: string };
  metric: string;
  value: number;
  total: number;
  changedSinceRun: boolean;
  rows: { kind: string; id: string; label: string; detail?: Bilingual }[];
}

const today = () => new Date().toLocaleDateString('en-CA');

/** The assessment page. */
export function AssessmentPage() {
  const { t, lang, pick } = useT();
  const phone = useIsPhone();
  const { can } = useSession();
  const allowed = can('assessment.read');
  const schemes = useResource<{ items: Scheme[]; metrics: MetricLabels }>(allowed ? '/assessments/schemes' : null);
  const [scheme, setScheme] = useState<string>();
  const [period, setPeriod] = useState({ from: `${today().slice(0, 4)}-01-01`, to: today() });
  const runs = useResource<{ items: RunInfo[] }>(allowed && scheme ? `/assessments/runs?scheme=${scheme}` : null);
  const [runId, setRunId] = useState<string>();
  const run = useResource<RunView>(runId ? `/assessments/runs/${runId}` : null);
  const [drill, setDrill] = useState<{ subject: string; metric: string }>();
  const details = useResource<Drill>(
    drill && runId ? `/assessments/runs/${runId}/subjects/${drill.subject}/metrics/${drill.metric}` : null,
  );
  const submit = useSubmit<'run' | 'publish'>();

  useEffect(() => {
    if (!scheme && schemes.data?.items[0]) setScheme(schemes.data.items[0].code);
  }, [scheme, schemes.data]);
  useEffect(() => {
    const latest = runs.data?.items[0];
    if (latest && !runs.data?.items.some((r) => r.id === runId)) setRunId(latest.id);
  }, [runs.data, runId]);

  if (!allowed) return <Result status="403" title="403" subTitle={t('assessment.forbidden')} />;
  const chosen = schemes.data?.items.find((s) => s.code === scheme);
  const labels = run.data?.metrics ?? schemes.data?.metrics ?? {};
  const metricName = (m: string) => (labels[m] ? labels[m][lang] : m);
  const v = run.data;

  const compute = async () => {
    const created = await submit.submit(() => api.post<RunInfo>(`/assessments/${scheme}/runs`, period), {
      which: 'run',
    });
    if (created) {
      await runs.reload();
      setRunId(created.id);
    }
  };
  const publish = async () => {
    if (!v) return;
    const done = await submit.submit(() => api.post<RunInfo>(`/assessments/runs/${v.id}/publish`), {
      which: 'publish',
    });
    if (done) await Promise.all([run.reload(), runs.reload()]);
  };

  const indicatorColumns = (r: SubjectResult) => [
    { title: t('assessment.indicator'), key: 'name', render: (i: IndicatorResult) => pick(i.name) },
    {
      title: t('assessment.points'),
      key: 'points',
      width: 110,
      render: (i: IndicatorResult) => `${i.points} / ${i.weight}`,
    },
    {
      title: t('assessment.why'),
      key: 'why',
      render: (i: IndicatorResult) => (
        <Space direction="vertical" size={2}>
          <span data-testid={`explanation-${r.subject.code}-${i.code}`}>{pick(i.explanation)}</span>
          <Space wrap size={4}>
            {i.metrics
              .filter((m) => m.counts)
              .map((m) => (
                <Button
                  key={m.metric}
                  size="small"
                  type="link"
                  data-testid={`drill-${r.subject.code}-${m.metric}`}
                  onClick={() => setDrill({ subject: r.subject.code, metric: m.metric })}
                >
                  {t('assessment.drill', { metric: metricName(m.metric), n: m.value ?? 0 })}
                </Button>
              ))}
          </Space>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="assessment">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('assessment.title')}
      </Typography.Title>
      <ErrorAlert
        error={schemes.error ?? runs.error ?? run.error ?? submit.error}
        onClose={() => submit.setError(null)}
      />
      <Card size="small">
        {/* On a phone the form stacks and its selects take the width of the screen, not more. */}
        <Form layout={phone ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
          <Form.Item label={t('assessment.scheme')}>
            <Select
              style={phone ? { width: '100%' } : { minWidth: 280 }}
              value={scheme}
              onChange={(s) => {
                setScheme(s);
                setRunId(undefined);
              }}
              options={(schemes.data?.items ?? []).map((s) => ({
                value: s.code,
                label: lang === 'en' ? s.nameEn : s.name,
              }))}
              data-testid="scheme"
            />
          </Form.Item>
          <Form.Item label={t('assessment.from')}>
            <Input
              type="date"
              value={period.from}
              onChange={(e) => setPeriod({ ...period, from: e.target.value })}
              data-testid="from"
            />
          </Form.Item>
          <Form.Item label={t('assessment.to')}>
            <Input
              type="date"
              value={period.to}
              onChange={(e) => setPeriod({ ...period, to: e.target.value })}
              data-testid="to"
            />
          </Form.Item>
          {can('assessment.run') && (
            <Form.Item>
              <Button
                type="primary"
                loading={submit.running === 'run'}
                disabled={!scheme}
                onClick={compute}
                data-testid="run"
              >
                {t('assessment.run')}
              </Button>
            </Form.Item>
          )}
          <Form.Item label={t('assessment.runs')}>
            <Select
              style={phone ? { width: '100%' } : { minWidth: 300 }}
              value={runId}
              onChange={setRunId}
              placeholder={t('assessment.noRuns')}
              options={(runs.data?.items ?? []).map((r) => ({
                value: r.id,
                label: `${r.period.from} – ${r.period.to} · ${t(`assessment.status.${r.status}`)} · ${r.computedAt.slice(0, 16).replace('T', ' ')}`,
              }))}
              data-testid="runs"
            />
          </Form.Item>
        </Form>
      </Card>
      {(v?.summary.excluded ?? chosen?.excluded ?? []).length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          data-testid="excluded"
          message={t('assessment.excluded', { weight: v?.summary.measurableWeight ?? '' })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {(v?.summary.excluded ?? chosen?.excluded ?? []).map((x) => (
                <li key={x.code}>
                  {t('assessment.excludedItem', {
                    name: pick(x.name),
                    weight: x.weight,
                    why: [...new Set(x.metrics.map((m) => pick(m.why)))].join(lang === 'zh' ? '；' : '; '),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {v && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          // The period and its status wrap rather than being cut off.
          styles={{ title: { whiteSpace: 'normal' } }}
          title={
            <Space wrap>
              <span>{t('assessment.result', { from: v.period.from, to: v.period.to, asOf: v.asOf })}</span>
              <Tag color={v.status === 'published' ? 'green' : 'gold'} data-testid="run-status">
                {t(`assessment.status.${v.status}`)}
              </Tag>
            </Space>
          }
          extra={
            v.status === 'draft' &&
            can('assessment.publish') && (
              <Popconfirm title={t('assessment.publishConfirm')} onConfirm={publish}>
                <Button loading={submit.running === 'publish'} data-testid="publish">
                  {t('assessment.publish')}
                </Button>
              </Popconfirm>
            )
          }
        >
          <div data-testid="ranking">
            <Table<SubjectResult>
              size="small"
              rowKey={(r) => r.subject.code}
              loading={run.loading}
              dataSource={v.results}
              pagination={{ pageSize: 20, showSizeChanger: true }}
              scroll={{ x: phone ? 'max-content' : true }}
              columns={[
                ...(v.ranked
                  ? [
                      {
                        title: t('assessment.rank'),
                        key: 'rank',
                        width: 70,
                        render: (r: SubjectResult) => r.rank ?? '—',
                        sorter: (a: SubjectResult, b: SubjectResult) => (a.rank ?? 1e9) - (b.rank ?? 1e9),
                      },
                    ]
                  : []),
                {
                  title: t('assessment.subject'),
                  key: 'subject',
                  // A readable width on a phone (the table scrolls sideways), not a character a line.
                  ...(phone ? { width: 170 } : {}),
                  render: (r: SubjectResult) => r.subject.name,
                },
                {
                  title: t('assessment.score'),
                  key: 'score',
                  width: 150,
                  sorter: (a: SubjectResult, b: SubjectResult) => a.score - b.score,
                  render: (r: SubjectResult) => (
                    <span data-testid={`score-${r.subject.code}`}>
                      {r.score}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        ({r.earned} / {v.summary.measurableWeight})
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('assessment.grade'),
                  key: 'grade',
                  width: 160,
                  render: (r: SubjectResult) => (
                    <Space size={4}>
                      <span>{r.grade}</span>
                      {r.vetoed.length > 0 && <Tag color="red">{t('assessment.vetoed')}</Tag>}
                      {r.noRecords && (
                        <Tag data-testid={`no-records-${r.subject.code}`}>{t('assessment.noRecords')}</Tag>
                      )}
                    </Space>
                  ),
                },
              ]}
              expandable={{
                expandedRowRender: (r) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Table<IndicatorResult>
                      size="small"
                      rowKey="code"
                      pagination={false}
                      dataSource={r.indicators}
                      columns={indicatorColumns(r)}
                    />
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0, whiteSpace: 'pre-line' }}>
                      {r.explanation[lang]
                        .filter((l) => !r.indicators.some((i) => i.explanation[lang] === l))
                        .join('\n')}
                    </Typography.Paragraph>
                  </Space>
                ),
              }}
            />
          </div>
        </Card>
      )}
      <Drawer
        open={!!drill}
        onClose={() => setDrill(undefined)}
        width={520}
        title={
          details.data
            ? `${details.data.subject.name} · ${metricName(details.data.metric)}`
            : t('assessment.drillTitle')
        }
      >
        <ErrorAlert error={details.error} />
        {details.data?.changedSinceRun && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('assessment.changed', { now: details.data.total, atRun: details.data.value })}
          />
        )}
        <div data-testid="drill-rows">
          <List
            loading={details.loading}
            header={details.data ? t('assessment.counted', { n: details.data.total }) : undefined}
            dataSource={details.data?.rows ?? []}
            renderItem={(row) => (
              <List.Item>
                <List.Item.Meta
                  title={row.kind === 'case' ? <Link to={`/cases/${row.id}`}>{row.label}</Link> : row.label}
                  description={pick(row.detail)}
                />
              </List.Item>
            )}
          />
        </div>
      </Drawer>
    </div>
  );
}
