/**
 * An item of a working copy, edited (#14): the item editor (form + Monaco, loaded on opening),
 * 保存 → the platform writes the smallest override and answers with it, shown beside the base
 * value; 恢复为基础值 removes the override. A save another implementer made meanwhile (409) is
 * said so, with a reload; the schema's refusals (422) are shown on their fields.
 */
import type { ItemKind } from '@yifa/metamodel';
import { Alert, Button, Card, Col, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Bilingual, type WorkspaceItem } from '../api.ts';
import type { FieldError } from '../editor/SchemaForm.tsx';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';
import { kindLabel, OriginTag } from './common.tsx';

const ItemEditor = lazy(() => import('../editor/ItemEditor.tsx'));

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto' } as const;

/** A refusal's field problems, whatever list the platform put them in. */
export function fieldErrors(details: unknown): FieldError[] {
  if (typeof details !== 'object' || details === null) return [];
  const lists = Array.isArray(details) ? [details] : Object.values(details).filter(Array.isArray);
  const out: FieldError[] = [];
  for (const list of lists) {
    for (const e of list as Record<string, unknown>[]) {
      const pointer = e.pointer ?? e.instancePath ?? e.path;
      const m = e.message;
      if (typeof pointer !== 'string') continue;
      const message: Bilingual =
        typeof m === 'string'
          ? { zh: m, en: m }
          : ((m as Bilingual | undefined) ?? { zh: '不符合格式', en: 'invalid' });
      out.push({ pointer, message });
    }
  }
  return out;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saved'; patch: unknown }
  | { kind: 'reverted' }
  | { kind: 'stale'; message: string }
  | { kind: 'error'; message: string };

export function WorkspaceItemPage(props: {
  t: T;
  lang: Lang;
  id: string;
  kind: string;
  code: string;
  pointer?: string;
  /** A new item of this code, not saved yet: the editor starts from its code alone. */
  isNew?: boolean;
  /** After a new item's first save. */
  onCreated?: () => void;
  back: () => void;
}) {
  const { t, lang, id, kind, code } = props;
  const isNew = props.isNew === true;
  const loaded = useLoad(
    () =>
      isNew
        ? Promise.resolve<WorkspaceItem>({ value: { code }, base: null, patch: null, file: null, origin: 'added' })
        : api.workspaceItem(id, kind, code),
    `${id}/${kind}/${code}/${isNew}`,
  );
  const ws = useLoad(() => api.workspace(id), `ws:${id}`);
  const [revision, setRevision] = useState<number>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [item, setItem] = useState<WorkspaceItem>();
  const [resetKey, setResetKey] = useState('0');
  const edited = useRef<Record<string, unknown>>();

  useEffect(() => {
    if (loaded.value) {
      setItem(loaded.value);
      edited.current = loaded.value.value;
      setResetKey((k) => `${Number(k) + 1}`);
      setDirty(false);
    }
  }, [loaded.value]);
  useEffect(() => {
    if (ws.value) setRevision(ws.value.revision);
  }, [ws.value]);
  // An issue opened from the validation panel: its field is marked in the form.
  useEffect(() => {
    if (!props.pointer || !ws.value) return;
    const mine = ws.value.issues.filter((i) => i.kind === kind && i.itemCode === code && i.pointer);
    setErrors(mine.map((i) => ({ pointer: i.pointer as string, message: i.message })));
  }, [props.pointer, ws.value, kind, code]);

  const onChange = useCallback((v: Record<string, unknown>) => {
    edited.current = v;
    setDirty(true);
  }, []);

  const reload = useCallback(() => {
    setStatus({ kind: 'idle' });
    setErrors([]);
    loaded.reload();
    ws.reload();
  }, [loaded, ws]);

  const save = async () => {
    if (revision === undefined || !edited.current) return;
    setBusy(true);
    try {
      const saved = await api.saveItem(id, kind, code, edited.current, revision);
      setRevision(saved.revision);
      setErrors([]);
      setDirty(false);
      setStatus({ kind: 'saved', patch: saved.patch });
      if (isNew) props.onCreated?.();
      // A base item with an override is overridden; one whose edit came back to the base value is not.
      setItem((it) =>
        it
          ? {
              ...it,
              value: edited.current ?? it.value,
              patch: saved.patch,
              file: saved.file,
              origin: it.origin === 'added' ? 'added' : saved.patch === null ? 'base' : 'overridden',
            }
          : it,
      );
    } catch (e) {
      const err = asApiError(e);
      if (err.status === 409) setStatus({ kind: 'stale', message: err.text[lang] });
      else {
        setErrors(fieldErrors(err.details));
        setStatus({ kind: 'error', message: err.text[lang] });
      }
    } finally {
      setBusy(false);
    }
  };

  const revert = async () => {
    if (revision === undefined) return;
    setBusy(true);
    try {
      const r = await api.revertItem(id, kind, code, revision);
      setRevision(r.revision);
      setStatus({ kind: 'reverted' });
      setErrors([]);
      loaded.reload();
    } catch (e) {
      const err = asApiError(e);
      setStatus(
        err.status === 409 ? { kind: 'stale', message: err.text[lang] } : { kind: 'error', message: err.text[lang] },
      );
    } finally {
      setBusy(false);
    }
  };

  const value = useMemo(() => item?.value ?? {}, [item?.value]);
  // Validation as you type and the rule bench (its golden cases move the copy's revision).
  const copy = useMemo(() => ({ id, revision, onRevision: setRevision }), [id, revision]);
  if (loaded.error) return <Alert type="error" message={loaded.error.text[lang]} data-testid="ws-item-error" />;
  if (!item) return <Spin />;
  const name = String((lang === 'en' && item.value.nameEn) || item.value.name || '');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="ws-item">
      <Card
        size="small"
        title={
          <Space>
            <Tag color="blue">{kindLabel(kind, lang)}</Tag>
            <span>{name}</span>
            <Typography.Text code>{code}</Typography.Text>
            {isNew ? <Tag color="green">{t('item.new')}</Tag> : <OriginTag origin={item.origin} t={t} />}
          </Space>
        }
        extra={
          <Space>
            {dirty && (
              <Tag color="gold" data-testid="unsaved">
                {t('item.unsaved')}
              </Tag>
            )}
            <Button onClick={props.back} data-testid="back">
              {t('back')}
            </Button>
            {item.origin === 'overridden' && (
              <Popconfirm
                title={t('item.revertConfirm')}
                onConfirm={revert}
                okText={t('item.revert')}
                cancelText={t('item.cancel')}
              >
                <Button danger loading={busy} data-testid="revert">
                  {t('item.revert')}
                </Button>
              </Popconfirm>
            )}
            <Button type="primary" loading={busy} onClick={save} disabled={revision === undefined} data-testid="save">
              {t('item.save')}
            </Button>
          </Space>
        }
      >
        {item.file && (
          <Typography.Text type="secondary">
            {t('item.file')}：<Typography.Text code>{item.file}</Typography.Text>
          </Typography.Text>
        )}
        {status.kind === 'saved' && (
          <Alert style={{ marginTop: 8 }} type="success" showIcon message={t('item.saved')} data-testid="saved" />
        )}
        {status.kind === 'reverted' && (
          <Alert style={{ marginTop: 8 }} type="success" showIcon message={t('item.reverted')} data-testid="reverted" />
        )}
        {status.kind === 'stale' && (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            data-testid="stale"
            message={t('item.stale')}
            description={status.message}
            action={<Button onClick={reload}>{t('item.reload')}</Button>}
          />
        )}
        {status.kind === 'error' && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            data-testid="save-error"
            message={status.message}
            description={
              errors.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {errors.map((e) => (
                    <li key={`${e.pointer}:${e.message.en}`}>
                      <Typography.Text code>{e.pointer || '/'}</Typography.Text> {e.message[lang]}
                    </li>
                  ))}
                </ul>
              )
            }
          />
        )}
      </Card>
      {item.origin !== 'added' && (
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title={t('item.override')} data-testid="override">
              {item.patch === null || item.patch === undefined ? (
                <Typography.Text type="secondary">{t('item.noOverride')}</Typography.Text>
              ) : (
                <pre style={{ ...pre, background: '#f6ffed' }} data-testid="patch">
                  {pretty(item.patch)}
                </pre>
              )}
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('item.baseValue')} data-testid="base-value">
              {item.base ? (
                <pre style={{ ...pre, background: '#fafafa' }}>{pretty(item.base)}</pre>
              ) : (
                <Typography.Text type="secondary">{t('absent')}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <Suspense fallback={<Spin data-testid="editor-loading" />}>
        <ItemEditor
          copy={copy}
          kind={kind as ItemKind}
          code={code}
          value={value}
          resetKey={resetKey}
          lang={lang}
          errors={errors}
          onChange={onChange}
          workspace={id}
        />
      </Suspense>
    </Space>
  );
}
