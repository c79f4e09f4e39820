import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../src-main/features/journal/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { Markdown } from '../../ui/markdown';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { Confidence, EntryLinks, OutcomeBadge } from './EntryBits';

/** One entry read in full: its facts, its answers and its Markdown body rendered. */
export function EntryDetail({
  id,
  onClose,
  onEdit,
}: {
  id: number;
  onClose: () => void;
  onEdit: (entry: JournalEntry) => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const entry = useQuery('journal.get', { id }, ['journal', 'sales', 'customers', 'techniques']);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.call('journal.delete', { id });
      notify.success('journal.detail.deleted');
      onClose();
    } catch (error) {
      setBusy(false);
      setDeleting(false);
      notify.error('journal.detail.deleteFailed', error);
    }
  };

  return (
    <>
      <Dialog
        title={entry.data?.title ?? t('journal.detail.title')}
        variant="wide"
        onClose={onClose}
        footer={
          entry.data && (
            <>
              <button type="button" className="btn btn-danger-ghost" onClick={() => setDeleting(true)}>
                {t('common.delete')}
              </button>
              <span className="spacer" />
              <button type="button" className="btn" onClick={onClose}>
                {t('common.close')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => entry.data && onEdit(entry.data)}
                data-autofocus
              >
                {t('common.edit')}
              </button>
            </>
          )
        }
      >
        <QueryView query={entry} failedTitle={t('journal.detail.loadFailed')}>
          {(data) => <EntryView entry={data} onNavigate={onClose} />}
        </QueryView>
      </Dialog>
      {deleting && entry.data && (
        <ConfirmDialog
          title={t('journal.detail.deleteTitle')}
          message={t('journal.detail.deleteText', { title: entry.data.title })}
          confirmLabel={t('common.delete')}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        />
      )}
    </>
  );
}

function EntryView({ entry, onNavigate }: { entry: JournalEntry; onNavigate: () => void }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const answers = (
    [
      ['situation', entry.situation],
      ['action', entry.action],
      ['learned', entry.learned],
      ['nextTime', entry.nextTime],
    ] as const
  ).filter(([, text]) => text);
  return (
    <article className="journal-detail">
      <p className="journal-meta">
        <time dateTime={entry.date}>{format.date(entry.date)}</time>
        {entry.outcome && <OutcomeBadge outcome={entry.outcome} />}
        {entry.confidence !== null && <Confidence value={entry.confidence} />}
      </p>
      <EntryLinks entry={entry} onNavigate={onNavigate} />
      {answers.length > 0 && (
        <dl className="journal-answers">
          {answers.map(([field, text]) => (
            <div key={field}>
              <dt>{t(`journal.form.${field}`)}</dt>
              <dd className="selectable">{text}</dd>
            </div>
          ))}
        </dl>
      )}
      {entry.body.trim() !== '' && <Markdown source={entry.body} className="journal-body selectable" />}
      {entry.tags.length > 0 && (
        <ul className="tags journal-tags" aria-label={t('journal.form.tags')}>
          {entry.tags.map((tag) => (
            <li key={tag} className="badge badge-muted">
              #{tag}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
