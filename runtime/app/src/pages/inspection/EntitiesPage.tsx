/**
 * 市场主体库: the entities in my scope with their risk classes (and why), searched by name or
 * credit code; an .xlsx import previewed row by row (field and reason) and saved as a whole; an
 * entity's declared conflicts (回避) and the inspections it was drawn for. The server checks all.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { Link } from '../../router.tsx';
import { useResource } from '../../use-resource.ts';
import { useSubmit } from '../../use-submit.ts';
import { type EntityDetail, type EntityList, type ImportReport, RISK_COLOR, type RiskClass } from './types.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A risk class tag with its reason on hover. */
export function RiskTag({ risk }: { risk: RiskClass | null }) {
  const { t, lang } = useT();
  if (!risk) return <Tag>{t('entities.noScheme')}</Tag>;
  const facts = t('entities.facts', {
    i3: risk.facts.inspections3y,
    i1: risk.facts.inspections12m,
    p3: risk.facts.penaltyCases3y,
    p1: risk.facts.penaltyCases12m,
  });
  const why = risk.why[lang];
  return (
    <Tooltip title={why ? `${why}（${facts}）` : facts}>
      <Tag color={RISK_COLOR[risk.code] ?? 'default'} data-testid="risk-class" data-class={risk.code}>
        {lang === 'en' && risk.nameEn ? risk.nameEn : risk.name}
      </Tag>
    </Tooltip>
  );
}

/** The register page. */
export function EntitiesPage() {
  const { t, lang, pick } = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [sector, setSector] = useState<string>();
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ limit: '20', offset: String((page - 1) * 20) });
  if (q) query.set('q', q);
  if (sector) query.set('sector', sector);
  const list = useResource<EntityList>(`/entities?${query}`);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, setError, submit } = useSubmit<'preview' | 'apply'>();
  const data = list.data;
  const name = (n: { name: string; nameEn: string | null }) => (lang === 'en' && n.nameEn ? n.nameEn : n.name);

  const upload = (f: File, apply: boolean) =>
    submit(
      async () => {
        const r = await api.post<ImportReport>(
          `/entities/import?apply=${apply ? 1 : 0}`,
          new Blob([f], { type: XLSX_TYPE }),
        );
        setReport(r);
        if (apply) {
          message.success(t('entities.applied', { add: r.counts.add, change: r.counts.change }));
          setFile(null);
          setReport(null);
          await list.reload();
        }
      },
      {
        which: apply ? 'apply' : 'preview',
        onError: (e) => {
          if (Array.isArray(e.details.rows))
            setReport({
              rows: e.details.rows as ImportReport['rows'],
              counts: e.details.counts as ImportReport['counts'],
            });
        },
      },
    );

  return (
    <div data-testid="entities-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('entities.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('entities.intro')}</Typography.Paragraph>
      {data?.may.manage && (
        <Card size="small" style={{ marginBottom: 16 }} title={t('entities.import')}>
          <Space wrap>
            <input
              ref={input}
              type="file"
              accept=".xlsx"
              data-testid="entities-file"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                setFile(f);
                void upload(f, false);
              }}
            />
            <Button onClick={() => input.current?.click()} loading={busy && !file}>
              {t('entities.import')}
            </Button>
            <Typography.Text type="secondary">{t('entities.importHint')}</Typography.Text>
          </Space>
          {report && (
            <div style={{ marginTop: 12 }} data-testid="import-report">
              <Alert
                type={report.counts.reject ? 'warning' : 'info'}
                showIcon
                message={t('entities.preview', report.counts)}
                description={report.counts.reject ? t('entities.rejected') : undefined}
              />
              <List
                size="small"
                // With rows refused, only those: they are what must be corrected.
                dataSource={report.rows.filter((r) =>
                  report.counts.reject ? r.action === 'reject' : r.action !== 'unchanged',
                )}
                pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
                renderItem={(r) => (
                  <List.Item data-testid="import-row" data-action={r.action}>
                    <Space wrap>
                      <Tag color={r.action === 'reject' ? 'red' : r.action === 'add' ? 'green' : 'blue'}>
                        {t(`entities.action.${r.action}` as MessageKey)}
                      </Tag>
                      <span>{t('entities.row', { row: r.row })}</span>
                      <span>{r.creditCode}</span>
                      <span>{r.name}</span>
                      {r.problems.map((p) => (
                        <Typography.Text type="danger" key={p.field + p.reason.zh}>
                          {`${t(`entities.field.${p.field}` as MessageKey)}：${pick(p.reason)}`}
                        </Typography.Text>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
              {file && report.counts.reject === 0 && !report.applied && (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void upload(file, true)}
                  data-testid="entities-apply"
                >
                  {t('entities.apply')}
                </Button>
              )}
            </div>
          )}
        </Card>
      )}
      <ErrorAlert error={error ?? list.error} onClose={() => setError(null)} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('entities.search')}
          style={{ width: 320 }}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
          data-testid="entities-search"
        />
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('entities.allSectors')}
          value={sector}
          onChange={(v) => {
            setPage(1);
            setSector(v);
          }}
          options={(data?.sectors ?? []).map((s) => ({ value: s.code, label: name(s) }))}
        />
        {data && <Typography.Text type="secondary">{t('entities.total', { n: data.total })}</Typography.Text>}
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) =>
          ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': 'entity-row' }) as never
        }
        columns={[
          { title: t('entities.creditCode'), dataIndex: 'creditCode', width: 200 },
          { title: t('entities.name'), dataIndex: 'name' },
          { title: t('entities.address'), dataIndex: 'address' },
          { title: t('entities.sector'), render: (_, r) => name(r.sector), width: 140 },
          { title: t('entities.risk'), render: (_, r) => <RiskTag risk={r.riskClass} />, width: 150 },
        ]}
      />
      <EntityDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

