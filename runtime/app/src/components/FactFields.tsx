/**
 * Form items for case facts, one per fact definition of the matter (and of the platform):
 * yes/no, numbers with their unit, choices, dates, penalty kinds. Booleans start unanswered,
 * because a fact nobody has established is not the same as a fact found false.
 */
import { DateInput, unitText } from '@yifa/ui';
import { Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { cloneElement } from 'react';
import { useT } from '../i18n.tsx';
import { capitalise } from '../message-format.ts';
import type { Entry, FactDefinitionView } from '../types.ts';
import { useIsPhone } from '../use-phone.ts';

/** Props of FactFields. */
export interface FactFieldsProps {
  facts: FactDefinitionView[];
  penaltyKinds: Entry[];
  /** The form path the facts live under. */
  prefix?: string;
  disabled?: boolean;
  /** In a narrow column: two to a row. */
  narrow?: boolean;
}

function control(f: FactDefinitionView, penaltyKinds: Entry[], lang: 'zh' | 'en', yes: string, no: string) {
  if (f.type === 'boolean')
    return (
      <Radio.Group
        optionType="button"
        size="small"
        options={[
          { label: yes, value: true },
          { label: no, value: false },
        ]}
      />
    );
  if (f.type === 'number' || f.type === 'integer')
    return (
      <InputNumber
        min={f.minimum ?? 0}
        max={f.maximum}
        precision={f.type === 'integer' ? 0 : undefined}
        suffix={unitText(f.unit, lang).trim() || undefined}
        style={{ width: '100%' }}
      />
    );
  if (f.type === 'date') return <DateInput />;
  if (f.type === 'array')
    return (
      <Select
        mode="multiple"
        allowClear
        options={penaltyKinds.map((k) => ({ value: k.code, label: lang === 'en' && k.nameEn ? k.nameEn : k.name }))}
      />
    );
  // The value stays the pack's Chinese word; English screens show its English label.
  if (f.enum)
    return (
      <Select allowClear options={f.enum.map((v, i) => ({ value: v, label: (lang === 'en' && f.enumEn?.[i]) || v }))} />
    );
  return <Input maxLength={2000} />;
}

/** The fact items. */
export function FactFields({
  facts,
  penaltyKinds,
  prefix = 'facts',
  disabled = false,
  narrow = false,
}: FactFieldsProps) {
  const { t, lang } = useT();
  const phone = useIsPhone();
  return (
    <Row gutter={12}>
      {facts.map((f) => (
        <Col key={f.name} span={phone ? 24 : narrow ? 12 : f.type === 'boolean' ? 8 : 12}>
          <Form.Item
            name={[prefix, f.name]}
            label={lang === 'en' && f.labelEn ? capitalise(f.labelEn) : f.label}
            tooltip={f.description}
            extra={
              f.setBy
                ? t('facts.setBy', {
                    docs: f.setBy
                      .map((d) => (lang === 'en' ? d.nameEn : `《${d.name}》`))
                      .join(lang === 'en' ? ' or ' : '或'),
                  })
                : undefined
            }
            rules={f.required && !disabled ? [{ required: true, message: t('common.required') }] : undefined}
            style={{ marginBottom: 12 }}
          >
            {disabled ? (
              <Input disabled />
            ) : f.setBy ? (
              cloneElement(control(f, penaltyKinds, lang, t('common.yes'), t('common.no')), { disabled: true })
            ) : (
              control(f, penaltyKinds, lang, t('common.yes'), t('common.no'))
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** The entered facts only (unanswered ones left out). */
export function enteredFacts(values: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}
