import { useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItemSummary } from '../../../../src-main/features/library/contract';
import { useQuery } from '../../api/useQuery';
import { useDebounced } from '../../hooks/useDebounced';
import { useFormat } from '../../i18n/format';
import { Menu } from '../care/Menu';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Pagination';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { BulkEditDialog } from './BulkEditDialog';
import { ImportPanel } from './ImportPanel';
import { ItemDialog } from './ItemDialog';
import { LibraryFilters } from './LibraryFilters';
import { LibraryGrid, LibraryTable } from './LibraryViews';
import { useLibraryImports } from './LibraryImport';
import { useLayout } from './layout';
import {
  clearLibraryFilters,
  hasLibraryFilters,
  INITIAL_LIBRARY_VIEW,
  libraryQuery,
  type LibraryView,
} from './libraryModel';

/** The library: covers or rows, filters, sort, search, selection with bulk edit, and the import. */
export function LibraryPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useViewState<LibraryView>('library', INITIAL_LIBRARY_VIEW);
  const [layout, setLayout] = useLayout();
  // The search asks once typing pauses; Enter asks at once with what is typed.
  const settled = useDebounced(view.text, 250);
  const [entered, setEntered] = useState<string | null>(null);
  const text = entered === view.text ? entered : settled;
  const list = useQuery('library.list', libraryQuery(view, text), ['library']);
  const facets = useQuery('library.facets', {}, ['library']);
  const [chosen, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [open, setOpen] = useState<'new' | 'bulk' | null>(null);
  const { pick } = useLibraryImports();
  const filtered = hasLibraryFilters(view);
  const total = list.data?.total ?? 0;
  const everything = facets.data ? Object.values(facets.data.kinds).reduce((sum, n) => sum + n, 0) : null;

  // Only what is listed counts as selected: an item deleted or filtered away is not edited unseen.
  const selected = useMemo(() => {
    const shown = new Set(list.data?.items.map((item) => item.id));
    return new Set([...chosen].filter((id) => shown.has(id)));
  }, [chosen, list.data]);

  const filter = (patch: Partial<LibraryView>): void => setView((v) => ({ ...v, ...patch, offset: 0 }));
  const clear = (): void => setView(clearLibraryFilters);
  const toggle = (id: number): void =>
    setSelected(() => {
      const next = new Set(selected);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const selectPage = (items: readonly LibraryItemSummary[], on: boolean): void =>
    setSelected(on ? new Set(items.map((item) => item.id)) : new Set());

  const addMenu = (
    <Menu
      className="btn btn-primary"
      items={[
        { label: t('library.ui.add.files'), onSelect: () => void pick(false, false) },
        { label: t('library.ui.add.folder'), onSelect: () => void pick(true, false) },
        { label: t('library.ui.add.linkFiles'), onSelect: () => void pick(false, true) },
        { label: t('library.ui.add.linkFolder'), onSelect: () => void pick(true, true) },
      ]}
    >
      <Icon name="plus" />
      {t('library.ui.add.button')}
      <Icon name="chevronDown" />
    </Menu>
  );
  const byHand = (
    <button type="button" className="btn" onClick={() => setOpen('new')}>
      <Icon name="book" />
      {t('library.ui.add.byHand')}
    </button>
  );

  return (
    <div className="page library-page">
      <header className="page-header">
        <div>
          <h1>{t('library.ui.title')}</h1>
          <p className="page-subtitle">
            {!filtered && total > 0
              ? t('library.ui.count', { count: total, formatted: format.number(total) })
              : filtered && list.data && everything !== null
                ? t('library.ui.countFiltered', {
                    count: everything,
                    shown: format.number(total),
                    formatted: format.number(everything),
                  })
                : t('library.ui.subtitle')}
          </p>
        </div>
        <div className="header-actions">
          {byHand}
          {addMenu}
        </div>
      </header>

      <ImportPanel />

      <LibraryFilters
        view={view}
        facets={facets.data}
        layout={layout}
        onLayout={setLayout}
        onFilter={filter}
        onClear={clear}
        onSearchNow={() => setEntered(view.text)}
      />

      <QueryView query={list} failedTitle={t('library.ui.loadFailed')}>
        {(data) =>
          data.total === 0 ? (
            filtered ? (
              <EmptyState icon="search" title={t('library.ui.noMatchTitle')} text={t('library.ui.noMatchText')}>
                <button type="button" className="btn" onClick={clear}>
                  {t('common.clearFilters')}
                </button>
              </EmptyState>
            ) : (
              <LibraryEmpty onPick={(folders) => void pick(folders, false)} onByHand={() => setOpen('new')} />
            )
          ) : (
            <>
              <SelectionBar
                items={data.items}
                selected={selected}
                onSelectPage={(on) => selectPage(data.items, on)}
                onBulk={() => setOpen('bulk')}
              />
              {layout === 'covers' ? (
                <LibraryGrid items={data.items} selected={selected} onToggle={toggle} busy={list.loading} />
              ) : (
                <LibraryTable items={data.items} selected={selected} onToggle={toggle} busy={list.loading} />
              )}
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
      {open === 'new' && <ItemDialog item={null} onClose={() => setOpen(null)} />}
      {open === 'bulk' && list.data && (
        <BulkEditDialog
          items={list.data.items.filter((item) => selected.has(item.id))}
          knownTags={facets.data?.tags.map((entry) => entry.tag) ?? []}
          onClose={(saved) => {
            setOpen(null);
            if (saved) setSelected(new Set());
          }}
        />
      )}
    </div>
  );
}

/** Nothing in the library yet: the three ways in, said plainly. */
function LibraryEmpty({
  onPick,
  onByHand,
}: {
  onPick: (folders: boolean) => void;
  onByHand: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="state-panel library-empty">
      <span className="state-icon">
        <Icon name="book" size={20} />
      </span>
      <h2>{t('library.ui.emptyTitle')}</h2>
      <p>{t('library.ui.emptyText')}</p>
      <ul className="library-ways">
        <li>
          <Icon name="upload" />
          <span>{t('library.ui.emptyDrop')}</span>
        </li>
        <li>
          <Icon name="folder" />
          <span>{t('library.ui.emptyPick')}</span>
        </li>
        <li>
          <Icon name="book" />
          <span>{t('library.ui.emptyHand')}</span>
        </li>
      </ul>
      <div className="state-actions">
        <button type="button" className="btn btn-primary" onClick={() => onPick(false)}>
          <Icon name="plus" />
          {t('library.ui.add.files')}
        </button>
        <button type="button" className="btn" onClick={() => onPick(true)}>
          <Icon name="folder" />
          {t('library.ui.add.folder')}
        </button>
        <button type="button" className="btn" onClick={onByHand}>
          <Icon name="book" />
          {t('library.ui.add.byHand')}
        </button>
      </div>
    </div>
  );
}

/** How many are chosen, the page chosen at once, and what can be done to them together. */
function SelectionBar({
  items,
  selected,
  onSelectPage,
  onBulk,
}: {
  items: readonly LibraryItemSummary[];
  selected: ReadonlySet<number>;
  onSelectPage: (on: boolean) => void;
  onBulk: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const all = items.length > 0 && items.every((item) => selected.has(item.id));
  const some = selected.size > 0;
  return (
    <div className={`library-selection${some ? ' library-selection-on' : ''}`}>
      <label className="library-select-all">
        <input
          type="checkbox"
          checked={all}
          ref={(box) => {
            if (box) box.indeterminate = some && !all;
          }}
          onChange={() => onSelectPage(!all)}
        />
        <span>{t('library.ui.select.page')}</span>
      </label>
      <p className="library-selection-count" aria-live="polite">
        {some ? t('library.ui.select.count', { count: selected.size, formatted: format.number(selected.size) }) : ''}
      </p>
      {some && (
        <>
          <button type="button" className="btn btn-compact" onClick={onBulk}>
            {t('library.ui.select.edit')}
          </button>
          <button type="button" className="btn btn-ghost btn-compact" onClick={() => onSelectPage(false)}>
            {t('library.ui.select.clear')}
          </button>
        </>
      )}
    </div>
  );
}
