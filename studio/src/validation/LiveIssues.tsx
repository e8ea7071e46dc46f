/**
 * The live validation's answer above the item editor: every issue of the resolved copy with the
 * edited item, the item's own first (they are also shown at their fields), each linking to its
 * item and field.
 */
import { Alert, Button, Card, List, Space, Spin, Tag, Typography } from 'antd';
import { format, type Lang } from '../messages.ts';
import type { LiveValidation } from './useLiveValidation.ts';

/**
 * Opens an item of the working copy at a field as the studio's own links do: its address pushed
 * and the studio told (popstate), so the page reads the place from the address.
 */
export function openItemAt(workspaceId: string, kind: string, code: string, pointer?: string) {
  const e = encodeURIComponent;
  const field = pointer ? `?field=${e(pointer)}` : '';
  window.history.pushState(null, '', `/studio/workspaces/${e(workspaceId)}/items/${e(kind)}/${e(code)}${field}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function LiveIssues(props: {
  lang: Lang;
  workspaceId: string;
  kind: string;
  code: string;
  live: LiveValidation;
  open?: (kind: string, code: string, pointer?: string) => void;
}) {
  const { lang, kind, code, live } = props;
  const open = props.open ?? ((k: string, c: string, p?: string) => openItemAt(props.workspaceId, k, c, p));
  const t = (key: Parameters<typeof format>[1], p?: Record<string, string | number>) => format(lang, key, p);
  if (live.state === 'idle') return null;
  const own = (i: { kind?: string; itemCode?: string }) => i.kind === kind && i.itemCode === code;
  const issues = [...live.issues.filter(own), ...live.issues.filter((i) => !own(i))];
  const errors = live.issues.filter((i) => i.severity === 'error').length;
  return (
    <Card
      size="small"
      data-testid="live-validation"
      data-state={live.state}
      // Nothing to list: the title alone (an empty body would be a blank band).
      {...(issues.length === 0 && live.state !== 'failed' ? { styles: { body: { display: 'none' } } } : {})}
      title={
        <Space>
          <span>{t('live.title')}</span>
          {live.state === 'checking' && <Spin size="small" />}
          {live.state === 'done' && (
            <Typography.Text type={errors ? 'danger' : 'success'} data-testid="live-summary">
              {errors || issues.length
                ? t('live.summary', { n: issues.length, own: live.fieldErrors.length, ms: live.ms ?? 0 })
                : t('live.clean', { ms: live.ms ?? 0 })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      {live.state === 'failed' && <Alert type="error" message={live.error?.[lang] ?? ''} />}
      {issues.length > 0 && (
        <List
          size="small"
          style={{ maxHeight: 220, overflow: 'auto' }}
          dataSource={issues}
          renderItem={(i) => (
            <List.Item data-testid="live-issue" data-own={own(i) ? 'yes' : 'no'}>
              <Space wrap size={4}>
                <Tag color={i.severity === 'error' ? 'red' : 'gold'}>
                  {i.severity === 'error' ? t('live.error') : t('live.warning')}
                </Tag>
                {i.kind && i.itemCode && (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    disabled={own(i)}
                    onClick={() => open(i.kind as string, i.itemCode as string, i.pointer)}
                  >
                    {own(i) ? t('live.thisItem') : `${i.kind} ${i.itemCode}`}
                  </Button>
                )}
                {i.pointer && <Typography.Text code>{i.pointer}</Typography.Text>}
                <span>{i.message[lang]}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
