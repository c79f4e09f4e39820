import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../src-main/features/journal/contract';
import { useFormat } from '../../i18n/format';
import { LongList, type ListItemPlace } from '../../ui/LongList';
import { Confidence, EntryLinks, OutcomeBadge } from './EntryBits';
import { bodyExcerpt } from './entryModel';
import { useJournalDialogs } from './JournalDialogs';

/** A card's height with its date, until it is drawn and measured (title, links, a two-line excerpt). */
const ENTRY_HEIGHT = 150;

/**
 * Entries newest first, each with what it is about and how it went; its title opens it.
 * `compact` leaves out what the page around already says (the customer on their own page).
 * A page of 200 draws only the entries near the window (LongList).
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
  return (
    <LongList
      ordered
      className="journal-timeline"
      aria-label={label}
      aria-busy={busy || undefined}
      itemHeight={ENTRY_HEIGHT}
    >
      {entries.map((entry) => (
        <TimelineEntry key={entry.id} entry={entry} hideCustomer={hideCustomer} />
      ))}
    </LongList>
  );
}

/** One entry: its day, then its card. */
function TimelineEntry({
  entry,
  hideCustomer,
  ...place
}: { entry: JournalEntry; hideCustomer: boolean } & ListItemPlace): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { showEntry } = useJournalDialogs();
  const excerpt = bodyExcerpt(entry.body || entry.learned || entry.action || entry.situation || '');
  return (
    <li className="journal-item" {...place}>
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
}
