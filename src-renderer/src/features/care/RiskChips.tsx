import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AtRiskReason } from '../../../../src-main/features/care/contract';
import { useFormat } from '../../i18n/format';
import { useCareText } from './careText';

/** Why a customer is at risk, one chip per reason, each with the date it rests on as a tooltip. */
export function RiskChips({ reasons }: { reasons: readonly AtRiskReason[] }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useCareText();
  return (
    <ul className="risk-chips" aria-label={t('care.atRisk.reasons')}>
      {reasons.map((reason) => (
        <li key={reason.code} className={`risk-chip risk-${reason.code}`} title={format.date(sinceOf(reason))}>
          {text.risk(reason)}
        </li>
      ))}
    </ul>
  );
}

function sinceOf(reason: AtRiskReason): string {
  switch (reason.code) {
    case 'open_complaint':
      return reason.openedOn;
    case 'low_nps':
    case 'low_csat':
      return reason.on;
    case 'overdue_check_in':
      return reason.dueOn;
    case 'late_reorder':
      return reason.lastPurchaseOn;
    case 'no_contact':
      return reason.lastContactOn;
  }
}
