import { Suspense, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { LoadingPanel } from '../ui/Spinner';

/** How long a screen's code may take to arrive before we say it is loading: a quicker arrival shows no spinner at all. */
const QUIET_MS = 150;

/**
 * Stands in while a screen's code loads: busy for assistive technology at once, and a spinner
 * only once the wait is long enough to notice, so a fast load does not flash one.
 */
export function PageLoading(): ReactElement {
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setLate(true), QUIET_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div className="page" aria-busy="true" data-arriving="">
      {late && <LoadingPanel />}
    </div>
  );
}

/**
 * A dialog whose code loads when it first opens (shell/lazyNamed): nothing shows until it
 * arrives, a moment later, and the page under it stays as it was.
 */
export function DialogSuspense({ children }: { children: ReactNode }): ReactElement {
  return <Suspense fallback={<span hidden data-arriving="" />}>{children}</Suspense>;
}
