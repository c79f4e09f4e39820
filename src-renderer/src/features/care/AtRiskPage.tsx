import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { EmptyState } from '../../ui/EmptyState';
import { LongList } from '../../ui/LongList';
import { QueryView } from '../../ui/QueryView';
import { CarePage } from './CarePage';
import { LogCallButton } from './LogCallButton';
import { RiskChips } from './RiskChips';
import { ShownCount } from './ShownCount';
import { useToday } from '../../hooks/useToday';

const LIMIT = 200;
/** A customer's row with one line of reasons and its border, until it is drawn and measured. */
const RISK_ROW_HEIGHT = 57;

/** Customers showing a sign of leaving, each with every reason the backend found. */
export function AtRiskPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const atRisk = useQuery('care.atRisk', { asOf: today, limit: LIMIT }, ['care', 'sales', 'customers']);

  return (
    <CarePage
      subtitle={
        atRisk.data && atRisk.data.total > 0
          ? t('care.atRisk.count', { count: atRisk.data.total, formatted: format.number(atRisk.data.total) })
          : t('care.atRisk.subtitle')
      }
    >
      <p className="muted care-explain">{t('care.atRisk.explain')}</p>
      <QueryView query={atRisk} failedTitle={t('care.atRisk.loadFailed')}>
        {({ items, total }) =>
          total === 0 ? (
            <EmptyState icon="heart" title={t('care.atRisk.emptyTitle')} text={t('care.atRisk.emptyText')} />
          ) : (
            <>
              <LongList className="risk-list" aria-busy={atRisk.loading} itemHeight={RISK_ROW_HEIGHT}>
                {items.map((customer) => (
                  <li key={customer.customerId} className="risk-row">
                    <div className="risk-customer">
                      <Link to={`/customers/${customer.customerId}`} className="row-link">
                        {customer.customerName}
                      </Link>
                    </div>
                    <RiskChips reasons={customer.reasons} />
                    <LogCallButton customerId={customer.customerId} customerName={customer.customerName} />
                  </li>
                ))}
              </LongList>
              <ShownCount shown={items.length} total={total} />
            </>
          )
        }
      </QueryView>
    </CarePage>
  );
}
