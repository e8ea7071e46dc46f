/**
 * The notification bell in the header: how many alerts addressed to me no one has read yet
 * (GET /alerts/unread-count), counted again on every navigation, every minute, and when the
 * board changes an alert; it opens the alert board. Nothing for a user whose roles read no alerts.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect } from 'react';
import { ALERTS_CHANGED, type UnreadAnswer } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { navigate, usePath } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useResource } from '../use-resource.ts';

/** How often the count is read again while the page stays open. */
const REFRESH_MS = 60_000;

/** The bell with the unread count. */
export function AlertBell() {
  const { t } = useT();
  const { can } = useSession();
  const path = usePath();
  const readable = can('alert.read');
  const unread = useResource<UnreadAnswer>(readable ? '/alerts/unread-count' : null);
  const { reload } = unread;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is what a navigation changes; counting again is the point
  useEffect(() => {
    void reload();
  }, [path, reload]);
  useEffect(() => {
    if (!readable) return;
    const again = () => void reload();
    const timer = window.setInterval(again, REFRESH_MS);
    window.addEventListener(ALERTS_CHANGED, again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(ALERTS_CHANGED, again);
    };
  }, [readable, reload]);
  if (!readable) return null;
  const n = unread.data?.unread ?? 0;
  return (
    <Badge count={n} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => navigate('/alerts')}
        aria-label={t('alerts.bell', { n })}
        title={t('alerts.bell', { n })}
        data-testid="alert-bell"
        data-count={unread.data ? n : undefined}
      />
    </Badge>
  );
}
