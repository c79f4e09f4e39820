import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRef } from '../customers/CustomerPicker';
import { useQuery } from '../../api/useQuery';
import { Icon } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { EntryTimeline } from './EntryTimeline';
import { JOURNAL_SOURCES } from './JournalArea';
import { useJournalDialogs } from './JournalDialogs';

const SHOWN = 20;

/**
 * The journal entries about one customer, or one sale, with "New entry" pre-filled for it; on
 * the customer's page and in the sale's form.
 */
export function RecordEntries({
  customer,
  saleId,
  techniqueIds,
}: {
  customer: CustomerRef;
  /** Only this sale's entries, and a new one is about it. */
  saleId?: number;
  /** A new entry starts with these techniques ticked (the sale's). */
  techniqueIds?: number[];
}): ReactElement {
  const { t } = useTranslation();
  const headingId = useId();
  const { newEntry } = useJournalDialogs();
  const list = useQuery(
    'journal.list',
    saleId === undefined ? { customerId: customer.id, limit: SHOWN } : { saleId, limit: SHOWN },
    JOURNAL_SOURCES,
  );
  return (
    <section className="section record-entries" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{t('journal.record.title')}</h2>
        <button
          type="button"
          className="btn btn-compact"
          onClick={() => newEntry({ customer, saleId: saleId ?? null, techniqueIds })}
        >
          <Icon name="plus" />
          {t('journal.new')}
        </button>
      </div>
      <QueryView query={list} failedTitle={t('journal.loadFailed')}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted section-empty">
              {saleId === undefined ? t('journal.record.noneCustomer') : t('journal.record.noneSale')}
            </p>
          ) : (
            <>
              <EntryTimeline entries={data.items} label={t('journal.record.title')} hideCustomer />
              {data.total > data.items.length && (
                <p className="muted">{t('journal.record.more', { count: data.total - data.items.length })}</p>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
