import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useEditors } from '../../shell/EditorsProvider';
import { useFormat } from '../../i18n/format';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Pagination';
import { QueryView } from '../../ui/QueryView';
import { useDebounced } from '../../hooks/useDebounced';
import { useViewState } from '../../ui/viewState';
import { CustomerFilters } from './CustomerFilters';
import { CustomersTable } from './CustomersTable';
import {
  clearCustomerFilters,
  customersQuery,
  hasCustomerFilters,
  INITIAL_CUSTOMERS_VIEW,
  toggleCustomerSort,
  type CustomersView,
} from './customersView';

export function CustomersPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openCustomer } = useEditors();
  const [view, setView] = useViewState<CustomersView>('customers', INITIAL_CUSTOMERS_VIEW);
  const search = useDebounced(view.search, 250);
  const customers = useQuery('customers.list', customersQuery(view, search), ['customers']);
  const filtered = hasCustomerFilters(view);

  const body = (data: NonNullable<typeof customers.data>): ReactElement => {
    if (data.total === 0) {
      return filtered ? (
        <EmptyState icon="search" title={t('customers.noMatchTitle')} text={t('customers.noMatchText')}>
          <button type="button" className="btn" onClick={() => setView(clearCustomerFilters)}>
            {t('common.clearFilters')}
          </button>
        </EmptyState>
      ) : (
        <EmptyState icon="customers" title={t('customers.emptyTitle')} text={t('customers.emptyText')}>
          <button type="button" className="btn btn-primary" onClick={() => openCustomer()}>
            <Icon name="plus" />
            {t('customers.new')}
          </button>
        </EmptyState>
      );
    }
    return (
      <>
        <CustomersTable
          customers={data.items}
          sort={view.sort}
          dir={view.dir}
          busy={customers.loading}
          onSort={(column) => setView((v) => toggleCustomerSort(v, column))}
        />
        <Pagination
          offset={view.offset}
          limit={view.limit}
          total={data.total}
          onOffset={(offset) => setView((v) => ({ ...v, offset }))}
          onLimit={(limit) => setView((v) => ({ ...v, limit, offset: 0 }))}
        />
      </>
    );
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('customers.title')}</h1>
          <p className="page-subtitle">
            {customers.data && !filtered && customers.data.total > 0
              ? t('customers.count', { count: customers.data.total, formatted: format.number(customers.data.total) })
              : t('customers.subtitle')}
          </p>
        </div>
        <div className="header-actions">
          <Link className="btn" to="/import?kind=customers">
            <Icon name="upload" />
            {t('import.title')}
          </Link>
          <button type="button" className="btn btn-primary" onClick={() => openCustomer()}>
            <Icon name="plus" />
            {t('customers.new')}
          </button>
        </div>
      </header>
      {/* Always shown: "no active customers" may still mean archived ones to find. */}
      <CustomerFilters
        view={view}
        onFilter={(patch) => setView((v) => ({ ...v, ...patch, offset: 0 }))}
        onClear={() => setView(clearCustomerFilters)}
      />
      <QueryView query={customers} failedTitle={t('customers.loadFailed')}>
        {body}
      </QueryView>
    </div>
  );
}
