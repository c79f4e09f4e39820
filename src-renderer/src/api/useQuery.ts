import { useCallback, useEffect, useState } from 'react';
import type { Channel, Input, Output } from '../../../src-main/shared/api';
import { useApi } from './ApiProvider';
import type { DataEntity } from './client';
import { ask } from './ask';

export interface QueryState<T> {
  /** The latest successful reply; kept while a newer request is in flight so lists don't flash. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a read channel whenever its input changes, and again when any of `entities` changes.
 * Only the reply to the newest request is kept: a slow page-2 reply never overwrites page 3.
 * A request no longer wanted (its input changed, or the screen went away) is cancelled, so a
 * read still waiting in the backend is not run and the next screen's reads are not held up.
 * While `enabled` is false nothing is asked and the query stays loading.
 */
export function useQuery<C extends Channel>(
  channel: C,
  input: Input<C>,
  entities: readonly DataEntity[],
  { enabled = true }: { enabled?: boolean } = {},
): QueryState<Output<C>> {
  const api = useApi();
  const inputKey = JSON.stringify(input ?? {});
  const entityKey = entities.join(',');
  const [version, setVersion] = useState(0);
  const requestKey = `${channel}|${inputKey}|${version}`;
  const [result, setResult] = useState<{ key: string; data?: Output<C>; error?: unknown }>({ key: '' });

  useEffect(() => {
    const watched = new Set(entityKey.split(','));
    return api.onDataChanged((changed) => {
      if (changed.some((entity) => watched.has(entity))) setVersion((v) => v + 1);
    });
  }, [api, entityKey]);

  useEffect(() => {
    if (!enabled) return;
    return ask(
      (signal) => api.call(channel, JSON.parse(inputKey) as Input<C>, { signal }),
      (data) => setResult({ key: requestKey, data }),
      (error) => setResult((previous) => ({ key: requestKey, data: previous.data, error })),
    );
  }, [api, channel, inputKey, requestKey, enabled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: result.data, error: result.error, loading: result.key !== requestKey, reload };
}
