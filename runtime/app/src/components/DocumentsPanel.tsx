/**
 * The documents of the case's matter: those the present state calls for first, each with its
 * status (not started, draft, issued with its number) and a button to fill or read it. A new
 * draft is pre-filled by the server from the case, and by the discretion panel's result here.
 */
import { Button, List, Space, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import type { CaseRules } from '../case-rules.ts';
import { decide, discretionValues } from '../discretion.ts';
import { date } from '../format.ts';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { CaseDetail, DocumentRef } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Props of DocumentsPanel. */
export interface DocumentsPanelProps {
  detail: CaseDetail;
  rules: CaseRules | undefined;
  /** The officer's reason for a fine outside the tier, if any. */
  reason: string;
  canEdit: boolean;
}

/** The latest version of each form's document. */
export function latestDocuments(docs: readonly DocumentRef[]): Map<string, DocumentRef> {
  const out = new Map<string, DocumentRef>();
  for (const d of docs) if ((out.get(d.form)?.version ?? 0) < d.version) out.set(d.form, d);
  return out;
}

/** The documents panel. */
export function DocumentsPanel({ detail, rules, reason, canEdit }: DocumentsPanelProps) {
  const { t, named, pick } = useT();
  const { running, error, setError, submit } = useSubmit<string>();
  const { me } = useSession();
  const mine = new Set((me?.roles ?? []).map((r) => r.code));
  // A form someone else issues (签发: a decision is the head's): its draft says who will issue it.
  const issuerOf = (code: string) => {
    const who = rules?.issuers?.[code];
    return who && !who.roles.some((r) => mine.has(r)) ? who.names : undefined;
  };
  const latest = latestDocuments(detail.documents);
  const now = new Set(rules?.stateDocuments ?? []);
  // The matter's documents, and those the current step needs that the matter does not list (e.g. a
  // 送达回证 or a waiver the workflow asks for here), which the server lets this step create.
  const listed = new Set(detail.matter.documents.map((d) => d.code));
  const stepOnly = [...now]
    .filter((code) => !listed.has(code))
    .map((code) => {
      const form = rules?.form(code);
      return { code, name: form?.name ?? code, nameEn: form?.nameEn ?? null, issued: form?.issued ?? false };
    });
  const forms = [...detail.matter.documents, ...stepOnly].sort(
    (a, b) => Number(now.has(b.code)) - Number(now.has(a.code)),
  );

  const open = async (code: string) => {
    const existing = latest.get(code);
    if (existing) return navigate(`/documents/${existing.id}`);
    await submit(
      async () => {
        const def = rules?.form(code);
        const result = rules ? decide(rules, {}, detail.violationDate ?? date(detail.openedAt)) : null;
        const data = def && result?.ok ? discretionValues(def.fields, result.decision, reason || undefined) : {};
        const created = await api.post<{ id: string }>(`/cases/${detail.id}/documents`, { form: code, data });
        navigate(`/documents/${created.id}`);
      },
      { which: code },
    );
  };

  return (
    <>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <List
        size="small"
        dataSource={forms}
        data-testid="documents"
        renderItem={(f) => {
          const doc = latest.get(f.code);
          return (
            <List.Item
              data-form={f.code}
              actions={[
                doc || canEdit ? (
                  <Button
                    key="open"
                    size="small"
                    type={doc?.status === 'issued' ? 'default' : 'primary'}
                    ghost={!doc}
                    loading={running === f.code}
                    onClick={() => open(f.code)}
                  >
                    {doc?.status === 'issued' ? t('documents.read') : doc ? t('documents.edit') : t('documents.create')}
                  </Button>
                ) : null,
              ]}
            >
              <Space wrap size={[6, 2]}>
                <Typography.Text strong={now.has(f.code)}>{named(f)}</Typography.Text>
                {now.has(f.code) && <Tag color="blue">{t('documents.now')}</Tag>}
                {!doc && <Tag>{t('documents.none')}</Tag>}
                {doc?.status === 'draft' && <Tag color="gold">{t('documents.draft', { v: doc.version })}</Tag>}
                {doc?.status === 'draft' && issuerOf(f.code) && (
                  <Tag data-testid="awaits-issuer">
                    {t('documents.awaitsIssuer', { roles: pick(issuerOf(f.code) as { zh: string; en: string }) })}
                  </Tag>
                )}
                {doc?.status === 'issued' && (
                  <Tag color="green" {...(doc.number ? { lang: 'zh-CN' } : {})}>
                    {doc.number ?? t('documents.issued')}
                  </Tag>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </>
  );
}
