import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { FilterSelect } from '../../ui/FilterSelect';
import type { ListFiltersProps } from '../../ui/ListPage';
import { SearchBox } from '../../ui/SearchBox';
import { hasCustomerFilters, type ArchivedFilter, type CustomersView } from './customersView';

const FACETS = [
  { key: 'segment', facet: 'segments' },
  { key: 'region', facet: 'regions' },
  { key: 'industry', facet: 'industries' },
] as const;
const ARCHIVED: ArchivedFilter[] = ['active', 'archived', 'all'];

export function CustomerFilters({ view, onFilter, onClear }: ListFiltersProps<CustomersView>): ReactElement {
  const { t } = useTranslation();
  const facets = useQuery('customers.facets', {}, ['customers']);

  return (
    <div className="filters">
      <div className="filters-row">
        <SearchBox label={t('customers.search')} value={view.search} onChange={(text) => onFilter({ search: text })} />
        {FACETS.map(({ key, facet }) => (
          <FilterSelect
            key={key}
            label={t(`customers.${key}`)}
            value={view[key]}
            onChange={(value) => onFilter({ [key]: value })}
            options={[
              { value: '', label: t('common.any') },
              ...(facets.data?.[facet] ?? []).map((value) => ({ value, label: value })),
            ]}
          />
        ))}
        <FilterSelect<ArchivedFilter>
          label={t('customers.show')}
          value={view.archived}
          onChange={(archived) => onFilter({ archived })}
          options={ARCHIVED.map((value) => ({ value, label: t(`customers.archivedFilter.${value}`) }))}
        />
        {hasCustomerFilters(view) && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={onClear}>
            {t('common.clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
