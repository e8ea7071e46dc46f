/**
 * 发布 (#14): a semver version and a change note. The platform refuses while validation or the
 * golden tests fail — the refusal's errors and failed cases are listed; a published version
 * shows the registry's import report, and the system administrator activates it.
 */
import { Alert, Button, Card, Form, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { api, type Bilingual } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T } from '../use-load.ts';

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The lines of a refusal's details: issue messages, failed cases, whatever the platform listed. */
function refusalLines(details: unknown, lang: Lang): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const out: string[] = [];
  for (const value of Object.values(details)) {
    if (!Array.isArray(value)) continue;
    for (const entry of value) {
      if (typeof entry === 'string') out.push(entry);
      else if (typeof entry === 'object' && entry !== null) {
        const e = entry as { message?: Bilingual | string; name?: string; failures?: { message?: Bilingual }[] };
        const message = typeof e.message === 'string' ? e.message : e.message?.[lang];
        out.push([e.name, message].filter(Boolean).join('：') || JSON.stringify(entry));
      }
    }
  }
  return out;
}

export function PublishPanel(props: { t: T; lang: Lang; id: string; onPublished: () => void }) {
  const { t, lang, id } = props;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; lines: string[] }>();
  const [report, setReport] = useState<Record<string, unknown>>();
  return (
    <Card size="small" title={t('pub.title')} data-testid="publish" style={{ maxWidth: 880 }}>
      <Typography.Paragraph type="secondary">{t('pub.help')}</Typography.Paragraph>
      <Form<{ version: string; note: string }>
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          setRefusal(undefined);
          setReport(undefined);
          try {
            setReport(await api.publish(id, v.version, v.note));
            props.onPublished();
          } catch (e) {
            const err = asApiError(e);
            setRefusal({ message: err.text[lang], lines: refusalLines(err.details, lang) });
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
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('pub.report')}
          </Typography.Title>
          <pre style={{ background: '#fafafa', padding: 12, maxHeight: 360, overflow: 'auto' }}>
            {JSON.stringify(report, null, 2)}
          </pre>
        </div>
      )}
    </Card>
  );
}
