import type { ReactElement } from 'react';
import { Icon } from './icons';

export type SortDir = 'asc' | 'desc';

export interface SortHeaderProps<S extends string> {
  column: S;
  label: string;
  sort: S;
  dir: SortDir;
  onSort: (column: S) => void;
  align?: 'end';
}

/** A column header that sorts by its column; the active one carries aria-sort. */
export function SortHeader<S extends string>({
  column,
  label,
  sort,
  dir,
  onSort,
  align,
}: SortHeaderProps<S>): ReactElement {
  const active = sort === column;
  return (
    <th
      scope="col"
      className={align === 'end' ? 'num' : undefined}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className={`sort-button${active ? ' is-active' : ''}`} onClick={() => onSort(column)}>
        {label}
        <Icon name={active ? (dir === 'asc' ? 'arrowUp' : 'arrowDown') : 'sort'} size={13} />
      </button>
    </th>
  );
}
