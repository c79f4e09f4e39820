import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { LibraryItemSummary } from '../../../../src-main/features/library/contract';
import { useFormat } from '../../i18n/format';
import { Icon } from '../../ui/icons';
import { RowsTable } from '../../ui/RowsTable';
import { Cover, LibraryStatusBadge, peopleText, ProgressBar, Rating, useDuration } from './LibraryBits';

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

/** The library as covers, each with its title, who made it, its status and how far along. */
export function LibraryGrid({ items, selected, onToggle, busy }: ViewProps): ReactElement {
  const { t } = useTranslation();
  return (
    <ul className="library-grid" aria-label={t('library.ui.listLabel')} aria-busy={busy}>
      {items.map((item) => (
        <li key={item.id} className={`library-card${selected.has(item.id) ? ' library-card-selected' : ''}`}>
          <Link to={`/library/${item.id}`} className="library-card-link">
            <Cover item={item} />
            <span className="library-card-title">{item.title}</span>
          </Link>
          <SelectBox item={item} selected={selected.has(item.id)} onToggle={() => onToggle(item.id)} />
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
        </li>
      ))}
    </ul>
  );
}

/** The library as rows: what it is, who made it, its status, progress, notes and rating. */
export function LibraryTable({ items, selected, onToggle, busy }: ViewProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const navigate = useNavigate();
  return (
    <div className="table-wrap">
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
    </div>
  );
}
