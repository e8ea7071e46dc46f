/**
 * A working copy (#14): its pack, base and revision, and seven tabs — 条目 (items by kind, with
 * their origin: from the base, added, overridden), 配置包信息 (the manifest, ManifestPanel), 校验 (the resolved pack's issues, each linking
 * to its item and field), 差异 (against the base or the published version, item then field),
 * 黄金测试 (run the golden cases; failures with their explanation), 权责清单 Excel (AuthorityExcel) and 发布.
 */
import { ITEM_KINDS } from '@yifa/metamodel';
import { Alert, Button, Card, Input, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AuthorityExcel } from '../AuthorityExcel.tsx';
import { api, type Workspace, type WorkspaceIssue } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';
import { kindLabel, OriginTag, type WorkspaceNav, type WorkspaceTab } from './common.tsx';
import { ManifestPanel } from './ManifestPanel.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { DiffPanel, TestsPanel } from './panels.tsx';

export function WorkspacePage(props: {
  t: T;
  lang: Lang;
  id: string;
  tab: WorkspaceTab;
  kind?: string;
  nav: WorkspaceNav;
}) {
  const { t, lang, id, tab, nav } = props;
  const loaded = useLoad(() => api.workspace(id), `ws:${id}`);
  if (loaded.error) return <Alert type="error" message={loaded.error.text[lang]} data-testid="workspace-error" />;
  const w = loaded.value;
  if (!w) return <Spin />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="workspace">
      <WorkspaceHeader t={t} w={w} />
      <Tabs
        activeKey={tab}
        onChange={(k) => nav.tab(k as WorkspaceTab)}
        destroyInactiveTabPane
        items={[
          {
            key: 'items',
            label: <span data-tab="items">{t('tab.items')}</span>,
            children: <ItemsPanel t={t} lang={lang} id={id} w={w} kind={props.kind} nav={nav} />,
          },
          {
            key: 'manifest',
            label: <span data-tab="manifest">{t('tab.manifest')}</span>,
            children: <ManifestPanel t={t} lang={lang} id={id} w={w} onSaved={loaded.reload} />,
          },
          {
            key: 'validate',
            label: <span data-tab="validate">{t('tab.validate')}</span>,
            children: <ValidatePanel t={t} lang={lang} id={id} nav={nav} />,
          },
          {
            key: 'diff',
            label: <span data-tab="diff">{t('tab.diff')}</span>,
            children: <DiffPanel t={t} lang={lang} id={id} nav={nav} />,
          },
          {
            key: 'tests',
            label: <span data-tab="tests">{t('tab.tests')}</span>,
            children: <TestsPanel t={t} lang={lang} id={id} />,
          },
          {
            key: 'excel',
            label: <span data-tab="excel">{t('tab.excel')}</span>,
            children: (
              <AuthorityExcel lang={lang} workspaceId={id} revision={w.revision} onApplied={() => loaded.reload()} />
            ),
          },
          {
            key: 'publish',
            label: <span data-tab="publish">{t('tab.publish')}</span>,
            children: <PublishPanel t={t} lang={lang} id={id} onPublished={loaded.reload} />,
          },
        ]}
      />
    </Space>
  );
}

export function WorkspaceHeader({ t, w }: { t: T; w: Workspace }) {
  const errors = w.issues.filter((i) => i.severity === 'error').length;
  const label = (text: string) => <Typography.Text type="secondary">{text}：</Typography.Text>;
  return (
    <Card size="small">
      <Space size={32} wrap>
        <span data-testid="workspace-name">
          {label(t('ws.workspace'))}
          {w.name}{' '}
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {w.packId}
          </Typography.Text>
        </span>
        <span>
          {label(t('ws.base'))}
          {w.base ? <Tag>{`${w.base.packId}@${w.base.version}`}</Tag> : '—'}
        </span>
        <span>
          {label(t('ws.revision'))}
          <span data-testid="revision">{w.revision}</span>
        </span>
        <span>
          {label(t('ws.issues'))}
          <Tag color={errors ? 'red' : 'green'} data-testid="issue-count">
            {t('ws.errorCount', { n: errors })}
          </Tag>
        </span>
      </Space>
    </Card>
  );
}

