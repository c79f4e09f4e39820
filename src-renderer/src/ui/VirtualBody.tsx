import { observeElementOffset, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  cloneElement,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { scrollParent } from './scrollParent';

/** Rows drawn beyond either edge of the window, so a quick scroll or a Tab lands on a drawn row. */
const OVERSCAN = 10;

const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex]';

export interface VirtualBodyProps {
  /** Keyed `<tr>` elements. */
  rows: ReactElement[];
  /** A row's height until it is drawn and measured. */
  rowHeight: number;
}

interface Pending {
  index: number;
  /** Which of the row's tabbable parts takes the focus. */
  at: 'first' | 'last';
}

/** What drawing every row once told about the rows. */
interface Layout {
  heights: number[];
  /** For each column, the row whose cell is the widest: kept in the table, collapsed. */
  widest: number[];
}

/**
 * The rows are drawn whole once, before the screen shows them, to measure each row's height and
 * find each column's widest cell; from then on only the rows near the window are drawn, with
 * those widest rows collapsed (`visibility: collapse`: no height, but the columns keep their
 * widths), so the columns are as wide as with every row there and do not move while scrolling.
 */
export function VirtualBody({ rows, rowHeight }: VirtualBodyProps): ReactElement {
  const body = useRef<HTMLTableSectionElement>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const pending = useRef<Pending | null>(null);
  const count = rows.length;
  const measuring = layout === null;

  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const start = Math.max(0, range.startIndex - OVERSCAN);
      const end = Math.min(range.count - 1, range.endIndex + OVERSCAN);
      const indexes = Array.from({ length: end - start + 1 }, (_, i) => start + i);
      if (focused === null || focused >= range.count || (focused >= start && focused <= end)) return indexes;
      return focused < start ? [focused, ...indexes] : [...indexes, focused];
    },
    [focused],
  );

  // Where the body starts in its scrolling box (the page's header and filters come first): read
  // when a set of rows is measured and at each scroll, since what is above it may have changed.
  const placeBody = (): void => {
    const element = body.current;
    const scroller = element && scrollParent(element);
    if (!element || !scroller) return;
    const margin = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setScrollMargin((old) => (Math.abs(margin - old) < 1 ? old : margin));
  };

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to memoize around it
  const virtualizer = useVirtualizer({
    count,
    enabled: !measuring,
    getScrollElement: () => (body.current ? scrollParent(body.current) : null),
    // Where the page is when a set of rows is measured: the virtualizer scrolls there as it
    // starts, so the default (the top) would throw the page up at each new set.
    initialOffset: () => {
      const scroller = body.current && scrollParent(body.current);
      return scroller ? scroller.scrollTop : 0;
    },
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        placeBody();
        report(offset, isScrolling);
      }),
    estimateSize: (index) => layout?.heights[index] || rowHeight,
    getItemKey: (index) => rows[index]?.key ?? index,
    rangeExtractor,
    scrollMargin,
    // Before the first measure, as if the window were as tall as the screen.
    initialRect: { width: 0, height: window.innerHeight },
    // A row that is not laid out (a hidden page) keeps its estimate rather than folding to nothing.
    measureElement: (element) => element.getBoundingClientRect().height || rowHeight,
  });

  useLayoutEffect(() => {
    if (!measuring || !body.current) return;
    setLayout(measure(body.current));
    placeBody();
  }, [measuring]);

  // A row Tab went on to is drawn now: give it the focus.
  useLayoutEffect(() => {
    const next = pending.current;
    const row = next && body.current?.querySelector(`:scope > tr[data-index="${next.index}"]`);
    if (!next || !row) return;
    pending.current = null;
    const parts = tabbables(row);
    parts[next.at === 'first' ? 0 : parts.length - 1]?.focus();
  });

  if (measuring) return <tbody ref={body}>{rows}</tbody>;

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('tr[data-index]');
    if (!row) return;
    const parts = tabbables(row);
    const index = Number(row.dataset.index);
    const step = event.shiftKey ? -1 : 1;
    const edge = event.shiftKey ? parts[0] : parts.at(-1);
    const next = index + step;
    if (target !== edge || next < 0 || next >= count) return;
    if (body.current?.querySelector(`:scope > tr[data-index="${next}"]`)) return;
    event.preventDefault();
    pending.current = { index: next, at: event.shiftKey ? 'last' : 'first' };
    setFocused(next);
  };

  const onFocus = (event: FocusEvent<HTMLTableSectionElement>): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    if (row) setFocused(Number(row.dataset.index));
  };

  const onBlur = (event: FocusEvent<HTMLTableSectionElement>): void => {
    if (!pending.current && !event.currentTarget.contains(event.relatedTarget)) setFocused(null);
  };

  const drawn = layout.widest.map((index) =>
    cloneElement(rows[index] as ReactElement<Record<string, unknown>>, {
      key: `widest-${String(rows[index]?.key)}`,
      className: 'table-sizer',
      'aria-hidden': true,
    }),
  );
  let end = scrollMargin;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.start > end) drawn.push(<Spacer key={`above-${item.index}`} height={item.start - end} />);
    drawn.push(
      cloneElement(rows[item.index] as ReactElement<Record<string, unknown>>, {
        ref: virtualizer.measureElement,
        'data-index': item.index,
        'aria-rowindex': item.index + 2,
      }),
    );
    end = item.end;
  }
  const rest = scrollMargin + virtualizer.getTotalSize() - end;
  if (rest > 0) drawn.push(<Spacer key="below" height={rest} />);

  return (
    <tbody ref={body} onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur}>
      {drawn}
    </tbody>
  );
}

/** Each drawn row's height, and for each column the row whose cell's content is the widest. */
function measure(body: HTMLTableSectionElement): Layout {
  const range = document.createRange();
  const heights: number[] = [];
  const widest: { index: number; width: number }[] = [];
  [...body.rows].forEach((row, index) => {
    heights.push(row.getBoundingClientRect().height);
    [...row.cells].forEach((cell, column) => {
      range.selectNodeContents(cell);
      // jsdom draws nothing and has no Range rectangle: every cell is as wide as any other there.
      const width = typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect().width : 0;
      if (!widest[column] || width > widest[column].width) widest[column] = { index, width };
    });
  });
  return { heights, widest: [...new Set(widest.map((cell) => cell.index))] };
}

/** Stands for rows not drawn: as tall as they are, and not there for screen readers. */
function Spacer({ height }: { height: number }): ReactElement {
  return <tr className="table-spacer" aria-hidden="true" style={{ height }} />;
}

function tabbables(row: Element): HTMLElement[] {
  const inside = [...row.querySelectorAll<HTMLElement>(TABBABLE)].filter((element) => element.tabIndex >= 0);
  return row instanceof HTMLElement && row.tabIndex >= 0 ? [row, ...inside] : inside;
}
