/**
 * The discretion panel (裁量): the matter's benchmark decided on the case's facts and the date of
 * the violation as the officer edits them — tier, fine range, circumstances and the explanation,
 * every line saying why. A proposed fine outside the tier is flagged and needs a reason, which
 * the server records on the case (fine-check) and which goes with the explanation into the
 * documents' 裁量基准适用情况.
 */

import { Explanation } from '@yifa/ui';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Tag } from 'antd';
import { useMemo } from 'react';
import { rangeText } from '../amounts.ts';
import { api } from '../api.ts';
import type { CaseRules } from '../case-rules.ts';
import { decide, discretionValues, explanationLines } from '../discretion.ts';
import { date } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { CaseDetail, DocumentView } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { enteredFacts, FactFields } from './FactFields.tsx';

/** Props of DiscretionPanel. */
export interface DiscretionPanelProps {
  detail: CaseDetail;
  rules: CaseRules;
  reason: string;
  onReason: (reason: string) => void;
  onSaved: () => void;
  /** Whether the user may change the case's facts (the server refuses the others: the reviewer reviews them). */
  canEdit: boolean;
}

const PANEL_FACTS = new Set(['proposedFine', 'proposedPenalties', 'partyPriorPenalties12m']);

/** The discretion panel. */
export function DiscretionPanel({ detail, rules, reason, onReason, onSaved, canEdit }: DiscretionPanelProps) {
  const { t, lang, named, paren } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const edits = (Form.useWatch('facts', form) as Record<string, unknown> | undefined) ?? detail.facts;
  const { busy, error, setError, submit } = useSubmit();
  const violationDate = detail.violationDate ?? date(detail.openedAt);
  const result = useMemo(() => decide(rules, enteredFacts(edits), violationDate), [rules, edits, violationDate]);
  const defs = rules.facts.filter((f) => f.source === 'matter' || PANEL_FACTS.has(f.name));
  const readOnly = !!detail.closedAt || !canEdit;

  if (!result) return <Empty description={t('discretion.none')} />;
  const d = result.ok ? result.decision : null;
  const outside = d?.proposedFineOutsideTier === true || d?.proposedFineOutsideLegalRange === true;

  const save = async () => {
    if (!d) return;
    await submit(async () => {
      const next = enteredFacts(form.getFieldValue('facts'));
      const changed = Object.fromEntries(
        [...new Set([...Object.keys(next), ...defs.map((f) => f.name).filter((n) => n in detail.facts)])]
          .filter((k) => JSON.stringify(next[k] ?? null) !== JSON.stringify(detail.facts[k] ?? null))
          .map((k) => [k, next[k] ?? null]),
      );
      if (Object.keys(changed).length)
        await api.patch(`/cases/${detail.id}/facts`, { version: detail.version, facts: changed });
      // The server checks the proposed fine against the tier itself and records it with the reason.
      await api.post(`/cases/${detail.id}/fine-check`, outside && reason.trim() ? { reason: reason.trim() } : {});
      let updated = 0;
      for (const ref of detail.documents.filter((x) => x.status === 'draft')) {
        const form = rules.form(ref.form);
        const values = form ? discretionValues(form.fields, d, outside ? reason : undefined) : {};
        if (Object.keys(values).length === 0) continue;
        const doc = await api.get<DocumentView>(`/documents/${ref.id}`);
        await api.put(`/documents/${ref.id}`, { data: { ...doc.data, ...values }, updatedAt: doc.updatedAt });
        updated += 1;
      }
      message.success(updated ? t('discretion.savedDocs', { n: updated }) : t('common.saved'));
      onSaved();
    });
  };

  const pending = t('matter.needsFacts');
  return (
    <Row gutter={[16, 16]} data-testid="discretion">
      <Col xs={24} lg={11}>
        <Card size="small" title={t('discretion.facts')}>
          <Form form={form} layout="vertical" initialValues={{ facts: detail.facts }} disabled={readOnly}>
            <FactFields facts={defs} penaltyKinds={detail.matter.penaltyKinds} narrow />
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        <Card size="small" title={`${t('discretion.result')} · ${named(rules.discretion)}`}>
          <ErrorAlert error={error} onClose={() => setError(null)} />
          {!result.ok && <Alert type="warning" message={result.messages.join(t('common.semicolon'))} />}
          {d && (
            <>
              <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
                <Descriptions.Item label={t('discretion.violationDate')}>{violationDate}</Descriptions.Item>
                <Descriptions.Item label={t('discretion.version')}>
                  {paren(d.version.label, `${d.version.effectiveFrom} ${t('discretion.from')}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('matter.legalRange')}>
                  {rangeText(d.legalRange.min, d.legalRange.max, lang, pending)}
                </Descriptions.Item>
                <Descriptions.Item label={t('discretion.tier')}>
                  {d.outcome === 'no-penalty' && d.noPenalty ? (
                    <Tag color="green">{named(d.noPenalty)}</Tag>
                  ) : d.tier ? (
                    <Tag color="blue" data-testid="tier">
                      {named(d.tier)}
                    </Tag>
                  ) : (
                    <Tag color="gold">{t('discretion.undetermined')}</Tag>
                  )}
                </Descriptions.Item>
                {d.tier && (
                  <Descriptions.Item label={t('discretion.fine')}>
                    {d.tier.fine ? rangeText(d.tier.fine.min, d.tier.fine.max, lang, pending) : t('discretion.noFine')}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {outside && (
                <Alert
                  type="error"
                  showIcon
                  data-testid="fine-outside"
                  message={d.proposedFineOutsideLegalRange ? t('discretion.outsideLegal') : t('discretion.outsideTier')}
                  description={
                    <Input.TextArea
                      value={reason}
                      onChange={(e) => onReason(e.target.value)}
                      placeholder={t('discretion.reasonPlaceholder')}
                      autoSize={{ minRows: 2 }}
                      maxLength={1000}
                      data-testid="fine-reason"
                    />
                  }
                  style={{ margin: '8px 0' }}
                />
              )}
              <Explanation lines={explanationLines(d, lang)} title={t('discretion.explanation')} />
              {!readOnly && (
                <Button
                  type="primary"
                  onClick={save}
                  loading={busy}
                  disabled={outside && reason.trim() === ''}
                  style={{ marginTop: 12 }}
                  data-testid="discretion-save"
                >
                  {t('discretion.save')}
                </Button>
              )}
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
