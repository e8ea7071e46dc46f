/**
 * 案卷评分: one sampled file scored against the pack's checklist — the basic standards (any one not
 * met: 0 points, failed), then each point with its maximum, a listed deduction or points off, and
 * the reason; the total as it stands. Saved as a draft, finished (locked), or, once finished,
 * corrected with a reason. The file itself is read on the case's own pages (read-only).
 */
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type FieldProblem } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';
import { useSubmit } from '../use-submit.ts';
import { FileState, Verdict } from './FileReviewRoundPage.tsx';
import type { Checklist, FileDetail, Mark } from './file-review-types.ts';

interface Entry {
  deduction?: string;
  points: number | null;
  note: string;
  failed?: boolean;
}

/** The form's entries from stored marks: one per point or standard (several marks of a point added up). */
function entriesOf(marks: readonly Mark[]): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  for (const m of marks) {
    const e = out[m.point];
    if (e) out[m.point] = { points: (e.points ?? 0) + m.points, note: `${e.note}；${m.note}` };
    else out[m.point] = { deduction: m.deduction, points: m.points, note: m.note, failed: true };
  }
  return out;
}

/** The marks the entries make, in the checklist's order. */
function marksOf(c: Checklist, entries: Record<string, Entry>) {
  const out: { point: string; deduction?: string; points?: number; note: string }[] = [];
  for (const b of c.basicStandards ?? []) {
    const e = entries[b.code];
    if (e?.failed) out.push({ point: b.code, note: e.note });
  }
  for (const g of c.groups)
    for (const p of g.points) {
      const e = entries[p.code];
      if (!e?.points) continue;
      const listed = p.deductions?.find((d) => d.code === e.deduction);
      out.push(
        listed && listed.points === e.points
          ? { point: p.code, deduction: listed.code, note: e.note }
          : { point: p.code, points: e.points, note: e.note },
      );
    }
  return out;
}

