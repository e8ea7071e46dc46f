/** The case at a glance: party, subject and officers, the matter with its legal basis, and 法制审核 so far. */
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { date } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import type { CaseDetail } from '../types.ts';
import { MatterCard } from './MatterCard.tsx';

/** The overview of a case. */
export function CaseOverview({ detail }: { detail: CaseDetail }) {
  const { t } = useT();
  const p = detail.party;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('case.party')} data-testid="party">
          <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label={p.kind === 'person' ? t('party.personName') : t('party.orgName')}>
              <span data-user-text="">{p.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={p.kind === 'person' ? t('party.idCard') : t('party.creditCode')}>
              <Typography.Text style={{ fontFamily: 'monospace' }}>{p.idNumber}</Typography.Text>
              {p.masked && <Tag style={{ marginInlineStart: 8 }}>{t('party.masked')}</Tag>}
            </Descriptions.Item>
            {p.representative && (
              <Descriptions.Item label={t('party.representative')}>
                <span data-user-text="">{p.representative}</span>
              </Descriptions.Item>
            )}
            {p.phone && <Descriptions.Item label={t('party.phone')}>{p.phone}</Descriptions.Item>}
            {p.address && (
              <Descriptions.Item label={t('party.address')}>
                <span data-user-text="">{p.address}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card size="small" title={t('case.handling')} style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label={t('case.subject')}>
              <span lang="zh-CN">{detail.subject.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('case.officers')}>
              <Space wrap size={4}>
                {detail.officers.map((o) => (
                  <Tag key={o.id} color={o.certificateValid || detail.category !== 'enforcement' ? 'blue' : 'red'}>
                    <span data-user-text="">{o.name}</span>
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('case.openedAt')}>{date(detail.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('open.violationDate')}>{detail.violationDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('case.pack')}>
              {/* The pinned pack's hash is for whoever asks for it (技术信息), not for reading in passing. */}
              <details data-technical="">
                <summary>{t('common.technical')}</summary>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {detail.packHash}
                </Typography.Text>
              </details>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {detail.reviews.length > 0 && (
          <Card size="small" title={t('review.title')} style={{ marginTop: 16 }} data-testid="case-reviews">
            {detail.reviews.map((r) => (
              <div key={r.id} style={{ marginBottom: 6 }}>
                <Tag color={r.status === 'pending' ? 'purple' : r.opinion === 'agree' ? 'green' : 'default'}>
                  {r.opinion
                    ? t(`review.opinion.${r.opinion}` as MessageKey)
                    : t(`review.status.${r.status}` as MessageKey)}
                </Tag>{' '}
                <span data-user-text="">{r.reviewer?.name}</span> {r.dueDate && `· ${t('deadline.due')} ${r.dueDate}`}{' '}
                {r.comment && <span data-user-text="">· {r.comment}</span>}
              </div>
            ))}
          </Card>
        )}
      </Col>
      <Col xs={24} lg={12}>
        <MatterCard matter={detail.matter} facts={detail.facts} />
      </Col>
    </Row>
  );
}
