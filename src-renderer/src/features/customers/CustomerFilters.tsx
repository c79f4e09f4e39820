import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { useSlashToFocus } from '../../shell/shortcuts';
import { SearchBox } from '../../ui/SearchBox';
import { hasCustomerFilters, type ArchivedFilter, type CustomersView } from './customersView';

const FACETS = [
  { key: 'segment', facet: 'segments' },
  { key: 'region', facet: 'regions' },
  { key: 'industry', facet: 'industries' },
] as const;
const ARCHIVED: ArchivedFilter[] = ['active', 'archived', 'all'];

export interface CustomerFiltersProps {
  view: CustomersView;
  onFilter: (patch: Partial<CustomersView>) => void;
  onClear: () => void;
}

export function CustomerFilters({ view, onFilter, onClear }: CustomerFiltersProps): ReactElement {
  const { t } = useTranslation();
  const search = useRef<HTMLInputElement>(null);
  useSlashToFocus(search);
  const facets = useQuery('customers.facets', {}, ['customers']);

  return (
    <div className="filters">
      <div className="filters-row">
        <SearchBox
          ref={search}
          label={t('customers.search')}
          value={view.search}
          onChange={(text) => onFilter({ search: text })}
        />
        {FACETS.map(({ key, facet }) => (
          <label key={key} className="filter">
            <span>{t(`customers.${key}`)}</span>
            <select className="select" value={view[key]} onChange={(e) => onFilter({ [key]: e.target.value })}>
              <option value="">{t('common.any')}</option>
              {facets.data?.[facet].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="filter">
          <span>{t('customers.show')}</span>
          <select
            className="select"
            value={view.archived}
            onChange={(e) => onFilter({ archived: e.target.value as ArchivedFilter })}
          >
            {ARCHIVED.map((value) => (
              <option key={value} value={value}>
                {t(`customers.archivedFilter.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {hasCustomerFilters(view) && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={onClear}>
            {t('common.clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
