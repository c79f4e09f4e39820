import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

/** Under a list the backend cut short: how many of how many are shown. Nothing when all are. */
export function ShownCount({
  shown,
  total,
  className = 'muted',
}: {
  shown: number;
  total: number;
  className?: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const format = useFormat();
  if (shown >= total) return null;
  return <p className={className}>{t('care.shown', { shown: format.number(shown), total: format.number(total) })}</p>;
}
