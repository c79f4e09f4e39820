import { useEffect, useState } from 'react';
import { localIsoDate } from '../../../src-main/shared/dates';

/**
 * Today's local date, turning over at midnight and when the window comes back (a laptop that
 * slept through midnight fires its timer late): "due today" and the badge follow the calendar.
 */
export function useToday(): string {
  const [today, setToday] = useState(() => localIsoDate(new Date()));
  useEffect(() => {
    const check = (): void => setToday(localIsoDate(new Date()));
    const timer = setTimeout(check, msToMidnight(new Date()) + 1000);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [today]);
  return today;
}

/** Milliseconds from `now` to the next local midnight, when "today" and the badge change. */
export function msToMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return next.getTime() - now.getTime();
}
