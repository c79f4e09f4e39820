import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryState } from '../api/useQuery';
import { useFormat } from '../i18n/format';
import { EmptyState } from './EmptyState';
import { Icon } from './icons';
import { Pagination } from './Pagination';
import { QueryView } from './QueryView';

/** The part of a list's view every paged list has. */
export interface PagedView {
  limit: number;
  offset: number;
}

/** What a list's filters get: the view, and how to change it (every change goes back to the first page). */
export interface ListFiltersProps<V> {
  view: V;
  onFilter: (patch: Partial<V>) => void;
  onClear: () => void;
}

export interface ListPageProps<V extends PagedView, T> {
  /**
   * Whose messages: `<area>.title`, `.subtitle`, `.count` (the total, while nothing is filtered),
   * `.noMatchTitle`, `.noMatchText` and `.loadFailed`.
   */
  area: string;
  query: QueryState<{ items: T[]; total: number }>;
  view: V;
  setView: (update: (view: V) => V) => void;
  /** Whether the view filters the list, and how to stop filtering while keeping order and page size. */
  filtered: boolean;
  clearFilters: (view: V) => V;
  /** What the Import page reads into this list (`/import?kind=…`), offered before `actions`. */
  importKind: string;
  actions: ReactNode;
  filters: (props: ListFiltersProps<V>) => ReactNode;
  /** Said when there is nothing at all yet: what to do first. */
  empty: ReactNode;
  /** The page's records as a table. */
  children: (items: T[]) => ReactNode;
}

/**
 * A paged list of one kind of record: the header with its count and actions, the filters, and
 * the table with its pages, or why it is empty (nothing yet, or nothing matching the filters).
 */
export function ListPage<V extends PagedView, T>({
  area,
  query,
  view,
  setView,
  filtered,
  clearFilters,
  importKind,
  actions,
  filters,
  empty,
  children,
}: ListPageProps<V, T>): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const total = query.data?.total ?? 0;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t(`${area}.title`)}</h1>
          <p className="page-subtitle">
            {!filtered && total > 0
              ? t(`${area}.count`, { count: total, formatted: format.number(total) })
              : t(`${area}.subtitle`)}
          </p>
        </div>
        <div className="header-actions">
          <Link className="btn" to={`/import?kind=${importKind}`}>
            <Icon name="upload" />
            {t('import.title')}
          </Link>
          {actions}
        </div>
      </header>
      {filters({
        view,
        onFilter: (patch) => setView((v) => ({ ...v, ...patch, offset: 0 })),
        onClear: () => setView(clearFilters),
      })}
      <QueryView query={query} failedTitle={t(`${area}.loadFailed`)}>
        {(data) =>
          data.total === 0 ? (
            filtered ? (
              <EmptyState icon="search" title={t(`${area}.noMatchTitle`)} text={t(`${area}.noMatchText`)}>
                <button type="button" className="btn" onClick={() => setView(clearFilters)}>
                  {t('common.clearFilters')}
                </button>
              </EmptyState>
            ) : (
              empty
            )
          ) : (
            <>
              {children(data.items)}
              <Pagination
                offset={view.offset}
                limit={view.limit}
                total={data.total}
                onOffset={(offset) => setView((v) => ({ ...v, offset }))}
                onLimit={(limit) => setView((v) => ({ ...v, limit, offset: 0 }))}
              />
            </>
          )
        }
      </QueryView>
    </div>
  );
}
