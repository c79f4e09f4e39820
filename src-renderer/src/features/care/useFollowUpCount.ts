import { useEffect } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { useFirstScreenSettled } from '../../shell/FirstScreen';

/**
 * What needs doing by the end of today, for the sidebar badge: asked once the first screen has
 * its data (a large history makes this count slow, and main answers one request at a time),
 * then again when data changes, when main says items became due, and when the day turns over
 * (asOf is part of the query). Null until known, and when the backend cannot say: no badge
 * beats a wrong one.
 */
export function useFollowUpCount(): number | null {
  const api = useApi();
  const today = useToday();
  const count = useQuery('care.followups.count', { asOf: today }, ['care', 'sales', 'customers', 'library'], {
    enabled: useFirstScreenSettled(),
  });
  const { reload } = count;
  useEffect(() => api.subscribe('care.due', reload), [api, reload]);
  return count.error ? null : (count.data?.due ?? null);
}
