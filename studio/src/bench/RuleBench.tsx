/**
 * The rule test bench (#14) under the item editor of a discretion benchmark, a workflow, an
 * alert rule or an assessment scheme: a form of the facts the edited item reads (typed from the
 * pack's fact catalogue, `POST …/bench`), a violation date or the day and, for a workflow, the
 * state and roles; 求值 evaluates the item *as edited, unsaved* on the platform and shows the tier
 * and fine range, each transition allowed or refused with its reason, whether the alert fires, or
 * the score — with the rules' explanation line by line (@yifa/ui's Explanation, as officers read
 * it). 存为黄金用例 adds the case that holds this result to the copy's `studio-bench` golden
 * tests. Loaded only when such an item is opened.
 */
import { Explanation } from '@yifa/ui';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Bilingual } from '../api.ts';
import { hasBlankCondition } from '../editor/condition-shape.ts';
import { format, type Lang, type MessageKey } from '../messages.ts';
import { asApiError } from '../use-load.ts';
import { type BenchAnswer, type BenchFact, type BenchInput, benchApi } from './bench-api.ts';

export interface RuleBenchProps {
  workspaceId: string;
  kind: string;
  code: string;
  /** The item as edited (unsaved). */
  value: Record<string, unknown>;
  lang: Lang;
  revision?: number;
  onRevision: (revision: number) => void;
}

const today = () => new Date().toISOString().slice(0, 10);
const money = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : '—');
const named = (x: { name: string; nameEn?: string }, lang: Lang) => (lang === 'en' && x.nameEn) || x.name;

