import { Suspense, useCallback, useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useApi } from '../api/ApiProvider';
import { DamagedBanner } from './DamagedBanner';
import { useEditors } from './EditorsProvider';
import { ErrorBoundary } from './ErrorBoundary';
import { FirstScreenProvider, FirstScreenRegion, useFirstScreenSettled } from './FirstScreen';
import { LeaveGuardProvider, useLeave } from './LeaveGuard';
import { preloadComponents } from './lazyNamed';
import { PageLoading } from './PageLoading';
import { modalOpen, useNewShortcut } from './shortcuts';
import { Sidebar } from './Sidebar';

export function Shell(): ReactElement {
  return (
    <LeaveGuardProvider>
      <FirstScreenProvider>
        <ShellFrame />
      </FirstScreenProvider>
    </LeaveGuardProvider>
  );
}

function ShellFrame(): ReactElement {
  const { t } = useTranslation();
  const leave = useLeave();
  const api = useApi();
  const navigate = useNavigate();
  const location = useLocation();
  const { openSale, openCustomer } = useEditors();
  const main = useRef<HTMLElement>(null);

  const newSale = useCallback(() => openSale(), [openSale]);
  useNewShortcut(newSale);
  useLoadRestWhenIdle(useFirstScreenSettled());

  useEffect(
    () =>
      api.subscribe('menu.command', ({ command, path }) => {
        if (command === 'new-sale' || command === 'new-customer') {
          // The native menu's Ctrl+N arrives here, not as a keystroke: same rule as the shortcut.
          if (modalOpen()) return;
          if (command === 'new-sale') openSale();
          else openCustomer();
        } else if (path?.startsWith('/') && leave(() => navigate(path))) navigate(path);
      }),
    [api, navigate, leave, openSale, openCustomer],
  );

  return (
    <div className="shell">
      {/* Not a plain #main link: under the hash router that would navigate, not move focus. */}
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <Sidebar />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <DamagedBanner />
        <ErrorBoundary key={location.pathname}>
          {/* The sidebar stays while a screen's code arrives; a screen that failed to load says so above. */}
          <Suspense fallback={<PageLoading />}>
            <FirstScreenRegion>
              <Outlet />
            </FirstScreenRegion>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

/**
 * Once the first screen has its data, the code of the other screens and dialogs loads while the
 * window is idle: the first screen does not wait for it, and a dialog opened by a shortcut (`/`,
 * Ctrl+N) is there at once, so the keys typed right after opening it reach its field. Not
 * before: the window is idle while the first screen's own code and data are on their way, and
 * compiling every other screen then held up the first one (a reload of the sales list at
 * 200,000 sales: its first rows after ~1.4 s instead of ~0.9 s).
 */
function useLoadRestWhenIdle(settled: boolean): void {
  useEffect(() => {
    if (!settled) return;
    const load = (): void => void preloadComponents().catch(() => undefined);
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(load, { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const handle = window.setTimeout(load, 200);
    return () => window.clearTimeout(handle);
  }, [settled]);
}
