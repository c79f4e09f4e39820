import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { Icon } from '../../ui/icons';
import { useViewState } from '../../ui/viewState';
import { NoteBody } from './NoteBody';
import { noteName } from './trainingModel';

/**
 * "What you know", in the sale form: the notes on the chosen product and on the chosen
 * customer's segment and industry. Folded to one line by default so it never crowds the form;
 * opened, it stays open for the next sale of the session. Nothing shows until a product or a
 * customer is chosen, nor when neither has a note.
 */
export function TrainingPanel({
  productId,
  customerId,
}: {
  productId: number | null;
  customerId: number | null;
}): ReactElement | null {
  if (productId === null && customerId === null) return null;
  return <Notes productId={productId} customerId={customerId} />;
}

function Notes({
  productId,
  customerId,
}: {
  productId: number | null;
  customerId: number | null;
}): ReactElement | null {
  const { t } = useTranslation();
  const headingId = useId();
  const bodyId = useId();
  const [view, setView] = useViewState('training.panel', { open: false });
  // A customer's new segment or a renamed product changes what shows.
  const notes = useQuery('training.forSale', { productId, customerId }, ['training', 'products', 'customers']);
  if (notes.error)
    return (
      <p className="training-panel-failed muted" role="status">
        {t('training.panel.loadFailed')}
      </p>
    );
  const list = notes.data ?? [];
  if (list.length === 0) return null;
  return (
    <div className="training-panel" role="group" aria-labelledby={headingId}>
      <button
        type="button"
        className="training-panel-toggle"
        aria-expanded={view.open}
        aria-controls={bodyId}
        title={view.open ? t('training.panel.hide') : t('training.panel.show')}
        onClick={() => setView((v) => ({ open: !v.open }))}
      >
        <Icon name="lightbulb" />
        <span id={headingId} className="training-panel-title">
          {t('training.panel.title')}
        </span>
        <span className="count-badge">{list.length}</span>
        <span className="training-panel-names">{list.map(noteName).join(' · ')}</span>
        <Icon name={view.open ? 'chevronUp' : 'chevronDown'} />
      </button>
      {view.open && (
        <div id={bodyId} className="training-panel-body">
          {list.map((note) => (
            <div key={note.id} className="training-panel-note" role="group" aria-label={noteName(note)}>
              <h3>
                <span className="training-panel-subject">{t(`training.subjects.${note.subject}`)}</span>
                {noteName(note)}
              </h3>
              <NoteBody note={note} compact />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
