import { observeElementOffset, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  cloneElement,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type HTMLAttributes,
  type Key,
  type KeyboardEvent,
  type ReactElement,
  type RefObject,
} from 'react';
import { FOCUS_NOT_RETURNED, IN_DIALOG } from './Dialog';
import { scrollParent } from './scrollParent';

/** Items drawn beyond either edge of the window, so a quick scroll or a Tab lands on a drawn one. */
const OVERSCAN = 10;

const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex]';

/** A long list's own attributes, which LongList passes on to the list drawn here. */
export type ListAttributes = Pick<HTMLAttributes<HTMLElement>, 'className' | 'aria-label' | 'aria-busy'>;

/**
 * The control that last had the focus among the items: the key of its item, or of the part of the
 * item it is in (an element marked `data-focus-key`: a cover in a grid's row), and which of that
 * item's or part's tabbable elements it was.
 */
export interface FocusedPart {
  key: Key;
  nth: number;
}

export interface VirtualItemsProps extends ListAttributes {
  /**
   * What holds the items: a table's body (keyed `<tr>` items), a list (keyed `<li>` items), or
   * the rows of a grid (`<div>`, to be given role="list": keyed `<div>` rows, each holding its
   * cards, which tell screen readers their own places, since a row is no list item).
   */
  as: 'tbody' | 'ul' | 'ol' | 'div';
  role?: 'list';
  items: ReactElement[];
  /** An item's height until it is drawn and measured. */
  itemHeight: number;
  /** Items drawn beyond either edge of the window (fewer for a grid's rows, each many covers). */
  overscan?: number;
  /**
   * The control that last had the focus, kept by the holder across virtualizers: when the items
   * come again in another order or arrangement (a new virtualizer) while it had the focus, it
   * keeps it wherever its item went. Cleared when the focus leaves the items.
   */
  lastFocused?: RefObject<FocusedPart | null>;
  /** The index of the item that holds the part of key `key` (a grid: the row of that cover); -1 for none. */
  itemOf?: (key: Key) => number;
}

interface Pending {
  index: number;
  /** Which of the row's tabbable parts takes the focus: its first, its last, or the one it had. */
  at: 'first' | 'last' | FocusedPart;
}

/** What drawing every row once told about the rows. */
interface Layout {
  heights: number[];
  /** For each column, the row whose cell is the widest: kept in the table, collapsed. */
  widest: number[];
}

/**
 * A table body's rows or a list's items, only those near the window of the page's scrolling box
 * drawn, with empty items as tall as the rest above and below. Tab and Shift+Tab go on to items
 * not drawn yet, and the item that has the focus stays drawn wherever the page is scrolled.
 *
 * A table's rows are drawn whole once, before the screen shows them, to measure each row's height
 * and find each column's widest cell; from then on only the rows near the window are drawn, with
 * those widest rows collapsed (`visibility: collapse`: no height, but the columns keep their
 * widths), so the columns are as wide as with every row there and do not move while scrolling.
 * A list's items are measured as they are drawn: drawing thousands once is what it spares.
 */
