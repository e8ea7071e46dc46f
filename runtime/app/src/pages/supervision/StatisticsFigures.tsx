/**
 * The first screen's figures for the scope and filters: records and how many are open and closed,
 * records by kind (power type, or the matter of a legal-affairs record), and the seed's rates —
 * 履职率, 参与率, 人均办案率 — each with what it divides — and the files 案卷评查 sampled (when the
 * reader may see them), with how many were reviewed and passed.
 */
import { Card, Col, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n.tsx';
import type { RateCode, SampledSummary, StatisticsAnswer } from './statistics-api.ts';

/** A rate as shown: a percentage, or a ratio to two decimals; a dash when nothing was measured. */
export function rateText(code: RateCode, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return code === 'casesPerOfficer' ? value.toFixed(2) : `${(value * 100).toFixed(1)}%`;
}

const STAT = '1 1 150px';

/** The figures of an answer. */
export function StatisticsFigures({
  answer,
  sampled,
}: {
  answer: StatisticsAnswer | undefined;
  sampled?: SampledSummary | undefined;
}) {
  const { t, named } = useT();
  const f = answer?.figures;
  const rate = (code: RateCode, hint: string) => (
    <Col flex={STAT}>
      <Card size="small" data-testid={`figure-${code}`}>
        <Tooltip title={hint}>
          <Statistic title={t(`stats.rate.${code}`)} value={f ? rateText(code, f.rates[code]) : '…'} />
        </Tooltip>
      </Card>
    </Col>
  );
  return (
    <div data-testid="statistics-figures">
      <Row gutter={[12, 12]}>
        <Col flex={STAT}>
          <Card size="small" data-testid="figure-cases">
            <Statistic title={t('stats.records')} value={f?.cases ?? '…'} />
          </Card>
        </Col>
        <Col flex={STAT}>
          <Card size="small">
            <Statistic title={t('stats.open')} value={f?.open ?? '…'} />
          </Card>
        </Col>
        <Col flex={STAT}>
          <Card size="small">
            <Statistic title={t('stats.closed')} value={f?.closed ?? '…'} />
          </Card>
        </Col>
        {rate(
          'performanceRate',
          t('stats.rate.performanceHint', {
            a: f?.counts.authorityItemsExercised ?? 0,
            b: f?.counts.authorityItems ?? 0,
          }),
        )}
        {rate(
          'participationRate',
          t('stats.rate.participationHint', {
            a: f?.counts.officersWithCases ?? 0,
            b: f?.counts.certifiedOfficers ?? 0,
          }),
        )}
        {rate(
          'casesPerOfficer',
          t('stats.rate.perOfficerHint', { a: f?.counts.cases ?? 0, b: f?.counts.certifiedOfficers ?? 0 }),
        )}
        {sampled && (
          <Col flex={STAT}>
            <Card size="small" data-testid="figure-sampledFiles">
              <Tooltip title={t('stats.sampledHint')}>
                <Statistic
                  title={t('stats.sampledFiles')}
                  value={sampled.sampled}
                  suffix={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('stats.sampledReviewed', { a: sampled.finished, b: sampled.qualified })}
                    </Typography.Text>
                  }
                />
              </Tooltip>
            </Card>
          </Col>
        )}
      </Row>
      <Space wrap size={[8, 8]} style={{ marginTop: 12 }} data-testid="records-by-kind">
        <Typography.Text type="secondary">{t('stats.byKind')}</Typography.Text>
        {(f?.kinds ?? []).map((k) => (
          <Tag key={k.kind} data-kind={k.kind} lang={k.nameEn ? undefined : 'zh-CN'}>
            {named(k)} <b>{k.cases}</b>
          </Tag>
        ))}
        {f && f.kinds.length === 0 && <Typography.Text type="secondary">{t('stats.noRecords')}</Typography.Text>}
      </Space>
    </div>
  );
}
