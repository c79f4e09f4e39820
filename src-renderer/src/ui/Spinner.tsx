import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function Spinner({ label }: { label?: string }): ReactElement {
  return (
    <span
      className="spinner"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}

/** Stands in for content whose first reply is still on its way. */
export function LoadingPanel(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="state-panel">
      <Spinner label={t('common.loading')} />
    </div>
  );
}