export function VirtualItems({
  as,
  items,
  itemHeight,
  overscan = OVERSCAN,
  lastFocused,
  itemOf,
  ...own
}: VirtualItemsProps): ReactElement {
  const body = useRef<HTMLElement>(null);
  const table = as === 'tbody';
  // A list has nothing to measure first: its items' heights come as they are drawn.
  const [layout, setLayout] = useState<Layout | null>(table ? null : { heights: [], widest: [] });
  const [scrollMargin, setScrollMargin] = useState(0);
  // The space a list's style puts between its items (a flex or grid `row-gap`).
  const [gap, setGap] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const pending = useRef<Pending | null>(null);
  const count = items.length;
  const measuring = layout === null;

  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const start = Math.max(0, range.startIndex - overscan);
      const end = Math.min(range.count - 1, range.endIndex + overscan);
      const indexes = Array.from({ length: end - start + 1 }, (_, i) => start + i);
      if (focused === null || focused >= range.count || (focused >= start && focused <= end)) return indexes;
      return focused < start ? [focused, ...indexes] : [...indexes, focused];
    },
    [focused, overscan],
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
    estimateSize: (index) => layout?.heights[index] || itemHeight,
    getItemKey: (index) => items[index]?.key ?? index,
    rangeExtractor,
    scrollMargin,
    gap,
    // Before the first measure, as if the window were as tall as the screen.
    initialRect: { width: 0, height: window.innerHeight },
    // A row that is not laid out (a hidden page) keeps its estimate rather than folding to nothing.
    measureElement: (element) => element.getBoundingClientRect().height || itemHeight,
  });

  useLayoutEffect(() => {
    if (!measuring || !body.current) return;
    setLayout(measure(body.current as HTMLTableSectionElement));
    placeBody();
  }, [measuring]);

  // A list starts drawing at once: where it begins in its scrolling box, and the space between its
  // items, are read once it is there.
  useLayoutEffect(() => {
    if (table || !body.current) return;
    placeBody();
    setGap(Number.parseFloat(getComputedStyle(body.current).rowGap) || 0);
  }, [table]);

  // The control that had the focus when its virtualizer gave way to this one (the items came again
  // in another order, or a grid in another number of columns) was taken out of the page with it,
  // and the focus with it: it gets it back. When the focus is in a dialog opened from it (a sale
  // being edited, saved before the dialog has closed), it gets it back as the dialog closes.
  useLayoutEffect(() => {
    const last = lastFocused?.current;
    if (!last) return;
    const nowhere = (): boolean => document.activeElement === null || document.activeElement === document.body;
    const restore = (): void => {
      const index = itemOf ? itemOf(last.key) : items.findIndex((item) => item.key === last.key);
      if (index < 0 || !nowhere()) return;
      pending.current = { index, at: last };
      setFocused(index);
    };
    if (nowhere()) return restore();
    if (!document.activeElement?.closest(IN_DIALOG)) return;
    window.addEventListener(FOCUS_NOT_RETURNED, restore, { once: true });
    return () => window.removeEventListener(FOCUS_NOT_RETURNED, restore);
    // Only as this virtualizer starts: later ones are the holder's to restore.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A row Tab went on to, or one getting its focus back, is drawn now: give it the focus.
  useLayoutEffect(() => {
    const next = pending.current;
    const row = next && body.current?.querySelector(`:scope > [data-index="${next.index}"]`);
    if (!next || !row) return;
    pending.current = null;
    if (typeof next.at === 'object') {
      const key = String(next.at.key);
      const part =
        [...row.querySelectorAll<HTMLElement>('[data-focus-key]')].find((p) => p.dataset.focusKey === key) ?? row;
      const parts = tabbables(part);
      (parts[next.at.nth] ?? parts[0])?.focus();
    } else {
      const parts = tabbables(row);
      parts[next.at === 'first' ? 0 : parts.length - 1]?.focus();
    }
  });

  if (measuring) return <tbody ref={body as RefObject<HTMLTableSectionElement>}>{items}</tbody>;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const parts = tabbables(row);
    const index = Number(row.dataset.index);
    const step = event.shiftKey ? -1 : 1;
    const edge = event.shiftKey ? parts[0] : parts.at(-1);
    const next = index + step;
    if (target !== edge || next < 0 || next >= count) return;
    if (body.current?.querySelector(`:scope > [data-index="${next}"]`)) return;
    event.preventDefault();
    pending.current = { index: next, at: event.shiftKey ? 'last' : 'first' };
    setFocused(next);
  };

  const onFocus = (event: FocusEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    setFocused(index);
    if (!lastFocused) return;
    const inPart = target.closest<HTMLElement>('[data-focus-key]');
    const part = inPart && row.contains(inPart) ? inPart : row;
    const key = part === row ? items[index]?.key : part.dataset.focusKey;
    lastFocused.current = key == null ? null : { key, nth: Math.max(0, tabbables(part).indexOf(target)) };
  };

  const onBlur = (event: FocusEvent<HTMLElement>): void => {
    if (pending.current || event.currentTarget.contains(event.relatedTarget)) return;
    setFocused(null);
    // Gone elsewhere. An item taken out of the page with the focus tells no one, and one that
    // opened a dialog gets the focus back when it closes: their keys stay.
    if (lastFocused && !(event.relatedTarget instanceof Element && event.relatedTarget.closest(IN_DIALOG)))
      lastFocused.current = null;
  };

  const drawn = layout.widest.map((index) =>
    cloneElement(items[index] as ReactElement<Record<string, unknown>>, {
      key: `widest-${String(items[index]?.key)}`,
      className: 'table-sizer',
      'aria-hidden': true,
    }),
  );
  // Screen readers are told each drawn item's place among all of them (a grid's cards, by its rows).
  const place = (index: number) =>
    table ? { 'aria-rowindex': index + 2 } : as === 'div' ? {} : { 'aria-posinset': index + 1, 'aria-setsize': count };
  // Where the next drawn item would start: the holder puts its gap after each item and spacer,
  // so a spacer is as tall as the items it stands for and the gaps between them.
  let next = scrollMargin;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.start > next) drawn.push(<Spacer key={`above-${item.index}`} as={as} height={item.start - next - gap} />);
    drawn.push(
      cloneElement(items[item.index] as ReactElement<Record<string, unknown>>, {
        ref: virtualizer.measureElement,
        'data-index': item.index,
        ...place(item.index),
      }),
    );
    next = item.end + gap;
  }
  const rest = scrollMargin + virtualizer.getTotalSize() - next;
  if (rest > 0) drawn.push(<Spacer key="below" as={as} height={rest} />);

  const Holder = as;
  return (
    <Holder
      ref={body as RefObject<HTMLTableSectionElement & HTMLUListElement & HTMLOListElement & HTMLDivElement>}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      {...own}
    >
      {drawn}
    </Holder>
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

/** Stands for items not drawn: as tall as they are, and not there for screen readers. */
function Spacer({ as, height }: { as: VirtualItemsProps['as']; height: number }): ReactElement {
  if (as === 'tbody') return <tr className="table-spacer" aria-hidden="true" style={{ height }} />;
  const Item = as === 'div' ? 'div' : 'li';
  return <Item className="list-spacer" aria-hidden="true" style={{ height }} />;
}

function tabbables(row: Element): HTMLElement[] {
  const inside = [...row.querySelectorAll<HTMLElement>(TABBABLE)].filter((element) => element.tabIndex >= 0);
  return row instanceof HTMLElement && row.tabIndex >= 0 ? [row, ...inside] : inside;
}
