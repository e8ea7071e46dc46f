/**
 * Every event of the case's record (执法全过程记录), oldest first: who did what and when, the
 * state each action led to and its reason, documents and evidence by name.
 */
import { Timeline, Typography } from 'antd';
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

/** The timeline of a case. */
export function TimelinePanel({ detail, attachmentNames = {}, actionNames = {}, factLabels = {} }: TimelinePanelProps) {
  const { t, pick } = useT();
  const stateName = (code: unknown) => detail.states.find((s) => s.code === code)?.name ?? String(code ?? '');
  const actionName = (code: unknown) => pick(actionNames[String(code)]);
  const docName = (id: string | null) => {
    const d = detail.documents.find((x) => x.id === id);
    return d ? `${d.name ?? d.form}${d.number ? `（${d.number}）` : ` v${d.version}`}` : '';
  };
  const factValue = (v: unknown) =>
    v === true
      ? t('common.yes')
      : v === false
        ? t('common.no')
        : v === null
          ? '—'
          : Array.isArray(v)
            ? v.join('、')
            : String(v);
  const describe = (e: TimelineEvent): string => {
    const label = KNOWN.has(e.action) ? t(`event.${e.action}` as MessageKey) : e.action;
    const after = e.after ?? {};
    switch (e.action) {
      case 'case.transition': {
        const name = actionName(after.action) ?? String(after.action ?? '');
        return `${name || label}：${stateName(e.before?.state)} → ${stateName(after.state)}${after.reason ? `（${t('event.reason')}${t('common.colon')}${after.reason}）` : ''}`;
      }
      case 'case.facts':
        return `${label}：${Object.entries(after)
          .map(([k, v]) => `${factLabels[k] ?? k} = ${factValue(v)}`)
          .join('；')}`;
      case 'review.opinion':
        return `${label}：${t(`review.opinion.${String(after.opinion)}` as MessageKey)}${after.comment ? `（${after.comment}）` : ''}`;
      case 'review.request':
        return `${label}${after.dueDate ? `：${t('deadline.due')} ${after.dueDate}` : ''}`;
      case 'case.open':
        // A case filed beside an open one of the same party and matter names the case(s) the officer confirmed.
        return Array.isArray(after.duplicatesConfirmed)
          ? `${label}（${t('event.duplicatesConfirmed', { numbers: after.duplicatesConfirmed.join('、') })}）`
          : label;
      case 'document.correct':
        // The reason the new version gives (更正理由), masked for readers who see masked data.
        return `${label}：${docName(e.target)}${after.reason ? `（${t('event.reason')}${t('common.colon')}${after.reason}）` : ''}`;
      case 'attachment.add':
        return `${label}：${attachmentNames[e.target ?? ''] ?? ''}`;
      default:
        return e.action.startsWith('document.') ? `${label}：${docName(e.target)}` : label;
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
                {dateTime(e.at)} · {e.actor.name}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
