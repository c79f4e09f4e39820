import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../src-main/features/journal/contract';
import { useFormat } from '../../i18n/format';
import { Confidence, EntryLinks, OutcomeBadge } from './EntryBits';
import { bodyExcerpt } from './entryModel';
import { useJournalDialogs } from './JournalDialogs';

/**
 * Entries newest first, each with what it is about and how it went; its title opens it.
 * `compact` leaves out what the page around already says (the customer on their own page).
 */
export function EntryTimeline({
  entries,
  label,
  hideCustomer = false,
  busy = false,
}: {
  entries: readonly JournalEntry[];
  label: string;
  hideCustomer?: boolean;
  busy?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { showEntry } = useJournalDialogs();
  return (
    <ol className="journal-timeline" aria-label={label} aria-busy={busy || undefined}>
      {entries.map((entry) => {
        const excerpt = bodyExcerpt(entry.body || entry.learned || entry.action || entry.situation || '');
        return (
          <li key={entry.id} className="journal-item">
            <time className="journal-date" dateTime={entry.date}>
              {format.date(entry.date)}
            </time>
            <article className="journal-card" aria-labelledby={`journal-entry-${entry.id}`}>
              <header className="journal-card-head">
                <h3 id={`journal-entry-${entry.id}`}>
                  <button type="button" className="link-button journal-title" onClick={() => showEntry(entry.id)}>
                    {entry.title}
                  </button>
                </h3>
                {entry.outcome && <OutcomeBadge outcome={entry.outcome} />}
                {entry.confidence !== null && <Confidence value={entry.confidence} />}
              </header>
              <EntryLinks entry={entry} showCustomer={!hideCustomer} />
              {excerpt && <p className="journal-excerpt">{excerpt}</p>}
              {entry.tags.length > 0 && (
                <ul className="journal-tags" aria-label={t('journal.form.tags')}>
                  {entry.tags.map((tag) => (
                    <li key={tag}>#{tag}</li>
                  ))}
                </ul>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
