/** The case's number, matter and state, with the workflow's states passed, present and ahead. */
import { Card, Space, Tag, Typography } from 'antd';
import { useT } from '../i18n.tsx';
import type { CaseDetail } from '../types.ts';
import { StateTag } from './StateTag.tsx';

/** The header of a case. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, name, named } = useT();
  const entered = new Set(
    detail.timeline.filter((e) => e.action === 'case.transition').map((e) => String(e.before?.state)),
  );
  const path = detail.states.filter((s) => !s.terminal || s.code === detail.state.code || s.code === 'closed');
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="case-header">
      <Space wrap align="center" size={[12, 4]}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
          <span lang="zh-CN">{detail.number}</span>
        </Typography.Title>
        <StateTag state={detail.state} />
        <Tag>{named(detail.workflow)}</Tag>
        {detail.category !== 'enforcement' && <Tag color="magenta">{t('case.legalAffairs')}</Tag>}
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text>{name(detail.matter.name, detail.matter.nameEn)}</Typography.Text>
        <Typography.Text type="secondary">
          {' · '}
          <span data-user-text>{detail.party.name}</span>
        </Typography.Text>
      </div>
      <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }} data-testid="state-path">
        {path.map((s) => {
          const current = s.code === detail.state.code;
          const passed = !current && entered.has(s.code);
          return (
            <Tag
              key={s.code}
              color={current ? 'blue' : passed ? 'green' : undefined}
              bordered={current || passed}
              style={{ marginInlineEnd: 0, opacity: current || passed ? 1 : 0.55 }}
            >
              {passed ? '✓ ' : ''}
              {named(s)}
            </Tag>
          );
        })}
      </div>
    </Card>
  );
}
