import {
  Children,
  isValidElement,
  Suspense,
  useRef,
  type ReactElement,
  type ReactNode,
  type TableHTMLAttributes,
} from 'react';
import type { FocusedPart } from './VirtualItems';
import { VIRTUAL_FROM, VirtualItems } from './windowed';

export interface RowsTableProps extends Omit<TableHTMLAttributes<HTMLTableElement>, 'children'> {
  /** The cells of the one header row. */
  head: ReactNode;
  caption?: ReactNode;
  /** The body rows: keyed `<tr>` elements. */
  children: ReactNode;
  /** A body row's height with its border, until it is drawn and measured (`.table td` is 40px + 1px). */
  rowHeight?: number;
}

/**
 * A table with one header row. A long body (a page of 200 sales) draws only the rows near the
 * window of the page's scrolling box plus a few either side, with empty rows as tall as the
 * rest above and below; `aria-rowcount` and each row's `aria-rowindex` still tell screen readers
 * the whole. Tab and Shift+Tab go on to rows not drawn yet, the row that has the focus stays
 * drawn wherever the page is scrolled, and keeps the focus when the rows come again in another
 * order (a sale edited from the keyboard, moved by its new amount). A short body is drawn as it
 * is, and so is a long one until the virtualizer's code has arrived (the first long table loads
 * it).
 */
export function RowsTable({ head, caption, children, rowHeight = 41, ...table }: RowsTableProps): ReactElement {
  const rows = Children.toArray(children).filter(isValidElement);
  const virtual = rows.length >= VIRTUAL_FROM;
  // The control that had the focus, kept across the virtualizers of each set of rows.
  const lastFocused = useRef<FocusedPart | null>(null);
  return (
    <table {...table} aria-rowcount={virtual ? rows.length + 1 : undefined}>
      {caption}
      <thead>
        <tr aria-rowindex={virtual ? 1 : undefined}>{head}</tr>
      </thead>
      {virtual ? (
        <Suspense fallback={<tbody>{rows}</tbody>}>
          {/* Each set of rows (another page, order or filter) starts a virtualizer of its own: one
              carried over keeps offsets of the rows before and would scroll the page away. */}
          <VirtualItems
            as="tbody"
            key={rows.map((row) => row.key).join('|')}
            items={rows}
            itemHeight={rowHeight}
            lastFocused={lastFocused}
          />
        </Suspense>
      ) : (
        <tbody>{children}</tbody>
      )}
    </table>
  );
}
