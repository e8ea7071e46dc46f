/**
 * The red flag of a proposed fine outside its discretion tier, for the 法制审核 reviewer: the
 * fine, the tier it should lie in (or the no-penalty rule that applies) and the officer's reason
 * as the server recorded them.
 */
import { Alert, Descriptions } from 'antd';
import { rangeText } from '../amounts.ts';
import { money } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { FineOutsideTierView } from '../types.ts';

/** The flag (nothing when the fine is inside its tier). */
export function FineOutsideTierAlert({ value }: { value: FineOutsideTierView | null }) {
  const { t, lang, named, paren } = useT();
  if (!value) return null;
  const fine = value.tier?.fine;
  const tier = value.tier
    ? paren(named(value.tier), fine ? rangeText(fine.min, fine.max, lang, '—') : t('discretion.noFine'))
    : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="fine-outside-tier"
      message={t('fineTier.flag')}
      style={{ marginBottom: 16 }}
      description={
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('review.proposedFine')}>
            <span data-testid="fine-outside-tier-fine">{money(value.fine, lang)}</span>
          </Descriptions.Item>
          {value.noPenalty ? (
            <Descriptions.Item label={t('fineTier.noPenalty')}>{value.noPenalty}</Descriptions.Item>
          ) : (
            <Descriptions.Item label={t('fineTier.tier')}>
              <span data-testid="fine-outside-tier-tier">{tier ?? '—'}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('fineTier.reason')}>
            <span data-testid="fine-outside-tier-reason" {...(value.reason ? { 'data-user-text': '' } : {})}>
              {value.reason ?? t('fineTier.noReason')}
            </span>
          </Descriptions.Item>
        </Descriptions>
      }
    />
  );
}
