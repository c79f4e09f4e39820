import { useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactElement } from 'react';

/**
 * The box a table sits in. While the table fits it, the box clips without scrolling, so the
 * header row sticks to the top of the page's scrolling box as the page scrolls (a box that scrolls
 * sideways would hold it instead, and it would go up with the page). Once the table is wider than
 * the box (past its `--table-min-width`), the box scrolls sideways, its first column sticking to
 * the left. Whether it is wider is read as it is laid out, and again whenever either is resized.
 */
export function TableWrap({ className, children, ...box }: HTMLAttributes<HTMLDivElement>): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const read = (): void => {
      const table = element.querySelector('table');
      setOverflows(table !== null && table.offsetWidth > element.clientWidth);
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(element);
    const table = element.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      data-overflows={overflows || undefined}
      {...box}
    >
      {children}
    </div>
  );
}
