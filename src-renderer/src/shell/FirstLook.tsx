import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useLocation, useNavigationType } from 'react-router';

/**
 * The very first run: the seller has just chosen a language and how to start, and lands on
 * Home. Reminders arriving then ("98 follow-ups are due") greet them with a list of chores
 * before they have seen the app, so on that run they wait until the seller has looked around:
 * opened a second screen, or spent FIRST_LOOK_MS on the first. Any later start shows them at once.
 */
export const FIRST_LOOK_MS = 3 * 60_000;

const LookedAroundContext = createContext(true);

export function FirstLookProvider({ firstRun, children }: { firstRun: boolean; children: ReactNode }): ReactElement {
  const { pathname } = useLocation();
  const navigation = useNavigationType();
  // The screen the seller landed on, following redirects (replacing navigations, like the
  // welcome's own move to Home): only opening another one themselves counts as looking around.
  const [landing, setLanding] = useState(pathname);
  const [timeUp, setTimeUp] = useState(!firstRun);
  useEffect(() => {
    if (timeUp) return;
    const timer = setTimeout(() => setTimeUp(true), FIRST_LOOK_MS);
    return () => clearTimeout(timer);
  }, [timeUp]);
  const [moved, setMoved] = useState(false);
  // Once looked around, always: going back to the first screen does not hold reminders again.
  if (!moved && pathname !== landing) {
    if (navigation === 'PUSH') setMoved(true);
    else setLanding(pathname);
  }
  return <LookedAroundContext.Provider value={timeUp || moved}>{children}</LookedAroundContext.Provider>;
}

/**
 * Hands back `deliver(items)`: it announces the items at once once the seller has looked
 * around, and before that keeps them, to announce them all together when the moment comes.
 */
export function useAfterFirstLook<T>(announce: (items: T[]) => void): (items: T[]) => void {
  const lookedAround = useContext(LookedAroundContext);
  const held = useRef<T[]>([]);
  const latest = useRef({ lookedAround, announce });
  useEffect(() => {
    latest.current = { lookedAround, announce };
  });
  useEffect(() => {
    if (!lookedAround || held.current.length === 0) return;
    const items = held.current;
    held.current = [];
    announce(items);
  }, [lookedAround, announce]);
  return useCallback((items: T[]) => {
    if (items.length === 0) return;
    if (latest.current.lookedAround) latest.current.announce(items);
    else held.current.push(...items);
  }, []);
}
