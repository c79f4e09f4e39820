import {
  Suspense,
  useLayoutEffect,
  useRef,
  useState,
  type Key,
  type ReactElement,
  type Ref,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { LibraryItemSummary } from '../../../../src-main/features/library/contract';
import { useFormat } from '../../i18n/format';
import { Icon } from '../../ui/icons';
import { RowsTable } from '../../ui/RowsTable';
import type { FocusedPart, ListAttributes } from '../../ui/VirtualItems';
import { VIRTUAL_FROM, VirtualItems } from '../../ui/windowed';
import { Cover, LibraryStatusBadge, peopleText, ProgressBar, Rating, useDuration } from './LibraryBits';
import { TableWrap } from '../../ui/TableWrap';

interface ViewProps {
  items: readonly LibraryItemSummary[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  busy: boolean;
}

/** A box that chooses one item for the bulk edit, named after it. */
function SelectBox({
  item,
  selected,
  onToggle,
}: {
  item: LibraryItemSummary;
  selected: boolean;
  onToggle: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      className="library-check"
      checked={selected}
      onChange={onToggle}
      onClick={(event) => event.stopPropagation()}
      aria-label={t('library.ui.select.one', { title: item.title })}
    />
  );
}

/** A row of covers' height, until it is drawn and measured (a 152 px cover and four lines). */
const ROW_HEIGHT = 330;
/** Rows drawn beyond either edge of the window: each is up to a dozen links and boxes to Tab through. */
const OVERSCAN_ROWS = 3;

/**
 * The library as covers, each with its title, who made it, its status and how far along. A page
 * of more than 100 draws only the rows of covers near the window (CardRows).
 */
export function LibraryGrid({ items, selected, onToggle, busy }: ViewProps): ReactElement {
  const { t } = useTranslation();
  const list = { className: 'library-grid', 'aria-label': t('library.ui.listLabel'), 'aria-busy': busy };
  const card = (item: LibraryItemSummary, place?: CardPlace): ReactElement => (
    <LibraryCard key={item.id} item={item} selected={selected.has(item.id)} onToggle={onToggle} place={place} />
  );
  if (items.length < VIRTUAL_FROM) return <ul {...list}>{items.map((item) => card(item))}</ul>;
  return <CardRows items={items} card={card} list={list} />;
}

/** A drawn card's place among all the page's covers, told to screen readers. */
interface CardPlace {
  posinset: number;
  setsize: number;
}

/**
 * A long page's covers by rows, only the rows near the window drawn (VirtualItems): as many covers
 * a row as the grid has columns, read from its style as the page's width changes. Each row spans
 * the grid and lays its covers in the grid's own columns (a subgrid), so they stand as before.
 */
function CardRows({
  items,
  card,
  list,
}: {
  items: readonly LibraryItemSummary[];
  card: (item: LibraryItemSummary, place?: CardPlace) => ReactElement;
  list: ListAttributes;
}): ReactElement {
  const frame = useRef<HTMLDivElement>(null);
  const columns = useColumns(frame);
  // The cover control that had the focus, kept across the virtualizers of each set of covers and
  // each number a row: wherever its cover went, the focus goes back to it.
  const lastFocused = useRef<FocusedPart | null>(null);
  const rowOf = (key: Key): number => {
    const at = items.findIndex((item) => String(item.id) === String(key));
    return at < 0 ? -1 : Math.floor(at / columns);
  };
  const rows: ReactElement[] = [];
  for (let start = 0; start < items.length; start += columns)
    rows.push(
      <CardRow key={items[start]!.id}>
        {items
          .slice(start, start + columns)
          .map((item, i) => card(item, { posinset: start + i + 1, setsize: items.length }))}
      </CardRow>,
    );
  return (
    <div ref={frame} className="library-grid-frame">
      {/* Until the virtualizer's code has come, the first covers alone, as a short page draws them. */}
      <Suspense fallback={<ul {...list}>{items.slice(0, VIRTUAL_FROM - 1).map((item) => card(item))}</ul>}>
        {/* Another set of covers, or another number a row, starts a virtualizer of its own. */}
        <VirtualItems
          as="div"
          role="list"
          key={`${columns}:${items.map((item) => item.id).join('|')}`}
          items={rows}
          itemHeight={ROW_HEIGHT}
          overscan={OVERSCAN_ROWS}
          lastFocused={lastFocused}
          itemOf={rowOf}
          {...list}
        />
      </Suspense>
    </div>
  );
}

/**
 * How many columns the grid in the frame has (`auto-fill`: as many as its width fits), read from
 * its laid-out tracks, and again whenever the frame is resized. Until it is laid out, one.
 */
function useColumns(frame: RefObject<HTMLDivElement | null>): number {
  const [columns, setColumns] = useState(1);
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const read = (): void => {
      const grid = element.firstElementChild;
      if (!grid) return;
      // Laid out, "176px 176px 176px"; not laid out, the style as written, which says nothing.
      const tracks = getComputedStyle(grid)
        .gridTemplateColumns.split(' ')
        .filter((track) => /^[\d.]+px$/.test(track)).length;
      if (tracks > 0) setColumns(tracks);
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => observer.disconnect();
  }, [frame]);
  return columns;
}

/** A row of a long grid's covers: what VirtualItems measures and places (a row is no list item). */
function CardRow({
  children,
  ...place
}: {
  children: ReactElement[];
  ref?: Ref<HTMLDivElement>;
  'data-index'?: number;
}): ReactElement {
  return (
    <div className="library-grid-row" {...place}>
      {children}
    </div>
  );
}

/** One item as a cover; in a long grid, with its place among all the page's covers. */
function LibraryCard({
  item,
  selected,
  onToggle,
  place,
}: {
  item: LibraryItemSummary;
  selected: boolean;
  onToggle: (id: number) => void;
  place: CardPlace | undefined;
}): ReactElement {
  const { t } = useTranslation();
  const className = `library-card${selected ? ' library-card-selected' : ''}`;
  const body = (
    <>
      <Link to={`/library/${item.id}`} className="library-card-link">
        <Cover item={item} />
        <span className="library-card-title">{item.title}</span>
      </Link>
      <SelectBox item={item} selected={selected} onToggle={() => onToggle(item.id)} />
      {item.people.length > 0 && (
        <p className="library-card-people" title={peopleText(item.people, t, 30)}>
          {peopleText(item.people, t, 2)}
        </p>
      )}
      <div className="library-card-meta">
        <LibraryStatusBadge status={item.status} />
        {item.fileMissing && (
          <span className="badge badge-danger" title={t('library.ui.item.missingText')}>
            {t('library.ui.item.missing')}
          </span>
        )}
        {item.rating !== null && <Rating value={item.rating} />}
      </div>
      <ProgressBar item={item} label={t('library.ui.progressOf', { title: item.title })} />
    </>
  );
  // A long grid's card sits in a row, not straight in a list: its role says what it is.
  return place ? (
    <div
      role="listitem"
      className={className}
      aria-posinset={place.posinset}
      aria-setsize={place.setsize}
      data-focus-key={item.id}
    >
      {body}
    </div>
  ) : (
    <li className={className}>{body}</li>
  );
}

/** The library as rows: what it is, who made it, its status, progress, notes and rating. */
export function LibraryTable({ items, selected, onToggle, busy }: ViewProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const navigate = useNavigate();
  return (
    <TableWrap>
      <RowsTable
        className="table table-interactive library-table"
        aria-busy={busy}
        aria-label={t('library.ui.listLabel')}
        head={
          <>
            <th scope="col" className="col-fit">
              <span className="visually-hidden">{t('library.ui.select.column')}</span>
            </th>
            <th scope="col">{t('library.ui.columns.title')}</th>
            <th scope="col" className="col-p2">
              {t('library.ui.columns.kind')}
            </th>
            <th scope="col">{t('library.ui.columns.status')}</th>
            <th scope="col" className="col-p3 num">
              {t('library.ui.columns.length')}
            </th>
            <th scope="col" className="col-p2 num">
              {t('library.ui.columns.highlights')}
            </th>
            <th scope="col" className="col-p3">
              {t('library.ui.columns.rating')}
            </th>
          </>
        }
      >
        {items.map((item) => (
          <tr
            key={item.id}
            className={selected.has(item.id) ? 'row-selected' : undefined}
            onClick={() => navigate(`/library/${item.id}`)}
          >
            <td className="col-fit">
              <SelectBox item={item} selected={selected.has(item.id)} onToggle={() => onToggle(item.id)} />
            </td>
            <td>
              <div className="library-row-title">
                <Cover item={item} size="thumb" />
                <div>
                  <Link to={`/library/${item.id}`} onClick={(event) => event.stopPropagation()}>
                    {item.title}
                  </Link>
                  {item.people.length > 0 && <span className="cell-sub">{peopleText(item.people, t, 2)}</span>}
                </div>
              </div>
            </td>
            <td className="col-p2 muted">{t(`library.kinds.${item.kind}`)}</td>
            <td>
              <span className="library-status-cell">
                <LibraryStatusBadge status={item.status} />
                {item.fileMissing && <span className="badge badge-danger">{t('library.ui.item.missing')}</span>}
              </span>
              <ProgressBar item={item} label={t('library.ui.progressOf', { title: item.title })} />
            </td>
            <td className="col-p3 num muted">
              {item.pages !== null
                ? t('library.ui.pagesCount', { count: item.pages, formatted: format.number(item.pages) })
                : item.durationS !== null
                  ? duration(item.durationS)
                  : '—'}
            </td>
            <td className="col-p2 num">
              {item.highlights > 0 ? (
                <span title={t('library.ui.highlightsCount', { count: item.highlights })}>
                  <Icon name="note" size={14} /> {format.number(item.highlights)}
                </span>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td className="col-p3">
              {item.rating !== null ? <Rating value={item.rating} /> : <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </RowsTable>
    </TableWrap>
  );
}
