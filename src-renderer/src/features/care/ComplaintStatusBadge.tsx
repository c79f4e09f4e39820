import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus } from '../../../../src-main/features/care/contract';

const TONE: Record<ComplaintStatus, string> = {
  open: 'badge-danger',
  in_progress: 'badge-warning',
  resolved: 'badge-won',
  closed_unresolved: 'badge-muted',
};

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }): ReactElement {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status]}`}>{t(`care.statuses.${status}`)}</span>;
}
