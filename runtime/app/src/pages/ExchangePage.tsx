/**
 * 数据报送 (#16): choose one of the pack's reporting formats and a period of issue, preview the
 * rows the platform would send (with each row's problems: a required value empty, a value too
 * long, a code the format's map lacks), and export them as .xlsx or JSON. The server reads the
 * records in the actor's scope and records every export in the audit chain.
 */
import { Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiUrl, type Bilingual } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { useResource } from '../use-resource.ts';

interface Format {
  code: string;
  name: string;
  nameEn: string | null;
  standard: string;
  status: 'sourced' | 'derived' | 'unverified';
  columns: { code: string; name: string; nameEn: string | null; type: string }[];
}

interface Row {
  caseId: string;
  caseNumber: string;
  values: Record<string, string | number | null>;
  problems: { column: string; code: string; message: Bilingual }[];
}

const STATUS_COLOUR = { sourced: 'green', derived: 'blue', unverified: 'orange' } as const;

/** The query of a period (both days included), with the language of the workbook's headers. */
function periodQuery(range: [Dayjs, Dayjs] | null, lang: string): string {
  const q = new URLSearchParams({ lang });
  if (range) {
    q.set('from', range[0].format('YYYY-MM-DD'));
    q.set('to', range[1].format('YYYY-MM-DD'));
  }
  return q.toString();
}

/** The 数据报送 screen. */
export function ExchangePage() {
  const { t, lang, name, pick } = useT();
  const formats = useResource<{ formats: Format[] }>('/exchange/formats');
  const [code, setCode] = useState<string>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const format = formats.data?.formats.find((f) => f.code === code);
  const query = periodQuery(range, lang);
  const rows = useResource<{ rows: Row[] }>(shown);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="exchange-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exchange.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('exchange.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={formats.error} />
      <Card size="small">
        <Space wrap>
          <Select
            style={{ minWidth: 280 }}
            placeholder={t('exchange.chooseFormat')}
            value={code}
            onChange={(v) => {
              setCode(v);
              setShown(null);
            }}
            options={(formats.data?.formats ?? []).map((f) => ({ value: f.code, label: name(f.name, f.nameEn) }))}
            data-testid="exchange-format"
            aria-label={t('exchange.format')}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v?.[0] && v[1] ? [v[0], v[1]] : null);
              setShown(null);
            }}
            aria-label={t('exchange.period')}
            data-testid="exchange-period"
          />
          <Button
            type="primary"
            disabled={!format}
            onClick={() => format && setShown(`/exchange/formats/${format.code}/records?${query}`)}
            data-testid="exchange-preview"
          >
            {t('exchange.preview')}
          </Button>
          <Button
            disabled={!format}
            href={format ? apiUrl(`/exchange/formats/${format.code}/records.xlsx?${query}`) : undefined}
            data-testid="exchange-xlsx"
          >
            {t('exchange.exportXlsx')}
          </Button>
          <Button
            disabled={!format}
            href={format ? apiUrl(`/exchange/formats/${format.code}/records?${query}`) : undefined}
            target="_blank"
          >
            {t('exchange.exportJson')}
          </Button>
        </Space>
        {format && (
          <Typography.Paragraph style={{ margin: '12px 0 0' }} data-testid="exchange-standard">
            {t('exchange.standard', { standard: format.standard })}{' '}
            <Tag color={STATUS_COLOUR[format.status]}>{t(`exchange.${format.status}`)}</Tag>
            <Typography.Text type="secondary">
              {t('exchange.columns', { count: format.columns.length })}
            </Typography.Text>
          </Typography.Paragraph>
        )}
      </Card>
      <ErrorAlert error={rows.error} />
      {format && shown && (
        <Card
          size="small"
          title={rows.data ? t('exchange.rows', { count: rows.data.rows.length }) : t('exchange.preview')}
        >
          <Table<Row>
            size="small"
            rowKey="caseId"
            loading={rows.loading}
            dataSource={rows.data?.rows ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('exchange.noRows') }}
            scroll={{ x: 'max-content' }}
            data-testid="exchange-rows"
            columns={[
              { title: t('exchange.case'), dataIndex: 'caseNumber', fixed: 'left' },
              {
                title: t('exchange.problems'),
                render: (_, r) =>
                  r.problems.length === 0 ? (
                    t('exchange.noProblems')
                  ) : (
                    <Space direction="vertical" size={0}>
                      {r.problems.map((p) => (
                        <Typography.Text key={`${p.column}-${p.code}`} type="warning">
                          {pick(p.message)}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
              ...format.columns.map((c) => ({
                title: lang === 'en' ? (c.nameEn ?? c.name) : c.name,
                key: c.code,
                render: (_: unknown, r: Row) => {
                  const v = r.values[c.code];
                  return v === null || v === undefined ? '' : String(v);
                },
              })),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
