/**
 * 预警处置: the stored alerts for my roles (or, for those who supervise, every alert in my scope),
 * filtered by status, level and kind, sorted and paged by the platform (GET /alerts). An alert
 * opens in a drawer (or at /alerts/:id) with its message, why it fired, whom it is for, the case
 * or subject it is about and its history; there I mark it read or record how it was handled,
 * with a note the platform requires. The bell in the header counts again after each change.
 */
import { Button, Drawer, Input, List, Result, Segmented, Select, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import {
  ALERT_LEVELS,
  ALERTS_CHANGED,
  type AlertLevel,
  type AlertsAnswer,
  type AlertView,
  LEVEL_COLOR,
} from '../alerts.ts';
import { api } from '../api.ts';
import { AlertLevelTag } from '../components/AlertLevelTag.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { dateTime } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useIsPhone } from '../use-phone.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

const STATUSES = ['open', 'raised', 'read', 'handled', 'closed', 'any'] as const;
const KINDS = ['any', 'case', 'subject'] as const;
const SORTS = ['severity', 'newest', 'oldest'] as const;
/** Alerts per page. */
const PAGE = 20;

/** Tells the bell that an alert changed. */
const changed = () => window.dispatchEvent(new Event(ALERTS_CHANGED));

/** The status of an alert as a word. */
function StatusText({ alert }: { alert: AlertView }) {
  const { t } = useT();
  const type = alert.status === 'raised' ? 'danger' : alert.status === 'handled' ? 'success' : 'secondary';
  return (
    <Typography.Text type={type} style={{ fontSize: 12 }} data-status={alert.status}>
      {t(`alerts.status.${alert.status}` as MessageKey)}
    </Typography.Text>
  );
}

/** One alert in the drawer: what it says, why, for whom, its history, and what I can do. */
function AlertDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, pick, lang } = useT();
  const alert = useResource<AlertView>(`/alerts/${id}`);
  const submit = useSubmit<'read' | 'handle'>();
  const [note, setNote] = useState<string>();
  const [noteMissing, setNoteMissing] = useState(false);
  const a = alert.data;
  if (!a) return <ErrorAlert error={alert.error} />;
  const sep = t('common.colon');
  const when = (at: string, by?: { name: string } | null) =>
    by ? t('alerts.detail.by', { at: dateTime(at), name: by.name }) : dateTime(at);
  const done = async () => {
    await alert.reload();
    onChanged();
    changed();
  };
  const read = () => submit.submit(() => api.post(`/alerts/${a.id}/read`), { which: 'read' }).then(done);
  const handle = async () => {
    const text = (note ?? a.handled?.note ?? '').trim();
    setNoteMissing(text === '');
    if (text === '') return;
    const ok = await submit.submit(() => api.post(`/alerts/${a.id}/handle`, { note: text }), { which: 'handle' });
    if (ok) {
      setNote(undefined);
      await done();
    }
  };
  const line = (label: string, value: ReactNode, testid?: string) => (
    <div style={{ marginBottom: 8 }} data-testid={testid}>
      <Typography.Text type="secondary">
        {label}
        {sep}
      </Typography.Text>
      {value}
    </div>
  );
  return (
    <div data-testid="alert-detail" data-id={a.id} data-status={a.status}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <AlertLevelTag level={a.level} />
        <Typography.Text strong>{pick(a.name)}</Typography.Text>
        <StatusText alert={a} />
      </Space>
      <Typography.Paragraph data-testid="alert-message">{pick(a.message)}</Typography.Paragraph>
      {line(t('alerts.why'), pick(a.why), 'alert-why')}
      {line(t('alerts.recipients'), a.recipients.map((r) => pick(r.name)).join(t('alerts.listSep')))}
      {a.case &&
        line(
          t('alerts.detail.case'),
          <Space wrap size={[8, 4]}>
            <Link to={`/cases/${a.case.id}`}>
              <span lang="zh-CN">{a.case.number}</span>
            </Link>
            <StateTag state={a.case.state} />
            <span>{lang === 'en' && a.case.matter.nameEn ? a.case.matter.nameEn : a.case.cause}</span>
          </Space>,
        )}
      {line(t('alerts.detail.subject'), <span lang="zh-CN">{a.subject.name}</span>)}
      {line(t('alerts.detail.raised'), dateTime(a.raisedAt))}
      {a.read && line(t('alerts.detail.read'), when(a.read.at, a.read.by))}
      {a.handled &&
        line(
          t('alerts.detail.handled'),
          <>
            {when(a.handled.at, a.handled.by)}
            <div data-testid="alert-handled-note" style={{ whiteSpace: 'pre-wrap' }}>
              {a.handled.note}
            </div>
          </>,
        )}
      {a.closed &&
        line(
          t('alerts.detail.closed'),
          `${dateTime(a.closed.at)}${sep}${a.closed.why ? t(`alerts.closed.${a.closed.why}` as MessageKey) : ''}`,
        )}
      <ErrorAlert error={submit.error} onClose={() => submit.setError(null)} />
      {a.status !== 'closed' && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {a.status === 'raised' && (
            <Button onClick={() => void read()} loading={submit.running === 'read'} data-testid="alert-read">
              {t('alerts.action.read')}
            </Button>
          )}
          <label htmlFor="alert-note">
            <Typography.Text strong>{t('alerts.action.note')}</Typography.Text>
          </label>
          <Input.TextArea
            id="alert-note"
            data-testid="alert-note"
            rows={3}
            maxLength={2000}
            status={noteMissing ? 'error' : undefined}
            placeholder={t('alerts.action.notePlaceholder')}
            value={note ?? a.handled?.note ?? ''}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(false);
            }}
          />
          {noteMissing && <Typography.Text type="danger">{t('alerts.action.noteRequired')}</Typography.Text>}
          <Space wrap>
            <Button
              type="primary"
              onClick={() => void handle()}
              loading={submit.running === 'handle'}
              data-testid="alert-handle"
            >
              {a.handled ? t('alerts.action.rehandle') : t('alerts.action.handle')}
            </Button>
            {a.case && <Button onClick={() => navigate(`/cases/${a.case?.id}`)}>{t('alerts.toCase')}</Button>}
          </Space>
        </Space>
      )}
      {a.status === 'closed' && a.case && <Link to={`/cases/${a.case.id}`}>{t('alerts.toCase')}</Link>}
    </div>
  );
}

