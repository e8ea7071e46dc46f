/** The level of an alert as a coloured tag: red, orange, yellow (gold) or blue. */
import { Tag } from 'antd';
import { type AlertLevel, LEVEL_COLOR } from '../alerts.ts';
import { useT } from '../i18n.tsx';

/** The tag of an alert level, with the count when one is given. */
export function AlertLevelTag({ level, count }: { level: AlertLevel; count?: number }) {
  const { t } = useT();
  return (
    <Tag color={LEVEL_COLOR[level].tag} data-level={level} style={{ marginInlineEnd: 0 }}>
      {t(`alerts.level.${level}`)}
      {count === undefined ? '' : ` ${count}`}
    </Tag>
  );
}