function ItemsPanel(props: { t: T; lang: Lang; id: string; w: Workspace; kind?: string; nav: WorkspaceNav }) {
  const { t, lang, id, w, nav } = props;
  const kind = props.kind ?? 'parameter';
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const items = useLoad(() => api.workspaceItems(id, kind, query), `${id}:${kind}:${query}`);
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card size="small" title={t('kinds')} style={{ width: 240, flex: 'none' }} data-testid="ws-kinds">
        {ITEM_KINDS.map((k) => (
          <div key={k.kind}>
            <Button
              type={k.kind === kind ? 'primary' : 'text'}
              size="small"
              block
              style={{ textAlign: 'left', justifyContent: 'space-between', display: 'flex' }}
              data-ws-kind={k.kind}
              onClick={() => nav.tab('items', k.kind)}
            >
              <span>{lang === 'zh' ? k.label : k.labelEn}</span>
              <span>{w.counts?.[k.kind] ?? ''}</span>
            </Button>
          </div>
        ))}
      </Card>
      <Card
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        title={
          <Space>
            {kindLabel(kind, lang)}
            <NewItem t={t} lang={lang} id={id} kind={kind} nav={nav} />
          </Space>
        }
        extra={
          <Input.Search
            allowClear
            placeholder={t('search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setQuery(v.trim())}
            style={{ width: 280 }}
            data-testid="ws-search"
          />
        }
        data-testid="ws-items"
      >
        {items.error ? (
          <Alert type="error" message={items.error.text[lang]} />
        ) : !items.value ? (
          <Spin />
        ) : (
          <Table
            size="small"
            rowKey={(r) => `${r.kind}/${r.code}`}
            dataSource={items.value.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(r) => ({ onClick: () => nav.item(r.kind, r.code), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('code'),
                dataIndex: 'code',
                render: (code: string, r) => (
                  <Button type="link" size="small" style={{ padding: 0 }} data-ws-item={`${r.kind}/${code}`}>
                    {code}
                  </Button>
                ),
              },
              { title: t('name'), key: 'name', render: (_, r) => (lang === 'en' && r.nameEn ? r.nameEn : r.name) },
              { title: t('origin'), key: 'origin', render: (_, r) => <OriginTag origin={r.origin} t={t} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

const CODE = /^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/;

/** 新建条目: a code for a new item of the kind (refused when the copy already has it), then its editor. */
function NewItem(props: { t: T; lang: Lang; id: string; kind: string; nav: WorkspaceNav }) {
  const { t, lang, id, kind, nav } = props;
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    const c = code.trim();
    if (!CODE.test(c)) return setError(t('item.codeBad'));
    setBusy(true);
    try {
      // The search finds a code by itself; only an exact match is taken.
      const { items } = await api.workspaceItems(id, kind, c);
      if (items.some((i) => i.code === c)) setError(t('item.codeTaken', { code: c }));
      else nav.create(kind, c);
    } catch (e) {
      setError(asApiError(e).text[lang]);
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <Button size="small" onClick={() => setOpen(true)} data-testid="new-item">
        {t('item.newButton')}
      </Button>
    );
  return (
    <Space size={4} align="start">
      <div>
        <Input
          size="small"
          autoFocus
          placeholder={t('item.newCode')}
          value={code}
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            setError(undefined);
          }}
          onPressEnter={start}
          style={{ width: 220 }}
          data-testid="new-item-code"
        />
        {error && (
          <div>
            <Typography.Text type="danger" style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="new-item-error">
              {error}
            </Typography.Text>
          </div>
        )}
      </div>
      <Button size="small" type="primary" loading={busy} onClick={start} data-testid="new-item-start">
        {t('item.newStart')}
      </Button>
      <Button size="small" onClick={() => setOpen(false)}>
        {t('item.cancel')}
      </Button>
    </Space>
  );
}

function ValidatePanel(props: { t: T; lang: Lang; id: string; nav: WorkspaceNav }) {
  const { t, lang, id, nav } = props;
  const run = useLoad(() => api.validate(id), `validate:${id}`);
  return (
    <Card
      size="small"
      data-testid="validation"
      title={
        run.value ? (
          <span data-testid="validation-summary">
            {t('val.summary', { n: run.value.issues.length, ms: Math.round(run.value.ms) })}
          </span>
        ) : (
          t('tab.validate')
        )
      }
      extra={<Button onClick={run.reload}>{t('val.again')}</Button>}
    >
      {run.error ? (
        <Alert type="error" message={run.error.text[lang]} />
      ) : !run.value ? (
        <Spin />
      ) : run.value.issues.length === 0 ? (
        <Alert type="success" showIcon message={t('val.clean')} data-testid="validation-clean" />
      ) : (
        <IssueTable t={t} lang={lang} issues={run.value.issues} nav={nav} />
      )}
    </Card>
  );
}

export function IssueTable(props: { t: T; lang: Lang; issues: readonly WorkspaceIssue[]; nav: WorkspaceNav }) {
  const { t, lang, issues, nav } = props;
  return (
    <Table<WorkspaceIssue>
      size="small"
      rowKey={(i, n) => `${i.code}:${i.kind}:${i.itemCode}:${i.pointer}:${n}`}
      dataSource={[...issues]}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        {
          title: t('val.severity'),
          dataIndex: 'severity',
          width: 90,
          render: (s: string) => (
            <Tag color={s === 'error' ? 'red' : 'gold'}>{t(s === 'error' ? 'val.error' : 'val.warning')}</Tag>
          ),
        },
        { title: t('val.message'), key: 'message', render: (_, i) => i.message[lang] },
        {
          title: t('val.where'),
          key: 'where',
          render: (_, i) =>
            i.kind && i.itemCode ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                data-issue-item={`${i.kind}/${i.itemCode}`}
                onClick={() => nav.item(i.kind as string, i.itemCode as string, i.pointer)}
              >
                {kindLabel(i.kind, lang)} {i.itemCode}
                {i.pointer ? ` ${i.pointer}` : ''}
              </Button>
            ) : (
              <Typography.Text type="secondary">{[i.file, i.line].filter(Boolean).join(':') || '—'}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