/** The alert board (at /alerts, or /alerts/:id with that alert open). */
export function AlertsPage({ params }: { params: Record<string, string> }) {
  const { t, pick } = useT();
  const { can } = useSession();
  const phone = useIsPhone();
  const supervises = can('statistics.read');
  const [all, setAll] = useState(supervises);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const [level, setLevel] = useState<AlertLevel | 'any'>('any');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('any');
  const [sort, setSort] = useState<(typeof SORTS)[number]>('severity');
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({
    all: all ? '1' : '0',
    status,
    sort,
    limit: String(PAGE),
    offset: String((page - 1) * PAGE),
    ...(level === 'any' ? {} : { level }),
    ...(kind === 'any' ? {} : { kind }),
  });
  const readable = can('alert.read');
  const alerts = useResource<AlertsAnswer>(readable ? `/alerts?${query}` : null);
  if (!readable) return <Result status="403" title="403" subTitle={t('alerts.board.forbidden')} />;
  const open = params.id;
  const show = (id: string | null) => navigate(id ? `/alerts/${id}` : '/alerts');
  const filter = <T extends string>(value: T, set: (v: T) => void) => ({
    value,
    onChange: (v: T) => {
      set(v);
      setPage(1);
    },
    style: { minWidth: phone ? 0 : 140, flex: phone ? '1 1 45%' : undefined },
  });
  const d = alerts.data;
  return (
    <div data-testid="alerts-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('alerts.board.title')}
      </Typography.Title>
      <Space wrap size={[8, 8]} style={{ marginBottom: 12, width: '100%' }}>
        {supervises && (
          <Segmented
            value={all ? 'all' : 'mine'}
            onChange={(v) => {
              setAll(v === 'all');
              setPage(1);
            }}
            options={[
              { label: t('alerts.board.mine'), value: 'mine' },
              { label: t('alerts.board.all'), value: 'all' },
            ]}
            data-testid="alerts-whose"
          />
        )}
        <Select
          aria-label={t('alerts.board.status')}
          data-testid="alerts-status"
          {...filter(status, setStatus)}
          options={STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}` as MessageKey) }))}
        />
        <Select
          aria-label={t('alerts.board.level')}
          {...filter(level, setLevel)}
          options={[
            { value: 'any', label: t('alerts.board.anyLevel') },
            ...ALERT_LEVELS.map((l) => ({ value: l, label: t(`alerts.level.${l}`) })),
          ]}
        />
        <Select
          aria-label={t('alerts.board.kind')}
          {...filter(kind, setKind)}
          options={KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}` as MessageKey) }))}
        />
        <Select
          aria-label={t('alerts.board.sort')}
          {...filter(sort, setSort)}
          options={SORTS.map((s) => ({ value: s, label: t(`alerts.sort.${s}` as MessageKey) }))}
        />
      </Space>
      {d && (
        <Space wrap size={[8, 4]} style={{ marginBottom: 8 }} data-testid="alerts-counts" data-total={d.total}>
          <Typography.Text type="secondary">{t('alerts.board.total', { n: d.total })}</Typography.Text>
          {ALERT_LEVELS.filter((l) => d.counts[l] > 0).map((l) => (
            <AlertLevelTag key={l} level={l} count={d.counts[l]} />
          ))}
        </Space>
      )}
      <ErrorAlert error={alerts.error} />
      <List<AlertView>
        loading={alerts.loading}
        dataSource={d?.items ?? []}
        locale={{ emptyText: t('alerts.none') }}
        pagination={
          d && d.total > PAGE
            ? {
                current: page,
                pageSize: PAGE,
                total: d.total,
                onChange: setPage,
                showSizeChanger: false,
                size: 'small',
              }
            : false
        }
        renderItem={(a) => (
          <List.Item
            data-testid="alert"
            data-id={a.id}
            data-code={a.code}
            data-level={a.level}
            data-status={a.status}
            style={{ display: 'block', cursor: 'pointer' }}
            onClick={() => show(a.id)}
          >
            <div style={{ borderInlineStart: `3px solid ${LEVEL_COLOR[a.level].text}`, paddingInlineStart: 10 }}>
              <Space wrap size={[8, 4]}>
                <AlertLevelTag level={a.level} />
                <Typography.Link strong onClick={() => show(a.id)}>
                  {pick(a.name)}
                </Typography.Link>
                <StatusText alert={a} />
              </Space>
              <div style={{ margin: '4px 0' }}>{pick(a.message)}</div>
              <Space wrap size={[8, 4]} style={{ fontSize: 12 }}>
                {a.case && <span lang="zh-CN">{a.case.number}</span>}
                {a.case && <StateTag state={a.case.state} />}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <span lang="zh-CN">{a.subject.name}</span>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.raisedOn}
                </Typography.Text>
              </Space>
            </div>
          </List.Item>
        )}
      />
      <Drawer
        open={!!open}
        onClose={() => show(null)}
        width={phone ? '100%' : 560}
        title={t('alerts.detail.title')}
        destroyOnClose
      >
        {open && <AlertDetail id={open} onChanged={() => void alerts.reload()} />}
      </Drawer>
    </div>
  );
}
