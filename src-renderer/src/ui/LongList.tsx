import { Children, isValidElement, Suspense, useRef, type ReactElement, type ReactNode, type Ref } from 'react';
import type { FocusedPart, ListAttributes } from './VirtualItems';
import { VIRTUAL_FROM, VirtualItems } from './windowed';

/**
 * What a drawn item of a long list is given, which a component item passes on to its `<li>`: a
 * ref to measure it by, and its place among all the items.
 */
export interface ListItemPlace {
  ref?: Ref<HTMLLIElement>;
  'data-index'?: number;
  'aria-posinset'?: number;
  'aria-setsize'?: number;
}

export interface LongListProps extends ListAttributes {
  /** The items: keyed `<li>` elements, or components that pass ListItemPlace on to theirs. */
  children: ReactNode;
  /** An item's height with its border, until it is drawn and measured. */
  itemHeight: number;
  /** An `<ol>`: the items' order means something (newest first). */
  ordered?: boolean;
}

/**
 * A list that may grow long (the follow-ups of a bucket once "show all" asks for 2,000, a page of
 * 200 journal entries): up to 100 items it is drawn as it is; past that, only the items near the
 * window of the page's scrolling box (VirtualItems), each item telling screen readers its place
 * among all of them.
 * At a million sales "show all" drew 10,000 follow-ups, 224,000 elements, in about 9 s.
 */
export function LongList({ children, itemHeight, ordered = false, ...list }: LongListProps): ReactElement {
  const items = Children.toArray(children).filter(isValidElement);
  const List = ordered ? 'ol' : 'ul';
  // The control that had the focus, kept across the virtualizers of each set of items (RowsTable's).
  const lastFocused = useRef<FocusedPart | null>(null);
  if (items.length < VIRTUAL_FROM) return <List {...list}>{children}</List>;
  return (
    // Until the virtualizer's code has come (the first long table or list loads it), the first
    // items alone: drawing them all is what it spares.
    <Suspense fallback={<List {...list}>{items.slice(0, VIRTUAL_FROM - 1)}</List>}>
      {/* Another set of items starts a virtualizer of its own (RowsTable says why). */}
      <VirtualItems
        as={List}
        key={items.map((item) => item.key).join('|')}
        items={items}
        itemHeight={itemHeight}
        lastFocused={lastFocused}
        {...list}
      />
    </Suspense>
  );
}
