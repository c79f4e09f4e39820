import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Highlight, LibraryItem, Takeaway } from '../../../../src-main/features/library/contract';
import { TECHNIQUE_CATEGORIES, type TechniqueCategory } from '../../../../src-main/features/techniques/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { DateField, SegmentedField, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import {
  emptyTakeawayForm,
  isTakeawayField,
  validateTakeaway,
  type TakeawayFormValues,
  type TechniqueChoice,
} from './libraryModel';
import { useLocationText } from './LibraryBits';

const formFromTakeaway = (takeaway: Takeaway): TakeawayFormValues => ({
  ...emptyTakeawayForm(null),
  text: takeaway.text,
  technique: takeaway.technique ? 'link' : 'none',
  techniqueId: takeaway.technique ? String(takeaway.technique.id) : '',
  goalId: takeaway.goal ? String(takeaway.goal.id) : '',
  triedOn: takeaway.triedOn ?? '',
});

/**
 * Turns something learned into something to try: the takeaway in the seller's words (from a
 * highlight or note, prefilled with it), tied to a technique of the catalogue or to a new one
 * (whose "where it came from" becomes this item), and optionally to a goal.
 */
export function TakeawayDialog({
  item,
  highlight,
  takeaway,
  onClose,
}: {
  item: LibraryItem;
  highlight: Highlight | null;
  /** The takeaway to edit; a new one when absent. */
  takeaway?: Takeaway;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const where = useLocationText();
  const techniques = useQuery('techniques.list', {}, ['techniques']);
  const goals = useQuery('goals.list', {}, ['goals']);
  const [values, setValues] = useState<TakeawayFormValues>(() =>
    takeaway ? formFromTakeaway(takeaway) : emptyTakeawayForm(highlight),
  );
  const highlightId = takeaway ? takeaway.highlightId : (highlight?.id ?? null);
  const form = useForm(values, (v) => validateTakeaway(v, item.id, highlightId), { fields: isTakeawayField });
  const change = (patch: Partial<TakeawayFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const optional = t('common.optional');
  const active = (techniques.data ?? []).filter(
    (technique) => !technique.retired || String(technique.id) === values.techniqueId,
  );

  // The goal an edited takeaway serves stays offered even when it is no longer an active goal.
  const goalOptions = (goals.data?.items ?? []).map(({ goal }) => ({ value: String(goal.id), label: goal.title }));
  if (takeaway?.goal && !goalOptions.some((option) => option.value === String(takeaway.goal!.id)))
    goalOptions.push({ value: String(takeaway.goal.id), label: takeaway.goal.title });

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const saved = await api.call('library.takeawaySave', takeaway ? { ...input, id: takeaway.id } : input);
      if (values.technique === 'create' && saved.technique)
        notify.success('library.ui.takeaways.createdWithTechnique', { name: saved.technique.name });
      else notify.success(takeaway ? 'library.ui.takeaways.updated' : 'library.ui.takeaways.created');
      onClose();
    });

  const from = highlight && (highlight.text || highlight.note);
  return (
    <FormDialog
      title={takeaway ? t('library.ui.takeaways.editTitle') : t('library.ui.takeaways.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={takeaway ? t('common.save') : t('library.ui.takeaways.create')}
      form={form}
      failureTitle={t('library.ui.takeaways.saveFailed')}
      lead={
        from ? (
          <figure className="takeaway-source">
            <blockquote className="selectable">{from}</blockquote>
            <figcaption className="muted">{[item.title, where(highlight)].filter(Boolean).join(' · ')}</figcaption>
          </figure>
        ) : undefined
      }
    >
      <TextAreaField
        label={t('library.ui.takeaways.text')}
        hint={t('library.ui.takeaways.textHint')}
        rows={3}
        error={form.error('text')}
        value={values.text}
        onChange={(text) => change({ text })}
        autoFocus
      />
      <SegmentedField<TechniqueChoice>
        legend={t('library.ui.takeaways.technique')}
        value={values.technique}
        onChange={(technique) => change({ technique })}
        options={[
          { value: 'none', label: t('library.ui.takeaways.noTechnique') },
          { value: 'link', label: t('library.ui.takeaways.linkTechnique') },
          { value: 'create', label: t('library.ui.takeaways.createTechnique') },
        ]}
      />
      {values.technique === 'link' && (
        <SelectField
          label={t('library.ui.takeaways.pickTechnique')}
          error={form.error('techniqueId')}
          value={values.techniqueId}
          onChange={(techniqueId) => change({ techniqueId })}
          options={[
            { value: '', label: t('library.ui.takeaways.chooseTechnique') },
            ...active.map((technique) => ({ value: String(technique.id), label: technique.name })),
          ]}
        />
      )}
      {values.technique === 'create' && (
        <div className="takeaway-new-technique">
          <div className="form-row">
            <TextField
              label={t('library.ui.takeaways.techniqueName')}
              error={form.error('name')}
              value={values.name}
              placeholder={t('techniques.ui.namePlaceholder')}
              onChange={(name) => change({ name })}
            />
            <SelectField<TechniqueCategory>
              label={t('library.ui.takeaways.techniqueCategory')}
              error={form.error('category')}
              value={values.category}
              onChange={(category) => change({ category })}
              options={TECHNIQUE_CATEGORIES.map((category) => ({
                value: category,
                label: t(`techniques.categories.${category}`),
              }))}
            />
          </div>
          <TextAreaField
            label={t('library.ui.takeaways.techniqueDescription')}
            optional={optional}
            rows={2}
            error={form.error('description')}
            value={values.description}
            onChange={(description) => change({ description })}
          />
          <p className="field-hint">{t('library.ui.takeaways.sourceHint', { title: item.title })}</p>
        </div>
      )}
      <div className="form-row">
        <SelectField
          label={t('library.ui.takeaways.goal')}
          optional={optional}
          error={form.error('goalId')}
          value={values.goalId}
          onChange={(goalId) => change({ goalId })}
          options={[{ value: '', label: t('library.ui.takeaways.noGoal') }, ...goalOptions]}
        />
        <DateField
          label={t('library.ui.takeaways.triedOn')}
          optional={optional}
          error={form.error('triedOn')}
          value={values.triedOn}
          onChange={(triedOn) => change({ triedOn })}
        />
      </div>
    </FormDialog>
  );
}
