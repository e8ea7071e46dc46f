/**
 * The working copy's 差异 and 黄金测试 tabs: the diff against the base or the published version,
 * item by item and field by field; the golden cases run on the platform, failures with what was
 * expected, what happened and the explanation of what the pack did.
 */
import { Alert, Button, Card, Empty, List, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Bilingual, type DiffItem, type TestRun } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';
import { kindLabel, type WorkspaceNav } from './common.tsx';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 200, overflow: 'auto' } as const;

export function DiffPanel(props: { t: T; lang: Lang; id: string; nav: WorkspaceNav }) {
  const { t, lang, id, nav } = props;
  const [against, setAgainst] = useState<'base' | 'published'>('base');
  const diff = useLoad(() => api.diff(id, against), `diff:${id}:${against}`);
  return (
    <Card
      size="small"
      data-testid="diff"
      title={
        <Segmented<'base' | 'published'>
          value={against}
          onChange={setAgainst}
          options={[
            { value: 'base', label: <span data-against="base">{t('diff.base')}</span> },
            { value: 'published', label: <span data-against="published">{t('diff.published')}</span> },
          ]}
        />
      }
    >
      {diff.error ? (
        <Alert type="error" message={diff.error.text[lang]} />
      ) : !diff.value ? (
        <Spin />
      ) : diff.value.items.length === 0 ? (
        <Empty description={t('diff.none')} data-testid="diff-empty" />
      ) : (
        diff.value.items.map((d: DiffItem) => (
          <div key={`${d.kind}/${d.code}`} data-diff-item={`${d.kind}/${d.code}`} style={{ marginBottom: 16 }}>
            <Space style={{ marginBottom: 8 }}>
              <Tag color={d.change === 'added' ? 'green' : d.change === 'removed' ? 'red' : 'orange'}>
                {t(`diff.${d.change === 'added' || d.change === 'removed' ? d.change : 'changed'}`)}
              </Tag>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => nav.item(d.kind, d.code)}>
                {kindLabel(d.kind, lang)} {d.code}
              </Button>
            </Space>
            {d.fields.length > 0 && (
              <Table
                size="small"
                pagination={false}
                rowKey="pointer"
                dataSource={d.fields}
                columns={[
                  {
                    title: t('field'),
                    dataIndex: 'pointer',
                    width: '28%',
                    render: (p: string) => (
                      <Typography.Text code data-diff-field={p}>
                        {p || '/'}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('diff.before'),
                    key: 'before',
                    render: (_, f) => <pre style={{ ...pre, background: '#fff1f0' }}>{show(f.before)}</pre>,
                  },
                  {
                    title: t('diff.after'),
                    key: 'after',
                    render: (_, f) => (
                      <pre style={{ ...pre, background: '#f6ffed' }} data-after>
                        {show(f.after)}
                      </pre>
                    ),
                  },
                ]}
              />
            )}
          </div>
        ))
      )}
    </Card>
  );
}

/** One golden case's result as the platform reports it (rules' CaseResult). */
interface CaseResult {
  suite?: string;
  name: string;
  item?: string;
  kind?: string;
  passed: boolean;
  failures?: { what: string; expected: unknown; actual: unknown; message?: Bilingual }[];
  explanation?: { zh: string[]; en: string[] };
}

const failureText = (f: NonNullable<CaseResult['failures']>[number], lang: Lang, t: T) =>
  f.message?.[lang] ?? t('tests.failure', { what: f.what, expected: show(f.expected), actual: show(f.actual) });

export function TestsPanel(props: { t: T; lang: Lang; id: string }) {
  const { t, lang, id } = props;
  const [run, setRun] = useState<TestRun>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const results = (run?.results ?? []) as CaseResult[];
  const failed = results.filter((r) => !r.passed);
  return (
    <Card
      size="small"
      data-testid="tests"
      title={
        run ? (
          <span data-testid="tests-summary" data-failed={run.failed}>
            {t('tests.summary', { passed: run.passed, failed: run.failed })}
          </span>
        ) : (
          t('tab.tests')
        )
      }
      extra={
        <Button
          type="primary"
          loading={busy}
          data-testid="run-tests"
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            try {
              setRun(await api.runTests(id));
            } catch (e) {
              setError(asApiError(e).text[lang]);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('tests.run')}
        </Button>
      }
    >
      {error && <Alert type="error" message={error} />}
      {!run && !error && <Typography.Text type="secondary">{t('tests.help')}</Typography.Text>}
      {run && failed.length === 0 && (
        <Alert type="success" showIcon message={t('tests.allPassed', { n: run.passed })} data-testid="tests-passed" />
      )}
      {failed.length > 0 && (
        <List
          dataSource={failed}
          renderItem={(r) => (
            <List.Item data-test-failure={r.name}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Tag color="red">{t('tests.failed')}</Tag>
                  <strong>{r.name}</strong>
                  {r.item && <Typography.Text code>{r.item}</Typography.Text>}
                </Space>
                {(r.failures ?? []).map((f) => (
                  <Typography.Text key={`${f.what}:${show(f.expected)}`} type="danger">
                    {failureText(f, lang, t)}
                  </Typography.Text>
                ))}
                {r.explanation && r.explanation[lang].length > 0 && (
                  <pre style={{ ...pre, background: '#fafafa' }}>{r.explanation[lang].join('\n')}</pre>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
