/**
 * Alerts as a list: each with its level, the rule's name, the filled message and the case it is
 * about (a link), marked on the left in the level's colour; on request the subject, why it fired
 * and whom it is for.
 */
import { List, Space, Typography } from 'antd';
import { type AlertView, LEVEL_COLOR } from '../alerts.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { AlertLevelTag } from './AlertLevelTag.tsx';
import { StateTag } from './StateTag.tsx';

/** Props of AlertList. */
export interface AlertListProps {
  alerts: readonly AlertView[];
  loading?: boolean;
  /** Show the case's subject (a supervisor's list spans subjects). */
  showSubject?: boolean;
  /** Show why the alert fired and whom the rule warns. */
  details?: boolean;
}

/** A list of alerts. */
export function AlertList({ alerts, loading = false, showSubject = false, details = false }: AlertListProps) {
  const { t, pick, lang } = useT();
  const sep = t('common.colon');
  return (
    <List
      size="small"
      loading={loading}
      dataSource={[...alerts]}
      locale={{ emptyText: t('alerts.none') }}
      renderItem={(a) => (
        <List.Item data-testid="alert" data-code={a.code} data-level={a.level} style={{ display: 'block' }}>
          <div style={{ borderInlineStart: `3px solid ${LEVEL_COLOR[a.level].text}`, paddingInlineStart: 10 }}>
            <Space wrap size={[8, 4]}>
              <AlertLevelTag level={a.level} />
              <Typography.Text strong>{pick(a.name)}</Typography.Text>
            </Space>
            <div style={{ margin: '4px 0' }}>{pick(a.message)}</div>
            <Space wrap size={[8, 4]} style={{ fontSize: 12 }}>
              {a.case && (
                <>
                  <Link to={`/cases/${a.case.id}`}>
                    <span lang="zh-CN">{a.case.number}</span>
                  </Link>
                  <StateTag state={a.case.state} />
                </>
              )}
              {(showSubject || !a.case) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <span lang="zh-CN">{a.subject.name}</span>
                </Typography.Text>
              )}
              {a.case && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {lang === 'en' && a.case.matter.nameEn ? a.case.matter.nameEn : a.case.cause}
                </Typography.Text>
              )}
            </Space>
            {details && (
              <div style={{ fontSize: 12, marginTop: 4 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('alerts.why')}
                  {sep}
                  {pick(a.why)}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('alerts.recipients')}
                  {sep}
                  {a.recipients.map((r) => pick(r.name)).join(t('alerts.listSep'))}
                </Typography.Text>
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
