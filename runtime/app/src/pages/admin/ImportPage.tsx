/**
 * Bulk import of officers from .xlsx, for the system and the security administrator (三员分立 by
 * column: each imports only the columns of their own duties). Download the template, choose the
 * filled file, check it (nothing is written) or import it (all rows or none); the report gives
 * each row's result, with the column and the reason of every refusal, and the new accounts'
 * initial passwords, shown this once.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { ApiError, api, apiUrl, type Bilingual } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface RowReport {
  row: number;
  username: string;
  status: 'accepted' | 'refused' | 'unchanged';
  changes: string[];
  problems: { column: string; code: string; message: Bilingual }[];
}
interface Report {
  columns: { imported: string[]; ignored: string[] };
  rows: RowReport[];
  counts: { accepted: number; refused: number; unchanged: number };
}
interface Answer {
  report: Report;
  applied: boolean;
  passwords?: { username: string; password: string }[];
}

/** The import page. */
export function ImportPage() {
  const { t, pick, list } = useT();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState<'0' | '1'>();
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState<ApiError>();
  const column = (key: string) => t(`import.column.${key}` as MessageKey);

  const send = async (apply: '0' | '1') => {
    if (!file) return;
    setBusy(apply);
    setError(undefined);
    setAnswer(undefined);
    try {
      const blob = new Blob([await file.arrayBuffer()], { type: XLSX });
      setAnswer(await api.post<Answer>(`/admin/import/officers?apply=${apply}`, blob));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const report = e.details.report as Report | undefined;
      if (report) setAnswer({ report, applied: false });
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const report = answer?.report;
  return (
    <div data-testid="import-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={apiUrl('/admin/import/officers/template.xlsx')}
            data-testid="import-template"
          >
            {t('import.template')}
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setAnswer(undefined);
              setError(undefined);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-choose">
              {t('import.choose')}
            </Button>
          </Upload>
          <Button disabled={!file} loading={busy === '0'} onClick={() => void send('0')} data-testid="import-check">
            {t('import.dryRun')}
          </Button>
          <Button
            type="primary"
            disabled={!file}
            loading={busy === '1'}
            onClick={() => void send('1')}
            data-testid="import-apply"
          >
            {t('import.apply')}
          </Button>
        </Space>
        {file && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t('import.file', { name: '\u0001' })
              .split('\u0001')
              .flatMap((part, i) =>
                i === 0
                  ? [part]
                  : [
                      <span key="f" data-user-text="">
                        {file.name}
                      </span>,
                      part,
                    ],
              )}
          </Typography.Paragraph>
        )}
      </Card>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {answer && !error && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="import-result"
            message={
              answer.applied
                ? t('import.applied', { n: answer.report.counts.accepted })
                : t('import.checked', { n: answer.report.counts.accepted })
            }
          />
        )}
        {report && report.columns.ignored.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="import-ignored"
            message={t('import.columns.ignored', { columns: list(report.columns.ignored.map(column)) })}
          />
        )}
        {answer?.passwords && answer.passwords.length > 0 && (
          <Card size="small" title={t('import.passwords')} style={{ marginBottom: 12 }} data-testid="import-passwords">
            <Table
              size="small"
              pagination={false}
              rowKey="username"
              dataSource={answer.passwords}
              columns={[
                { title: t('import.col.username'), dataIndex: 'username' },
                {
                  title: t('import.password'),
                  dataIndex: 'password',
                  render: (p: string) => (
                    <Typography.Text code copyable data-technical="">
                      {p}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        )}
        {report && (
          <Table<RowReport>
            size="small"
            rowKey="row"
            dataSource={report.rows}
            pagination={report.rows.length > 50 ? { pageSize: 50 } : false}
            data-testid="import-report"
            onRow={(r) => ({ 'data-status': r.status, 'data-row': r.row }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('import.col.row'), dataIndex: 'row', width: 70 },
              {
                title: t('import.col.username'),
                dataIndex: 'username',
                render: (u: string) => <span data-user-text="">{u}</span>,
              },
              {
                title: t('import.col.result'),
                dataIndex: 'status',
                width: 110,
                render: (s: RowReport['status']) =>
                  s === 'refused' ? (
                    <Tag color="red">{t('import.rejected')}</Tag>
                  ) : s === 'accepted' ? (
                    <Tag color="green">{t('import.accepted')}</Tag>
                  ) : (
                    <Tag>{t('import.unchanged')}</Tag>
                  ),
              },
              {
                title: t('import.col.reason'),
                key: 'reason',
                render: (_: unknown, r: RowReport) =>
                  r.problems.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {r.problems.map((p) => (
                        <li key={`${p.column}-${p.code}`}>
                          {column(p.column)}
                          {t('common.colon')}
                          {pick(p.message)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    list(r.changes.map((c) => t(`import.change.${c}` as MessageKey)))
                  ),
              },
            ]}
          />
        )}
      </div>
    </div>
  );
}
