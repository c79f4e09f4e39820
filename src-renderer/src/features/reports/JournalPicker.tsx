import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { MAX_HIGHLIGHTS } from './reportModel';

/** The most entries listed to pick from (journal.list's page limit); the newest come first. */
const LISTED = 200;

/**
 * The journal entries of the period, to pick as the report's highlights (at most 50). Picks
 * outside the period stay remembered but are not sent: `onLoaded` says which ids are in it.
 */
export function JournalPicker({
  from,
  to,
  selected,
  onChange,
  onLoaded,
}: {
  from: string;
  to: string;
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  onLoaded: (ids: ReadonlySet<number>) => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = useQuery('journal.list', { from, to, limit: LISTED }, ['journal']);
  const items = entries.data?.items;
  useEffect(() => {
    if (items) onLoaded(new Set(items.map((e) => e.id)));
  }, [items, onLoaded]);

  if (entries.error) return <p className="field-error">{t('reports.screen.highlights.failed')}</p>;
  if (!items) return <p className="field-hint">{t('common.loading')}</p>;
  if (items.length === 0) return <p className="field-hint">{t('reports.screen.highlights.empty')}</p>;
  const picked = items.filter((e) => selected.includes(e.id)).length;
  const full = picked >= MAX_HIGHLIGHTS;
  return (
    <div className="reports-journal">
      <p className="field-hint" role="status">
        {t('reports.screen.highlights.count', { count: picked, max: MAX_HIGHLIGHTS })}
        {entries.data!.total > items.length &&
          ` ${t('reports.screen.highlights.newest', { count: items.length, total: entries.data!.total })}`}
      </p>
      <ul className="reports-journal-list">
        {items.map((e) => {
          const on = selected.includes(e.id);
          return (
            <li key={e.id}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && full}
                  onChange={() => onChange(on ? selected.filter((id) => id !== e.id) : [...selected, e.id])}
                />
                <span>
                  {e.title} <span className="field-hint">{format.date(e.date)}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
