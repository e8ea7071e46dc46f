/**
 * The authority list (权责清单) from Excel and back, for one working copy (#14): choose an .xlsx
 * with the columns governments publish → the server's preview, row by row (新增 / 修改 with each
 * field before and after / 未变 / 拒绝 with the reason per column) → 应用 writes every added and
 * changed item in one save (refused while a row is rejected, unless the implementer chooses to
 * skip those rows); 导出 Excel downloads the working copy's list in the same columns. Everything
 * is decided on the server (POST …/authority-items/import, GET …/authority-items.xlsx); this
 * screen only shows it. Its texts are here, Chinese first, English complete.
 */
import { Alert, Button, Card, Checkbox, Space, Table, Tag, Typography, Upload } from 'antd';
import { type HTMLAttributes, useState } from 'react';

type Lang = 'zh' | 'en';
interface Bilingual {
  zh: string;
  en: string;
}

/** A refused cell of a row (the server's RowIssue). */
interface RowIssue {
  column: string;
  header: string;
  headerEn: string;
  code: string;
  message: Bilingual;
  value?: string;
}

/** One row of the preview (the server's PlanRow). */
type PlanRow = { row: number; code: string; name?: string } & (
  | { action: 'add'; value: unknown }
  | {
      action: 'change';
      value: unknown;
      changes: { field: string; column: string; before?: unknown; after?: unknown }[];
    }
  | { action: 'unchanged' }
  | { action: 'reject'; issues: RowIssue[] }
);

/** The server's preview of an import. */
export interface AuthorityPlan {
  sheetName: string;
  headerRow: number;
  columns: { key: string; header: string; letter: string }[];
  unstored: { header: string; headerEn: string; letter: string }[];
  counts: { add: number; change: number; unchanged: number; reject: number };
  rows: PlanRow[];
  applied?: { revision: number; saved: number; skipped: number };
}

const TEXT = {
  zh: {
    title: '权责清单 Excel 导入导出',
    intro: '上传按政府公布格式编制的权责清单（.xlsx），先预览每一行将新增、修改、不变还是被拒绝，再整体应用。',
    choose: '选择 Excel 文件',
    export: '导出 Excel',
    reading: '正在读取……',
    sheet: '工作表“{sheet}”，列标题在第 {row} 行',
    unstored: '以下列不导入（权责清单事项没有对应字段）：{cols}',
    add: '新增',
    change: '修改',
    unchanged: '未变',
    reject: '拒绝',
    row: '行',
    code: '事项编码',
    name: '事项名称',
    result: '结果',
    detail: '说明',
    onlyChanges: '只显示新增、修改和拒绝的行',
    skipRejected: '跳过被拒绝的行，只应用其余的行',
    apply: '应用',
    applied: '已应用：保存 {saved} 条，跳过 {skipped} 条被拒绝的行；工作副本修订号 {revision}',
    rejectedBlock: '有 {n} 行被拒绝：请修改表格后重新上传，或选择跳过这些行',
    nothing: '没有需要新增或修改的事项',
    absent: '（无）',
  },
  en: {
    title: 'Authority list from and to Excel',
    intro:
      'Upload an authority list (.xlsx) in the columns governments publish; preview what each row adds, changes, leaves or is rejected for, then apply it as a whole.',
    choose: 'Choose an Excel file',
    export: 'Export to Excel',
    reading: 'Reading…',
    sheet: 'Sheet “{sheet}”, headers in row {row}',
    unstored: 'These columns are not imported (an authority item has no field for them): {cols}',
    add: 'Add',
    change: 'Change',
    unchanged: 'Unchanged',
    reject: 'Rejected',
    row: 'Row',
    code: 'Item code',
    name: 'Item name',
    result: 'Result',
    detail: 'Details',
    onlyChanges: 'Show only rows that add, change or are rejected',
    skipRejected: 'Skip the rejected rows and apply the others',
    apply: 'Apply',
    applied: 'Applied: {saved} saved, {skipped} rejected rows skipped; working copy revision {revision}',
    rejectedBlock: '{n} rows are rejected: correct the sheet and upload it again, or choose to skip them',
    nothing: 'Nothing to add or change',
    absent: '(none)',
  },
} as const;

type Key = keyof (typeof TEXT)['zh'];
const COLORS = { add: 'green', change: 'blue', unchanged: 'default', reject: 'red' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const short = (v: unknown, absent: string) => {
  if (v === undefined) return absent;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
  return res.ok ? (((await res.json()) as { csrfToken?: string }).csrfToken ?? '') : '';
}

/** Sends the workbook; answers the preview or the platform's message. */
async function postSheet(
  workspaceId: string,
  bytes: ArrayBuffer,
  query: string,
): Promise<{ ok: true; plan: AuthorityPlan } | { ok: false; message: Bilingual; plan?: AuthorityPlan }> {
  const res = await fetch(
    `/api/v1/studio/workspaces/${encodeURIComponent(workspaceId)}/authority-items/import?${query}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': XLSX, 'x-csrf-token': await csrfToken() },
      body: bytes,
    },
  );
  const body = (await res.json().catch(() => ({}))) as AuthorityPlan & {
    error?: { message?: Bilingual; details?: { plan?: AuthorityPlan } };
  };
  if (res.ok) return { ok: true, plan: body };
  return {
    ok: false,
    message: body.error?.message ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` },
    ...(body.error?.details?.plan ? { plan: body.error.details.plan } : {}),
  };
}

