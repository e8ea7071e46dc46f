/**
 * The studio (#14): sign in with the platform's session; explore the active pack — its kinds
 * with counts, a search across every item by code and name, the items of a kind, and an item
 * page showing its fields, its layer of origin and, per overriding layer, each field it set
 * beside the base value; and the working copies (workspaces/, loaded on first use), where items
 * are edited, validated, diffed, tested and published. Chinese by default, English complete;
 * paths under /studio.
 */
import {
  Alert,
  Button,
  Card,
  ConfigProvider,
  Descriptions,
  Empty,
  Form,
  Input,
  Layout,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, api, type ItemRef, type Me, type Overview, type StudioItem } from './api.ts';
import { format, type Lang } from './messages.ts';
import { type T, useLoad } from './use-load.ts';
import type { WorkspaceTab } from './workspaces/common.tsx';
import type { WorkspacePlace } from './workspaces/WorkspaceArea.tsx';

/** The working copies' pages, a chunk of their own (see WorkspaceArea). */
const WorkspaceArea = lazy(() => import('./workspaces/WorkspaceArea.tsx'));

const BASE = '/studio';
const TABS = [
  'items',
  'manifest',
  'validate',
  'diff',
  'tests',
  'excel',
  'publish',
] as const satisfies readonly WorkspaceTab[];
const LANG_KEY = 'yifa.studio.lang';

/**
 * Where the studio is: parsed from the path under /studio. The explore pages carry `hash` (`?v=`)
 * when they read an installed version other than the active pack.
 */
type Place =
  | { page: 'home'; hash?: string }
  | WorkspacePlace
  | { page: 'kind'; kind: string; hash?: string }
  | { page: 'search'; q: string; hash?: string }
  | { page: 'item'; kind: string; code: string; hash?: string };
type ExplorePlace = Exclude<Place, WorkspacePlace>;

function placeOf(location: Location): Place {
  const parts = location.pathname.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(location.search);
  if (parts[0] === 'workspaces') {
    const id = parts[1];
    const base = query.get('base');
    if (!id) return base ? { page: 'workspaces', base } : { page: 'workspaces' };
    if (parts[2] === 'items' && parts[3] && parts[4]) {
      const pointer = query.get('field') ?? undefined;
      return {
        page: 'ws-item',
        id,
        kind: parts[3],
        code: parts[4],
        ...(pointer ? { pointer } : {}),
        ...(query.get('new') === '1' ? { isNew: true } : {}),
        ...(query.get('new') === '1' && query.get('from') ? { from: query.get('from') as string } : {}),
      };
    }
    const tab = (TABS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as WorkspaceTab) : 'items';
    const kind = query.get('kind') ?? undefined;
    return { page: 'workspace', id, tab, ...(kind ? { kind } : {}) };
  }
  const v = query.get('v');
  const hash = v ? { hash: v } : {};
  if (parts[0] === 'kinds' && parts[1]) return { page: 'kind', kind: parts[1], ...hash };
  if (parts[0] === 'items' && parts[1] && parts[2]) return { page: 'item', kind: parts[1], code: parts[2], ...hash };
  if (parts[0] === 'search') return { page: 'search', q: query.get('q') ?? '', ...hash };
  return { page: 'home', ...hash };
}