/** One entity: its class and why, conflicts (and declaring one), inspections drawn. */
function EntityDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const detail = useResource<EntityDetail>(id ? `/entities/${id}` : null);
  const [form] = Form.useForm();
  const { busy, error, setError, submit } = useSubmit();
  const d = id ? detail.data : undefined;
  const declare = (v: { userId: string; reason: string }) =>
    submit(async () => {
      await api.post(`/entities/${id}/conflicts`, v);
      form.resetFields();
      message.success(t('entities.declared'));
      await detail.reload();
    });
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={d?.name} data-testid="entity-drawer">
      {d && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('entities.creditCode')}>{d.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('entities.address')}>{d.address}</Descriptions.Item>
            <Descriptions.Item label={t('entities.sector')}>
              {lang === 'en' && d.sector.nameEn ? d.sector.nameEn : d.sector.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('entities.risk')}>
              <RiskTag risk={d.riskClass} />
            </Descriptions.Item>
            {d.riskClass?.why[lang] && (
              <Descriptions.Item label={t('entities.why')}>{d.riskClass.why[lang]}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{t('entities.conflicts')}</Typography.Title>
          <List
            size="small"
            locale={{ emptyText: t('entities.noConflicts') }}
            dataSource={d.conflicts}
            renderItem={(c) => (
              <List.Item data-testid="conflict">
                <span data-user-text="">{c.name}</span>：{c.reason}
              </List.Item>
            )}
          />
          {d.may.manage && (
            <Form form={form} layout="vertical" onFinish={declare} style={{ marginTop: 8 }}>
              <ErrorAlert error={error} onClose={() => setError(null)} />
              <Form.Item
                name="userId"
                label={t('entities.conflictOfficer')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  options={d.officers.map((o) => ({ value: o.id, label: o.name }))}
                  data-testid="conflict-officer"
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('entities.conflictReason')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={500} data-testid="conflict-reason" />
              </Form.Item>
              <Button htmlType="submit" loading={busy} data-testid="conflict-declare">
                {t('entities.declare')}
              </Button>
            </Form>
          )}
          <Typography.Title level={5}>{t('entities.history')}</Typography.Title>
          <List
            size="small"
            dataSource={d.inspections}
            renderItem={(i) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/inspection-plans/${i.plan}`}>{i.planName}</Link>
                  <Tag color={RISK_COLOR[i.riskClass]}>{i.riskClass}</Tag>
                  <span data-user-text="">{i.officers.map((o) => o.name).join('、')}</span>
                  {i.caseId && <Link to={`/cases/${i.caseId}`}>{i.caseNumber}</Link>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
