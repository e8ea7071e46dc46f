/**
 * One 案卷评查 round: how it was drawn (rule, seed, algorithm, per stratum), a button that draws it
 * again from the audit record and compares, the files drawn (each opening its scoring form) and
 * the results per subject — all as far as my scope reaches. The round's organiser ticks files and
 * assigns them to a reviewer (the server refuses 回避 with the reason); a reviewer sees only the
 * files assigned to them.
 */
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import type { Results, Reviewer, Round, SampledFile } from './file-review-types.ts';

const STATE_COLOR: Record<SampledFile['state'], string> = { pending: 'default', draft: 'blue', finished: 'green' };

/** A file's state as a tag. */
export function FileState({ state }: { state: SampledFile['state'] }) {
  const { t } = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="file-state" data-state={state}>
      {t(`fileReview.state.${state}` as MessageKey)}
    </Tag>
  );
}

/** Passed or failed, when finished. */
export function Verdict({ file }: { file: Pick<SampledFile, 'state' | 'qualified'> }) {
  const { t } = useT();
  if (file.state !== 'finished') return null;
  return file.qualified ? (
    <Tag color="green">{t('fileReview.qualified')}</Tag>
  ) : (
    <Tag color="red">{t('fileReview.unqualified')}</Tag>
  );
}

