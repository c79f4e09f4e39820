import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LibraryItem, Takeaway } from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { TakeawayDialog } from './TakeawayDialog';

type Open = { kind: 'edit'; takeaway: Takeaway | null } | { kind: 'delete'; takeaway: Takeaway };

/** What the seller took from the item: each with the technique it became (a link to it) and the goal it serves. */
export function Takeaways({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const headingId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const [busy, setBusy] = useState(false);
  const close = (): void => setOpen(null);
  const quoted = (takeaway: Takeaway): string | null => {
    const highlight = item.highlightList.find((h) => h.id === takeaway.highlightId);
    return highlight ? highlight.text || highlight.note : null;
  };

  const remove = async (takeaway: Takeaway): Promise<void> => {
    setBusy(true);
    try {
      await api.call('library.takeawayDelete', { id: takeaway.id });
      notify.success('library.ui.takeaways.deleted');
    } catch (error) {
      notify.error('library.ui.takeaways.deleteFailed', error);
    } finally {
      setBusy(false);
      close();
    }
  };

  return (
    <section className="section library-takeaways" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>
          {t('library.ui.takeaways.title')}
          {item.takeawayList.length > 0 && <span className="count-badge">{item.takeawayList.length}</span>}
        </h2>
        <button type="button" className="btn btn-compact" onClick={() => setOpen({ kind: 'edit', takeaway: null })}>
          <Icon name="lightbulb" />
          {t('library.ui.takeaways.new')}
        </button>
      </div>
      {item.takeawayList.length === 0 ? (
        <p className="muted section-empty">{t('library.ui.takeaways.empty')}</p>
      ) : (
        <ul className="takeaway-list">
          {item.takeawayList.map((takeaway) => {
            const quote = quoted(takeaway);
            return (
              <li key={takeaway.id} className="card takeaway">
                <div className="takeaway-body">
                  <p className="takeaway-text selectable">{takeaway.text}</p>
                  {quote && quote !== takeaway.text && <p className="takeaway-quote muted">“{quote}”</p>}
                  <p className="takeaway-links">
                    {takeaway.technique && (
                      <span>
                        <span className="takeaway-link-label">{t('library.ui.takeaways.techniqueIs')}</span>
                        <Link to={`/journal/techniques?focus=${takeaway.technique.id}`}>{takeaway.technique.name}</Link>
                      </span>
                    )}
                    {takeaway.goal && (
                      <span>
                        <span className="takeaway-link-label">{t('library.ui.takeaways.goalIs')}</span>
                        <Link to={`/goals/${takeaway.goal.id}`}>{takeaway.goal.title}</Link>
                      </span>
                    )}
                    {takeaway.triedOn && (
                      <span className="muted">
                        {t('library.ui.takeaways.triedOnDate', { date: format.date(takeaway.triedOn) })}
                      </span>
                    )}
                  </p>
                </div>
                <div className="takeaway-actions">
                  <button
                    type="button"
                    className="btn btn-ghost btn-compact"
                    onClick={() => setOpen({ kind: 'edit', takeaway })}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost btn-icon btn-compact"
                    aria-label={t('library.ui.takeaways.delete')}
                    onClick={() => setOpen({ kind: 'delete', takeaway })}
                  >
                    <Icon name="trash" />
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {open?.kind === 'edit' && (
        <TakeawayDialog
          item={item}
          highlight={
            open.takeaway ? (item.highlightList.find((h) => h.id === open.takeaway!.highlightId) ?? null) : null
          }
          takeaway={open.takeaway ?? undefined}
          onClose={close}
        />
      )}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={t('library.ui.takeaways.deleteTitle')}
          message={t('library.ui.takeaways.deleteText')}
          confirmLabel={t('common.delete')}
          busy={busy}
          onConfirm={() => void remove(open.takeaway)}
          onCancel={close}
        />
      )}
    </section>
  );
}
