/**
 * The procedural facts of a case the officer records as they happen (告知, 听证, 集体讨论 …):
 * the workflow's guards read them, so recording one can open an action that was refused.
 */
import { App, Button, Card, Form } from 'antd';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import type { CaseDetail, FactDefinitionView } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { enteredFacts, FactFields } from './FactFields.tsx';

/** Props of ProcedureFacts. */
export interface ProcedureFactsProps {
  detail: CaseDetail;
  facts: FactDefinitionView[];
  canEdit: boolean;
  onSaved: () => void;
  title: string;
}

/** The procedural facts card. */
export function ProcedureFacts({ detail, facts, canEdit, onSaved, title }: ProcedureFactsProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { busy, error, setError, submit } = useSubmit();

  const save = async () => {
    await submit(async () => {
      const next = enteredFacts(form.getFieldValue('facts'));
      const changed = Object.fromEntries(
        facts
          .filter((f) => !f.setBy)
          .map((f) => f.name)
          .filter((k) => JSON.stringify(next[k] ?? null) !== JSON.stringify(detail.facts[k] ?? null))
          .map((k) => [k, next[k] ?? null]),
      );
      if (Object.keys(changed).length) {
        await api.patch(`/cases/${detail.id}/facts`, { version: detail.version, facts: changed });
        message.success(t('common.saved'));
        onSaved();
      }
    });
  };

  return (
    <Card size="small" title={title} data-testid="procedure-facts">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={{ facts: detail.facts }} disabled={!canEdit}>
        <FactFields facts={facts} penaltyKinds={detail.matter.penaltyKinds} />
        {canEdit && (
          <Button onClick={save} loading={busy} data-testid="procedure-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