/** The round page. */
export function FileReviewRoundPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT();
  const id = params.id as string;
  const { message } = App.useApp();
  const round = useResource<Round & { files: SampledFile[]; may: { score: boolean; run: boolean; read: boolean } }>(
    `/file-review/rounds/${id}`,
  );
  const results = useResource<Results>(`/file-review/rounds/${id}/results`);
  const { busy, error, setError, submit } = useSubmit();
  const [verified, setVerified] = useState<{ same: boolean } | null>(null);
  const r = round.data;
  const organiser = r?.may.run ?? false;
  const reviewers = useResource<{ items: Reviewer[] }>(organiser ? `/file-review/rounds/${id}/reviewers` : null);
  const [picked, setPicked] = useState<string[]>([]);
  const [reviewer, setReviewer] = useState<string>();
  const assign = (to: string | null) =>
    submit(async () => {
      await api.post(`/file-review/rounds/${id}/assign`, {
        assignments: picked.map((file) => ({ file, reviewer: to })),
      });
      message.success(t(to ? 'fileReview.assigned' : 'fileReview.takenBack', { n: picked.length }));
      setPicked([]);
      await round.reload();
    });
  const verify = () =>
    submit(async () => setVerified(await api.get<{ same: boolean }>(`/file-review/rounds/${id}/verify`)));
  const ruleText = r
    ? `${t(`fileReview.rule.${r.rule.kind}` as MessageKey)} ${r.rule.value} · ${t(`fileReview.per.${r.rule.per}` as MessageKey)}`
    : '';

  return (
    <div data-testid="file-review-round">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {r?.name ?? t('fileReview.title')}
      </Typography.Title>
      <ErrorAlert error={error ?? round.error ?? results.error} onClose={() => setError(null)} />
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('fileReview.checklist')}>
                {lang === 'en' && r.checklist.nameEn ? r.checklist.nameEn : r.checklist.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('fileReview.period')}>{`${r.periodFrom} ~ ${r.periodTo}`}</Descriptions.Item>
              <Descriptions.Item label={t('fileReview.rule')}>{ruleText}</Descriptions.Item>
              <Descriptions.Item label={t('fileReview.seedShown')}>
                <span data-testid="round-seed">{r.seed}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('fileReview.algorithm')} span={2}>
                <Typography.Text code>{r.algorithm}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Space wrap>
              <Button onClick={verify} loading={busy} data-testid="round-verify">
                {t('fileReview.verify')}
              </Button>
              {verified && (
                <Alert
                  type={verified.same ? 'success' : 'error'}
                  showIcon
                  message={t(verified.same ? 'fileReview.verify.same' : 'fileReview.verify.differs')}
                  data-testid="round-verified"
                />
              )}
            </Space>
          </Card>
          <Card size="small" title={t('fileReview.strata')}>
            <Table
              rowKey={(s) => `${s.subject}/${s.workflow ?? ''}`}
              size="small"
              pagination={false}
              dataSource={r.strata}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('fileReview.subject'), dataIndex: 'subjectName', width: 180 },
                {
                  title: t('fileReview.workflow'),
                  render: (_, s) => (lang === 'en' && s.workflowNameEn ? s.workflowNameEn : (s.workflowName ?? '—')),
                },
                { title: t('fileReview.population'), dataIndex: 'population', width: 110 },
                { title: t('fileReview.drawnCount'), dataIndex: 'drawn', width: 90 },
              ]}
            />
          </Card>
          <Card size="small" title={t('fileReview.files')}>
            {!r.may.read && (
              <Alert
                type="info"
                showIcon
                message={t('fileReview.mine')}
                style={{ marginBottom: 12 }}
                data-testid="only-mine"
              />
            )}
            {organiser && (
              <Space wrap style={{ marginBottom: 12 }} data-testid="assign-bar">
                <Select
                  showSearch
                  allowClear
                  optionFilterProp="label"
                  placeholder={t('fileReview.assignTo')}
                  style={{ minWidth: 240 }}
                  value={reviewer}
                  onChange={setReviewer}
                  loading={reviewers.loading}
                  options={(reviewers.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: lang === 'en' ? `${p.name} (${p.orgName})` : `${p.name}（${p.orgName}）`,
                  }))}
                  data-testid="assign-reviewer"
                />
                <Button
                  type="primary"
                  disabled={!picked.length || !reviewer}
                  loading={busy}
                  onClick={() => assign(reviewer ?? null)}
                  data-testid="assign-submit"
                >
                  {t('fileReview.assign', { n: picked.length })}
                </Button>
                <Button disabled={!picked.length} loading={busy} onClick={() => assign(null)} data-testid="unassign">
                  {t('fileReview.unassign', { n: picked.length })}
                </Button>
              </Space>
            )}
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.files}
              scroll={{ x: 'max-content' }}
              rowSelection={
                organiser
                  ? {
                      selectedRowKeys: picked,
                      onChange: (keys) => setPicked(keys.map(String)),
                      getCheckboxProps: (f) => ({ disabled: f.state !== 'pending', name: `pick-${f.ordinal}` }),
                    }
                  : undefined
              }
              data-testid="round-files"
              columns={[
                { title: '#', dataIndex: 'ordinal', width: 50 },
                {
                  title: t('fileReview.case'),
                  width: 200,
                  render: (_, f) => <Link to={`/cases/${f.case.id}`}>{f.case.number}</Link>,
                },
                // Readable widths on a phone too: the table scrolls sideways rather than a character a line.
                { title: t('fileReview.subject'), width: 180, render: (_, f) => f.subject.name },
                { title: t('fileReview.state'), render: (_, f) => <FileState state={f.state} />, width: 100 },
                { title: t('fileReview.total'), render: (_, f) => f.total ?? '—', width: 80 },
                { title: t('fileReview.result'), render: (_, f) => <Verdict file={f} />, width: 90 },
                {
                  title: t('fileReview.reviewer'),
                  render: (_, f) => (
                    <span data-testid={`assignee-${f.ordinal}`}>{(f.assignee ?? f.reviewer)?.name ?? '—'}</span>
                  ),
                  width: 110,
                },
                {
                  title: '',
                  width: 80,
                  render: (_, f) => (
                    <Link to={`/file-review/files/${f.id}`}>
                      <span data-testid={`score-${f.ordinal}`}>
                        {r.may.score && f.state !== 'finished' ? t('fileReview.score') : t('fileReview.open')}
                      </span>
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('fileReview.results')}>
            <Table
              rowKey="subject"
              size="small"
              pagination={false}
              loading={results.loading}
              dataSource={results.data?.items ?? []}
              scroll={{ x: 'max-content' }}
              data-testid="round-results"
              columns={[
                { title: t('fileReview.subject'), dataIndex: 'subjectName', width: 180 },
                { title: t('fileReview.sampled'), dataIndex: 'sampled', width: 80 },
                { title: t('fileReview.finished'), dataIndex: 'finished', width: 80 },
                { title: t('fileReview.qualifiedCount'), dataIndex: 'qualified', width: 80 },
                {
                  title: t('fileReview.rate'),
                  width: 90,
                  render: (_, x) => (x.finished ? `${Math.round((x.qualified / x.finished) * 1000) / 10}%` : '—'),
                },
                { title: t('fileReview.average'), render: (_, x) => x.average ?? '—', width: 90 },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
