/** The required fields of a draft still empty, by their titles: the document cannot be issued until they are filled. */

import type { DocumentForm } from '@yifa/metamodel';
import type { FormState } from '@yifa/rules';
import { missingFields } from '@yifa/ui';
import { Alert } from 'antd';
import { useT } from '../i18n.tsx';
import { joinList } from '../message-format.ts';

/** Props of MissingList. */
export interface MissingListProps {
  form: DocumentForm;
  values: Record<string, unknown>;
  state: FormState;
  /** Whether the reader issues the form (签发); a complete draft someone else issues is only "filled". */
  mayIssue?: boolean;
}

/** The "still missing" note of a draft. */
export function MissingList({ form, values, state, mayIssue = true }: MissingListProps) {
  const { t, lang } = useT();
  const missing = missingFields(form, values, state);
  if (missing.length === 0)
    return (
      <Alert
        type="success"
        showIcon
        message={form.issued && mayIssue ? t('document.complete') : t('document.completeRecord')}
        style={{ marginBottom: 12 }}
        data-testid="doc-complete"
      />
    );
  const titles = missing.map((name) => {
    const f = form.fields.find((x) => x.name === name);
    return lang === 'en' && f?.titleEn ? f.titleEn : (f?.title ?? name);
  });
  return (
    <Alert
      type="info"
      showIcon
      message={t('document.missing', { n: missing.length })}
      description={joinList(titles, lang)}
      style={{ marginBottom: 12 }}
      data-testid="doc-missing"
    />
  );
}