/** The scoring page. */
export function FileReviewScorePage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const id = params.id as string;
  const file = useResource<FileDetail>(`/file-review/files/${id}`);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { running, error, setError, submit } = useSubmit<'draft' | 'finish' | 'correct'>();
  const f = file.data;
  const c = f?.checklist ?? null;
  useEffect(() => {
    if (f) setEntries(entriesOf(f.marks));
  }, [f]);
  const en = lang === 'en';
  const label = (x: { name: string; nameEn?: string }) => (en && x.nameEn ? x.nameEn : x.name);
  const editable = !!f?.may.score && (f.state !== 'finished' || correcting);
  const marks = useMemo(() => (c ? marksOf(c, entries) : []), [c, entries]);
  const vetoed = (c?.basicStandards ?? []).some((b) => entries[b.code]?.failed);
  const total = c
    ? vetoed
      ? 0
      : Math.round((c.max - marks.reduce((s, m) => s + (m.points ?? pointsOf(c, m)), 0)) * 100) / 100
    : 0;
  const set = (code: string, e: Partial<Entry>) =>
    setEntries((x) => ({ ...x, [code]: { ...(x[code] ?? { points: null, note: '' }), ...e } }));

  const onError = (e: { details: { problems?: FieldProblem[] } }) => {
    const out: Record<string, string> = {};
    for (const p of e.details.problems ?? []) {
      const i = Number(p.path.split('/')[2]);
      const point = marks[i]?.point ?? (p.path.startsWith('/reason') ? 'reason' : '');
      out[point] = en ? p.message.en : p.message.zh;
    }
    setProblems(out);
  };
  const save = (which: 'draft' | 'finish') =>
    submit(
      async () => {
        if (!f) return;
        setProblems({});
        await api.post(`/file-review/files/${id}/score`, { version: f.version, marks, finish: which === 'finish' });
        message.success(t(which === 'finish' ? 'fileReview.finishedMsg' : 'fileReview.saved'));
        await file.reload();
      },
      { which, onError },
    );
  const correct = () =>
    submit(
      async () => {
        if (!f) return;
        setProblems({});
        await api.post(`/file-review/files/${id}/correct`, { version: f.version, marks, reason });
        message.success(t('fileReview.corrected'));
        setCorrecting(false);
        setReason('');
        await file.reload();
      },
      { which: 'correct', onError },
    );

  return (
    <div data-testid="file-review-score">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {f ? `${t('fileReview.score')} · ${f.case.number}` : t('fileReview.title')}
      </Typography.Title>
      <ErrorAlert error={error ?? file.error} onClose={() => setError(null)} />
      {f && c && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <Link to={`/file-review/rounds/${f.round.id}`}>{t('fileReview.back')}</Link>
            <Link to={`/cases/${f.case.id}`}>
              <span data-testid="read-file">{t('fileReview.readFile')}</span>
            </Link>
            <span>{f.subject.name}</span>
            <FileState state={f.state} />
            <Verdict file={f} />
          </Space>
          {f.state === 'finished' && (
            <Alert type="info" showIcon message={t('fileReview.locked', { n: f.corrections })} />
          )}
          <Card
            size="small"
            title={`${label(c)} · ${t('fileReview.basic')}`}
            // The rule (any one failed → unqualified, 0 points) wraps on a phone rather than being cut off.
            styles={{ title: { whiteSpace: 'normal' } }}
          >
            {(c.basicStandards ?? []).map((b) => (
              <Space key={b.code} wrap style={{ display: 'flex', marginBottom: 6 }} data-point={b.code}>
                <Checkbox
                  checked={!!entries[b.code]?.failed}
                  disabled={!editable}
                  onChange={(e) => set(b.code, { failed: e.target.checked })}
                >
                  {label(b)} · {t('fileReview.failed')}
                </Checkbox>
                {entries[b.code]?.failed && (
                  <Input
                    style={{ width: 360 }}
                    placeholder={t('fileReview.note')}
                    value={entries[b.code]?.note}
                    disabled={!editable}
                    onChange={(e) => set(b.code, { note: e.target.value })}
                    status={problems[b.code] ? 'error' : undefined}
                  />
                )}
                {problems[b.code] && <Typography.Text type="danger">{problems[b.code]}</Typography.Text>}
              </Space>
            ))}
          </Card>
          {c.groups.map((g) => (
            <Card key={g.code} size="small" title={label(g)}>
              {g.points.map((p) => {
                const e = entries[p.code];
                return (
                  <div key={p.code} data-point={p.code} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>{label(p)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{t('fileReview.maxScore', { n: p.maxScore })}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {en && p.descriptionEn ? p.descriptionEn : p.description}
                      </Typography.Text>
                    </div>
                    <Space wrap style={{ marginTop: 4 }}>
                      {p.deductions?.length ? (
                        <Select
                          allowClear
                          style={{ width: 260 }}
                          placeholder={t('fileReview.deduction')}
                          value={e?.deduction}
                          disabled={!editable}
                          options={p.deductions.map((d) => ({ value: d.code, label: `${label(d)}（-${d.points}）` }))}
                          onChange={(code?: string) => {
                            const d = p.deductions?.find((x) => x.code === code);
                            set(
                              p.code,
                              d
                                ? { deduction: d.code, points: d.points, note: e?.note || label(d) }
                                : { deduction: undefined, points: null },
                            );
                          }}
                          data-testid={`deduction-${p.code}`}
                        />
                      ) : null}
                      <InputNumber
                        min={0}
                        max={p.maxScore}
                        step={0.5}
                        placeholder={t('fileReview.points')}
                        value={e?.points ?? null}
                        disabled={!editable}
                        onChange={(v) => set(p.code, { points: v })}
                        status={problems[p.code] ? 'error' : undefined}
                        data-field={`points-${p.code}`}
                      />
                      <Input
                        style={{ width: 320 }}
                        placeholder={t('fileReview.note')}
                        value={e?.note ?? ''}
                        disabled={!editable}
                        onChange={(x) => set(p.code, { note: x.target.value })}
                        status={problems[p.code] ? 'error' : undefined}
                        data-field={`note-${p.code}`}
                      />
                      {problems[p.code] && <Typography.Text type="danger">{problems[p.code]}</Typography.Text>}
                    </Space>
                  </div>
                );
              })}
            </Card>
          ))}
          <Card size="small">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="live-total">
              {vetoed ? t('fileReview.live.vetoed') : t('fileReview.live', { total, max: c.max, passMark: c.passMark })}
            </Typography.Title>
            {f.may.score && f.state !== 'finished' && (
              <Space style={{ marginTop: 12 }}>
                <Button onClick={() => save('draft')} loading={running === 'draft'} data-testid="save-draft">
                  {t('fileReview.saveDraft')}
                </Button>
                <Popconfirm title={t('fileReview.finish.confirm')} onConfirm={() => save('finish')}>
                  <Button type="primary" loading={running === 'finish'} data-testid="finish">
                    {t('fileReview.finish')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
            {f.may.score && f.state === 'finished' && !correcting && (
              <Button style={{ marginTop: 12 }} onClick={() => setCorrecting(true)} data-testid="start-correction">
                {t('fileReview.correct')}
              </Button>
            )}
            {correcting && (
              <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  placeholder={t('fileReview.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  data-field="reason"
                />
                <Button
                  type="primary"
                  onClick={correct}
                  loading={running === 'correct'}
                  data-testid="submit-correction"
                >
                  {t('fileReview.submitCorrection')}
                </Button>
              </Space>
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}

/** The points of a listed deduction a mark names. */
function pointsOf(c: Checklist, m: { point: string; deduction?: string }): number {
  for (const g of c.groups)
    for (const p of g.points)
      if (p.code === m.point) return p.deductions?.find((d) => d.code === m.deduction)?.points ?? 0;
  return 0;
}
