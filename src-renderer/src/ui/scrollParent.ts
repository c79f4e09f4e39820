/**
 * The nearest box around `element` that scrolls it up and down (the page's `.main`), if any.
 * A box that may scroll but is as tall as its content is passed over: a table's `.table-wrap`
 * scrolls sideways only, though its computed `overflow-y` says `auto` too.
 */
export function scrollParent(element: Element): HTMLElement | null {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const { overflowY } = getComputedStyle(box);
    if ((overflowY === 'auto' || overflowY === 'scroll') && box.scrollHeight > box.clientHeight) return box;
  }
  return null;
}
