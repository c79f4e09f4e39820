import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HIGHLIGHT_KINDS,
  type Highlight,
  type HighlightKind,
  type LibraryItem,
} from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SegmentedField, TextAreaField, TextField, NumberField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { useLanguage } from './ItemDialog';
import { useLocationText } from './LibraryBits';
import {
  emptyHighlightForm,
  formFromHighlight,
  isHighlightField,
  isMediaKind,
  validateHighlight,
  type HighlightFormValues,
} from './libraryModel';
import { TakeawayDialog } from './TakeawayDialog';

type Open =
  | { kind: 'edit'; highlight: Highlight | null }
  | { kind: 'delete'; highlight: Highlight }
  | { kind: 'takeaway'; highlight: Highlight };

/** The item's highlights, notes and bookmarks, in the order they come in it; each can become a takeaway. */
export function Highlights({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const where = useLocationText();
  const headingId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const [busy, setBusy] = useState(false);
  const close = (): void => setOpen(null);

  const remove = async (highlight: Highlight): Promise<void> => {
    setBusy(true);
    try {
      await api.call('library.highlightDelete', { id: highlight.id });
      notify.success('library.ui.highlights.deleted');
      close();
    } catch (error) {
      notify.error('library.ui.highlights.deleteFailed', error);
      close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section library-highlights" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>
          {t('library.ui.highlights.title')}
          {item.highlightList.length > 0 && <span className="count-badge">{item.highlightList.length}</span>}
        </h2>
        <button type="button" className="btn btn-compact" onClick={() => setOpen({ kind: 'edit', highlight: null })}>
          <Icon name="plus" />
          {t('library.ui.highlights.add')}
        </button>
      </div>
      {item.highlightList.length === 0 ? (
        <p className="muted section-empty">{t('library.ui.highlights.empty')}</p>
      ) : (
        <ol className="highlight-list">
          {item.highlightList.map((highlight) => {
            const place = where(highlight);
            return (
              <li key={highlight.id}>
                <article
                  className={`highlight highlight-kind-${highlight.kind}`}
                  aria-label={highlightLabel(highlight, t)}
                >
                  {highlight.text && <blockquote className="highlight-text selectable">{highlight.text}</blockquote>}
                  {highlight.note && (
                    <p className={`highlight-note selectable${highlight.text ? '' : ' highlight-note-alone'}`}>
                      <Icon name="note" size={14} />
                      <span>{highlight.note}</span>
                    </p>
                  )}
                  <footer className="highlight-foot">
                    <span className="highlight-meta">
                      <span className="badge badge-muted">{t(`library.highlightKinds.${highlight.kind}`)}</span>
                      {place && <span>{place}</span>}
                      {highlight.origin !== 'manual' && (
                        <span>{t(`library.ui.highlights.origins.${highlight.origin}`)}</span>
                      )}
                      {highlight.highlightedAt && <span>{format.date(highlight.highlightedAt)}</span>}
                    </span>
                    <span className="highlight-actions">
                      {highlight.kind !== 'bookmark' && (
                        <button
                          type="button"
                          className="btn btn-compact"
                          onClick={() => setOpen({ kind: 'takeaway', highlight })}
                        >
                          <Icon name="lightbulb" />
                          {t('library.ui.takeaways.make')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn btn-ghost btn-compact"
                        onClick={() => setOpen({ kind: 'edit', highlight })}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-icon btn-compact"
                        aria-label={t('library.ui.highlights.delete')}
                        onClick={() => setOpen({ kind: 'delete', highlight })}
                      >
                        <Icon name="trash" />
                      </button>
                    </span>
                  </footer>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {open?.kind === 'edit' && <HighlightDialog item={item} highlight={open.highlight} onClose={close} />}
      {open?.kind === 'takeaway' && <TakeawayDialog item={item} highlight={open.highlight} onClose={close} />}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={t('library.ui.highlights.deleteTitle')}
          message={t('library.ui.highlights.deleteText')}
          confirmLabel={t('common.delete')}
          busy={busy}
          onConfirm={() => void remove(open.highlight)}
          onCancel={close}
        />
      )}
    </section>
  );
}

/** What a screen reader calls a highlight: its kind and its first words. */
function highlightLabel(highlight: Highlight, t: (key: string) => string): string {
  const words = (highlight.text || highlight.note || '').slice(0, 60);
  return words
    ? `${t(`library.highlightKinds.${highlight.kind}`)}: ${words}`
    : t(`library.highlightKinds.${highlight.kind}`);
}

/** Adds or edits a highlight, a note or a bookmark, with its place: pages for what is read, a time for what is played. */
function HighlightDialog({
  item,
  highlight,
  onClose,
}: {
  item: LibraryItem;
  highlight: Highlight | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const language = useLanguage();
  const [values, setValues] = useState<HighlightFormValues>(() =>
    highlight ? formFromHighlight(highlight) : emptyHighlightForm(),
  );
  const form = useForm(values, (v) => validateHighlight(v, item.id, language), { fields: isHighlightField });
  const change = (patch: Partial<HighlightFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const media = isMediaKind(item.kind);
  const optional = t('common.optional');

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('library.highlightSave', highlight ? { ...input, id: highlight.id } : input);
      notify.success(highlight ? 'library.ui.highlights.updated' : 'library.ui.highlights.created');
      onClose();
    });

  return (
    <FormDialog
      title={highlight ? t('library.ui.highlights.editTitle') : t('library.ui.highlights.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={highlight ? t('common.save') : t('library.ui.highlights.create')}
      form={form}
      failureTitle={t('library.ui.highlights.saveFailed')}
    >
      <SegmentedField<HighlightKind>
        legend={t('library.ui.highlights.kind')}
        value={values.kind}
        onChange={(kind) => change({ kind })}
        options={HIGHLIGHT_KINDS.map((kind) => ({ value: kind, label: t(`library.highlightKinds.${kind}`) }))}
      />
      <TextAreaField
        label={values.kind === 'highlight' ? t('library.ui.highlights.text') : t('library.ui.highlights.quote')}
        optional={values.kind === 'highlight' ? undefined : optional}
        rows={4}
        error={form.error('text')}
        value={values.text}
        onChange={(text) => change({ text })}
        autoFocus
      />
      <TextAreaField
        label={t('library.ui.highlights.note')}
        optional={values.kind === 'note' ? undefined : optional}
        rows={3}
        error={form.error('note')}
        value={values.note}
        onChange={(note) => change({ note })}
      />
      <div className="form-row">
        {media ? (
          <TextField
            label={t('library.ui.highlights.position')}
            optional={optional}
            hint={t('library.ui.highlights.positionHint')}
            error={form.error('positionS')}
            value={values.position}
            onChange={(position) => change({ position })}
          />
        ) : (
          <>
            <NumberField
              label={t('library.ui.highlights.pageLabel')}
              optional={optional}
              error={form.error('page')}
              value={values.page}
              onChange={(page) => change({ page })}
            />
            <TextField
              label={t('library.ui.highlights.locationLabel')}
              optional={optional}
              hint={t('library.ui.highlights.locationHint')}
              error={form.error('locStart')}
              value={values.location}
              onChange={(location) => change({ location })}
            />
          </>
        )}
      </div>
    </FormDialog>
  );
}
