import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useDebounced } from '../../hooks/useDebounced';
import { useEditors } from '../../shell/EditorsProvider';
import { shortcutLabel } from '../../shell/shortcuts';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { ListPage } from '../../ui/ListPage';
import { useViewState } from '../../ui/viewState';
import { SalesFilters } from './SalesFilters';
import { SalesTable } from './SalesTable';
import {
  clearSaleFilters,
  hasSaleFilters,
  INITIAL_SALES_VIEW,
  salesQuery,
  salesViewFromLink,
  toggleSaleSort,
  type SalesView,
} from './salesView';

export function SalesPage(): ReactElement {
  const { t } = useTranslation();
  const { openSale } = useEditors();
  const [view, setView] = useViewState<SalesView>('sales', INITIAL_SALES_VIEW);
  // A link with filters (Home's cards) sets them once, then leaves the address plain.
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    if (salesViewFromLink(INITIAL_SALES_VIEW, params) === null) return;
    setView((v) => salesViewFromLink(v, params) ?? v);
    setParams({}, { replace: true });
  }, [params, setParams, setView]);
  const search = useDebounced(view.search, 250);
  const sales = useQuery('sales.list', salesQuery(view, search), ['sales', 'customers']);
  const filtered = hasSaleFilters(view);
  // With nothing logged yet there is nothing to filter: the empty state speaks alone.
  const nothingYet = sales.data?.total === 0 && !filtered;

  return (
    <ListPage
      area="sales"
      query={sales}
      view={view}
      setView={setView}
      filtered={filtered}
      clearFilters={clearSaleFilters}
      importKind="sales"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => openSale()}>
          <Icon name="plus" />
          {t('sales.new')}
          <kbd aria-hidden="true">{shortcutLabel('N')}</kbd>
        </button>
      }
      filters={(filters) => !nothingYet && <SalesFilters {...filters} />}
      empty={
        <EmptyState icon="inbox" title={t('sales.emptyTitle')} text={t('sales.emptyText')}>
          <button type="button" className="btn btn-primary" onClick={() => openSale()}>
            <Icon name="plus" />
            {t('sales.new')}
          </button>
          <Link className="btn" to="/import?kind=sales">
            <Icon name="upload" />
            {t('sales.importSpreadsheet')}
          </Link>
        </EmptyState>
      }
    >
      {(items) => (
        <SalesTable
          sales={items}
          label={t('sales.title')}
          sorting={{ sort: view.sort, dir: view.dir, onSort: (column) => setView((v) => toggleSaleSort(v, column)) }}
          busy={sales.loading}
          onOpen={(sale) => openSale(sale)}
        />
      )}
    </ListPage>
  );
}
