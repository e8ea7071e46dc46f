/**
 * 配置包版本与启用: the system administrator's screen for the pack versions a copy holds — which
 * is active for the whole copy and which for an organisation's subtree (a city's own pack) — and,
 * for any version, the dry run (what it adds, changes and removes against the version in force
 * there, the open cases it touches) read before activating it there. Ending a subtree's own
 * version sends its organisations back to the copy's. The server checks `pack.read` and
 * `pack.activate` on every request; the screen offers only what the role holds.
 */

import { ITEM_KINDS } from '@yifa/metamodel';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';

interface Version {
  hash: string;
  packId: string;
  version: string;
  name: string;
  importedAt: string;
  active: boolean;
  activeFor: string[];
}

interface Activation {
  org: string;
  hash: string;
  packId: string;
  version: string;
  activatedAt: string;
  activatedBy: string;
}

interface Report {
  hash: string;
  packId: string;
  version: string;
  org: string | null;
  against: { hash: string; packId: string; version: string } | null;
  changes: { kind: string; code: string; change: 'added' | 'changed' | 'removed' }[];
  summary: Record<'added' | 'changed' | 'removed', number>;
  casesAffected: { id: string; number: string; matter: string }[];
  roots: { code: string; name: string }[];
  refused?: { zh: string; en: string };
}

const KIND_NAMES = new Map<string, { zh: string; en: string }>(
  ITEM_KINDS.map((k) => [k.kind, { zh: k.label, en: k.labelEn }]),
);
const KIND_ORDER = new Map<string, number>(ITEM_KINDS.map((k, i) => [k.kind, i]));

/** The screen's own words (zh first; English complete). */
const TEXT = {
  zh: {
    title: '配置包版本与启用',
    versions: '已导入的版本',
    activations: '为机构及其下级单独启用的版本',
    noActivations: '没有单独启用的版本：全部机构使用全系统启用的版本。',
    pack: '配置包',
    name: '名称',
    version: '版本',
    importedAt: '导入时间',
    state: '启用情况',
    copy: '全系统启用',
    forOrg: '为 {org} 启用',
    inactive: '未启用',
    preview: '预演并启用',
    scope: '启用范围',
    wholeCopy: '全系统',
    subtree: '{name}（{code}）及其下级',
    against: '对比现行版本',
    none: '（尚无）',
    added: '新增',
    changed: '修改',
    removed: '删除',
    kind: '类型',
    code: '编码',
    change: '变化',
    affected: '受影响的在办案件（继续按立案时的版本办理）',
    noAffected: '没有在办案件受影响。',
    activate: '启用',
    activateConfirm: '确认启用 {pack}@{version}（{scope}）？',
    alreadyActive: '该版本已在此范围启用。',
    activated: '已启用。',
    end: '取消单独启用',
    endConfirm: '取消后 {org} 及其下级改用全系统启用的版本，确认？',
    org: '机构',
    activatedAt: '启用时间',
    notBuiltOnCopy: '该版本不是在全系统启用的配置包之上编制的，只能为全系统启用。',
  },
  en: {
    title: 'Pack versions and activation',
    versions: 'Imported versions',
    activations: 'Versions active for an organisation and those under it',
    noActivations: 'None: every organisation works under the version active for the whole copy.',
    pack: 'Pack',
    name: 'Name',
    version: 'Version',
    importedAt: 'Imported',
    state: 'Active',
    copy: 'For the whole copy',
    forOrg: 'For {org}',
    inactive: 'Not active',
    preview: 'Dry run and activate',
    scope: 'Activate for',
    wholeCopy: 'The whole copy',
    subtree: '{name} ({code}) and those under it',
    against: 'Compared with the version in force',
    none: '(none yet)',
    added: 'Added',
    changed: 'Changed',
    removed: 'Removed',
    kind: 'Kind',
    code: 'Code',
    change: 'Change',
    affected: 'Open cases touched (they stay under the version they were opened with)',
    noAffected: 'No open case is touched.',
    activate: 'Activate',
    activateConfirm: 'Activate {pack}@{version} ({scope})?',
    alreadyActive: 'This version is already active there.',
    activated: 'Activated.',
    end: 'End',
    endConfirm: '{org} and those under it will work under the copy’s version. End it?',
    org: 'Organisation',
    activatedAt: 'Activated',
    notBuiltOnCopy: 'This version is not built on the copy’s pack: it can only be active for the whole copy.',
  },
} as const;

