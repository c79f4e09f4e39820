import type { ReactElement } from 'react';
import { useDescribeError, useErrorDetail } from './errors';

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
  const detail = useErrorDetail()(error);
  return (
    <div className="form-error" role="alert">
      <p className="form-error-title">{title}</p>
      <p>{[describe(error), ...extra].join(' ')}</p>
      {detail && <p className="error-detail selectable">{detail}</p>}
    </div>
  );
}
