/**
 * 工作副本 (#14): the working copies the platform keeps, and starting one — a new pack on an
 * installed base version (pack id, name, region), or an installed pack opened for editing. Coming
 * from an installed version explored (在此版本上新建配置包), that version is the base chosen.
 */
import { Alert, Button, Card, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, type PackVersion, type WorkspaceSummary } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';

const PACK_ID = /^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

export function WorkspacesPage(props: { t: T; lang: Lang; base?: string; open: (id: string) => void }) {
  const { t, lang, open } = props;
  const list = useLoad(() => api.workspaces(), 'workspaces');
  const versions = useLoad(() => api.packVersions(), 'pack-versions');
  if (list.error) return <Alert type="error" message={list.error.text[lang]} data-testid="workspaces-error" />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('ws.title')} data-testid="workspaces">
        {!list.value ? (
          <Spin />
        ) : (
          <Table<WorkspaceSummary>
            size="small"
            rowKey="id"
            dataSource={list.value.workspaces}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(w) => ({ onClick: () => open(w.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: t('ws.none') }}
            columns={[
              {
                title: t('name'),
                key: 'name',
                render: (_, w) => (
                  <a data-workspace={w.packId} href={`/studio/workspaces/${w.id}`} onClick={(e) => e.preventDefault()}>
                    {w.name}
                  </a>
                ),
              },
              {
                title: t('ws.packId'),
                dataIndex: 'packId',
                render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
              },
              {
                title: t('ws.base'),
                key: 'base',
                render: (_, w) => (w.base ? <Tag>{`${w.base.packId}@${w.base.version}`}</Tag> : '—'),
              },
              { title: t('ws.revision'), dataIndex: 'revision', align: 'right' },
              {
                title: t('ws.updated'),
                key: 'updated',
                render: (_, w) => `${w.updatedAt}${w.updatedBy ? ` · ${w.updatedBy}` : ''}`,
              },
              {
                title: t('ws.published'),
                key: 'published',
                render: (_, w) => (w.publishedHash ? <Tag color="green">{t('ws.publishedYes')}</Tag> : '—'),
              },
            ]}
          />
        )}
      </Card>
      {versions.error ? (
        <Alert type="error" message={versions.error.text[lang]} />
      ) : !versions.value ? (
        <Spin />
      ) : (
        <Space align="start" size="large" wrap style={{ width: '100%' }}>
          <NewWorkspace
            t={t}
            lang={lang}
            versions={versions.value.versions}
            {...(props.base ? { base: props.base } : {})}
            open={open}
          />
          <OpenInstalled t={t} lang={lang} versions={versions.value.versions} open={open} />
        </Space>
      )}
    </Space>
  );
}

interface NewValues {
  base: string;
  packId: string;
  name: string;
  nameEn?: string;
  regionCode: string;
  regionName: string;
  regionLevel: 'province' | 'city' | 'district' | 'county';
}

const LEVELS = ['province', 'city', 'district', 'county'] as const;

function NewWorkspace(props: { t: T; lang: Lang; versions: PackVersion[]; base?: string; open: (id: string) => void }) {
  const { t, lang, versions, open } = props;
  const initial = versions.some((v) => v.hash === props.base) ? { base: props.base } : {};
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('ws.new')} style={{ width: 560 }} data-testid="new-workspace">
      <Typography.Paragraph type="secondary">{t('ws.newHelp')}</Typography.Paragraph>
      <Form<NewValues>
        layout="vertical"
        initialValues={initial}
        onFinish={async (v) => {
          setBusy(true);
          setError(undefined);
          try {
            const { id } = await api.createWorkspace({
              packId: v.packId,
              name: v.name,
              ...(v.nameEn ? { nameEn: v.nameEn } : {}),
              region: { code: v.regionCode, name: v.regionName, level: v.regionLevel },
              base: { hash: v.base },
            });
            open(id);
          } catch (e) {
            setError(asApiError(e).text[lang]);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="base" label={t('ws.baseVersion')} rules={[{ required: true, message: t('ws.required') }]}>
          <Select
            data-testid="base-version"
            options={versions.map((v) => ({
              value: v.hash,
              label: `${v.name} · ${v.packId}@${v.version}${v.active ? ` (${t('ws.active')})` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="packId"
          label={t('ws.packId')}
          extra={t('ws.packIdHelp')}
          rules={[
            { required: true, message: t('ws.required') },
            { pattern: PACK_ID, message: t('ws.packIdBad') },
          ]}
        >
          <Input data-testid="pack-id" placeholder="tj-binhai-dongjiang" />
        </Form.Item>
        <Form.Item name="name" label={t('ws.packName')} rules={[{ required: true, message: t('ws.required') }]}>
          <Input data-testid="pack-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('ws.packNameEn')}>
          <Input data-testid="pack-name-en" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item
            name="regionCode"
            label={t('ws.regionCode')}
            rules={[
              { required: true, message: t('ws.required') },
              { pattern: /^[0-9]{6}$/, message: t('ws.regionCodeBad') },
            ]}
          >
            <Input data-testid="region-code" placeholder="120116" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="regionName" label={t('ws.region')} rules={[{ required: true, message: t('ws.required') }]}>
            <Input data-testid="region-name" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="regionLevel"
            label={t('ws.regionLevel')}
            rules={[{ required: true, message: t('ws.required') }]}
          >
            <Select
              data-testid="region-level"
              style={{ width: 140 }}
              options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            />
          </Form.Item>
        </Space>
        {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} data-testid="new-workspace-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="create-workspace">
          {t('ws.create')}
        </Button>
      </Form>
    </Card>
  );
}

function OpenInstalled(props: { t: T; lang: Lang; versions: PackVersion[]; open: (id: string) => void }) {
  const { t, lang, versions, open } = props;
  const ids = useMemo(() => [...new Set(versions.map((v) => v.packId))].sort(), [versions]);
  const [packId, setPackId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('ws.openInstalled')} style={{ width: 420 }} data-testid="open-installed">
      <Typography.Paragraph type="secondary">{t('ws.openHelp')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          style={{ width: '100%' }}
          value={packId}
          onChange={setPackId}
          placeholder={t('ws.packId')}
          options={ids.map((id) => ({ value: id, label: id }))}
        />
        <Button
          type="primary"
          disabled={!packId}
          loading={busy}
          onClick={async () => {
            if (!packId) return;
            setBusy(true);
            setError(undefined);
            try {
              open((await api.createWorkspace({ open: { packId } })).id);
            } catch (e) {
              setError(asApiError(e).text[lang]);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('ws.open')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" message={error} style={{ marginTop: 16 }} />}
    </Card>
  );
}
