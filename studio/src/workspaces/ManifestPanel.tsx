/**
 * 配置包信息 (#14): the working copy's manifest (pack.yaml) on a screen — its id (fixed), its base
 * pack (fixed) and the version range of it, the name in both languages, the region, a description,
 * notes and what the pack requires (English names) — saved through the platform, which checks it
 * against the manifest's JSON Schema (each refused field listed with its pointer) and records
 * `studio.manifest`. A new base range moves the copy onto the highest installed version in it
 * (refused when none is installed); the panel then says which version it is on and lists the
 * problems the new base brings (an override of an item it lacks …). Below, the base items the pack
 * removes, each with its reason, any of which can be restored (taken out of `remove`, so the base
 * item is in force again). The version is set when publishing.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, type Workspace, type WorkspaceIssue } from '../api.ts';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';
import { kindLabel } from './common.tsx';
import { type ManifestValues as Values, withValues } from './manifest-values.ts';
import { fieldErrors } from './WorkspaceItemPage.tsx';

interface Removal {
  kind: string;
  code: string;
  reason: string;
}

type Base = { hash: string; packId: string; version: string };
/** What a save that moved the copy onto another base version answered. */
interface Rebased {
  from: Base;
  to: Base;
  issues: WorkspaceIssue[];
}

const LEVELS = ['province', 'city', 'district', 'county'] as const;

