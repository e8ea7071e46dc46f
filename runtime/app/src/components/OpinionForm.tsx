/**
 * The reviewer's opinion: the seven checks (主体、程序、事实证据、依据与裁量、文书、涉嫌犯罪、其他)
 * and agree / agree after changes / disagree, with a comment required unless agreeing — and, on
 * the same page, the rest of the review's document (the 法制审核意见书), which the opinion fills:
 * one submit records the opinion, fills the document and takes 审核同意 (the server does all three
 * or none). The server refuses an agreement while a check finds a problem, and a document that
 * could not be issued; its messages show on the checks and the document's fields.
 */
import { App, Button, Card, Checkbox, Form, Input, Radio } from 'antd';
import { useRef, useState } from 'react';
import { api, type Bilingual } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import type { ReviewDocumentView } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ReviewDocumentFields } from './ReviewDocumentFields.tsx';

const CHECKS = [
  'subjectLawful',
  'procedureLawful',
  'factsClear',
  'lawCorrectDiscretionProper',
  'documentsComplete',
  'crimeReferral',
  'other',
] as const;
const PASSING = new Set(CHECKS.slice(0, 5));
/** The opinion in the words of the 法制审核意见书 (the server fills the document with them). */
const WORDS: Record<string, string> = { agree: '同意', 'agree-after-change': '修改后同意', disagree: '不同意' };

/** Props of OpinionForm. */
export interface OpinionFormProps {
  reviewId: string;
  /** The case under review, and the document its opinion fills, if its step has one. */
  caseId?: string;
  document?: ReviewDocumentView | null | undefined;
  onDone: () => void;
}

/** The opinion form of a pending review. */
export function OpinionForm({ reviewId, caseId, document, onDone }: OpinionFormProps) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { busy, error, setError, submit: send } = useSubmit();
  const opinion = Form.useWatch('opinion', form) as string | undefined;
  // What the reviewer entered of the document, and the server's problems with it, by field.
  const entered = useRef<Record<string, unknown>>({});
  const [docErrors, setDocErrors] = useState<Record<string, Bilingual[]>>({});
  // The document's 审核意见及理由 is the comment: required with the document, whatever the opinion.
  const commentRequired = !!document || (opinion !== undefined && opinion !== 'agree');

  const submit = async (v: { checks: string[]; opinion: string; comment?: string }) => {
    await send(
      async () => {
        const checklist = Object.fromEntries(CHECKS.map((k) => [k, v.checks.includes(k)]));
        const fromReview = new Set(document?.fromReview ?? []);
        const documentData = Object.fromEntries(
          Object.entries(entered.current).filter(([k, x]) => !fromReview.has(k) && x !== undefined),
        );
        setDocErrors({});
        await api.post(`/reviews/${reviewId}/opinion`, {
          opinion: v.opinion,
          checklist,
          ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
          ...(document ? { document: documentData } : {}),
        });
        message.success(t('review.submitted'));
        onDone();
      },
      {
        onError: (e) => {
          const onComment = (e.details.problems ?? []).filter((p) => p.path === '/comment').map((p) => pick(p.message));
          const onChecks = (e.details.problems ?? [])
            .filter((p) => p.path.startsWith('/checklist'))
            .map((p) => pick(p.message));
          const onOpinion = (e.details.problems ?? []).filter((p) => p.path === '/opinion').map((p) => pick(p.message));
          form.setFields([
            { name: 'comment', errors: onComment },
            { name: 'checks', errors: [...new Set(onChecks)] },
            { name: 'opinion', errors: onOpinion },
          ]);
          const byField: Record<string, Bilingual[]> = {};
          for (const p of e.details.problems ?? []) {
            if (!p.path.startsWith('/document/')) continue;
            const field = p.path.slice('/document/'.length).split('/')[0] ?? '';
            byField[field] = [...(byField[field] ?? []), p.message];
          }
          setDocErrors(byField);
        },
      },
    );
  };

  return (
    <Card size="small" title={t('review.opinionTitle')} data-testid="opinion-form">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ checks: [...PASSING] }}>
        <Form.Item name="checks" label={t('review.checklist')} extra={t('review.checklistHint')}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={CHECKS.map((k) => ({ value: k, label: t(`review.check.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={t('review.opinion')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={(['agree', 'agree-after-change', 'disagree'] as const).map((o) => ({
              value: o,
              label: t(`review.opinion.${o}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('review.comment')} required={commentRequired}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="opinion-comment" />
        </Form.Item>
        {document && caseId && (
          <ReviewDocumentFields
            caseId={caseId}
            document={document}
            opinion={opinion ? WORDS[opinion] : undefined}
            errors={docErrors}
            onChange={(values) => {
              entered.current = values;
            }}
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="opinion-submit">
          {t('review.submit')}
        </Button>
      </Form>
    </Card>
  );
}