type Key = keyof (typeof TEXT)['zh'];

/** The pack versions page. */
export function PacksPage() {
  const { lang } = useT();
  const { can } = useSession();
  const say = (key: Key, params: Record<string, string> = {}) =>
    TEXT[lang][key].replace(/\{(\w+)\}/g, (_, p: string) => params[p] ?? '');
  const versions = useResource<{ versions: Version[] }>('/packs');
  const activations = useResource<{ activations: Activation[] }>('/packs/activations');
  const [open, setOpen] = useState<Version | null>(null);
  const end = useSubmit();
  const reload = () => {
    versions.reload();
    activations.reload();
  };
  const rows = [...(versions.data?.versions ?? [])].sort((a, b) => (a.importedAt < b.importedAt ? 1 : -1));

  return (
    <div data-testid="packs-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {say('title')}
      </Typography.Title>
      <ErrorAlert error={versions.error ?? activations.error ?? end.error} />
      <Card size="small" title={say('versions')} style={{ marginBottom: 16 }}>
        <Table<Version>
          rowKey="hash"
          size="small"
          loading={versions.loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          onRow={(v) => ({ 'data-pack': `${v.packId}@${v.version}` }) as never}
          columns={[
            { title: say('pack'), dataIndex: 'packId' },
            { title: say('name'), dataIndex: 'name', render: (n: string) => <span lang="zh-CN">{n}</span> },
            { title: say('version'), dataIndex: 'version' },
            {
              title: say('importedAt'),
              dataIndex: 'importedAt',
              render: (t: string) => t.slice(0, 16).replace('T', ' '),
            },
            {
              title: say('state'),
              render: (_, v) => (
                <Space wrap size={4}>
                  {v.active && <Tag color="green">{say('copy')}</Tag>}
                  {v.activeFor.map((org) => (
                    <Tag color="blue" key={org}>
                      {say('forOrg', { org })}
                    </Tag>
                  ))}
                  {!v.active && v.activeFor.length === 0 && <Tag>{say('inactive')}</Tag>}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, v) => (
                <Button size="small" onClick={() => setOpen(v)} data-testid="pack-preview">
                  {say('preview')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={say('activations')}>
        {(activations.data?.activations.length ?? 0) === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={say('noActivations')} />
        ) : (
          <Table<Activation>
            rowKey="org"
            size="small"
            pagination={false}
            dataSource={activations.data?.activations ?? []}
            onRow={(a) => ({ 'data-activation': a.org }) as never}
            columns={[
              { title: say('org'), dataIndex: 'org' },
              { title: say('pack'), render: (_, a) => `${a.packId}@${a.version}` },
              {
                title: say('activatedAt'),
                dataIndex: 'activatedAt',
                render: (t: string) => t.slice(0, 16).replace('T', ' '),
              },
              {
                title: '',
                render: (_, a) =>
                  can('pack.activate') ? (
                    <Popconfirm
                      title={say('endConfirm', { org: a.org })}
                      onConfirm={() =>
                        end.submit(async () => {
                          await api.delete(`/packs/activations/${encodeURIComponent(a.org)}`);
                          reload();
                        })
                      }
                    >
                      <Button size="small" danger loading={end.busy} data-testid="activation-end">
                        {say('end')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {/* Keyed by version: another version starts again, for the whole copy. */}
      <ActivateDrawer
        key={open?.hash ?? 'none'}
        version={open}
        say={say}
        mayActivate={can('pack.activate')}
        onClose={() => setOpen(null)}
        onActivated={reload}
      />
    </div>
  );
}

/** The dry run of one version for a chosen scope, and its activation there. */
function ActivateDrawer({
  version,
  say,
  mayActivate,
  onClose,
  onActivated,
}: {
  version: Version | null;
  say: (key: Key, params?: Record<string, string>) => string;
  mayActivate: boolean;
  onClose: () => void;
  onActivated: () => void;
}) {
  const { lang } = useT();
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const query = org ? `?org=${encodeURIComponent(org)}` : '';
  const report = useResource<Report>(version ? `/packs/${version.hash}/report${query}` : null);
  const act = useSubmit();

  const r = report.data;
  const already = version ? (org ? version.activeFor.includes(org) : version.active) : false;
  const scopeName = org
    ? say('subtree', { name: r?.roots.find((x) => x.code === org)?.name ?? org, code: org })
    : say('wholeCopy');
  const activate = () =>
    act.submit(async () => {
      if (!version) return;
      await api.post(`/packs/${version.hash}/activate${query}`);
      setDone(true);
      onActivated();
    });

  return (
    <Drawer
      open={version !== null}
      onClose={onClose}
      width={720}
      title={version ? `${version.packId}@${version.version}` : ''}
      data-testid="pack-report"
    >
      <ErrorAlert error={report.error ?? act.error} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Typography.Text strong>{say('scope')}</Typography.Text>
          <Select<string>
            style={{ minWidth: 320 }}
            // A province has hundreds of organisations: found by typing a name or code.
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={false}
            value={org ?? ''}
            onChange={(v) => {
              setOrg(v === '' ? undefined : v);
              setDone(false);
            }}
            data-testid="pack-scope"
            options={[
              { value: '', label: say('wholeCopy') },
              ...(r?.roots ?? []).map((x) => ({
                value: x.code,
                label: say('subtree', { name: x.name, code: x.code }),
              })),
            ]}
          />
        </Space>
        {r && r.roots.length === 0 && !org && <Alert type="info" showIcon message={say('notBuiltOnCopy')} />}
        {r?.refused && <Alert type="error" showIcon message={r.refused[lang]} data-testid="pack-refused" />}
        {r && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={say('against')}>
              {r.against ? `${r.against.packId}@${r.against.version}` : say('none')}
            </Descriptions.Item>
            <Descriptions.Item label={`${say('added')} / ${say('changed')} / ${say('removed')}`}>
              <span data-testid="pack-summary">
                {r.summary.added} / {r.summary.changed} / {r.summary.removed}
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
        {r && r.changes.length > 0 && (
          <Table
            size="small"
            rowKey={(c) => `${c.kind}/${c.code}`}
            dataSource={[...r.changes].sort(
              (a, b) => (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) || a.code.localeCompare(b.code),
            )}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              {
                title: say('kind'),
                dataIndex: 'kind',
                render: (k: string) => KIND_NAMES.get(k)?.[lang] ?? k,
                // Filter by kind: a city's pack adds dozens of items of several kinds.
                filters: ITEM_KINDS.filter((k) => r.changes.some((c) => c.kind === k.kind)).map((k) => ({
                  text: lang === 'zh' ? k.label : k.labelEn,
                  value: k.kind,
                })),
                onFilter: (value, c) => c.kind === value,
              },
              { title: say('code'), dataIndex: 'code' },
              {
                title: say('change'),
                dataIndex: 'change',
                render: (c: Report['changes'][number]['change']) => (
                  <Tag color={c === 'added' ? 'green' : c === 'removed' ? 'red' : 'orange'}>{say(c)}</Tag>
                ),
              },
            ]}
          />
        )}
        {r && (
          <div>
            <Typography.Text strong>{say('affected')}</Typography.Text>
            {r.casesAffected.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{say('noAffected')}</Typography.Text>
              </div>
            ) : (
              <ul>
                {r.casesAffected.map((c) => (
                  <li key={c.id} lang="zh-CN">
                    {c.number} · {c.matter}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {done && <Alert type="success" showIcon message={say('activated')} data-testid="pack-activated" />}
        {already && !done && <Alert type="info" showIcon message={say('alreadyActive')} />}
        {mayActivate && version && r && !r.refused && !already && !done && (
          <Popconfirm
            title={say('activateConfirm', { pack: version.packId, version: version.version, scope: scopeName })}
            onConfirm={activate}
          >
            <Button type="primary" loading={act.busy} data-testid="pack-activate">
              {say('activate')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Drawer>
  );
}
