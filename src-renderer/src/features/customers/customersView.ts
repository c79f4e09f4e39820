import type { Input } from '../../../../src-main/shared/api';
import { CUSTOMER_SORTS } from '../../../../src-main/features/customers/contract';
import type { SortDir } from '../../ui/SortHeader';

export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export type ArchivedFilter = 'active' | 'archived' | 'all';

export interface CustomersView {
  search: string;
  segment: string;
  region: string;
  industry: string;
  archived: ArchivedFilter;
  sort: CustomerSort;
  dir: SortDir;
  limit: number;
  offset: number;
}

export const INITIAL_CUSTOMERS_VIEW: CustomersView = {
  search: '',
  segment: '',
  region: '',
  industry: '',
  archived: 'active',
  sort: 'name',
  dir: 'asc',
  limit: 50,
  offset: 0,
};

export function hasCustomerFilters(view: CustomersView): boolean {
  return (
    view.search.trim() !== '' ||
    view.segment !== '' ||
    view.region !== '' ||
    view.industry !== '' ||
    view.archived !== 'active'
  );
}

export function clearCustomerFilters(view: CustomersView): CustomersView {
  return { ...INITIAL_CUSTOMERS_VIEW, sort: view.sort, dir: view.dir, limit: view.limit };
}

/** Names read A to Z; money, counts and recency are wanted biggest or newest first. */
export function toggleCustomerSort(view: CustomersView, column: CustomerSort): CustomersView {
  const dir: SortDir =
    view.sort === column ? (view.dir === 'asc' ? 'desc' : 'asc') : column === 'name' ? 'asc' : 'desc';
  return { ...view, sort: column, dir, offset: 0 };
}

export function customersQuery(view: CustomersView, search: string): Input<'customers.list'> {
  return {
    search: search.trim() || undefined,
    segment: view.segment || undefined,
    region: view.region || undefined,
    industry: view.industry || undefined,
    archived: view.archived,
    sort: view.sort,
    dir: view.dir,
    limit: view.limit,
    offset: view.offset,
  };
}
