import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry, JournalOutcome } from '../../../../src-main/features/journal/contract';
import { useFormat } from '../../i18n/format';

const OUTCOME_CLASS: Record<JournalOutcome, string> = {
  worked: 'badge-won',
  mixed: 'badge-warning',
  didnt: 'badge-danger',
};

/** How it went, as a badge: worked, mixed, didn't work. */
export function OutcomeBadge({ outcome }: { outcome: JournalOutcome }): ReactElement {
  const { t } = useTranslation();
  return <span className={`badge ${OUTCOME_CLASS[outcome]}`}>{t(`journal.outcomes.${outcome}`)}</span>;
}

/** The sale an entry is about, and how it ended once it has: "Won on 3 Mar, €1,200". */
export function SaleOutcome({ sale }: { sale: NonNullable<JournalEntry['sale']> }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  if (sale.status === 'open' || !sale.closedOn) return <span className="badge badge-open">{t('status.open')}</span>;
  return (
    <span className={`badge badge-${sale.status}`}>
      {t(`journal.saleClosed.${sale.status}`, {
        date: format.date(sale.closedOn),
        amount: format.money(sale.amountMinor, sale.currency),
      })}
    </span>
  );
}

/** Confidence 1–5 as dots, said in words. */
export function Confidence({ value }: { value: number }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="journal-confidence" title={t('journal.confidence', { value })}>
      <span aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= value ? 'dot dot-on' : 'dot'} />
        ))}
      </span>
      <span className="visually-hidden">{t('journal.confidence', { value })}</span>
    </span>
  );
}
