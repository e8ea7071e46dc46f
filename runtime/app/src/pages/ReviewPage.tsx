/**
 * One 法制审核: the case summary a reviewer checks (matter, party, facts, proposed penalty, the
 * discretion tier and its explanation, the documents), the seven-item checklist and the opinion.
 */

import { Explanation, unitText } from '@yifa/ui';
import { Alert, Button, Card, Col, Descriptions, List, Result, Row, Skeleton, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { FineOutsideTierAlert } from '../components/FineOutsideTierAlert.tsx';
import { OpinionForm } from '../components/OpinionForm.tsx';
import { money } from '../format.ts';
import { useT } from '../i18n.tsx';
import { capitalise } from '../message-format.ts';
import type { MessageKey } from '../messages.ts';
import { Link, navigate } from '../router.tsx';
import type { Page, ReviewItem } from '../types.ts';

/** The review page. */
export function ReviewPage({ params }: { params: Record<string, string> }) {
  const { t, lang, name, named, paren, list } = useT();
  const [item, setItem] = useState<ReviewItem | null | undefined>(undefined);
  const load = async () => {
    for (const status of ['pending', 'decided']) {
      const page = await api.get<Page<ReviewItem>>(`/reviews?status=${status}&pageSize=100`);
      const found = page.items.find((r) => r.id === params.id);
      if (found) return setItem(found);
    }
    setItem(null);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load depends on the id only
  useEffect(() => {
    void load();
  }, [params.id]);

  // Penalty kinds by the names of the pack's codelist, as the review answers them.
  const kindName = (code: string) => {
    const k = item?.case.proposedPenaltyKinds.find((x) => x.code === code);
    return k ? name(k.name, k.nameEn) : code;
  };

  if (item === undefined) return <Skeleton active />;
  if (item === null) return <Result status="404" title={t('review.notFound')} />;
  const c = item.case;
  const d = c.discretion;
  return (
    <div data-testid="review-page">
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <>
            {t('review.title')} · <span lang="zh-CN">{c.number}</span>
          </>
        }
        extra={<Link to={`/cases/${c.id}`}>{t('review.openCase')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('case.matter')}>{named(c.matter)}</Descriptions.Item>
          <Descriptions.Item label={t('case.subject')}>
            <span lang="zh-CN">{c.subject.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.party')}>
            <span data-user-text="">{paren(c.party.name, c.party.idNumber)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('open.violationDate')}>{c.violationDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('review.proposedPenalties')}>
            {list(c.proposedPenalties.map(kindName)) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.proposedFine')}>{money(c.proposedFine, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('review.due')}>{item.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('case.state')}>{named(c.state)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <FineOutsideTierAlert value={c.fineOutsideTier} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('discretion.result')} data-testid="review-discretion">
            {d ? (
              <>
                {d.tier && <Tag color="blue">{named(d.tier)}</Tag>}
                {d.proposedFineOutsideTier && !c.fineOutsideTier && (
                  <Alert type="error" showIcon message={t('discretion.outsideTier')} style={{ margin: '8px 0' }} />
                )}
                <Explanation lines={d.explanation[lang]} />
              </>
            ) : (
              t('discretion.none')
            )}
          </Card>
          <Card size="small" title={t('discretion.facts')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={c.facts}
              columns={[
                { title: t('facts.name'), render: (_, f) => name(f.label, f.labelEn ? capitalise(f.labelEn) : null) },
                {
                  title: t('facts.value'),
                  render: (_, f) =>
                    f.value === null ? (
                      '—'
                    ) : f.value === true ? (
                      t('common.yes')
                    ) : f.value === false ? (
                      t('common.no')
                    ) : f.valueEn && lang === 'en' ? (
                      f.valueEn
                    ) : (
                      // What the officer entered, as entered; the unit as the language writes it.
                      <>
                        <span data-user-text="">{String(f.value)}</span>
                        {unitText(f.unit, lang, f.value)}
                      </>
                    ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('case.tab.documents')} style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={c.documents}
              renderItem={(doc) => (
                <List.Item>
                  <Link to={`/documents/${doc.id}`}>{named(doc)}</Link>{' '}
                  <Tag>
                    {doc.status === 'issued'
                      ? (doc.number ?? t('documents.issued'))
                      : t('documents.draft', { v: doc.version })}
                  </Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {item.status === 'pending' ? (
            <OpinionForm
              reviewId={item.id}
              caseId={c.id}
              document={item.document}
              onDone={() => navigate(`/cases/${c.id}`)}
            />
          ) : (
            <Card size="small" title={t('review.opinionTitle')}>
              <Tag color={item.opinion === 'agree' ? 'green' : 'orange'}>
                {item.opinion
                  ? t(`review.opinion.${item.opinion}` as MessageKey)
                  : t(`review.status.${item.status}` as MessageKey)}
              </Tag>
              {item.comment && <p>{item.comment}</p>}
              <Button onClick={() => navigate(`/cases/${c.id}`)}>{t('review.openCase')}</Button>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
