/**
 * The audit administrator's screen (安全审计员): the audit chain searched by person, case, action
 * and time, newest first, each event opening onto what it recorded before and after; the filtered
 * events exported as .xlsx (the export is itself recorded); the chain verified against its latest
 * signed checkpoint, as `yifa audit verify` does. Reads only.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { ApiError, api, apiUrl, type Bilingual } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTime } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { useResource } from '../../use-resource.ts';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  caseNumber: string | null;
  target: string | null;
  before: unknown;
  after: unknown;
  hash: string;
  actorUser: { username: string; displayName: string } | null;
  targetUser: { username: string; displayName: string } | null;
}
interface EventsPage {
  items: Entry[];
  total: number;
}
type Anchor =
  | { state: 'signed'; seq: number; at: string; file: string }
  | { state: 'none'; file: string }
  | { state: 'bad'; file: string; message: Bilingual };
type Report =
  | {
      ok: true;
      events: number;
      head: string;
      algorithm: string;
      checkpoint?: { latest: { seq: number; at: string } | null };
    }
  | { ok: false; events: number; algorithm: string; problem: string; message: Bilingual };

interface Filters {
  person?: string;
  case?: string;
  action?: string;
  from?: string;
  to?: string;
}

const query = (f: Filters) =>
  new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1])).toString();

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The chain's latest checkpoint and the verify button. */
function ChainCard() {
  const { t, pick } = useT();
  const checkpoint = useResource<Anchor>('/admin/audit/checkpoint');
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<{ report: Report; verifiedAt: string }>();
  const [error, setError] = useState<ApiError>();
  const verify = async () => {
    setVerifying(true);
    try {
      setVerdict(await api.get('/admin/audit/verify'));
      setError(undefined);
      await checkpoint.reload();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setVerifying(false);
    }
  };
  const c = checkpoint.data;
  const r = verdict?.report;
  return (
    <Card size="small" title={t('audit.chain')} style={{ marginBottom: 16 }} data-testid="audit-chain">
      <ErrorAlert error={checkpoint.error ?? error} />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('audit.checkpoint')}>
          <span data-testid="audit-checkpoint" data-state={c?.state}>
            {!c
              ? '…'
              : c.state === 'signed'
                ? t('audit.checkpoint.signed', { seq: c.seq, at: dateTime(c.at) })
                : c.state === 'none'
                  ? t('audit.checkpoint.none')
                  : `${t('audit.checkpoint.bad')}：${pick(c.message)}`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Button onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      {r && (
        <Alert
          style={{ marginTop: 12 }}
          type={r.ok ? 'success' : 'error'}
          showIcon
          data-testid="audit-verdict"
          data-ok={String(r.ok)}
          message={
            r.ok
              ? t('audit.verify.ok', { n: r.events, algorithm: r.algorithm.toUpperCase() })
              : t('audit.verify.broken')
          }
          description={
            <>
              {r.ok ? (
                <div>
                  {r.checkpoint?.latest
                    ? t('audit.verify.okCheckpoint', {
                        seq: r.checkpoint.latest.seq,
                        at: dateTime(r.checkpoint.latest.at),
                      })
                    : t('audit.verify.noCheckpoint')}
                  <div>
                    {t('audit.head')}
                    {t('common.colon')}
                    <Typography.Text code style={{ wordBreak: 'break-all' }} data-technical="">
                      {r.head}
                    </Typography.Text>
                  </div>
                </div>
              ) : (
                <div>{pick(r.message)}</div>
              )}
              <Typography.Text type="secondary">
                {t('audit.verify.at', { at: dateTime(verdict?.verifiedAt) })}
              </Typography.Text>
            </>
          }
        />
      )}
    </Card>
  );
}

