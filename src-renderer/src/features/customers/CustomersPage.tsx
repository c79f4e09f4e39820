import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { useDebounced } from '../../hooks/useDebounced';
import { useEditors } from '../../shell/EditorsProvider';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { ListPage } from '../../ui/ListPage';
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
  const { openCustomer } = useEditors();
  const [view, setView] = useViewState<CustomersView>('customers', INITIAL_CUSTOMERS_VIEW);
  const search = useDebounced(view.search, 250);
  const customers = useQuery('customers.list', customersQuery(view, search), ['customers', 'sales']);
  const newCustomer = (
    <button type="button" className="btn btn-primary" onClick={() => openCustomer()}>
      <Icon name="plus" />
      {t('customers.new')}
    </button>
  );

  return (
    <ListPage
      area="customers"
      query={customers}
      view={view}
      setView={setView}
      filtered={hasCustomerFilters(view)}
      clearFilters={clearCustomerFilters}
      importKind="customers"
      actions={newCustomer}
      // Always shown: "no active customers" may still mean archived ones to find.
      filters={(filters) => <CustomerFilters {...filters} />}
      empty={
        <EmptyState icon="customers" title={t('customers.emptyTitle')} text={t('customers.emptyText')}>
          {newCustomer}
        </EmptyState>
      }
    >
      {(items) => (
        <CustomersTable
          customers={items}
          sort={view.sort}
          dir={view.dir}
          busy={customers.loading}
          onSort={(column) => setView((v) => toggleCustomerSort(v, column))}
        />
      )}
    </ListPage>
  );
}