function pathOf(place: Place): string {
  const e = encodeURIComponent;
  const v = (sep: string) => ('hash' in place && place.hash ? `${sep}v=${e(place.hash)}` : '');
  if (place.page === 'kind') return `${BASE}/kinds/${e(place.kind)}${v('?')}`;
  if (place.page === 'item') return `${BASE}/items/${e(place.kind)}/${e(place.code)}${v('?')}`;
  if (place.page === 'search') return `${BASE}/search?q=${e(place.q)}${v('&')}`;
  if (place.page === 'home') return `${BASE}/${v('?')}`;
  if (place.page === 'workspaces') return `${BASE}/workspaces${place.base ? `?base=${e(place.base)}` : ''}`;
  if (place.page === 'workspace')
    return `${BASE}/workspaces/${e(place.id)}/${place.tab}${place.kind ? `?kind=${e(place.kind)}` : ''}`;
  if (place.page === 'ws-item')
    return `${BASE}/workspaces/${e(place.id)}/items/${e(place.kind)}/${e(place.code)}${place.isNew ? `?new=1${place.from ? `&from=${e(place.from)}` : ''}` : place.pointer ? `?field=${e(place.pointer)}` : ''}`;
  return `${BASE}/`;
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [place, setPlace] = useState<Place>(() => placeOf(window.location));
  const t: T = useCallback((key, params) => format(lang, key, params), [lang]);

  useEffect(() => {
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '依法 · 配置工作室' : 'Yifa · Studio';
  }, [lang]);
  useEffect(() => {
    api.me().then(setMe, () => setMe(null));
    const onPop = () => setPlace(placeOf(window.location));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: Place) => {
    window.history.pushState(null, '', pathOf(next));
    setPlace(next);
    window.scrollTo(0, 0);
  }, []);

  const mayAuthor = me?.permissions.some((p) => p.permission === 'pack.author') ?? false;
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff' }}>
          <Typography.Link
            strong
            style={{ fontSize: 18 }}
            href={`${BASE}/`}
            onClick={(e) => {
              e.preventDefault();
              go({ page: 'home' });
            }}
          >
            {lang === 'zh' ? '依法 · 配置工作室' : 'Yifa · Studio'}
          </Typography.Link>
          {me && mayAuthor && (
            <Space size={4}>
              <Button
                type={
                  place.page === 'home' || place.page === 'kind' || place.page === 'search' || place.page === 'item'
                    ? 'link'
                    : 'text'
                }
                href={`${BASE}/`}
                data-testid="nav-explore"
                onClick={(e) => {
                  e.preventDefault();
                  go({ page: 'home' });
                }}
              >
                {t('nav.explore')}
              </Button>
              <Button
                type={place.page.startsWith('w') ? 'link' : 'text'}
                href={`${BASE}/workspaces`}
                data-testid="nav-workspaces"
                onClick={(e) => {
                  e.preventDefault();
                  go({ page: 'workspaces' });
                }}
              >
                {t('nav.workspaces')}
              </Button>
            </Space>
          )}
          <span style={{ flex: 1 }} />
          {me && <span data-testid="who">{me.displayName}</span>}
          <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="language">
            {t('language')}
          </Button>
          {me && (
            <Button
              onClick={async () => {
                await api.logout().catch(() => undefined);
                setMe(null);
              }}
            >
              {t('signOut')}
            </Button>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
          {me === undefined ? (
            <Spin />
          ) : me === null ? (
            <SignIn t={t} lang={lang} onSignedIn={setMe} />
          ) : !mayAuthor ? (
            <div data-testid="no-permission">
              <Result status="403" title="403" subTitle={t('needPermission')} />
            </div>
          ) : place.page === 'workspaces' || place.page === 'workspace' || place.page === 'ws-item' ? (
            <Suspense fallback={<Spin />}>
              <WorkspaceArea t={t} lang={lang} place={place} go={go} />
            </Suspense>
          ) : (
            <Studio t={t} lang={lang} place={place} go={go} />
          )}
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}

function SignIn({ t, lang, onSignedIn }: { t: T; lang: Lang; onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('signIn')} style={{ maxWidth: 420, margin: '48px auto' }}>
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError(undefined);
          try {
            await api.login(v.username, v.password);
            const me = await api.me();
            if (me) onSignedIn(me);
          } catch (e) {
            setError(e instanceof ApiError ? e.text[lang] : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
          <Input autoComplete="username" data-testid="username" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="password" />
        </Form.Item>
        {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="sign-in">
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}

function Studio({ t, lang, place, go }: { t: T; lang: Lang; place: ExplorePlace; go: (p: Place) => void }) {
  const hash = place.hash;
  const overview = useLoad(() => api.overview(hash), `overview:${hash ?? ''}`);
  const [q, setQ] = useState(place.page === 'search' ? place.q : '');
  /** The same place in the version explored. */
  const at = <P extends ExplorePlace>(p: P): P => (hash ? { ...p, hash } : p);
  if (overview.error) return <Alert type="error" message={overview.error.text[lang]} />;
  const o = overview.value;
  if (!o) return <Spin />;
  const kindLabel = (kind: string) => {
    const k = o.kinds.find((x) => x.kind === kind);
    return k ? (lang === 'zh' ? k.label : k.labelEn) : kind;
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PackHeader t={t} lang={lang} o={o} go={go} />
      <div data-testid="search">
        <Input.Search
          placeholder={t('search')}
          allowClear
          enterButton
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => go(at(v.trim() ? { page: 'search', q: v.trim() } : { page: 'home' }))}
        />
      </div>
      {place.page === 'home' && <Kinds t={t} lang={lang} o={o} go={(p) => go(at(p))} />}
      {place.page === 'kind' && (
        <ItemList
          t={t}
          title={kindLabel(place.kind)}
          load={() => api.ofKind(place.kind, hash)}
          loadKey={`kind:${place.kind}:${hash ?? ''}`}
          lang={lang}
          kindLabel={kindLabel}
          go={(p) => go(at(p))}
          testId="kind-items"
        />
      )}
      {place.page === 'search' && (
        <ItemList
          t={t}
          title={`${t('results')}：${place.q}`}
          load={() => api.search(place.q, hash)}
          loadKey={`q:${place.q}:${hash ?? ''}`}
          lang={lang}
          kindLabel={kindLabel}
          go={(p) => go(at(p))}
          testId="search-results"
        />
      )}
      {place.page === 'item' && (
        <ItemPage
          t={t}
          lang={lang}
          kind={place.kind}
          code={place.code}
          {...(hash ? { hash } : {})}
          kindLabel={kindLabel}
          go={(p) => go(at(p))}
        />
      )}
    </Space>
  );
}

/**
 * The pack explored: the active one, or an installed version chosen here (read-only, with a way to
 * start a working copy on it). The versions come from the registry's list (`pack.read`).
 */
function PackHeader({ t, lang, o, go }: { t: T; lang: Lang; o: Overview; go: (p: Place) => void }) {
  const versions = useLoad(() => api.packVersions(), 'pack-versions');
  const list = versions.value?.versions ?? [];
  return (
    <Card
      size="small"
      data-testid="pack-header"
      data-active={o.active ? 'yes' : 'no'}
      extra={
        <Space wrap>
          {list.length > 0 && (
            <Select
              data-testid="explore-version"
              style={{ minWidth: 320 }}
              value={o.pack.hash}
              onChange={(hash: string) => {
                const chosen = list.find((v) => v.hash === hash);
                go(chosen?.active ? { page: 'home' } : { page: 'home', hash });
              }}
              options={list.map((v) => ({
                value: v.hash,
                label: `${v.packId}@${v.version}${v.active ? ` · ${t('ex.active')}` : ''}`,
              }))}
              prefix={t('ex.version')}
            />
          )}
          <Button data-testid="explore-start" onClick={() => go({ page: 'workspaces', base: o.pack.hash })}>
            {t('ex.startFrom')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={o.active ? t('activePack') : t('ex.readOnly')}>
          <span data-testid="pack">
            {lang === 'en' && o.pack.nameEn ? o.pack.nameEn : o.pack.name} · {o.pack.id}@{o.pack.version}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('layers')}>
          <Space size={4} wrap>
            {o.layers.map((l) => (
              <Tag key={l.id}>
                {l.id}@{l.version}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('items')}>{o.total}</Descriptions.Item>
      </Descriptions>
      {o.active ? (
        <Typography.Text type="secondary">{t('notYet')}</Typography.Text>
      ) : (
        <Alert type="info" showIcon message={t('ex.readOnlyHelp')} data-testid="read-only" />
      )}
    </Card>
  );
}

function Kinds({ t, lang, o, go }: { t: T; lang: Lang; o: Overview; go: (p: ExplorePlace) => void }) {
  return (
    <Card title={t('kinds')} data-testid="kind-list">
      <Table
        size="small"
        pagination={false}
        rowKey="kind"
        dataSource={o.kinds}
        onRow={(k) => ({ onClick: () => go({ page: 'kind', kind: k.kind }), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('kind'),
            key: 'kind',
            render: (_, k) => (
              <a href={pathOf({ page: 'kind', kind: k.kind })} data-kind={k.kind} onClick={(e) => e.preventDefault()}>
                {lang === 'zh' ? k.label : k.labelEn}
              </a>
            ),
          },
          { title: t('code'), dataIndex: 'kind', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('count'), dataIndex: 'count', align: 'right', render: (n: number) => <span data-count>{n}</span> },
        ]}
      />
    </Card>
  );
}

function ItemList(props: {
  t: T;
  lang: Lang;
  title: string;
  load: () => Promise<{ total: number; items: ItemRef[] }>;
  loadKey: string;
  kindLabel: (k: string) => string;
  go: (p: ExplorePlace) => void;
  testId: string;
}) {
  const { t, lang, kindLabel, go } = props;
  const list = useLoad(props.load, props.loadKey);
  if (list.error) return <Alert type="error" message={list.error.text[lang]} />;
  if (!list.value) return <Spin />;
  const { total, items } = list.value;
  return (
    <Card
      data-testid={props.testId}
      title={props.title}
      extra={
        <span data-testid="total">
          {t('found', { n: total })}
          {items.length < total ? ` · ${t('shown', { n: items.length })}` : ''}
        </span>
      }
    >
      <Table
        size="small"
        rowKey={(r) => `${r.kind}/${r.code}`}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        onRow={(r) => ({
          onClick: () => go({ page: 'item', kind: r.kind, code: r.code }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('code'),
            dataIndex: 'code',
            render: (code: string, r) => (
              <a
                href={pathOf({ page: 'item', kind: r.kind, code })}
                data-item={`${r.kind}/${code}`}
                onClick={(e) => e.preventDefault()}
              >
                {code}
              </a>
            ),
          },
          { title: t('name'), key: 'name', render: (_, r) => (lang === 'en' && r.nameEn ? r.nameEn : r.name) },
          { title: t('kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k) },
          {
            title: t('layer'),
            key: 'layer',
            render: (_, r) => (
              <Space size={4}>
                <Tag>{r.layer}</Tag>
                {r.overridden && <Tag color="orange">{t('overridden')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** A layer as its name and id@version: 全国基础配置包（cn-national@1.0.0）; in English by id@version (layers carry no English name). */
const layerName = (lang: Lang, name: string, id: string, version: string) =>
  lang === 'zh' ? `${name}（${id}@${version}）` : `${id}@${version}`;

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 240, overflow: 'auto' } as const;

function ItemPage(props: {
  t: T;
  lang: Lang;
  kind: string;
  code: string;
  hash?: string;
  kindLabel: (k: string) => string;
  go: (p: ExplorePlace) => void;
}) {
  const { t, lang, kind, code, hash, kindLabel, go } = props;
  const loaded = useLoad(() => api.item(kind, code, hash), `${kind}/${code}@${hash ?? ''}`);
  if (loaded.error) return <Alert type="error" message={loaded.error.text[lang]} data-testid="item-error" />;
  const item: StudioItem | undefined = loaded.value;
  if (!item) return <Spin />;
  return (
    <div data-testid="item-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={
            <Space>
              <Tag color="blue">{kindLabel(kind)}</Tag>
              <span>{lang === 'en' && item.nameEn ? item.nameEn : item.name}</span>
              <Typography.Text code>{item.code}</Typography.Text>
            </Space>
          }
          extra={<Button onClick={() => go({ page: 'kind', kind })}>{t('back')}</Button>}
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('origin')}>
              <span data-testid="origin" data-pack={item.origin.pack}>
                {t('originText', { pack: layerName(lang, item.origin.name, item.origin.pack, item.origin.version) })}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('overrides')} data-testid="overrides">
          {!item.bases.available && (
            <Alert
              type="warning"
              showIcon
              message={t('basesUnavailable')}
              description={item.bases.reason[lang]}
              style={{ marginBottom: 16 }}
            />
          )}
          {item.overrides.length === 0 ? (
            <Typography.Text type="secondary">{t('noOverrides')}</Typography.Text>
          ) : (
            item.overrides.map((o) => (
              <div key={o.pack} data-override={o.pack} style={{ marginBottom: 16 }}>
                <Typography.Title level={5}>
                  {t('overrideBy', { pack: layerName(lang, o.name, o.pack, o.version) })}
                </Typography.Title>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="pointer"
                  dataSource={o.fields}
                  columns={[
                    {
                      title: t('field'),
                      dataIndex: 'label',
                      width: '24%',
                      render: (l: string) => <Typography.Text code>{l}</Typography.Text>,
                    },
                    {
                      title: t('base'),
                      key: 'base',
                      render: (_, f) =>
                        'base' in f ? (
                          <pre style={{ ...pre, background: '#fff1f0' }} data-base>
                            {show(f.base)}
                          </pre>
                        ) : (
                          <Typography.Text type="secondary">
                            {o.baseUnknown ? t('ex.baseUnknown') : t('absent')}
                          </Typography.Text>
                        ),
                    },
                    {
                      title: t('value'),
                      key: 'value',
                      render: (_, f) => (
                        <pre style={{ ...pre, background: '#f6ffed' }} data-value>
                          {show(f.value)}
                        </pre>
                      ),
                    },
                  ]}
                />
                {o.removed.length > 0 && (
                  <div style={{ marginTop: 8 }}>
                    {t('removedElements')}：
                    {o.removed.map((r) => (
                      <Tag key={r} color="red">
                        {r}
                      </Tag>
                    ))}
                  </div>
                )}
              </div>
            ))
          )}
        </Card>
        <Card title={t('content')}>
          <pre style={{ ...pre, maxHeight: 'none' }} data-testid="item-json">
            {JSON.stringify(item.item, null, 2)}
          </pre>
        </Card>
      </Space>
    </div>
  );
}
