import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TrainingNote } from '../../../../src-main/features/training/contract';
import { localIsoDate } from '../../../../src-main/shared/dates';
import { useApi } from '../../api/ApiProvider';
import type { DataEntity } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { Menu } from '../care/Menu';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { NoteBody } from './NoteBody';
import { TrainingDialog } from './TrainingDialog';
import { groupNotes, noteName } from './trainingModel';

/** What the notes are made of: asked again when any of these changes (a product's new name). */
export const TRAINING_SOURCES: readonly DataEntity[] = ['training', 'products'];

type Open = { kind: 'edit'; note: TrainingNote | null; startProduct?: number } | { kind: 'delete'; note: TrainingNote };

/**
 * What the seller knows, by products, segments and industries; `?focus=<id>` brings one note
 * into view (the search opens notes this way).
 */
export function TrainingPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const notes = useQuery('training.list', {}, TRAINING_SOURCES);
  const products = useQuery('products.list', {}, ['products']);
  const [open, setOpen] = useState<Open | null>(null);
  const close = (): void => setOpen(null);
  const [params] = useSearchParams();
  const focus = Number(params.get('focus')) || null;
  const total = notes.data?.length ?? 0;
  const taken = new Set(
    (notes.data ?? []).flatMap((n) =>
      n.product && n.id !== (open?.kind === 'edit' ? open.note?.id : -1) ? [n.product.id] : [],
    ),
  );
  const without = (products.data ?? []).filter((p) => !(notes.data ?? []).some((n) => n.product?.id === p.id));

  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'edit', note: null })}>
      <Icon name="plus" />
      {t('training.new')}
    </button>
  );

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('training.title')}</h1>
          <p className="page-subtitle">
            {total > 0
              ? t('training.count', { count: total, formatted: format.number(total) })
              : t('training.subtitle')}
          </p>
        </div>
        <div className="header-actions">{newButton}</div>
      </header>
      <QueryView query={notes} failedTitle={t('training.loadFailed')}>
        {(all) =>
          all.length === 0 ? (
            <EmptyState icon="lightbulb" title={t('training.emptyTitle')} text={t('training.emptyText')}>
              {newButton}
            </EmptyState>
          ) : (
            <Notes
              notes={all}
              focus={focus}
              withoutNote={without.map((p) => ({ id: p.id, name: p.name }))}
              onEdit={(note) => setOpen({ kind: 'edit', note })}
              onNewFor={(productId) => setOpen({ kind: 'edit', note: null, startProduct: productId })}
              onDelete={(note) => setOpen({ kind: 'delete', note })}
            />
          )
        }
      </QueryView>
      {open?.kind === 'edit' && (
        <TrainingDialog note={open.note} takenProducts={taken} startProduct={open.startProduct} onClose={close} />
      )}
      {open?.kind === 'delete' && <DeleteNote note={open.note} onClose={close} />}
    </div>
  );
}

function Notes({
  notes,
  focus,
  withoutNote,
  onEdit,
  onNewFor,
  onDelete,
}: {
  notes: readonly TrainingNote[];
  focus: number | null;
  withoutNote: readonly { id: number; name: string }[];
  onEdit: (note: TrainingNote) => void;
  onNewFor: (productId: number) => void;
  onDelete: (note: TrainingNote) => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();

  useEffect(() => {
    if (focus === null) return;
    // Focus scrolls it into view, and a screen reader reads where the search led.
    document.getElementById(`training-note-${focus}`)?.focus();
  }, [focus, notes]);

  return (
    <>
      {groupNotes(notes).map(({ subject, notes: group }) => (
        <section key={subject} className="section" aria-labelledby={`training-group-${subject}`}>
          <h2 id={`training-group-${subject}`} className="technique-category">
            {t(`training.groups.${subject}`)}
            <span className="count-badge">{format.number(group.length)}</span>
          </h2>
          {subject === 'product' && withoutNote.length > 0 && (
            <p className="training-without">
              {t('training.productsWithout', {
                count: withoutNote.length,
                formatted: format.number(withoutNote.length),
              })}{' '}
              {withoutNote.map((p, index) => (
                <span key={p.id}>
                  {index > 0 && ', '}
                  <button type="button" className="link-button" onClick={() => onNewFor(p.id)}>
                    {p.name}
                  </button>
                </span>
              ))}
            </p>
          )}
          <ul className="training-grid">
            {group.map((note) => (
              <li key={note.id}>
                <NoteCard
                  note={note}
                  focused={note.id === focus}
                  onEdit={() => onEdit(note)}
                  onDelete={() => onDelete(note)}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function NoteCard({
  note,
  focused,
  onEdit,
  onDelete,
}: {
  note: TrainingNote;
  focused: boolean;
  onEdit: () => void;
  onDelete: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `training-note-${note.id}-name`;
  const name = noteName(note);
  return (
    <article
      id={`training-note-${note.id}`}
      className={`card training-card${focused ? ' training-focused' : ''}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="training-card-head">
        <h3 id={headingId}>{name}</h3>
        <Menu
          className="btn btn-ghost btn-icon btn-compact"
          label={t('training.actions', { name })}
          items={[
            { label: t('common.edit'), onSelect: onEdit },
            { label: t('common.delete'), onSelect: onDelete },
          ]}
        >
          <Icon name="more" />
        </Menu>
      </header>
      <NoteBody note={note} />
      <footer className="training-card-foot">
        {t('training.updatedOn', { date: format.date(localIsoDate(new Date(note.updatedAt))) })}
      </footer>
    </article>
  );
}

function DeleteNote({ note, onClose }: { note: TrainingNote; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.call('training.delete', { id: note.id });
      notify.success('training.deleted');
      onClose();
    } catch (error) {
      setBusy(false);
      notify.error('training.deleteFailed', error);
    }
  };
  return (
    <ConfirmDialog
      title={t('training.deleteTitle')}
      message={t('training.deleteText', { name: noteName(note) })}
      confirmLabel={t('common.delete')}
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={onClose}
    />
  );
}
