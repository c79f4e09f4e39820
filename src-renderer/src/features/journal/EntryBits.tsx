import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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

/**
 * Who and what an entry is about: its customer (a link, unless the page is that customer's),
 * its sale with how it ended, and the techniques tried. Nothing when it names none of them.
 */
export function EntryLinks({
  entry,
  showCustomer = true,
  onNavigate,
}: {
  entry: JournalEntry;
  showCustomer?: boolean;
  onNavigate?: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const customer = showCustomer ? entry.customer : null;
  return (
    <>
      {(customer || entry.sale) && (
        <p className="journal-links">
          {customer && (
            <Link to={`/customers/${customer.id}`} onClick={onNavigate}>
              {customer.name}
            </Link>
          )}
          {entry.sale && (
            <span className="journal-sale">
              <span>{t('journal.saleLabel', { title: entry.sale.title })}</span>
              <SaleOutcome sale={entry.sale} />
            </span>
          )}
        </p>
      )}
      {entry.techniques.length > 0 && (
        <ul className="chips journal-techniques" aria-label={t('journal.form.techniques')}>
          {entry.techniques.map((technique) => (
            <li key={technique.id} className="tag">
              {technique.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