/** An input for one fact, by its type; empty means the fact is not given. */
function FactInput(props: { fact: BenchFact; value: unknown; lang: Lang; onChange: (v: unknown) => void }) {
  const { fact, value, lang, onChange } = props;
  const t = (k: MessageKey) => format(lang, k);
  const id = `bench-fact-${fact.name}`;
  if (fact.type === 'boolean')
    return (
      <Radio.Group
        data-testid={id}
        optionType="button"
        size="small"
        value={value === undefined ? '' : String(value)}
        options={[
          { value: 'true', label: t('bench.yes') },
          { value: 'false', label: t('bench.no') },
          { value: '', label: t('bench.unset') },
        ]}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      />
    );
  if (fact.type === 'number' || fact.type === 'integer')
    return (
      <InputNumber
        data-testid={id}
        style={{ width: '100%' }}
        placeholder={t('bench.unset')}
        {...(fact.type === 'integer' ? { precision: 0 } : {})}
        {...(fact.unit ? { addonAfter: fact.unit } : {})}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  if (fact.type === 'array' || (fact.type === 'string' && fact.values?.length))
    return (
      <Select
        data-testid={id}
        allowClear
        showSearch
        style={{ width: '100%' }}
        placeholder={t('bench.unset')}
        {...(fact.type === 'array' ? { mode: 'tags' as const } : {})}
        value={value as string | string[] | undefined}
        options={(fact.values ?? []).map((v) => ({ value: v, label: v }))}
        onChange={(v) =>
          onChange(v === undefined || (Array.isArray(v) && fact.type !== 'array' && !v.length) ? undefined : v)
        }
      />
    );
  return (
    <Input
      data-testid={id}
      allowClear
      placeholder={fact.type === 'date' ? 'YYYY-MM-DD' : t('bench.unset')}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

function Label(props: { text: string; code?: string }) {
  return (
    <div style={{ fontSize: 12, color: '#595959', marginBottom: 2 }}>
      {props.text}
      {props.code && props.code !== props.text && (
        <Typography.Text type="secondary" style={{ fontSize: 11, marginLeft: 4 }}>
          {props.code}
        </Typography.Text>
      )}
    </div>
  );
}

/** The result of an evaluation, by kind. */
function Result(props: { kind: string; answer: BenchAnswer; lang: Lang }) {
  const { kind, answer, lang } = props;
  const t = (k: MessageKey) => format(lang, k);
  const r = answer.result ?? {};
  if (kind === 'discretion') {
    const tier = r.tier as {
      code: string;
      name: string;
      nameEn?: string;
      fine: { min: number; max: number } | null;
    } | null;
    const noPenalty = r.noPenalty as { name: string; nameEn?: string } | null;
    return (
      <Descriptions size="small" column={3} bordered data-testid="bench-result">
        <Descriptions.Item label={t('bench.outcome')}>
          <Tag
            color={r.outcome === 'tier' ? 'blue' : r.outcome === 'no-penalty' ? 'green' : 'gold'}
            data-testid="bench-outcome"
          >
            {r.outcome === 'tier'
              ? t('bench.outcomeTier')
              : r.outcome === 'no-penalty'
                ? t('bench.outcomeNoPenalty')
                : t('bench.outcomeUndetermined')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('bench.version')}>{String(r.version ?? '—')}</Descriptions.Item>
        <Descriptions.Item label={t('bench.tier')}>
          <span data-testid="bench-tier">{tier ? named(tier, lang) : noPenalty ? named(noPenalty, lang) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('bench.fine')} span={3}>
          <span data-testid="bench-fine">
            {tier?.fine ? `${money(tier.fine.min)} – ${money(tier.fine.max)} ${t('bench.yuan')}` : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
    );
  }
  if (kind === 'workflow') {
    type Row = {
      action: string;
      name: Bilingual;
      to: string;
      allowed: boolean;
      refusals: { code: string; message: Bilingual }[];
    };
    const rows = (r.transitions ?? []) as Row[];
    return (
      <Table<Row>
        size="small"
        data-testid="bench-result"
        rowKey="action"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('bench.action'), render: (_, x) => `${x.name[lang]} (${x.action})` },
          {
            title: t('bench.outcome'),
            render: (_, x) =>
              x.allowed ? <Tag color="green">{t('bench.allowed')}</Tag> : <Tag color="red">{t('bench.refused')}</Tag>,
          },
          {
            title: t('bench.reason'),
            render: (_, x) => (
              <Space direction="vertical" size={0}>
                {x.refusals.map((f) => (
                  <span key={f.code}>
                    <Tag>{f.code}</Tag>
                    {f.message[lang]}
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
    );
  }
  if (kind === 'alert') {
    const message = r.message as Bilingual | undefined;
    return (
      <Descriptions size="small" column={2} bordered data-testid="bench-result">
        <Descriptions.Item label={t('bench.fires')}>
          <Tag color={r.fires ? 'red' : r.undetermined ? 'gold' : 'default'} data-testid="bench-outcome">
            {r.fires ? t('bench.firesYes') : r.undetermined ? t('bench.outcomeUndetermined') : t('bench.firesNo')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('bench.level')}>{String(r.level ?? '—')}</Descriptions.Item>
        {message && (
          <Descriptions.Item label={t('bench.message')} span={2}>
            {message[lang]}
          </Descriptions.Item>
        )}
      </Descriptions>
    );
  }
  type Point = { code: string; name: Bilingual; value: number | null; points: number };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="bench-result">
      <Typography.Text strong data-testid="bench-outcome">
        {t('bench.total')}：{String(r.total)} {r.grade ? `（${String(r.grade)}）` : ''}
      </Typography.Text>
      <Table<Point>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={(r.points ?? []) as Point[]}
        columns={[
          { title: t('bench.indicator'), render: (_, x) => x.name[lang] },
          { title: t('bench.value'), render: (_, x) => (x.value === null ? '—' : String(x.value)) },
          { title: t('bench.points'), dataIndex: 'points' },
        ]}
      />
    </Space>
  );
}

export default function RuleBench(props: RuleBenchProps) {
  const { workspaceId, kind, code, value, lang, revision, onRevision } = props;
  const t = (k: MessageKey, p?: Record<string, string | number>) => format(lang, k, p);
  const [asks, setAsks] = useState<BenchAnswer>();
  const [facts, setFacts] = useState<Record<string, unknown>>({});
  const [input, setInput] = useState<BenchInput>(() =>
    kind === 'discretion' ? { violationDate: today() } : kind === 'alert' ? { today: today() } : {},
  );
  const [answer, setAnswer] = useState<BenchAnswer>();
  const [error, setError] = useState<Bilingual>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [naming, setNaming] = useState<string>();
  // Evaluated once: from then on each edit evaluates again (even after an answer that was an error).
  const [evaluated, setEvaluated] = useState(false);
  // A condition row just added in the builder, not yet filled: the item would not fit its schema.
  const unfinished = useMemo(() => hasBlankCondition(value), [value]);

  // The facts to ask for follow the edited item (a condition added reads a new fact).
  useEffect(() => {
    if (unfinished) return;
    const timer = setTimeout(() => {
      benchApi.bench(workspaceId, { kind, code, value }).then(
        (a) => {
          setAsks(a);
          if (kind === 'workflow') setInput((i) => ({ ...i, state: i.state ?? a.start }));
        },
        () => undefined,
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [workspaceId, kind, code, value, unfinished]);

  const body = useMemo(() => {
    const given = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    return kind === 'assessment' ? { ...input, metrics: given as Record<string, number> } : { ...input, facts: given };
  }, [facts, input, kind]);

  const run = async () => {
    setEvaluated(true);
    setBusy(true);
    setSaved(undefined);
    try {
      setAnswer(await benchApi.bench(workspaceId, { kind, code, value, input: body }));
      setError(undefined);
    } catch (e) {
      setAnswer(undefined);
      setError(asApiError(e).text);
    } finally {
      setBusy(false);
    }
  };

  // Once evaluated, an edit of the item evaluates again (what the edit changes shows at once) —
  // also after an edit the platform refused (an answer lost to an error used to stop it for good),
  // but not while a condition row is still blank.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run on the item's edits only
  useEffect(() => {
    if (!evaluated || unfinished) return;
    const timer = setTimeout(run, 300);
    return () => clearTimeout(timer);
  }, [value]);

  const saveGolden = async () => {
    if (!answer?.golden || revision === undefined || !naming?.trim()) return;
    setBusy(true);
    try {
      const r = await benchApi.saveGolden(workspaceId, { ...answer.golden, name: naming.trim() }, revision);
      onRevision(r.revision);
      setSaved(t('bench.saved', { suite: r.suite, n: r.index + 1, file: r.file }));
      setNaming(undefined);
      setError(undefined);
    } catch (e) {
      setError(asApiError(e).text);
    } finally {
      setBusy(false);
    }
  };

  const askFacts = asks?.facts ?? [];
  const metrics = asks?.metrics ?? [];
  const field = (label: string, node: React.ReactNode, fieldCode?: string) => (
    <Col xs={24} md={12} xl={8} key={fieldCode ?? label}>
      <Label text={label} {...(fieldCode ? { code: fieldCode } : {})} />
      {node}
    </Col>
  );
  const setIn = (k: keyof BenchInput, v: unknown) =>
    setInput((i) => {
      const next = { ...i } as Record<string, unknown>;
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
      return next as BenchInput;
    });

  return (
    <Card size="small" title={t('bench.title')} data-testid="rule-bench">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">{t(`bench.help.${kind}` as MessageKey)}</Typography.Text>
        <Row gutter={[12, 8]}>
          {kind === 'discretion' &&
            field(
              t('bench.violationDate'),
              <Input
                data-testid="bench-violation-date"
                placeholder="YYYY-MM-DD"
                value={input.violationDate ?? ''}
                onChange={(e) => setIn('violationDate', e.target.value)}
              />,
            )}
          {kind === 'discretion' &&
            field(
              t('bench.proposedFine'),
              <InputNumber
                style={{ width: '100%' }}
                min={0}
                addonAfter={t('bench.yuan')}
                value={input.proposedFine ?? null}
                onChange={(v) => setIn('proposedFine', v ?? undefined)}
              />,
            )}
          {kind === 'alert' &&
            field(
              t('bench.today'),
              <Input
                data-testid="bench-today"
                placeholder="YYYY-MM-DD"
                value={input.today ?? ''}
                onChange={(e) => setIn('today', e.target.value)}
              />,
            )}
          {kind === 'workflow' &&
            field(
              t('bench.state'),
              <Select
                data-testid="bench-state"
                style={{ width: '100%' }}
                showSearch
                optionFilterProp="label"
                value={input.state}
                options={(asks?.states ?? []).map((s) => ({ value: s.code, label: `${named(s, lang)} (${s.code})` }))}
                onChange={(v) => setIn('state', v)}
              />,
            )}
          {kind === 'workflow' &&
            field(
              t('bench.roles'),
              <Select
                data-testid="bench-roles"
                mode="multiple"
                style={{ width: '100%' }}
                optionFilterProp="label"
                value={input.roles ?? []}
                options={(asks?.roles ?? []).map((s) => ({ value: s.code, label: named(s, lang) }))}
                onChange={(v) => setIn('roles', v)}
              />,
            )}
          {kind === 'workflow' &&
            field(
              t('bench.date'),
              <Input
                placeholder="YYYY-MM-DD"
                value={input.date ?? ''}
                onChange={(e) => setIn('date', e.target.value)}
              />,
            )}
        </Row>
        <Typography.Text strong>{kind === 'assessment' ? t('bench.metrics') : t('bench.facts')}</Typography.Text>
        <Row gutter={[12, 8]} data-testid="bench-facts">
          {kind === 'assessment'
            ? metrics.map((m) =>
                field(
                  m,
                  <InputNumber
                    data-testid={`bench-fact-${m}`}
                    style={{ width: '100%' }}
                    min={0}
                    value={typeof facts[m] === 'number' ? (facts[m] as number) : null}
                    onChange={(v) => setFacts((f) => ({ ...f, [m]: v ?? undefined }))}
                  />,
                  m,
                ),
              )
            : askFacts.map((f) =>
                field(
                  f.label[lang],
                  <FactInput
                    fact={f}
                    lang={lang}
                    value={facts[f.name]}
                    onChange={(v) => setFacts((x) => ({ ...x, [f.name]: v }))}
                  />,
                  f.name,
                ),
              )}
          {asks && askFacts.length === 0 && metrics.length === 0 && (
            <Col span={24}>
              <Typography.Text type="secondary">{t('bench.noFacts')}</Typography.Text>
            </Col>
          )}
        </Row>
        <Space>
          <Button type="primary" onClick={run} loading={busy} data-testid="bench-run">
            {t('bench.run')}
          </Button>
          <Button
            onClick={() => setNaming(String(answer?.golden?.name ?? ''))}
            disabled={!answer?.golden || revision === undefined}
            data-testid="bench-save-golden"
          >
            {t('bench.saveGolden')}
          </Button>
        </Space>
        {evaluated && unfinished && (
          <Typography.Text type="secondary" data-testid="bench-unfinished">
            {t('bench.unfinished')}
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon message={error[lang]} data-testid="bench-error" />}
        {saved && <Alert type="success" showIcon message={saved} data-testid="bench-saved" />}
        {answer && (
          <>
            <Result kind={kind} answer={answer} lang={lang} />
            {(answer.goldenProblems ?? []).length > 0 && (
              <Alert
                type="warning"
                showIcon
                message={t('bench.noGolden')}
                description={(answer.goldenProblems ?? []).map((p) => p[lang]).join('；')}
              />
            )}
            <div data-testid="bench-explanation">
              <Explanation lines={answer.explanation?.[lang] ?? []} title={t('bench.explanation')} />
            </div>
          </>
        )}
      </Space>
      <Modal
        open={naming !== undefined}
        title={t('bench.saveGolden')}
        okText={t('bench.save')}
        cancelText={t('item.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !naming?.trim(), 'data-testid': 'bench-golden-ok' } as never}
        onOk={saveGolden}
        onCancel={() => setNaming(undefined)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('bench.goldenHelp')}</Typography.Text>
          <Label text={t('bench.caseName')} />
          <Input
            data-testid="bench-golden-name"
            value={naming ?? ''}
            maxLength={200}
            onChange={(e) => setNaming(e.target.value)}
          />
        </Space>
      </Modal>
    </Card>
  );
}