/** The import / export screen of a working copy; `onApplied` gets the copy's new revision. */
export function AuthorityExcel(props: {
  lang: Lang;
  workspaceId: string;
  revision: number;
  onApplied?: (revision: number) => void;
}) {
  const { lang, workspaceId, revision, onApplied } = props;
  const t = (key: Key, params: Record<string, string | number> = {}) =>
    TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  const [file, setFile] = useState<ArrayBuffer>();
  const [plan, setPlan] = useState<AuthorityPlan>();
  const [error, setError] = useState<Bilingual>();
  const [busy, setBusy] = useState(false);
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [skip, setSkip] = useState(false);
  const [done, setDone] = useState<AuthorityPlan['applied']>();

  const send = async (bytes: ArrayBuffer, apply: boolean) => {
    setBusy(true);
    setError(undefined);
    const query = apply ? `apply=1&revision=${revision}${skip ? '&skipRejected=1' : ''}` : 'apply=0';
    const answer = await postSheet(workspaceId, bytes, query).catch((e: unknown) => ({
      ok: false as const,
      message: { zh: String(e), en: String(e) },
    }));
    setBusy(false);
    if (!answer.ok) {
      setError(answer.message);
      if ('plan' in answer && answer.plan) setPlan(answer.plan);
      return;
    }
    setPlan(answer.plan);
    if (answer.plan.applied) {
      setDone(answer.plan.applied);
      onApplied?.(answer.plan.applied.revision);
    }
  };

  const rows = plan ? plan.rows.filter((r) => !onlyChanges || r.action !== 'unchanged') : [];
  const writes = plan ? plan.counts.add + plan.counts.change : 0;
  const exportHref = `/api/v1/studio/workspaces/${encodeURIComponent(workspaceId)}/authority-items.xlsx`;
  return (
    <Card title={t('title')} data-testid="authority-excel">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        <Space wrap>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              setDone(undefined);
              void f.arrayBuffer().then((bytes) => {
                setFile(bytes);
                return send(bytes, false);
              });
              return false;
            }}
          >
            <Button type="primary" loading={busy} data-testid="authority-choose">
              {t('choose')}
            </Button>
          </Upload>
          <Button href={exportHref} download data-testid="authority-export">
            {t('export')}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon message={error[lang]} data-testid="authority-error" />}
        {done && <Alert type="success" showIcon message={t('applied', { ...done })} data-testid="authority-applied" />}
        {plan && (
          <>
            <Space wrap data-testid="authority-counts">
              <Typography.Text>{t('sheet', { sheet: plan.sheetName, row: plan.headerRow })}</Typography.Text>
              {(['add', 'change', 'unchanged', 'reject'] as const).map((a) => (
                <Tag key={a} color={COLORS[a]} data-count={a}>
                  {t(a)} {plan.counts[a]}
                </Tag>
              ))}
            </Space>
            {plan.unstored.length > 0 && (
              <Alert
                type="warning"
                showIcon
                message={t('unstored', {
                  cols: plan.unstored.map((u) => `${lang === 'zh' ? u.header : u.headerEn}（${u.letter}）`).join('、'),
                })}
              />
            )}
            <Checkbox checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)}>
              {t('onlyChanges')}
            </Checkbox>
            <Table<PlanRow>
              size="small"
              rowKey={(r) => String(r.row)}
              dataSource={rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              onRow={(r) => ({ 'data-action': r.action, 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 60 },
                { title: t('code'), dataIndex: 'code', width: 180 },
                { title: t('name'), dataIndex: 'name' },
                {
                  title: t('result'),
                  width: 90,
                  render: (_, r) => <Tag color={COLORS[r.action]}>{t(r.action)}</Tag>,
                },
                { title: t('detail'), render: (_, r) => <RowDetail row={r} lang={lang} absent={t('absent')} /> },
              ]}
            />
            {plan.counts.reject > 0 && (
              <Space direction="vertical">
                <Alert type="warning" showIcon message={t('rejectedBlock', { n: plan.counts.reject })} />
                <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="authority-skip">
                  {t('skipRejected')}
                </Checkbox>
              </Space>
            )}
            {writes === 0 && <Typography.Text type="secondary">{t('nothing')}</Typography.Text>}
            <Button
              type="primary"
              disabled={!file || writes === 0 || (plan.counts.reject > 0 && !skip) || !!plan.applied}
              loading={busy}
              onClick={() => file && void send(file, true)}
              data-testid="authority-apply"
            >
              {t('apply')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}

function RowDetail({ row, lang, absent }: { row: PlanRow; lang: Lang; absent: string }) {
  if (row.action === 'reject')
    return (
      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
        {row.issues.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's issues are a fixed list that never reorders
          <li key={n} data-issue={i.code} data-column={i.column}>
            <Typography.Text strong>{lang === 'zh' ? i.header : i.headerEn}</Typography.Text>：{i.message[lang]}
          </li>
        ))}
      </ul>
    );
  if (row.action === 'change')
    return (
      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
        {row.changes.map((c) => (
          <li key={c.field} data-field={c.field}>
            <Typography.Text code>{c.field}</Typography.Text> {short(c.before, absent)} → {short(c.after, absent)}
          </li>
        ))}
      </ul>
    );
  return null;
}
