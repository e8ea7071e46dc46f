/**
 * Every event of the case's record (执法全过程记录), oldest first: who did what and when, the
 * state each action led to and its reason, documents and evidence by name.
 */
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { dateTime } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import type { CaseDetail, TimelineEvent } from '../types.ts';

/** Props of TimelinePanel. */
export interface TimelinePanelProps {
  detail: CaseDetail;
  attachmentNames?: Record<string, string>;
  /** Names of the workflow's actions (from the case's rules). */
  actionNames?: Record<string, { zh: string; en: string }>;
  /** Labels of the case's facts, by name. */
  factLabels?: Record<string, string>;
  /** Enumerated facts' values as the language names them, by fact and value (the pack's words, not typed). */
  factValues?: Record<string, Record<string, string>>;
}

const KNOWN = new Set([
  'case.open',
  'case.facts',
  'case.transition',
  'document.create',
  'document.update',
  'document.issue',
  'document.correct',
  'attachment.add',
  'review.request',
  'review.opinion',
  'case.link',
  'case.unlink',
]);

/** Facts the platform records itself (not the matter's): their labels. */
const RECORDED: Record<string, MessageKey> = {
  fineOutsideTier: 'fact.fineOutsideTier',
  fineOutsideTierFine: 'fact.fineOutsideTierFine',
  fineOutsideTierReason: 'fact.fineOutsideTierReason',
  discretionTier: 'fact.discretionTier',
};

/** The timeline of a case. */
export function TimelinePanel({
  detail,
  attachmentNames = {},
  actionNames = {},
  factLabels = {},
  factValues = {},
}: TimelinePanelProps) {
  const { t, pick, named, list, lang } = useT();
  /** Text with a remark in brackets (full-width in Chinese); the remark is as people wrote it. */
  const remark = (text: ReactNode, r: ReactNode): ReactNode =>
    lang === 'zh' ? (
      <>
        {text}（{r}）
      </>
    ) : (
      <>
        {text} ({r})
      </>
    );
  const data = (v: unknown) => <span data-user-text="">{String(v)}</span>;
  const stateName = (code: unknown) => named(detail.states.find((s) => s.code === code)) || t('event.unknownState');
  const actionName = (code: unknown) => pick(actionNames[String(code)]);
  const docName = (id: string | null) => {
    const d = detail.documents.find((x) => x.id === id);
    if (!d) return '';
    const title = d.name ? named({ name: d.name, nameEn: d.nameEn }) : t('event.document');
    return d.number ? remark(title, <span lang="zh-CN">{d.number}</span>) : `${title} v${d.version}`;
  };
  const factValue = (v: unknown) =>
    v === true
      ? t('common.yes')
      : v === false
        ? t('common.no')
        : v === null
          ? '—'
          : Array.isArray(v)
            ? list(v.map(String))
            : String(v);
  const describe = (e: TimelineEvent): ReactNode => {
    const label = t(KNOWN.has(e.action) ? (`event.${e.action}` as MessageKey) : 'event.other');
    const after = e.after ?? {};
    switch (e.action) {
      case 'case.transition': {
        const name = actionName(after.action) ?? String(after.action ?? '');
        const moved = `${name || label}${t('common.colon')}${stateName(e.before?.state)} → ${stateName(after.state)}`;
        return after.reason
          ? remark(
              moved,
              <>
                {t('event.reason')}
                {t('common.colon')}
                {data(after.reason)}
              </>,
            )
          : moved;
      }
      case 'case.facts':
        return (
          <>
            {label}
            {t('common.colon')}
            {Object.entries(after).map(([k, v], i) => (
              <span key={k}>
                {i > 0 && t('common.semicolon')}
                {factLabels[k] ?? t(RECORDED[k] ?? 'event.otherFact')} ={' '}
                {typeof v === 'string' ? (factValues[k]?.[v] ?? data(v)) : factValue(v)}
              </span>
            ))}
          </>
        );
      case 'review.opinion': {
        const opinion = `${label}${t('common.colon')}${t(`review.opinion.${String(after.opinion)}` as MessageKey)}`;
        return after.comment ? remark(opinion, data(after.comment)) : opinion;
      }
      case 'review.request':
        return `${label}${after.dueDate ? `${t('common.colon')}${t('deadline.due')} ${after.dueDate}` : ''}`;
      case 'case.open':
        // A case filed beside an open one of the same party and matter names the case(s) the officer confirmed.
        return Array.isArray(after.duplicatesConfirmed)
          ? remark(label, t('event.duplicatesConfirmed', { numbers: list(after.duplicatesConfirmed.map(String)) }))
          : label;
      case 'document.correct': {
        // The reason the new version gives (更正理由), masked for readers who see masked data.
        const corrected = (
          <>
            {label}
            {t('common.colon')}
            {docName(e.target)}
          </>
        );
        return after.reason
          ? remark(
              corrected,
              <>
                {t('event.reason')}
                {t('common.colon')}
                {data(after.reason)}
              </>,
            )
          : corrected;
      }
      case 'attachment.add':
        return (
          <>
            {label}
            {t('common.colon')}
            {data(attachmentNames[e.target ?? ''] ?? '')}
          </>
        );
      default:
        return e.action.startsWith('document.') ? (
          <>
            {label}
            {t('common.colon')}
            {docName(e.target)}
          </>
        ) : (
          label
        );
    }
  };
  return (
    <Timeline
      data-testid="timeline"
      items={detail.timeline.map((e) => ({
        key: e.seq,
        color:
          e.action === 'case.transition'
            ? 'blue'
            : e.action.startsWith('review.')
              ? 'purple'
              : e.action === 'document.issue'
                ? 'green'
                : 'gray',
        children: (
          <div data-event={e.action}>
            <Typography.Text>{describe(e)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(e.at)} · <span data-user-text="">{e.actor.name}</span>
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
