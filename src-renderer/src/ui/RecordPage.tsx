import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import type { QueryState } from '../api/useQuery';
import { EmptyState } from './EmptyState';
import { ErrorPanel } from './ErrorPanel';
import type { IconName } from './icons';
import { LoadingPanel } from './Spinner';

/**
 * A page about one record: "not found" with the way back when there is no such record (a
 * stale link, or `valid` false for an id that cannot be one), the failure with a retry, a
 * spinner until the first reply, then whatever `children` makes of the record (its own page).
 */
export function RecordPage<T>({
  query,
  valid = true,
  notFound,
  failedTitle,
  children,
}: {
  query: QueryState<T>;
  valid?: boolean;
  notFound: { icon: IconName; title: string; text: string; back: string; backLabel: string };
  failedTitle: string;
  children: (record: T) => ReactNode;
}): ReactElement {
  const missing =
    !valid || (query.error instanceof ApiError && ['not_found', 'invalid_input'].includes(query.error.code));
  if (missing)
    return (
      <div className="page">
        <EmptyState icon={notFound.icon} title={notFound.title} text={notFound.text}>
          <Link to={notFound.back} className="btn">
            {notFound.backLabel}
          </Link>
        </EmptyState>
      </div>
    );
  if (query.error)
    return (
      <div className="page">
        <ErrorPanel title={failedTitle} error={query.error} onRetry={query.reload} />
      </div>
    );
  if (query.data === undefined)
    return (
      <div className="page">
        <LoadingPanel />
      </div>
    );
  return <>{children(query.data)}</>;
}
