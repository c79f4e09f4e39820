import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  LIBRARY_KINDS,
  LIBRARY_SORTS,
  LIBRARY_STATUSES,
  type LibraryFacets,
} from '../../../../src-main/features/library/contract';
import { useFormat } from '../../i18n/format';
import { Segmented } from '../../ui/Field';
import { FilterSelect } from '../../ui/FilterSelect';
import { Icon } from '../../ui/icons';
import { SearchBox } from '../../ui/SearchBox';
import { hasLibraryFilters, type LibraryLayout, type LibraryView } from './libraryModel';

type Facets = z.infer<typeof LibraryFacets>;

/** The library's search, filters (each with how many it holds), order and layout. */
export function LibraryFilters({
  view,
  facets,
  layout,
  onLayout,
  onFilter,
  onClear,
  onSearchNow,
}: {
  view: LibraryView;
  facets: Facets | undefined;
  layout: LibraryLayout;
  onLayout: (layout: LibraryLayout) => void;
  onFilter: (patch: Partial<LibraryView>) => void;
  onClear: () => void;
  /** Enter in the search box: search with what is typed now, without waiting for the pause. */
  onSearchNow: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const counted = (label: string, count: number | undefined): string =>
    count === undefined ? label : t('library.ui.filters.option', { label, count: format.number(count) });
  // A tag or author chosen earlier stays offered even when the facets no longer name it.
  const tags = facets?.tags ?? [];
  const authors = facets?.authors ?? [];
  return (
    <div className="filters library-filters">
      <div className="filters-row">
        <form
          role="search"
          className="library-search"
          onSubmit={(event) => {
            event.preventDefault();
            onSearchNow();
          }}
        >
          <SearchBox label={t('library.ui.filters.search')} value={view.text} onChange={(text) => onFilter({ text })} />
        </form>
        <div className="library-layout">
          <span id="library-layout-label" className="visually-hidden">
            {t('library.ui.layout.label')}
          </span>
          <Segmented
            labelledBy="library-layout-label"
            value={layout}
            onChange={onLayout}
            options={[
              {
                value: 'covers',
                label: (
                  <>
                    <Icon name="grid" />
                    {t('library.ui.layout.covers')}
                  </>
                ),
              },
              {
                value: 'list',
                label: (
                  <>
                    <Icon name="list" />
                    {t('library.ui.layout.list')}
                  </>
                ),
              },
            ]}
          />
        </div>
      </div>
      <div className="filters-row">
        <FilterSelect
          label={t('library.ui.filters.kind')}
          value={view.kind}
          onChange={(kind) => onFilter({ kind })}
          options={[
            { value: '', label: t('library.ui.filters.anyKind') },
            ...LIBRARY_KINDS.map((kind) => ({
              value: kind,
              label: counted(t(`library.kinds.${kind}`), facets?.kinds[kind]),
            })),
          ]}
        />
        <FilterSelect
          label={t('library.ui.filters.status')}
          value={view.status}
          onChange={(status) => onFilter({ status })}
          options={[
            { value: '', label: t('library.ui.filters.anyStatus') },
            ...LIBRARY_STATUSES.map((status) => ({
              value: status,
              label: counted(t(`library.statuses.${status}`), facets?.statuses[status]),
            })),
          ]}
        />
        <FilterSelect
          label={t('library.ui.filters.tag')}
          value={view.tag}
          onChange={(tag) => onFilter({ tag })}
          options={[
            { value: '', label: t('library.ui.filters.anyTag') },
            ...(view.tag && !tags.some((entry) => entry.tag === view.tag)
              ? [{ value: view.tag, label: view.tag }]
              : []),
            ...tags.map((entry) => ({ value: entry.tag, label: counted(entry.tag, entry.count) })),
          ]}
        />
        <FilterSelect
          label={t('library.ui.filters.author')}
          value={view.author}
          onChange={(author) => onFilter({ author })}
          options={[
            { value: '', label: t('library.ui.filters.anyAuthor') },
            ...(view.author && !authors.some((entry) => entry.name === view.author)
              ? [{ value: view.author, label: view.author }]
              : []),
            ...authors.map((entry) => ({ value: entry.name, label: counted(entry.name, entry.count) })),
          ]}
        />
        <FilterSelect
          label={t('library.ui.filters.sort')}
          value={view.sort}
          onChange={(sort) => onFilter({ sort })}
          options={LIBRARY_SORTS.map((sort) => ({ value: sort, label: t(`library.ui.sorts.${sort}`) }))}
        />
        {hasLibraryFilters(view) && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={onClear}>
            {t('common.clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
