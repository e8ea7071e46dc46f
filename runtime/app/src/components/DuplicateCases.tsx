/**
 * The open cases a new one may duplicate (same subject, matter and party), as the server answers
 * them in a `possible-duplicate` refusal: shown before filing, so the officer files a second case
 * only knowingly (the server records the confirmation with the case).
 */
import { List, Space, Tag, Typography } from 'antd';
import { dateTime } from '../format.ts';
import { useT } from '../i18n.tsx';

/** A possibly duplicated case, as the platform describes it. */
export interface PossibleDuplicate {
  id: string;
  number: string;
  state: { code: string; name: string };
  openedAt: string;
  officers: string[];
}

/** The list of possible duplicates, for the confirmation before filing. */
export function DuplicateCases({ items }: { items: PossibleDuplicate[] }) {
  const { t, named, list } = useT();
  return (
    <div data-testid="duplicate-cases">
      <Typography.Paragraph>{t('open.duplicateIntro')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={items}
        renderItem={(d) => (
          <List.Item data-testid="duplicate-case" data-id={d.id}>
            <Space direction="vertical" size={0}>
              <Space wrap size={6}>
                <Typography.Text strong lang="zh-CN">
                  {d.number}
                </Typography.Text>
                <Tag color="blue">{named(d.state)}</Tag>
              </Space>
              <Typography.Text type="secondary" data-user-text="">
                {t('open.duplicateOpened', { at: dateTime(d.openedAt), officers: list(d.officers) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
        {t('open.duplicateQuestion')}
      </Typography.Paragraph>
    </div>
  );
}
