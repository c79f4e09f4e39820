import { useEffect } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';

/**
 * What needs doing by the end of today, for the sidebar badge: asked again when data changes,
 * when main says items became due, and when the day turns over (asOf is part of the query).
 * Null until known, and when the backend cannot say: no badge beats a wrong one.
 */
export function useFollowUpCount(): number | null {
  const api = useApi();
  const today = useToday();
  const count = useQuery('care.followups.count', { asOf: today }, ['care', 'sales', 'customers', 'library']);
  const { reload } = count;
  useEffect(() => api.subscribe('care.due', reload), [api, reload]);
  return count.error ? null : (count.data?.due ?? null);
}
