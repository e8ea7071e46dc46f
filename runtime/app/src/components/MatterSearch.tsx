/**
 * Finding the matter of a new case by its code, name, cause, keywords, law or article (the API
 * searches the active pack); a matter found through its law shows the article that matched.
 */
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n.tsx';
import type { BasisView, MatterView, Page } from '../types.ts';
import { useResource } from '../use-resource.ts';

/** Props of MatterSearch. */
export interface MatterSearchProps {
  selected: string | null;
  onSelect: (code: string) => void;
  /** Keep the list short once a matter is chosen. */
  compact: boolean;
}

/** The articles of a matter a search found it by: `《食品安全法》第一百二十四条…`. */
function matchedArticles(m: MatterView): BasisView[] {
  const all = [...m.legalBasis.violated, ...m.legalBasis.penalty];
  return (m.matchedBasis ?? []).flatMap((code) => all.find((b) => b.code === code) ?? []);
}

/** The matter search card. */
export function MatterSearch({ selected, onSelect, compact }: MatterSearchProps) {
  const { t, name, pick } = useT();
  const [q, setQ] = useState('');
  const search = useResource<Page<MatterView>>(`/matters?q=${encodeURIComponent(q)}`);
  const more = search.data ? search.data.total - search.data.items.length : 0;
  return (
    <Card size="small" title={t('open.findMatter')}>
      <Input.Search
        placeholder={t('open.searchPlaceholder')}
        allowClear
        enterButton
        onSearch={setQ}
        data-testid="matter-search"
      />
      <List
        size="small"
        loading={search.loading}
        dataSource={search.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('open.noMatter')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        style={{ maxHeight: compact ? 260 : 520, overflow: 'auto', marginTop: 8 }}
        renderItem={(x) => {
          // Outside the subject's 权责清单: shown so the officer sees why, but never chosen (the server refuses it too).
          const refused = x.allowed === false;
          return (
            <List.Item
              onClick={refused ? undefined : () => onSelect(x.code)}
              aria-disabled={refused || undefined}
              style={{
                cursor: refused ? 'not-allowed' : 'pointer',
                background: x.code === selected ? '#e6f0ff' : undefined,
                opacity: refused ? 0.55 : undefined,
                paddingInline: 8,
              }}
              data-testid="matter-option"
              data-code={x.code}
              data-allowed={refused ? 'false' : 'true'}
            >
              <div>
                <Typography.Text strong type={refused ? 'secondary' : undefined}>
                  {name(x.name, x.nameEn)}
                </Typography.Text>
                <div>
                  <Space size={4} wrap>
                    <Tag>{x.code}</Tag>
                    {x.sector && <Tag color="blue">{name(x.sector.name, x.sector.nameEn)}</Tag>}
                    <Tag>{name(x.workflow.name, x.workflow.nameEn)}</Tag>
                  </Space>
                </div>
                {matchedArticles(x).map((b) => (
                  <Typography.Text
                    key={b.code}
                    type="secondary"
                    style={{ display: 'block' }}
                    data-testid="matter-match"
                  >
                    {`《${b.law ?? b.code}》${b.article ?? ''}`}
                  </Typography.Text>
                ))}
                {refused && (
                  <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="matter-refusal">
                    {pick(x.refusal) || t('open.notYours')}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          );
        }}
      />
      {more > 0 && <Typography.Text type="secondary">{t('open.more', { n: more })}</Typography.Text>}
    </Card>
  );
}
