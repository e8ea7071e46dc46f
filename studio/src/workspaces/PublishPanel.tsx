/**
 * 发布 (#14): a semver version and a change note. The platform refuses while validation or the
 * golden tests fail — the refusal's errors and failed cases are listed; a published version
 * shows the registry's import report, and the system administrator activates it. 导出 downloads
 * the copy as a .zip of its folder (unedited files byte for byte) or as the bundle.
 */
import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Bilingual } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T } from '../use-load.ts';
import { kindLabel } from './common.tsx';

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

interface Failure {
  what: string;
  expected: unknown;
  actual: unknown;
  message?: Bilingual;
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The lines of a publish refusal: each validation error, then each failed golden case with why. */
function refusalLines(details: unknown, lang: Lang, t: T): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as {
    errors?: { message?: Bilingual; kind?: string; itemCode?: string; pointer?: string }[];
    errorCount?: number;
    failedTests?: { suite?: string; name: string; failures?: Failure[] }[];
  };
  const out: string[] = [];
  for (const e of d.errors ?? []) {
    const where = [e.kind, e.itemCode, e.pointer].filter(Boolean).join(' ');
    out.push(`${t('val.error')}：${e.message?.[lang] ?? ''}${where ? `（${where}）` : ''}`);
  }
  if (d.errorCount && d.errors && d.errorCount > d.errors.length)
    out.push(t('pub.moreErrors', { n: d.errorCount - d.errors.length }));
  for (const f of d.failedTests ?? []) {
    const why = (f.failures ?? [])
      .map(
        (x) =>
          x.message?.[lang] ?? t('tests.failure', { what: x.what, expected: text(x.expected), actual: text(x.actual) }),
      )
      .join('；');
    out.push(`${t('tests.failed')}：${f.name}${why ? ` — ${why}` : ''}`);
  }
  return out;
}

/** The registry's report of the published version (what importing it did). */
interface PublishReport {
  hash: string;
  packId: string;
  version: string;
  summary?: Record<'added' | 'changed' | 'removed', number>;
  changes?: { kind: string; code: string; change: string }[];
  casesAffected?: { id: string; number: string; matter: string }[];
}

export function PublishPanel(props: { t: T; lang: Lang; id: string; onPublished: () => void }) {
  const { t, lang, id } = props;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; lines: string[] }>();
  const [report, setReport] = useState<PublishReport>();
  const exportHref = (format: 'zip' | 'bundle') =>
    `/api/v1/studio/workspaces/${encodeURIComponent(id)}/export?format=${format}`;
  return (
    <>
      <Card size="small" title={t('pub.title')} data-testid="publish" style={{ maxWidth: 880 }}>
        <Typography.Paragraph type="secondary">{t('pub.help')}</Typography.Paragraph>
        <Form<{ version: string; note: string }>
          layout="vertical"
          onFinish={async (v) => {
            setBusy(true);
            setRefusal(undefined);
            setReport(undefined);
            try {
              setReport((await api.publish(id, v.version, v.note)) as unknown as PublishReport);
              props.onPublished();
            } catch (e) {
              const err = asApiError(e);
              setRefusal({ message: err.text[lang], lines: refusalLines(err.details, lang, t) });
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="version"
            label={t('pub.version')}
            rules={[
              { required: true, message: t('ws.required') },
              { pattern: SEMVER, message: t('pub.versionBad') },
            ]}
          >
            <Input placeholder="0.1.0" data-testid="publish-version" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={t('pub.note')} rules={[{ required: true, message: t('ws.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="publish-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="publish-submit">
            {t('pub.submit')}
          </Button>
        </Form>
        {refusal && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            data-testid="publish-refused"
            message={refusal.message}
            description={
              refusal.lines.length > 0 && (
                <List
                  size="small"
                  dataSource={refusal.lines.slice(0, 100)}
                  renderItem={(l) => <List.Item>{l}</List.Item>}
                />
              )
            }
          />
        )}
        {report && (
          <div data-testid="publish-report" style={{ marginTop: 16 }}>
            <Alert type="success" showIcon message={t('pub.done')} description={t('pub.activate')} />
            <Descriptions size="small" column={2} bordered style={{ marginTop: 16 }} title={t('pub.report')}>
              <Descriptions.Item label={t('pub.published')}>
                <span data-testid="published-version">{`${report.packId}@${report.version}`}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('pub.hash')}>
                <Typography.Text code>{report.hash.slice(0, 16)}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('pub.summary')} span={2}>
                {t('pub.summaryText', {
                  added: report.summary?.added ?? 0,
                  changed: report.summary?.changed ?? 0,
                  removed: report.summary?.removed ?? 0,
                })}
              </Descriptions.Item>
              <Descriptions.Item label={t('pub.cases')} span={2}>
                {t('pub.casesText', { n: report.casesAffected?.length ?? 0 })}
              </Descriptions.Item>
            </Descriptions>
            {(report.changes?.length ?? 0) > 0 && (
              <List
                size="small"
                style={{ marginTop: 8 }}
                dataSource={(report.changes ?? []).slice(0, 50)}
                renderItem={(c) => (
                  <List.Item>
                    <Tag color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'orange'}>
                      {t(
                        c.change === 'added' ? 'diff.added' : c.change === 'removed' ? 'diff.removed' : 'diff.changed',
                      )}
                    </Tag>
                    {kindLabel(c.kind, lang)} <Typography.Text code>{c.code}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </div>
        )}
      </Card>
      <Card size="small" title={t('pub.exportTitle')} data-testid="export" style={{ maxWidth: 880, marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('pub.exportHelp')}</Typography.Paragraph>
        <Space wrap>
          <Button href={exportHref('zip')} download data-testid="export-zip">
            {t('pub.exportZip')}
          </Button>
          <Button href={exportHref('bundle')} download data-testid="export-bundle">
            {t('pub.exportBundle')}
          </Button>
        </Space>
      </Card>
    </>
  );
}
