import type { ReactElement, ReactNode } from 'react';
import { RowsTable } from './RowsTable';
import { TableWrap } from './TableWrap';

/** One column header of a DataTable. */
export interface Column {
  label: string;
  /** Aligns the header with its numeric cells (`.num`). */
  num?: boolean;
  /** Extra classes, e.g. `col-fit`, or `col-p2`/`col-p3` to drop the column on narrow tables. */
  className?: string;
  /** The name is for screen readers only (e.g. a column of row buttons). */
  hidden?: boolean;
}

export interface DataTableProps {
  columns: readonly Column[];
  /** The table's classes after `table`. */
  className: string;
  /** Extra classes of the scrolling box after `table-wrap`. */
  wrapClassName?: string;
  /**
   * A visible caption. The table then scrolls inside a box that is focusable and named by it,
   * so the keyboard can scroll it (WCAG 2.1.1).
   */
  caption?: string;
  busy?: boolean;
  'aria-labelledby'?: string;
  /** The body rows: keyed `<tr>` elements (a long body draws only those near the window). */
  children: ReactNode;
}

/** A table in its scrolling box, with one header row from `columns`; the caller gives the body rows. */
export function DataTable({
  columns,
  className,
  wrapClassName,
  caption,
  busy,
  'aria-labelledby': labelledBy,
  children,
}: DataTableProps): ReactElement {
  const region = caption === undefined ? {} : { tabIndex: 0, role: 'region', 'aria-label': caption };
  return (
    <TableWrap className={wrapClassName} {...region}>
      <RowsTable
        className={`table ${className}`}
        aria-busy={busy}
        aria-labelledby={labelledBy}
        caption={caption !== undefined && <caption className="table-caption">{caption}</caption>}
        head={columns.map((column) => (
          <th key={column.label} scope="col" className={columnClass(column)}>
            {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
          </th>
        ))}
      >
        {children}
      </RowsTable>
    </TableWrap>
  );
}

function columnClass({ num, className }: Column): string | undefined {
  const classes = [num ? 'num' : '', className ?? ''].filter(Boolean).join(' ');
  return classes || undefined;
}
