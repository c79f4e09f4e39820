import type { ReactElement, ReactNode } from 'react';
import type { QueryState } from '../api/useQuery';
import { ErrorPanel } from './ErrorPanel';
import { LoadingPanel } from './Spinner';

/**
 * What a view shows for one query: the failure with a retry, a spinner until the first reply,
 * then whatever `children` makes of the data (its own empty state included). A reload keeps
 * the last data on screen rather than flashing the spinner.
 */
export function QueryView<T>({
  query,
  failedTitle,
  children,
}: {
  query: QueryState<T>;
  failedTitle: string;
  children: (data: T) => ReactNode;
}): ReactElement {
  if (query.error) return <ErrorPanel title={failedTitle} error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) return <LoadingPanel />;
  return <>{children(query.data)}</>;
}
