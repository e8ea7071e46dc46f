/**
 * Opening a case (立案): find the matter by code or name, read what it is (cause, legal basis,
 * penalty range and tiers), then give the party, the date of the violation, the officers and
 * the first facts. The server checks everything again; its problems appear on their fields.
 * Opened from a registered case source (`?source=`), it shows the clue, pre-fills the party's
 * name and records 立案 on the source with the case.
 */
import { DateInput } from '@yifa/ui';
import { Alert, App, Button, Card, Col, Form, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { DuplicateCases, type PossibleDuplicate } from '../components/DuplicateCases.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { enteredFacts, FactFields } from '../components/FactFields.tsx';
import { MatterCard } from '../components/MatterCard.tsx';
import { MatterSearch } from '../components/MatterSearch.tsx';
import { PartyFields } from '../components/PartyFields.tsx';
import { today } from '../format.ts';
import { useT } from '../i18n.tsx';
import { noEnterSubmit } from '../no-enter-submit.ts';
import { navigate } from '../router.tsx';
import type { MatterView } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import type { CaseSource } from './CaseSourcesPage.tsx';

/** Facts of the platform an officer gives when opening a case (the others come later). */
const FIRST_PLATFORM_FACTS = new Set(['proposedPenalties', 'proposedFine', 'partyPriorPenalties12m']);

interface Colleague {
  id: string;
  name: string;
  certificateNo: string | null;
  certificateValid: boolean;
  me: boolean;
}

/** The open-a-case page. */
export function OpenCasePage() {
  const { t, pick, lang, paren } = useT();
  const { modal } = App.useApp();
  const [sourceId] = useState(() => new URLSearchParams(location.search).get('source'));
  const source = useResource<CaseSource>(sourceId ? `/case-sources/${encodeURIComponent(sourceId)}` : null);
  const [code, setCode] = useState<string | null>(null);
  const matter = useResource<MatterView>(code ? `/matters/${encodeURIComponent(code)}` : null);
  const colleagues = useResource<{ items: Colleague[] }>('/colleagues');
  const [form] = Form.useForm();
  const facts = Form.useWatch('facts', form) as Record<string, unknown> | undefined;
  const { busy, error, setError, submit: send } = useSubmit();

  // The clue's party, once the form is there (after the matter is chosen), unless already typed.
  const partyName = source.data?.partyName;
  useEffect(() => {
    if (code && partyName && !form.getFieldValue(['party', 'name'])) form.setFieldValue(['party', 'name'], partyName);
  }, [code, partyName, form]);

  useEffect(() => {
    const me = colleagues.data?.items.find((c) => c.me);
    if (me && !form.getFieldValue('officers')) form.setFieldValue('officers', [me.id]);
  }, [colleagues.data, form]);

  const submit = async (v: {
    party: Record<string, string>;
    violationDate?: string;
    officers?: string[];
    facts?: Record<string, unknown>;
  }) => {
    await send(
      async () => {
        const party = Object.fromEntries(
          Object.entries(v.party).filter(([, x]) => typeof x === 'string' && x.trim() !== ''),
        );
        const body = {
          matter: code,
          party,
          ...(v.officers?.length ? { officers: v.officers } : {}),
          facts: enteredFacts(v.facts),
          ...(v.violationDate ? { violationDate: v.violationDate } : {}),
          ...(sourceId ? { source: sourceId } : {}),
        };
        // The server answers the open cases this may duplicate; the officer confirms them before filing.
        const file = (confirmedDuplicates: string[]) =>
          api.post<{ id: string }>('/cases', { ...body, confirmedDuplicates });
        let created: { id: string };
        try {
          created = await file([]);
        } catch (e) {
          if (!(e instanceof ApiError) || e.code !== 'possible-duplicate') throw e;
          const duplicates = (e.details.duplicates ?? []) as PossibleDuplicate[];
          const confirmed = await modal.confirm({
            title: t('open.duplicateTitle'),
            content: <DuplicateCases items={duplicates} />,
            okText: t('open.duplicateFile'),
            okButtonProps: { 'data-testid': 'duplicate-confirm' } as never,
            cancelButtonProps: { 'data-testid': 'duplicate-cancel' } as never,
            width: 520,
          });
          if (!confirmed) return;
          created = await file(duplicates.map((d) => d.id));
        }
        navigate(`/cases/${created.id}`);
      },
      {
        onError: (e) => {
          form.setFields(
            (e.details.problems ?? []).map((p) => {
              const parts = p.path.split('/').filter(Boolean);
              return { name: parts[0] === 'officers' ? ['officers'] : parts, errors: [pick(p.message)] };
            }),
          );
        },
      },
    );
  };

  const m = matter.data;
  // Legal-affairs matters (复议, 应诉 …) record their own facts only; penalties are for enforcement.
  const factDefs = (m?.facts ?? []).filter(
    (f) => f.source === 'matter' || (m?.category === 'enforcement' && FIRST_PLATFORM_FACTS.has(f.name)),
  );
  // Certified officers handle enforcement cases; staff without 执法证 handle their cases themselves.
  const certified = colleagues.data?.items.some((c) => c.me) ?? false;
  return (
    <div data-testid="open-case">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('open.title')}
      </Typography.Title>
      <ErrorAlert error={source.error} />
      {source.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="open-from-source"
          message={t('source.fromSource', {
            kind: lang === 'en' && source.data.kind.nameEn ? source.data.kind.nameEn : source.data.kind.name,
            date: source.data.receivedOn,
            description: source.data.description,
          })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={m ? 10 : 24}>
          <MatterSearch selected={code} onSelect={setCode} compact={!!m} />
          {m && (
            <div style={{ marginTop: 16 }}>
              <MatterCard matter={m} facts={facts ?? {}} />
            </div>
          )}
        </Col>
        {m && (
          <Col xs={24} lg={14}>
            <Card size="small" title={t('open.caseData')}>
              <ErrorAlert error={error} onClose={() => setError(null)} />
              <Form
                form={form}
                layout="vertical"
                onFinish={submit}
                onKeyDown={noEnterSubmit}
                scrollToFirstError
                data-testid="open-form"
              >
                <Typography.Title level={5}>{t('open.party')}</Typography.Title>
                <PartyFields />
                <Typography.Title level={5}>{t('open.facts')}</Typography.Title>
                <Form.Item
                  name="violationDate"
                  label={t('open.violationDate')}
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        if (v && v > today()) throw new Error(t('open.futureDate'));
                      },
                    },
                  ]}
                >
                  <DateInput max={today()} style={{ maxWidth: 200 }} />
                </Form.Item>
                {certified && (
                  <Form.Item
                    name="officers"
                    label={t('open.officers')}
                    extra={t('open.officersHint')}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select
                      mode="multiple"
                      loading={colleagues.loading}
                      options={(colleagues.data?.items ?? []).map((c) => ({
                        value: c.id,
                        label: <span data-user-text="">{paren(c.name, c.certificateNo ?? '')}</span>,
                        disabled: !c.certificateValid,
                      }))}
                      data-testid="officers"
                    />
                  </Form.Item>
                )}
                <FactFields facts={factDefs} penaltyKinds={m.penaltyKinds} />
                <Button type="primary" onClick={() => form.submit()} loading={busy} block data-testid="open-submit">
                  {t('open.submit')}
                </Button>
              </Form>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
