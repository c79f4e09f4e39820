import type { ReactElement } from 'react';
import { ApiError } from '../api/client';
import { useDescribeError } from './errors';

/** Above a form whose save failed: what did not happen, why, and the backend's own words. */
export function FormError({
  title,
  error,
  extra = [],
}: {
  title: string;
  error: unknown;
  extra?: string[];
}): ReactElement {
  const describe = useDescribeError();
  return (
    <div className="form-error" role="alert">
      <p className="form-error-title">{title}</p>
      <p>{[describe(error), ...extra].join(' ')}</p>
      {error instanceof ApiError && error.message && <p className="error-detail selectable">{error.message}</p>}
    </div>
  );
}
