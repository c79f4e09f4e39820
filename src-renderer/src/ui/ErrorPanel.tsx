import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError, useErrorDetail } from './errors';
import { Icon } from './icons';

/** Stands in for content that could not be loaded: says so, and offers another try. */
export function ErrorPanel({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const detail = useErrorDetail()(error);
  return (
    <div className="state-panel state-error" role="alert">
      <span className="state-icon">
        <Icon name="alert" size={20} />
      </span>
      <h2>{title}</h2>
      <p>{describe(error)}</p>
      {detail && <p className="error-detail selectable">{detail}</p>}
      <button type="button" className="btn" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
