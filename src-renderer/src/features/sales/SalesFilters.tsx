import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SALE_STATUSES } from '../../../../src-main/features/sales/contract';
import { useQuery } from '../../api/useQuery';
import { CustomerPicker } from '../customers/CustomerPicker';
import { DateInput, isWholeDay } from '../../ui/DateInput';
import { FilterSelect } from '../../ui/FilterSelect';
import type { ListFiltersProps } from '../../ui/ListPage';
import { SearchBox } from '../../ui/SearchBox';
import { catalogOptions } from './catalogOptions';
import { hasSaleFilters, type SalesView } from './salesView';

export function SalesFilters({ view, onFilter, onClear }: ListFiltersProps<SalesView>): ReactElement {
  const { t } = useTranslation();
  const products = useQuery('products.list', {}, ['products']);
  const techniques = useQuery('techniques.list', {}, ['techniques']);

  return (
    <div className="filters">
      <div className="filters-row">
        <SearchBox label={t('sales.search')} value={view.search} onChange={(text) => onFilter({ search: text })} />
        <div className="toggle-group" role="group" aria-label={t('sales.statusFilter')}>
          {SALE_STATUSES.map((status) => (
            <label key={status} className="toggle">
              <input
                type="checkbox"
                checked={view.statuses.includes(status)}
                onChange={(event) =>
                  onFilter({
                    statuses: event.target.checked
                      ? [...view.statuses, status]
                      : view.statuses.filter((s) => s !== status),
                  })
                }
              />
              <span>{t(`status.${status}`)}</span>
            </label>
          ))}
        </div>
        {hasSaleFilters(view) && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={onClear}>
            {t('common.clearFilters')}
          </button>
        )}
      </div>
      <div className="filters-row">
        {/* A date filter changes on a whole day or none: a half-typed day keeps the list as it was. */}
        <div className="filter">
          <label htmlFor="sales-filter-from">{t('sales.from')}</label>
          <DateInput
            id="sales-filter-from"
            value={view.from}
            onChange={(from) => isWholeDay(from) && onFilter({ from })}
          />
        </div>
        <div className="filter">
          <label htmlFor="sales-filter-to">{t('sales.to')}</label>
          <DateInput id="sales-filter-to" value={view.to} onChange={(to) => isWholeDay(to) && onFilter({ to })} />
        </div>
        <div className="filter filter-wide">
          <label htmlFor="sales-filter-customer">{t('sales.customer')}</label>
          <CustomerPicker
            id="sales-filter-customer"
            value={view.customer}
            onChange={(customer) => onFilter({ customer })}
            placeholder={t('sales.anyCustomer')}
          />
        </div>
        <FilterSelect
          label={t('sales.product')}
          value={view.productId}
          onChange={(productId) => onFilter({ productId })}
          options={catalogOptions(t('sales.anyProduct'), products.data)}
        />
        <FilterSelect
          label={t('sales.technique')}
          value={view.techniqueId}
          onChange={(techniqueId) => onFilter({ techniqueId })}
          options={catalogOptions(t('sales.anyTechnique'), techniques.data)}
        />
      </div>
    </div>
  );
}
