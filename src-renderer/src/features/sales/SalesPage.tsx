import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useEditors } from '../../shell/EditorsProvider';
import { useFormat } from '../../i18n/format';
import { shortcutLabel } from '../../shell/shortcuts';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Pagination';
import { QueryView } from '../../ui/QueryView';
import { useDebounced } from '../../hooks/useDebounced';
import { useViewState } from '../../ui/viewState';
import { SalesFilters } from './SalesFilters';
import { SalesTable } from './SalesTable';
import {
  clearSaleFilters,
  hasSaleFilters,
  INITIAL_SALES_VIEW,
  salesQuery,
  toggleSaleSort,
  type SalesView,
} from './salesView';

export function SalesPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openSale } = useEditors();
  const [view, setView] = useViewState<SalesView>('sales', INITIAL_SALES_VIEW);
  const search = useDebounced(view.search, 250);
  const sales = useQuery('sales.list', salesQuery(view, search), ['sales']);
  const filtered = hasSaleFilters(view);
  // With nothing logged yet there is nothing to filter: the empty state speaks alone.
  const nothingYet = sales.data?.total === 0 && !filtered;

  const onFilter = (patch: Partial<SalesView>): void => setView((v) => ({ ...v, ...patch, offset: 0 }));

  const body = (data: NonNullable<typeof sales.data>): ReactElement => {
    if (data.total === 0) {
      return filtered ? (
        <EmptyState icon="search" title={t('sales.noMatchTitle')} text={t('sales.noMatchText')}>
          <button type="button" className="btn" onClick={() => setView(clearSaleFilters)}>
            {t('common.clearFilters')}
          </button>
        </EmptyState>
      ) : (
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
      );
    }
    return (
      <>
        <SalesTable
          sales={data.items}
          label={t('sales.title')}
          sorting={{ sort: view.sort, dir: view.dir, onSort: (column) => setView((v) => toggleSaleSort(v, column)) }}
          busy={sales.loading}
          onOpen={(sale) => openSale(sale)}
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
          <h1>{t('sales.title')}</h1>
          <p className="page-subtitle">
            {sales.data && !filtered && sales.data.total > 0
              ? t('sales.count', { count: sales.data.total, formatted: format.number(sales.data.total) })
              : t('sales.subtitle')}
          </p>
        </div>
        <div className="header-actions">
          <Link className="btn" to="/import?kind=sales">
            <Icon name="upload" />
            {t('import.title')}
          </Link>
          <button type="button" className="btn btn-primary" onClick={() => openSale()}>
            <Icon name="plus" />
            {t('sales.new')}
            <kbd aria-hidden="true">{shortcutLabel('N')}</kbd>
          </button>
        </div>
      </header>
      {!nothingYet && <SalesFilters view={view} onFilter={onFilter} onClear={() => setView(clearSaleFilters)} />}
      <QueryView query={sales} failedTitle={t('sales.loadFailed')}>
        {body}
      </QueryView>
    </div>
  );
}
