/** A deadline counting down: blue while running, yellow when near, red when past. */
import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n.tsx';

/** Props of DeadlineTag. */
export interface DeadlineTagProps {
  deadline: { name: string; due: string; daysLeft: number; status: string } | null;
  showName?: boolean;
}

const COLOR: Record<string, string> = {
  running: 'blue',
  near: 'gold',
  overdue: 'red',
  met: 'green',
  missed: 'volcano',
};

/** The tag of a deadline. */
export function DeadlineTag({ deadline, showName = false }: DeadlineTagProps) {
  const { t, named } = useT();
  if (!deadline) return <span>—</span>;
  const { daysLeft, status } = deadline;
  const text =
    status === 'met'
      ? t('deadline.met')
      : status === 'missed'
        ? t('deadline.missed')
        : daysLeft < 0
          ? t('deadline.overdue', { days: -daysLeft })
          : daysLeft === 0
            ? t('deadline.today')
            : t('deadline.left', { days: daysLeft });
  return (
    <Tooltip title={`${named(deadline)} · ${t('deadline.due')} ${deadline.due}`}>
      <Tag color={COLOR[status] ?? 'default'} data-status={status} style={{ marginInlineEnd: 0 }}>
        {showName ? `${named(deadline)}${t('common.colon')}${text}` : text}
      </Tag>
    </Tooltip>
  );
}
