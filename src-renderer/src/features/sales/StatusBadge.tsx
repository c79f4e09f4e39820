import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../../src-main/features/sales/contract';

export function StatusBadge({ status, stage }: Pick<Sale, 'status' | 'stage'>): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      {t(`status.${status}`)}
      {status === 'open' && stage && <span className="badge-stage">{t(`stage.${stage}`)}</span>}
    </span>
  );
}
