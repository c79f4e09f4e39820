import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useFormat } from '../i18n/format';
import { EmptyState } from '../ui/EmptyState';
import { ErrorPanel } from '../ui/ErrorPanel';
import { Icon } from '../ui/icons';
import { Spinner } from '../ui/Spinner';
import { useCareDialogs } from './CareDialogs';
import { CarePage } from './CarePage';
import { RiskChips } from './RiskChips';
import { useToday } from './useToday';

const LIMIT = 200;

/** Customers showing a sign of leaving, each with every reason the backend found. */
export function AtRiskPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const dialogs = useCareDialogs();
  const atRisk = useQuery('care.atRisk', { asOf: today, limit: LIMIT }, ['care', 'sales', 'customers']);

  const body = (): ReactElement => {
    if (atRisk.error)
      return <ErrorPanel title={t('care.atRisk.loadFailed')} error={atRisk.error} onRetry={atRisk.reload} />;
    if (!atRisk.data)
      return (
        <div className="state-panel">
          <Spinner label={t('common.loading')} />
        </div>
      );
    if (atRisk.data.total === 0)
      return <EmptyState icon="heart" title={t('care.atRisk.emptyTitle')} text={t('care.atRisk.emptyText')} />;
    const { items, total } = atRisk.data;
    return (
      <>
        <ul className="risk-list" aria-busy={atRisk.loading}>
          {items.map((customer) => (
            <li key={customer.customerId} className="risk-row">
              <div className="risk-customer">
                <Link to={`/customers/${customer.customerId}`} className="row-link">
                  {customer.customerName}
                </Link>
              </div>
              <RiskChips reasons={customer.reasons} />
              <button
                type="button"
                className="btn btn-compact"
                onClick={() => dialogs.logInteraction({ id: customer.customerId, name: customer.customerName })}
              >
                <Icon name="phone" size={14} />
                {t('care.logCall')}
              </button>
            </li>
          ))}
        </ul>
        {items.length < total && (
          <p className="muted">
            {t('care.shown', { shown: format.number(items.length), total: format.number(total) })}
          </p>
        )}
      </>
    );
  };

  return (
    <CarePage
      subtitle={
        atRisk.data && atRisk.data.total > 0
          ? t('care.atRisk.count', { count: atRisk.data.total, formatted: format.number(atRisk.data.total) })
          : t('care.atRisk.subtitle')
      }
    >
      <p className="muted care-explain">{t('care.atRisk.explain')}</p>
      {body()}
    </CarePage>
  );
}
