/** 法制审核 queue: the reviews my scope covers, pending first by due date, or those decided. */
import { Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DeadlineTag } from '../components/DeadlineTag.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { money, today } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Link } from '../router.tsx';
import type { Page, ReviewItem } from '../types.ts';
import { useResource } from '../use-resource.ts';

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The review queue page. */
export function ReviewQueuePage() {
  const { t, lang, named } = useT();
  const [status, setStatus] = useState<'pending' | 'decided'>('pending');
  const queue = useResource<Page<ReviewItem>>(`/reviews?status=${status}&pageSize=50`);
  return (
    <div data-testid="review-queue">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('review.queue')}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'pending' | 'decided')}
          options={[
            { value: 'pending', label: t('review.pending') },
            { value: 'decided', label: t('review.decided') },
          ]}
        />
      </Space>
      <ErrorAlert error={queue.error} />
      <Card size="small">
        <List
          loading={queue.loading}
          dataSource={queue.data?.items ?? []}
          locale={{ emptyText: t('review.empty') }}
          renderItem={(r) => {
            const d = r.case.discretion;
            const left = r.dueDate ? daysBetween(today(), r.dueDate) : null;
            return (
              <List.Item
                data-testid="review-item"
                extra={
                  r.status === 'pending' && r.dueDate && left !== null ? (
                    <DeadlineTag
                      deadline={{
                        name: t('review.due'),
                        due: r.dueDate,
                        daysLeft: left,
                        status: left < 0 ? 'overdue' : left <= 2 ? 'near' : 'running',
                      }}
                    />
                  ) : r.opinion ? (
                    <Tag>{t(`review.opinion.${r.opinion}` as MessageKey)}</Tag>
                  ) : null
                }
              >
                <List.Item.Meta
                  title={
                    <Link to={`/reviews/${r.id}`}>
                      <span lang="zh-CN">{r.case.number}</span> · {named(r.case.matter)}
                    </Link>
                  }
                  description={
                    <Space wrap size={[8, 2]}>
                      <span data-user-text="">{r.case.party.name}</span>
                      <span lang="zh-CN">{r.case.subject.name}</span>
                      {r.case.proposedFine !== null && (
                        <span>
                          {t('review.proposedFine')}
                          {t('common.colon')}
                          {money(r.case.proposedFine, lang)}
                        </span>
                      )}
                      {d?.tier && <Tag color="blue">{named(d.tier)}</Tag>}
                      {(r.case.fineOutsideTier || d?.proposedFineOutsideTier) && (
                        <Tag color="red" data-testid="queue-fine-outside-tier">
                          {t('discretion.outsideTierShort')}
                        </Tag>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </div>
  );
}
