/**
 * A matter as the officer needs to know it before opening a case: the cause, the authority item,
 * the legal basis with the article text in force, the penalty kinds, the discretion benchmark's
 * legal range and tiers (amounts computed from the facts entered so far), the workflow and documents.
 */
import { Card, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { amountOf, rangeText } from '../amounts.ts';
import { useT } from '../i18n.tsx';
import type { Amount, BasisView, MatterView } from '../types.ts';

/** Props of MatterCard. */
export interface MatterCardProps {
  matter: MatterView;
  facts?: Record<string, unknown>;
}

function BasisList({ items }: { items: BasisView[] }) {
  const { t } = useT();
  if (items.length === 0) return <span>—</span>;
  return (
    <Collapse
      size="small"
      items={items.map((b) => ({
        key: b.code,
        // A basis known only in part says so where the officer reads it (待核实), never silently.
        label: (
          <span>
            {/* The law's own citation and words: official Chinese text, in either language. */}
            <span lang="zh-CN">{b.law ? `《${b.law}》${b.article ?? ''}` : t('matter.noText')}</span>
            {b.unverified?.length ? (
              <Tag color="warning" style={{ marginLeft: 8 }}>
                {t('matter.unverified')}
              </Tag>
            ) : null}
          </span>
        ),
        children: (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {b.text ? <span lang="zh-CN">{b.text}</span> : t('matter.noText')}
          </Typography.Paragraph>
        ),
      }))}
    />
  );
}

/**
 * Tiers as benchmark tables print them, lightest fine first (从轻 → 一般 → 从重), whatever order the
 * pack keeps them in; while a fine waits for facts the pack's order stays.
 */
function lightestFirst<T extends { fine: { min: Amount } | null }>(tiers: T[], facts: Record<string, unknown>): T[] {
  // A tier without a fine (警告 alone) is lighter than any fine.
  const mins = tiers.map((tier) => (tier.fine ? amountOf(tier.fine.min, facts) : -1));
  if (mins.some((m) => m === null)) return tiers;
  return tiers
    .map((tier, i) => ({ tier, min: mins[i] as number }))
    .sort((a, b) => a.min - b.min)
    .map((x) => x.tier);
}

/** The matter card. */
export function MatterCard({ matter: m, facts = {} }: MatterCardProps) {
  const { t, lang, name, named, list, paren } = useT();
  const d = m.discretion;
  const pending = t('matter.needsFacts');
  const range = (r: { min: unknown; max: unknown } | null | undefined) =>
    r ? rangeText(amountOf(r.min as never, facts), amountOf(r.max as never, facts), lang, pending) : '—';
  return (
    <Card title={name(m.name, m.nameEn)} size="small" extra={<Tag>{m.code}</Tag>} data-testid="matter-card">
      <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('matter.cause')}>
          {lang === 'en' && m.nameEn ? m.nameEn : m.cause}
        </Descriptions.Item>
        {m.authorityItem && (
          <Descriptions.Item label={t('matter.authority')}>
            <Space wrap>
              {named(m.authorityItem)}
              <Tag color="blue">{name(m.authorityItem.powerType.name, m.authorityItem.powerType.nameEn)}</Tag>
              {m.authorityItem.legalReview && <Tag color="purple">{t('matter.legalReview')}</Tag>}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('matter.workflow')}>{named(m.workflow)}</Descriptions.Item>
        {m.penaltyKinds.length > 0 && (
          <Descriptions.Item label={t('matter.penaltyKinds')}>
            <Space wrap size={4}>
              {m.penaltyKinds.map((k) => (
                <Tag key={k.code}>{name(k.name, k.nameEn)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      {m.legalBasis.violated.length > 0 && (
        <>
          <Typography.Text strong>{t('matter.violated')}</Typography.Text>
          <BasisList items={m.legalBasis.violated} />
        </>
      )}
      {m.legalBasis.penalty.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('matter.penalty')}
          </Typography.Text>
          <BasisList items={m.legalBasis.penalty} />
        </>
      )}
      {d && (
        <div style={{ marginTop: 12 }} data-testid="matter-discretion">
          <Typography.Text strong>
            {t('matter.discretion')}
            {t('common.colon')}
            {d.version ? paren(named(d), d.version.label) : named(d)}
          </Typography.Text>
          <div>
            {t('matter.legalRange')}
            {t('common.colon')}
            <Typography.Text strong>{range(d.legalRange)}</Typography.Text>
          </div>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={lightestFirst(d.tiers, facts)}
            style={{ marginTop: 6 }}
            columns={[
              { title: t('discretion.tier'), render: (_, tier) => named(tier), width: 80 },
              {
                title: t('discretion.fine'),
                render: (_, tier) => (tier.fine ? range(tier.fine) : t('discretion.noFine')),
                width: 150,
              },
              // The pack words a tier's description in Chinese only (no English twin in the format yet).
              ...(lang === 'zh'
                ? [{ title: t('discretion.description'), dataIndex: 'description', ellipsis: true }]
                : []),
            ]}
          />
          {d.noPenalty.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 6, marginBottom: 0 }}>
              {t('matter.noPenalty')}
              {t('common.colon')}
              {list(d.noPenalty.map((n) => named(n)))}
            </Typography.Paragraph>
          )}
        </div>
      )}
    </Card>
  );
}
