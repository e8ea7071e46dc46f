/**
 * An item of a working copy, edited (#14): the item editor (form + Monaco, loaded on opening),
 * 保存 → the platform writes the smallest override and answers with it, shown beside the base
 * value; 恢复为基础值 removes the override. A save another implementer made meanwhile (409) is
 * said so, with a reload; the schema's refusals (422) are shown on their fields. 删除 removes an
 * item this pack added; 从本包移除 removes a base item in the manifest's `remove`, with a reason;
 * 复制为新条目 starts a new item of the same kind from this one's value under a new code.
 */
import type { ItemKind } from '@yifa/metamodel';
import { Alert, Button, Card, Col, Input, Modal, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Bilingual, type WorkspaceItem } from '../api.ts';
import type { FieldError } from '../editor/SchemaForm.tsx';
import type { Lang } from '../messages.ts';
import { asApiError, type T, useLoad } from '../use-load.ts';
import { kindLabel, OriginTag, type WorkspaceNav } from './common.tsx';

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
  /** A new item copied from the item of this code (same kind). */
  from?: string;
  /** After a new item's first save. */
  onCreated?: () => void;
  back: () => void;
  nav: WorkspaceNav;
}) {
  const { t, lang, id, kind, code } = props;
  const isNew = props.isNew === true;
  const loaded = useLoad(
    () => (isNew ? newItem(id, kind, code, props.from) : api.workspaceItem(id, kind, code)),
    `${id}/${kind}/${code}/${isNew}/${props.from ?? ''}`,
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

  const removeAdded = async () => {
    if (revision === undefined) return;
    setBusy(true);
    try {
      await api.deleteItem(id, kind, code, revision);
      props.back();
    } catch (e) {
      const err = asApiError(e);
      setStatus(
        err.status === 409 ? { kind: 'stale', message: err.text[lang] } : { kind: 'error', message: err.text[lang] },
      );
      setBusy(false);
    }
  };

  const value = useMemo(() => item?.value ?? {}, [item?.value]);
  // Validation as you type and the rule bench (its golden cases move the copy's revision).
  const copy = useMemo(() => ({ id, revision, onRevision: setRevision }), [id, revision]);
  if (loaded.error) return <Alert type="error" message={loaded.error.text[lang]} data-testid="ws-item-error" />;
  if (!item) return <Spin />;
  // A new item copied from another still has that item's name until it is saved: not shown as its own.
  const name = isNew ? '' : String((lang === 'en' && item.value.nameEn) || item.value.name || '');
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
            {!isNew && <CopyAsNew t={t} lang={lang} id={id} kind={kind} code={code} nav={props.nav} />}
            {!isNew && item.origin === 'added' && (
              <Popconfirm
                title={t('item.deleteConfirm', { code })}
                onConfirm={removeAdded}
                okText={t('item.delete')}
                cancelText={t('item.cancel')}
              >
                <Button danger loading={busy} data-testid="delete-item">
                  {t('item.delete')}
                </Button>
              </Popconfirm>
            )}
            {!isNew && item.origin !== 'added' && revision !== undefined && (
              <RemoveBaseItem
                t={t}
                lang={lang}
                id={id}
                kind={kind}
                code={code}
                revision={revision}
                onRemoved={props.back}
              />
            )}
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

/** A new item's first value: its code alone, or a copy of the item `from` (same kind) under the new code. */
async function newItem(id: string, kind: string, code: string, from?: string): Promise<WorkspaceItem> {
  const value = from ? { ...(await api.workspaceItem(id, kind, from)).value, code } : { code };
  return { value, base: null, patch: null, file: null, origin: 'added' };
}

const CODE = /^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/;

/** 复制为新条目: a new code (refused when the copy has it), then the editor on a copy of this item. */
function CopyAsNew(props: { t: T; lang: Lang; id: string; kind: string; code: string; nav: WorkspaceNav }) {
  const { t, lang, id, kind, code, nav } = props;
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    const c = next.trim();
    if (!CODE.test(c)) return setError(t('item.codeBad'));
    setBusy(true);
    try {
      const { items } = await api.workspaceItems(id, kind, c);
      if (items.some((i) => i.code === c)) setError(t('item.codeTaken', { code: c }));
      else {
        setOpen(false);
        nav.create(kind, c, code);
      }
    } catch (e) {
      setError(asApiError(e).text[lang]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="copy-item">
        {t('item.copy')}
      </Button>
      <Modal
        open={open}
        title={t('item.copyTitle', { code })}
        onCancel={() => setOpen(false)}
        onOk={start}
        okText={t('item.newStart')}
        cancelText={t('item.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'copy-item-start' } as never}
        destroyOnClose
      >
        <Input
          autoFocus
          placeholder={t('item.newCode')}
          value={next}
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setNext(e.target.value);
            setError(undefined);
          }}
          onPressEnter={start}
          data-testid="copy-item-code"
        />
        {error && (
          <Typography.Text type="danger" data-testid="copy-item-error">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}

/** 从本包移除: a base item removed in the manifest's `remove`, with the reason the pack records. */
function RemoveBaseItem(props: {
  t: T;
  lang: Lang;
  id: string;
  kind: string;
  code: string;
  revision: number;
  onRemoved: () => void;
}) {
  const { t, lang, id, kind, code, revision } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (reason.trim() === '') return setError(t('item.removeReasonNeeded'));
    setBusy(true);
    try {
      await api.removeBaseItem(id, { kind, code, reason: reason.trim(), revision });
      setOpen(false);
      props.onRemoved();
    } catch (e) {
      setError(asApiError(e).text[lang]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="remove-item">
        {t('item.remove')}
      </Button>
      <Modal
        open={open}
        title={t('item.removeTitle', { code })}
        onCancel={() => setOpen(false)}
        onOk={remove}
        okText={t('item.remove')}
        cancelText={t('item.cancel')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'remove-item-confirm' } as never}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">{t('item.removeHelp')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('item.removeReason')}
          value={reason}
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
          data-testid="remove-item-reason"
        />
        {error && (
          <Typography.Text type="danger" data-testid="remove-item-error">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}