/** A text field of the manifest, or undefined. */
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function ManifestPanel(props: { t: T; lang: Lang; id: string; w: Workspace; onSaved: () => void }) {
  const { t, lang, id, w } = props;
  const m = w.manifest;
  const ext = m.extends as { id: string; version: string } | undefined;
  const removals = (Array.isArray(m.remove) ? m.remove : []) as Removal[];
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<{ message: string; fields: { pointer: string; text: string }[] }>();
  const [rebased, setRebased] = useState<Rebased>();
  const versions = useLoad(() => api.packVersions(), 'pack-versions');
  const installed = (versions.value?.versions ?? [])
    .filter((v) => v.packId === ext?.id)
    .map((v) => v.version)
    .sort();

  useEffect(() => {
    const r = (m.region ?? {}) as Record<string, unknown>;
    form.setFieldsValue({
      name: text(m.name) ?? '',
      nameEn: text(m.nameEn),
      regionCode: text(r.code) ?? '',
      regionName: text(r.name) ?? '',
      regionLevel: text(r.level) ?? 'city',
      description: text(m.description),
      notes: text(m.notes),
      range: (m.extends as { version?: string } | undefined)?.version,
      englishNames: (m.require as { englishNames?: unknown } | undefined)?.englishNames === true,
    });
  }, [form, m]);

  const save = async (manifest: Record<string, unknown>) => {
    setBusy(true);
    setSaved(false);
    setError(undefined);
    setRebased(undefined);
    try {
      const done = await api.saveManifest(id, manifest, w.revision);
      if (done.rebased && done.issues) setRebased({ ...done.rebased, issues: done.issues });
      setSaved(true);
      props.onSaved();
    } catch (e) {
      const err = asApiError(e);
      setError({
        message: err.text[lang],
        fields: fieldErrors(err.details).map((f) => ({ pointer: f.pointer, text: f.message[lang] })),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="manifest">
      <Card size="small" title={t('mf.title')}>
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('ws.packId')}>
            <Typography.Text code data-testid="manifest-id">
              {String(m.id)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('mf.extends')}>
            {ext ? <Tag data-testid="manifest-extends">{`${ext.id} ${ext.version}`}</Tag> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('mf.version')}>
            <span data-testid="manifest-version">{String(m.version)}</span>
            <Typography.Text type="secondary">{` ${t('mf.versionHelp')}`}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save(withValues(m, v))} style={{ maxWidth: 760 }}>
          <Form.Item name="name" label={t('ws.packName')} rules={[{ required: true, message: t('ws.required') }]}>
            <Input data-testid="manifest-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('ws.packNameEn')}>
            <Input data-testid="manifest-name-en" />
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
              <Input data-testid="manifest-region-code" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="regionName" label={t('ws.region')} rules={[{ required: true, message: t('ws.required') }]}>
              <Input data-testid="manifest-region-name" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="regionLevel" label={t('ws.regionLevel')}>
              <Select style={{ width: 140 }} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
          </Space>
          {ext && (
            <Form.Item
              name="range"
              label={t('mf.range')}
              extra={t('mf.rangeHelp', {
                base: w.base ? `${w.base.packId}@${w.base.version}` : ext.id,
                versions: installed.join(lang === 'zh' ? '、' : ', ') || '—',
              })}
              rules={[{ required: true, message: t('ws.required') }]}
            >
              <Input addonBefore={ext.id} data-testid="manifest-extends-range" style={{ width: 360 }} />
            </Form.Item>
          )}
          <Form.Item name="englishNames" label={t('mf.require')} valuePropName="checked">
            <Checkbox data-testid="manifest-require-english">{t('mf.englishNames')}</Checkbox>
          </Form.Item>
          <Form.Item name="description" label={t('mf.description')}>
            <Input.TextArea rows={3} data-testid="manifest-description" />
          </Form.Item>
          <Form.Item name="notes" label={t('mf.notes')}>
            <Input.TextArea rows={2} data-testid="manifest-notes" />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="manifest-error"
              message={error.message}
              description={
                error.fields.length > 0 && (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {error.fields.map((f) => (
                      <li key={`${f.pointer}:${f.text}`}>
                        <Typography.Text code>{f.pointer || '/'}</Typography.Text> {f.text}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          {saved && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('mf.saved')}
              data-testid="manifest-saved"
            />
          )}
          {rebased && <RebaseReport t={t} lang={lang} rebased={rebased} />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="manifest-save">
            {t('item.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('mf.removed')} data-testid="manifest-removed">
        <Table<Removal>
          size="small"
          rowKey={(r) => `${r.kind}/${r.code}`}
          dataSource={removals}
          pagination={false}
          locale={{ emptyText: t('mf.noneRemoved') }}
          onRow={(r) => ({ 'data-removed': `${r.kind}/${r.code}` }) as never}
          columns={[
            { title: t('kind'), key: 'kind', render: (_, r) => kindLabel(r.kind, lang) },
            { title: t('code'), dataIndex: 'code' },
            { title: t('mf.reason'), dataIndex: 'reason' },
            {
              title: '',
              key: 'restore',
              render: (_, r) => (
                <Popconfirm
                  title={t('mf.restoreConfirm', { code: r.code })}
                  okText={t('mf.restore')}
                  cancelText={t('item.cancel')}
                  onConfirm={() => {
                    const rest = removals.filter((x) => x.kind !== r.kind || x.code !== r.code);
                    const { remove: _gone, ...others } = m;
                    return save(rest.length > 0 ? { ...others, remove: rest } : others);
                  }}
                >
                  <Button size="small" data-testid="restore-item">
                    {t('mf.restore')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Which version the copy moved onto, and the errors that came with the save (the platform answers those the copy did not have). */
function RebaseReport(props: { t: T; lang: Lang; rebased: Rebased }) {
  const { t, lang, rebased } = props;
  const errors = rebased.issues.filter((i) => i.severity === 'error');
  const at = (b: Base) => `${b.packId}@${b.version}`;
  return (
    <Alert
      type={errors.length > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="manifest-rebased"
      message={t('mf.rebased', { to: at(rebased.to), from: at(rebased.from) })}
      description={
        errors.length === 0 ? (
          t('mf.rebaseClean')
        ) : (
          <>
            {t('mf.rebaseIssues', { n: errors.length })}
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="manifest-rebase-issues">
              {errors.slice(0, 20).map((i) => (
                <li key={`${i.code}:${i.kind}:${i.itemCode}:${i.pointer}`} data-issue={i.code}>
                  {i.kind && i.itemCode && (
                    <Typography.Text code>{`${kindLabel(i.kind, lang)} ${i.itemCode}`}</Typography.Text>
                  )}{' '}
                  {i.message[lang]}
                </li>
              ))}
            </ul>
          </>
        )
      }
    />
  );
}
