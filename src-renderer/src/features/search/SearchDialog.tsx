import { useEffect, useId, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit, SearchResult, SnippetPart } from '../../../../src-main/features/search/contract';
import { ask } from '../../api/ask';
import { useApi } from '../../api/ApiProvider';
import { useDebounced } from '../../hooks/useDebounced';
import { useFormat } from '../../i18n/format';
import { useEditors } from '../../shell/EditorsProvider';
import { useLeave } from '../../shell/LeaveGuard';
import { Dialog } from '../../ui/Dialog';
import { Segmented } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { useJournalDialogs } from '../journal/JournalDialogs';
import { groupHits, targetOf } from './searchModel';

const LIMIT = 40;
type Order = 'best' | 'newest';

/** A snippet with the words the search found marked: text nodes only, never HTML. */
export function Snippet({ parts }: { parts: readonly SnippetPart[] }): ReactElement {
  return <>{parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

/** The words were found in the title only: the snippet is then the title itself, marked. */
const inTitle = (hit: SearchHit): boolean => hit.snippet.map((part) => part.text).join('') === hit.title;

/**
 * The app-wide search: a combobox over a listbox of hits grouped by kind. Results come as the
 * user types (after a short pause); arrows move through them, Enter opens one, Escape closes.
 */
export function SearchDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const leave = useLeave();
  const { openSale } = useEditors();
  const { showEntry } = useJournalDialogs();
  const listId = useId();
  const [text, setText] = useState('');
  const [order, setOrder] = useState<Order>('best');
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ key: string; result: SearchResult | null; failed: boolean } | null>(null);
  const typed = text.trim();
  const settled = useDebounced(typed, 150);
  const key = `${order}|${settled}`;

  useEffect(() => {
    if (settled === '') return;
    return ask(
      (signal) => api.call('search.query', { text: settled, order, limit: LIMIT }, { signal }),
      (result) => setFound({ key: `${order}|${settled}`, result, failed: false }),
      () => setFound({ key: `${order}|${settled}`, result: null, failed: true }),
    );
  }, [api, settled, order]);

  const shown = settled !== '' && typed !== '' ? found : null;
  const groups = shown?.result ? groupHits(shown.result.items) : [];
  const flat = groups.flatMap((group) => group.hits);
  const optionId = (index: number): string => `${listId}-${index}`;
  const current = Math.min(active, Math.max(0, flat.length - 1));

  const open = async (hit: SearchHit): Promise<void> => {
    const target = targetOf(hit);
    onClose();
    if (target.kind === 'entry') showEntry(target.id);
    else if (target.kind === 'path') {
      if (leave(() => navigate(target.path))) navigate(target.path);
    } else {
      try {
        openSale(await api.call('sales.get', { id: target.id }));
      } catch (error) {
        notify.error('search.openFailed', error);
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (flat.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : flat.length - 1;
      setActive((current + step) % flat.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = flat[current];
      if (hit) void open(hit);
    }
  };

  /** Each hit's place in the whole list (the arrows go through the groups as one list). */
  const place = new Map(flat.map((hit, i) => [hit, i]));
  const status =
    typed === ''
      ? t('search.hint')
      : !shown || shown.key !== key
        ? t('search.searching')
        : shown.failed
          ? t('search.failed')
          : flat.length === 0
            ? t('search.none', { text: typed })
            : t('search.count', {
                count: shown.result?.total ?? 0,
                formatted: format.number(shown.result?.total ?? 0),
              });

  return (
    <Dialog title={t('search.title')} variant="palette" onClose={onClose}>
      <div className="search-panel">
        <div className="input-with-icon search-input">
          <Icon name="search" />
          <input
            className="input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-label={t('search.label')}
            aria-expanded={flat.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={flat.length > 0 ? optionId(current) : undefined}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            data-autofocus
          />
        </div>
        <div className="search-bar">
          <p className="search-status" role="status">
            {status}
          </p>
          <Segmented
            label={t('search.order')}
            className="search-order"
            value={order}
            onChange={(next) => {
              setOrder(next);
              setActive(0);
            }}
            options={[
              { value: 'best', label: t('search.best') },
              { value: 'newest', label: t('search.newest') },
            ]}
          />
        </div>
        {groups.length > 0 && (
          <div id={listId} role="listbox" className="search-results" aria-label={t('search.results')}>
            {groups.map((group) => (
              <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`} className="search-group">
                <div role="presentation" id={`${listId}-${group.kind}`} className="search-group-head">
                  {t(`search.kinds.${group.kind}`)}
                  <span className="count-badge">
                    {format.number(shown?.result?.counts[group.kind] ?? group.hits.length)}
                  </span>
                </div>
                {group.hits.map((hit) => {
                  const mine = place.get(hit) ?? 0;
                  return (
                    <div
                      key={`${hit.kind}-${hit.id}`}
                      id={optionId(mine)}
                      role="option"
                      aria-selected={mine === current}
                      className="search-hit"
                      onMouseMove={() => mine !== current && setActive(mine)}
                      // mousedown, not click: focus stays in the box.
                      onMouseDown={(event) => {
                        event.preventDefault();
                        void open(hit);
                      }}
                    >
                      <span className="search-hit-title">
                        {/* Found in the title only: the snippet is the title, marked. */}
                        <span>{inTitle(hit) ? <Snippet parts={hit.snippet} /> : hit.title}</span>
                        {hit.date && <span className="search-hit-date">{format.date(hit.date)}</span>}
                      </span>
                      {hit.snippet.length > 0 && !inTitle(hit) && (
                        <span className="search-snippet">
                          <Snippet parts={hit.snippet} />
                        </span>
                      )}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        )}
        <p className="search-keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> {t('search.keysMove')} · <kbd>Enter</kbd> {t('search.keysOpen')} · <kbd>Esc</kbd>{' '}
          {t('search.keysClose')}
        </p>
      </div>
    </Dialog>
  );
}
