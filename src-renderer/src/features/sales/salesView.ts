import type { Input } from '../../../../src-main/shared/api';
import { SALE_SORTS, SALE_STATUSES, type SaleStatus } from '../../../../src-main/features/sales/contract';
import { isIsoDate } from '../../../../src-main/shared/dates';
import type { SortDir } from '../../ui/SortHeader';
import type { CustomerRef } from '../customers/CustomerPicker';

export type SaleSort = (typeof SALE_SORTS)[number];

/** What the sales list is showing: its filters as typed, its order and its page. */
export interface SalesView {
  search: string;
  statuses: SaleStatus[];
  from: string;
  to: string;
  customer: CustomerRef | null;
  productId: string;
  techniqueId: string;
  sort: SaleSort;
  dir: SortDir;
  limit: number;
  offset: number;
}

export const INITIAL_SALES_VIEW: SalesView = {
  search: '',
  statuses: [],
  from: '',
  to: '',
  customer: null,
  productId: '',
  techniqueId: '',
  sort: 'date',
  dir: 'desc',
  limit: 50,
  offset: 0,
};

export function hasSaleFilters(view: SalesView): boolean {
  return (
    view.search.trim() !== '' ||
    view.statuses.length > 0 ||
    view.from !== '' ||
    view.to !== '' ||
    view.customer !== null ||
    view.productId !== '' ||
    view.techniqueId !== ''
  );
}

export function clearSaleFilters(view: SalesView): SalesView {
  return { ...INITIAL_SALES_VIEW, sort: view.sort, dir: view.dir, limit: view.limit };
}

/** Newest first and biggest first are what people look for; names read A to Z. */
export function toggleSaleSort(view: SalesView, column: SaleSort): SalesView {
  const dir: SortDir =
    view.sort === column
      ? view.dir === 'asc'
        ? 'desc'
        : 'asc'
      : column === 'date' || column === 'amount'
        ? 'desc'
        : 'asc';
  return { ...view, sort: column, dir, offset: 0 };
}

/** The `sales.list` request for a view; `search` is passed in already debounced. */
export function salesQuery(view: SalesView, search: string): Input<'sales.list'> {
  const id = (text: string): number | undefined => (text === '' ? undefined : Number(text));
  return {
    search: search.trim() || undefined,
    statuses: view.statuses.length > 0 ? view.statuses : undefined,
    from: view.from || undefined,
    to: view.to || undefined,
    customerId: view.customer?.id,
    productId: id(view.productId),
    techniqueId: id(view.techniqueId),
    sort: view.sort,
    dir: view.dir,
    limit: view.limit,
    offset: view.offset,
  };
}

/**
 * A link into the log with filters (Home's cards: `/sales?status=won&from=…&to=…`): the view
 * those filters give, the others cleared; null when the link carries none.
 */
export function salesViewFromLink(view: SalesView, params: URLSearchParams): SalesView | null {
  if (!['status', 'from', 'to'].some((name) => params.has(name))) return null;
  const day = (name: string): string => {
    const value = params.get(name) ?? '';
    return isIsoDate(value) ? value : '';
  };
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is SaleStatus => (SALE_STATUSES as readonly string[]).includes(s));
  return { ...clearSaleFilters(view), statuses, from: day('from'), to: day('to') };
}
