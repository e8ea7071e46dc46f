/**
 * The pieces the administration screens act through: a button that asks first and then sends one
 * request, and a dialog holding a form whose refusal shows on the field it is about (the
 * platform's problem paths, `/username`, `/roles/1`, name the fields).
 */
import { App, Button, type ButtonProps, Form, type FormInstance, Modal, Popconfirm, Result, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';

/** A button that asks `question`, then runs `run`; a refusal shows in `onError`'s banner. */
export function ConfirmAction({
  label,
  question,
  run,
  onError,
  testId,
  danger,
}: {
  label: string;
  question: string;
  run: () => Promise<unknown>;
  onError: (e: ApiError | null) => void;
  testId: string;
  danger?: boolean;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    onError(null);
    try {
      await run();
      message.success(t('admin.saved'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={question}
      okText={t('admin.confirm')}
      cancelText={t('admin.cancel')}
      onConfirm={() => confirm()}
      okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
    >
      <Button size="small" danger={danger} loading={busy} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}

/** Puts the platform's field problems on the form's fields; true when any landed on one. */
export function showFieldProblems(form: FormInstance, e: ApiError, pick: (m: ApiError['text']) => string): boolean {
  const fields = (e.details.problems ?? []).map((p) => ({
    name: p.path.split('/').filter(Boolean)[0] ?? '',
    errors: [pick(p.message)],
  }));
  const known = fields.filter((f) => f.name && form.getFieldInstance(f.name) !== undefined);
  form.setFields(known);
  return known.length > 0;
}

/**
 * A dialog with a form: OK submits it, `send` makes the request; on success it closes and
 * `onDone` runs, on a refusal the dialog stays open with the reason on its field and above.
 */
export function FormDialog<V extends object>({
  open,
  title,
  hint,
  form,
  send,
  onClose,
  onDone,
  children,
  testId,
  initial,
}: {
  open: boolean;
  /** The values the form opens with (the record as it is). */
  initial?: Partial<V>;
  title: string;
  hint?: string;
  form: FormInstance<V>;
  send: (values: V) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  children: ReactNode;
  testId: string;
}) {
  const { t, pick } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  // Once the dialog (and its form) is open: the record's values, not the last one's.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial) form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, initial, form]);
  const submit = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      await send(values);
      form.resetFields();
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      showFieldProblems(form, e, pick);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      okButtonProps={{ 'data-testid': `${testId}-ok` } as ButtonProps}
    >
      <div data-testid={testId}>
        {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
        <ErrorAlert error={error} />
        <Form<V> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
          {children}
        </Form>
      </div>
    </Modal>
  );
}

/** What a screen shows to someone whose roles do not do its work (the platform would refuse every request). */
export function Refused({ who }: { who: 'system' | 'security' }) {
  const { t } = useT();
  return (
    <div data-testid="admin-refused">
      <Result
        status="403"
        title="403"
        subTitle={t('admin.refused', { who: t(who === 'system' ? 'admin.refused.system' : 'admin.refused.security') })}
      />
    </div>
  );
}
