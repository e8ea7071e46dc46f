/**
 * The review's document on the review page: the fields of the 法制审核意见书 that the opinion does
 * not fill (法制审核情形, 送审材料, 修改建议 …), rendered by the pack's own form, so the reviewer
 * enters the opinion and the document once, together. The opinion's fields (`source: review.*`:
 * conclusion, checklist, reasons, reviewer, dates) are left out here: the server fills them.
 */
import type { DocumentForm as FormDef } from '@yifa/metamodel';
import { DocumentForm } from '@yifa/ui';
import { Card, Skeleton } from 'antd';
import { useMemo } from 'react';
import type { Bilingual } from '../api.ts';
import { useCaseRules } from '../case-rules.ts';
import { useT } from '../i18n.tsx';
import type { ReviewDocumentView } from '../types.ts';
import { useIsPhone } from '../use-phone.ts';

/** Props of ReviewDocumentFields. */
export interface ReviewDocumentFieldsProps {
  caseId: string;
  document: ReviewDocumentView;
  /** The opinion chosen so far, in the document's words (同意 …), for the form's rules that read it. */
  opinion?: string | undefined;
  errors: Readonly<Record<string, Bilingual[]>>;
  onChange: (values: Record<string, unknown>) => void;
}

/** The form without the fields the opinion fills, and without the rules that set only those. */
function remainingForm(def: FormDef, fromReview: readonly string[]): FormDef {
  const omitted = new Set(fromReview);
  return {
    ...def,
    fields: def.fields.filter((f) => !omitted.has(f.name)) as FormDef['fields'],
    ...(def.rules ? { rules: def.rules.filter((r) => r.fields.every((f) => !omitted.has(f))) } : {}),
  };
}

/** The review document's fields the reviewer enters beside the opinion. */
export function ReviewDocumentFields({ caseId, document, opinion, errors, onChange }: ReviewDocumentFieldsProps) {
  const { t, lang, name } = useT();
  const phone = useIsPhone();
  const { rules } = useCaseRules(caseId);
  const full = rules?.form(document.form);
  const def = useMemo(() => full && remainingForm(full, document.fromReview), [full, document.fromReview]);
  // The rules read the opinion (a suggestion is required unless agreeing) as the server will fill it.
  const context = useMemo(
    () => rules && { ...rules.context, facts: { ...rules.context.facts, ...(opinion ? { opinion } : {}) } },
    [rules, opinion],
  );
  return (
    <Card
      size="small"
      type="inner"
      title={t('review.documentTitle', { name: name(document.name, document.nameEn) })}
      data-testid="review-document"
      style={{ marginBottom: 16 }}
    >
      <p style={{ marginTop: 0 }}>{t('review.documentHint')}</p>
      {def && rules && context ? (
        <DocumentForm
          form={def}
          value={document.data}
          env={rules.env}
          context={context}
          errors={errors}
          lang={lang}
          phone={phone}
          onChange={(values) => onChange(values)}
        />
      ) : (
        <Skeleton active />
      )}
    </Card>
  );
}
