import { createContext, useContext, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ApiProvider, useApi } from '../api/ApiProvider';
import type { ApiClient } from '../api/client';

/**
 * The longest the shell's extras wait for the first screen's data. Main answers one request at
 * a time, so a slow badge count or reminder check sent with the screen's own query would make
 * the screen's rows wait behind it; these extras are sent once the screen's first queries are
 * answered (or failed) instead. A screen still loading after this long is stuck or very slow,
 * and what is due should not wait on it any longer.
 */
export const FIRST_SCREEN_WAIT_MS = 3_000;

/** Outside a shell (a screen mounted alone) nothing waits. */
const SettledContext = createContext(true);

interface Region {
  /** The client the screen's code calls through: it counts the calls still unanswered. */
  client: ApiClient;
  /** The screen has rendered and sent its first queries. */
  shown(): void;
}

const RegionContext = createContext<Region | null>(null);

/**
 * Tracks the window's first screen: settled once the calls the routed screen makes when it
 * first shows are all answered or failed, or after FIRST_SCREEN_WAIT_MS, whichever is first.
 * Then it tells main (app.firstScreenShown), which runs its first check of due follow-ups and
 * goals behind pace, and the badge (useFirstScreenSettled) asks for its count.
 */
export function FirstScreenProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const [settled, setSettled] = useState(false);
  const [region] = useState(() => watchRegion(api, () => setSettled(true)));
  const told = useRef(false);

  useEffect(() => {
    const timer = setTimeout(() => setSettled(true), FIRST_SCREEN_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!settled || told.current) return;
    told.current = true;
    // Nothing to show for a failure: main's regular poll checks again later.
    api.call('app.firstScreenShown', {}).catch(() => undefined);
  }, [api, settled]);

  return (
    <SettledContext.Provider value={settled}>
      <RegionContext.Provider value={region}>{children}</RegionContext.Provider>
    </SettledContext.Provider>
  );
}

/** Whether the first screen has its data (or waited long enough): what comes after it may now ask. */
export function useFirstScreenSettled(): boolean {
  return useContext(SettledContext);
}

/** Wraps the routed screen, inside its Suspense: its calls are the ones the first screen waits for. */
export function FirstScreenRegion({ children }: { children: ReactNode }): ReactElement {
  const region = useContext(RegionContext);
  if (!region) return <>{children}</>;
  return (
    <ApiProvider client={region.client}>
      {children}
      <Shown region={region} />
    </ApiProvider>
  );
}

/** After the screen: its effect runs once the screen's own effects have sent their queries. */
function Shown({ region }: { region: Region }): null {
  useEffect(() => region.shown(), [region]);
  return null;
}

function watchRegion(api: ApiClient, settle: () => void): Region {
  let unanswered = 0;
  let shown = false;
  let done = false;
  const check = (): void => {
    if (done || !shown || unanswered > 0) return;
    done = true;
    settle();
  };
  const answered = (): void => {
    unanswered -= 1;
    check();
  };
  return {
    client: {
      ...api,
      call(channel, input, options) {
        const reply = api.call(channel, input, options);
        if (!done) {
          unanswered += 1;
          reply.then(answered, answered);
        }
        return reply;
      },
    },
    shown() {
      shown = true;
      check();
    },
  };
}
