import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  REORDER_LAPSED_FACTOR,
  REORDER_MIN_PURCHASES,
  type FollowUp,
} from '../../../../src-main/features/care/contract';
import type { CustomerDetail } from '../../../../src-main/features/customers/contract';
import { addDays } from '../../../../src-main/shared/dates';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { LoadingPanel } from '../../ui/Spinner';
import { FollowUpItem } from './FollowUpItem';
import { RiskChips } from './RiskChips';
import { useToday } from '../../hooks/useToday';

/** Next steps shown on a customer's page; the rest wait on the Follow-ups screen. */
const NEXT_STEPS = 5;
/** Enough per bucket that one customer's stay-in-touch and reorder items are always among them. */
const PER_BUCKET = 100;
const WATCH = ['care', 'sales', 'customers'] as const;

type Item<K extends FollowUp['kind']> = Extract<FollowUp, { kind: K }>;

/**
 * Where the customer stands in the care loop: the warning signs, the stay-in-touch clock,
 * the reorder rhythm and the next few things to do for them.
 */
export function CustomerCare({ detail }: { detail: CustomerDetail }): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const customerId = detail.customer.id;
  const followUps = useQuery('care.followups.list', { asOf: today, customerId, limit: PER_BUCKET }, WATCH);
  const atRisk = useQuery('care.atRisk', { asOf: today, customerId }, WATCH);

  if (followUps.error || atRisk.error) {
    const retry = (): void => {
      followUps.reload();
      atRisk.reload();
    };
    return <ErrorPanel title={t('care.customer.loadFailed')} error={followUps.error ?? atRisk.error} onRetry={retry} />;
  }
  if (!followUps.data || !atRisk.data) return <LoadingPanel />;

  const list = followUps.data;
  const all = [...list.overdue, ...list.today, ...list.week, ...list.later];
  // A reminder riding on a check-in is still the customer's clock and rhythm.
  const every = all.flatMap((item): FollowUp[] => (item.kind === 'check_in' ? [item, ...item.also] : [item]));
  const stay = every.find((item): item is Item<'stay_in_touch'> => item.kind === 'stay_in_touch');
  const reorder = every.find((item): item is Item<'reorder'> => item.kind === 'reorder');
  const reasons = atRisk.data.items[0]?.reasons ?? [];
  // Stay-in-touch items are always on the list while a rule applies; "fine" ones are not a step.
  const steps = all.filter((item) => item.kind !== 'stay_in_touch' || item.status !== 'fine').slice(0, NEXT_STEPS);

  return (
    <>
      <section className="care-cards" aria-label={t('care.customer.section')}>
        <div className={`card care-card${reasons.length > 0 ? ' care-card-risk' : ''}`}>
          <h2>{reasons.length > 0 ? t('care.customer.atRisk') : t('care.customer.noRisk')}</h2>
          {reasons.length > 0 ? (
            <RiskChips reasons={reasons} />
          ) : (
            <p className="muted">{t('care.customer.noRiskText')}</p>
          )}
        </div>
        <StayInTouchCard item={stay ?? null} />
        <ReorderCard item={reorder ?? null} detail={detail} />
      </section>
      <section className="section" aria-labelledby="next-steps">
        <h2 id="next-steps">{t('care.customer.nextSteps')}</h2>
        {steps.length > 0 ? (
          <ul className="followup-list">
            {steps.map((item) => (
              <FollowUpItem key={item.id} item={item} showCustomer={false} />
            ))}
          </ul>
        ) : (
          <p className="muted section-empty">{t('care.customer.noNextSteps')}</p>
        )}
      </section>
    </>
  );
}

function StayInTouchCard({ item }: { item: Item<'stay_in_touch'> | null }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="card care-card">
      <h2>
        {t('care.customer.stayInTouch')}
        {item && <span className={`badge contact-${item.status}`}>{t(`care.contactStates.${item.status}`)}</span>}
      </h2>
      {item ? (
        <p>
          {t('care.customer.lastContact', {
            date: format.date(item.lastContactOn),
            count: item.daysSinceContact,
            days: format.number(item.daysSinceContact),
          })}{' '}
          <span className="muted">
            {t('care.customer.interval', { ideal: format.number(item.idealDays), max: format.number(item.maxDays) })}
          </span>
        </p>
      ) : (
        <p className="muted">
          {t('care.customer.noRule')} <Link to="/settings">{t('care.customer.setRule')}</Link>
        </p>
      )}
    </div>
  );
}

function ReorderCard({ item, detail }: { item: Item<'reorder'> | null; detail: CustomerDetail }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const expected = item ? addDays(item.lastPurchaseOn, item.usualDays) : null;
  return (
    <div className="card care-card">
      <h2>
        {t('care.customer.reorder')}
        {item && <span className={`badge reorder-${item.status}`}>{t(`care.reorderStates.${item.status}`)}</span>}
      </h2>
      {item && expected ? (
        <p>
          {t('care.customer.rhythm', {
            usual: format.number(item.usualDays),
            purchases: format.number(item.purchases),
          })}{' '}
          <span className="muted">
            {expected < today
              ? t('care.customer.expectedWas', { date: format.date(expected) })
              : t('care.customer.expectedOn', { date: format.date(expected) })}
          </span>
        </p>
      ) : (
        <p className="muted">
          {detail.purchases < REORDER_MIN_PURCHASES
            ? t('care.customer.noRhythm', { count: REORDER_MIN_PURCHASES })
            : t('care.customer.noReorder', { factor: REORDER_LAPSED_FACTOR })}
        </p>
      )}
    </div>
  );
}