/** The audit administrator's page. */
export function AuditPage() {
  const { t, lang, paren } = useT();
  const [draft, setDraft] = useState<Filters>({});
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState<[number, number]>([1, 20]);
  const events = useResource<EventsPage>(
    `/admin/audit/events?${query({ ...filters, page: String(page[0]), pageSize: String(page[1]) } as Filters)}`,
  );
  const actions = useResource<{ actions: string[] }>('/admin/audit/actions');
  const groups = [...new Set((actions.data?.actions ?? []).map((a) => a.split('.')[0] as string))];
  const actionOptions = [
    ...groups.map((g) => ({ value: `${g}.*`, label: t('audit.action.group', { group: g }) })),
    ...(actions.data?.actions ?? []).map((a) => ({ value: a, label: a })),
  ];

  const search = () => {
    setFilters({
      ...draft,
      ...(range ? { from: range[0].startOf('minute').toISOString(), to: range[1].endOf('minute').toISOString() } : {}),
    });
    setPage([1, page[1]]);
  };
  const reset = () => {
    setDraft({});
    setRange(null);
    setFilters({});
    setPage([1, page[1]]);
  };

  return (
    <div data-testid="audit-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <ChainCard />
      <Card size="small">
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
          <Input
            allowClear
            style={{ width: 220 }}
            addonBefore={t('audit.person')}
            placeholder={t('audit.person.hint')}
            value={draft.person ?? ''}
            onChange={(e) => setDraft({ ...draft, person: e.target.value.trim() || undefined })}
            onPressEnter={search}
            data-testid="audit-person"
          />
          <Input
            allowClear
            style={{ width: 220 }}
            addonBefore={t('audit.case')}
            placeholder={t('audit.case.hint')}
            value={draft.case ?? ''}
            onChange={(e) => setDraft({ ...draft, case: e.target.value.trim() || undefined })}
            onPressEnter={search}
            data-testid="audit-case"
          />
          <Select<string>
            allowClear
            showSearch
            style={{ minWidth: 200 }}
            placeholder={t('audit.action.hint')}
            value={draft.action}
            onChange={(v) => setDraft({ ...draft, action: v })}
            options={actionOptions}
            data-testid="audit-action"
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
            data-testid="audit-time"
          />
          <Button type="primary" onClick={search} data-testid="audit-search">
            {t('audit.search')}
          </Button>
          <Button onClick={reset}>{t('audit.reset')}</Button>
          <Button
            href={apiUrl(`/admin/audit/events.xlsx?${query({ ...filters, lang } as Filters)}`)}
            data-testid="audit-export"
          >
            {t('audit.export')}
          </Button>
        </Space>
        <ErrorAlert error={events.error ?? actions.error} />
        <Table<Entry>
          rowKey="seq"
          size="small"
          loading={events.loading}
          dataSource={events.data?.items ?? []}
          locale={{ emptyText: t('audit.empty') }}
          data-testid="audit-events"
          scroll={{ x: 900 }}
          onRow={(e) => ({ 'data-action': e.action, 'data-seq': e.seq }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: page[0],
            pageSize: page[1],
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('audit.total', { n }),
            onChange: (p, s) => setPage([p, s]),
          }}
          expandable={{
            // What the event recorded, as recorded (field names and codes): technical details opened on purpose.
            expandedRowRender: (e) => (
              <Descriptions size="small" column={1} bordered data-technical="">
                <Descriptions.Item label={t('audit.before')}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{json(e.before)}</pre>
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.after')}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{json(e.after)}</pre>
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.hash')}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }} data-technical="">
                    {e.hash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: t('audit.col.seq'), dataIndex: 'seq', width: 80 },
            { title: t('audit.col.at'), dataIndex: 'at', width: 150, render: (at: string) => dateTime(at) },
            {
              title: t('audit.col.actor'),
              key: 'actor',
              render: (_: unknown, e: Entry) =>
                e.actorUser ? (
                  <span data-user-text="">{paren(e.actorUser.displayName, e.actorUser.username)}</span>
                ) : (
                  <Typography.Text code data-technical="">
                    {e.actor}
                  </Typography.Text>
                ),
            },
            {
              title: t('audit.col.action'),
              dataIndex: 'action',
              render: (a: string) => (
                <Typography.Text code data-technical="">
                  {a}
                </Typography.Text>
              ),
            },
            {
              title: t('audit.col.case'),
              key: 'case',
              render: (_: unknown, e: Entry) =>
                e.caseNumber ? (
                  <span lang="zh-CN">{e.caseNumber}</span>
                ) : (
                  <span data-technical="">{e.caseId ?? '—'}</span>
                ),
            },
            {
              title: t('audit.col.target'),
              key: 'target',
              ellipsis: true,
              render: (_: unknown, e: Entry) =>
                e.targetUser ? (
                  <span data-user-text="">{paren(e.targetUser.displayName, e.targetUser.username)}</span>
                ) : (
                  <span data-technical="">{e.target ?? '—'}</span>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
