import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_OUTCOMES, type JournalEntry } from '../../../../src-main/features/journal/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import { CustomerSaleSelect } from '../care/CustomerSaleSelect';
import { CustomerPicker } from '../customers/CustomerPicker';
import { TechniquePicker } from '../sales/TechniquePicker';
import { DateField, Field, SegmentedField, TextAreaField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Markdown } from '../../ui/markdown';
import { useNotify } from '../../ui/Notifications';
import { useDebounced } from '../../hooks/useDebounced';
import {
  emptyEntryForm,
  formFromEntry,
  isEntryField,
  validateEntry,
  type EntryFormValues,
  type EntryPrefill,
} from './entryModel';

export interface EntryDialogProps {
  /** The entry to edit; null for a new one. */
  entry: JournalEntry | null;
  prefill: EntryPrefill;
  onClose: () => void;
  onSaved: (entry: JournalEntry) => void;
}

const CONFIDENCE = [1, 2, 3, 4, 5] as const;

/**
 * Writes or edits a journal entry: every field of the entry, and the Markdown body beside its
 * live preview (stacked when the sheet is narrow). Escape or Cancel on a changed form asks first.
 */
export function EntryDialog({ entry, prefill, onClose, onSaved }: EntryDialogProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const today = useToday();
  const techniques = useQuery('techniques.list', {}, ['techniques']);
  const [values, setValues] = useState<EntryFormValues>(() =>
    entry ? formFromEntry(entry) : emptyEntryForm(today, prefill),
  );
  const form = useForm(values, validateEntry, { fields: isEntryField });
  const change = (patch: Partial<EntryFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  // The preview follows the typing after a short pause: a long entry is not parsed on every key.
  const preview = useDebounced(values.body, 150);
  const previewId = useId();

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const saved = entry
        ? await api.call('journal.update', { ...input, id: entry.id })
        : await api.call('journal.create', input);
      notify.success(entry ? 'journal.form.updated' : 'journal.form.created');
      onSaved(saved);
    });

  const optional = t('common.optional');
  return (
    <FormDialog
      title={entry ? t('journal.form.editTitle') : t('journal.form.newTitle')}
      variant="wide"
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={entry ? t('common.save') : t('journal.form.create')}
      form={form}
      failureTitle={t('journal.form.saveFailed')}
    >
      <div className="form-row journal-form-head">
        <DateField
          label={t('journal.form.date')}
          error={form.error('date')}
          value={values.date}
          onChange={(date) => change({ date })}
        />
        <TextField
          label={t('journal.form.title')}
          error={form.error('title')}
          value={values.title}
          placeholder={t('journal.form.titlePlaceholder')}
          onChange={(title) => change({ title })}
          autoFocus
        />
      </div>
      <TextAreaField
        label={t('journal.form.situation')}
        optional={optional}
        rows={2}
        error={form.error('situation')}
        value={values.situation}
        placeholder={t('journal.form.situationPlaceholder')}
        onChange={(situation) => change({ situation })}
      />
      <div className="form-row">
        <Field label={t('journal.form.customer')} optional={optional} error={form.error('customerId')}>
          {(control) => (
            <CustomerPicker
              {...control}
              value={values.customer}
              onChange={(customer) => change({ customer, saleId: '' })}
              placeholder={t('customerPicker.placeholder')}
            />
          )}
        </Field>
        {values.customer ? (
          <CustomerSaleSelect
            customerId={values.customer.id}
            value={values.saleId}
            onChange={(saleId) => change({ saleId })}
            error={form.error('saleId')}
          />
        ) : (
          <p className="field-hint journal-sale-hint">{t('journal.form.saleHint')}</p>
        )}
      </div>
      <TechniquePicker
        legend={t('journal.form.techniques')}
        techniques={techniques.data ?? []}
        selected={values.techniqueIds}
        onChange={(techniqueIds) => change({ techniqueIds })}
      />
      <TextAreaField
        label={t('journal.form.action')}
        optional={optional}
        rows={3}
        error={form.error('action')}
        value={values.action}
        onChange={(action) => change({ action })}
      />
      <SegmentedField
        legend={t('journal.form.outcome')}
        optional={optional}
        error={form.error('outcome')}
        value={values.outcome}
        onChange={(outcome) => change({ outcome })}
        options={[
          ...JOURNAL_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`journal.outcomes.${outcome}`) })),
          { value: null, label: t('journal.form.noOutcome') },
        ]}
      />
      <div className="form-row">
        <TextAreaField
          label={t('journal.form.learned')}
          optional={optional}
          rows={3}
          error={form.error('learned')}
          value={values.learned}
          onChange={(learned) => change({ learned })}
        />
        <TextAreaField
          label={t('journal.form.nextTime')}
          optional={optional}
          rows={3}
          error={form.error('nextTime')}
          value={values.nextTime}
          onChange={(nextTime) => change({ nextTime })}
        />
      </div>
      <div className="form-row">
        <SegmentedField
          legend={t('journal.form.confidence')}
          optional={optional}
          hint={t('journal.form.confidenceHint')}
          error={form.error('confidence')}
          value={values.confidence}
          onChange={(confidence) => change({ confidence })}
          options={[
            ...CONFIDENCE.map((n) => ({ value: n, label: String(n) })),
            { value: null, label: t('journal.form.noConfidence') },
          ]}
        />
        <TextField
          label={t('journal.form.tags')}
          optional={optional}
          hint={t('journal.form.tagsHint')}
          error={form.errorIn('tags')}
          value={values.tags}
          onChange={(tags) => change({ tags })}
        />
      </div>
      <div className="journal-body-editor">
        <TextAreaField
          label={t('journal.form.body')}
          optional={optional}
          hint={t('journal.form.bodyHint')}
          rows={12}
          error={form.error('body')}
          value={values.body}
          onChange={(body) => change({ body })}
        />
        <section className="journal-preview" aria-labelledby={previewId}>
          <h3 id={previewId} className="field-label">
            {t('journal.form.preview')}
          </h3>
          {preview.trim() === '' ? (
            <p className="muted journal-preview-empty">{t('journal.form.previewEmpty')}</p>
          ) : (
            <Markdown source={preview} className="journal-preview-body" />
          )}
        </section>
      </div>
    </FormDialog>
  );
}
