import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { Icon } from './icons';
import { scrollParent } from './scrollParent';

const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  onLimit: (limit: number) => void;
}

export function Pagination({ offset, limit, total, onOffset, onLimit }: PaginationProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const root = useRef<HTMLDivElement>(null);
  // Another page starts at the top, as a new page would, not where the last one was left.
  const turn = (change: () => void): void => {
    change();
    const scroller = root.current && scrollParent(root.current);
    if (scroller) scroller.scrollTop = 0;
  };
  return (
    <div className="pagination" ref={root}>
      <label className="page-size">
        <span>{t('paging.pageSize')}</span>
        <select
          className="select select-compact"
          value={limit}
          onChange={(e) => turn(() => onLimit(Number(e.target.value)))}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <p className="page-range" aria-live="polite">
        {t('paging.range', { from: format.number(from), to: format.number(to), total: format.number(total) })}
      </p>
      <div className="page-buttons">
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => turn(() => onOffset(Math.max(0, offset - limit)))}
          disabled={offset === 0}
          aria-label={t('paging.previous')}
        >
          <Icon name="chevronLeft" />
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => turn(() => onOffset(offset + limit))}
          disabled={offset + limit >= total}
          aria-label={t('paging.next')}
        >
          <Icon name="chevronRight" />
        </button>
      </div>
    </div>
  );
}
