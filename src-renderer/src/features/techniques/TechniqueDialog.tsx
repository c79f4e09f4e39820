import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { TECHNIQUE_CATEGORIES, type Technique } from '../../../../src-main/features/techniques/contract';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import {
  emptyTechniqueForm,
  formFromTechnique,
  isTechniqueField,
  validateTechnique,
  type TechniqueFormValues,
} from './techniqueModel';

/** Creates a technique, or edits one (renaming it renames it on every sale and entry). */
export function TechniqueDialog({
  technique,
  onClose,
}: {
  technique: Technique | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [values, setValues] = useState<TechniqueFormValues>(() =>
    technique ? formFromTechnique(technique) : emptyTechniqueForm(),
  );
  const form = useForm(values, validateTechnique, { fields: isTechniqueField });
  const change = (patch: Partial<TechniqueFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const optional = t('common.optional');
  const renamed = technique !== null && values.name.trim() !== technique.name && values.name.trim() !== '';

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      if (technique) await api.call('techniques.update', { ...input, id: technique.id });
      else await api.call('techniques.create', input);
      notify.success(technique ? 'techniques.ui.updated' : 'techniques.ui.created', { name: input.name });
      onClose();
    });

  return (
    <FormDialog
      title={technique ? t('techniques.ui.editTitle') : t('techniques.ui.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={technique ? t('common.save') : t('techniques.ui.create')}
      form={form}
      failureTitle={t('techniques.ui.saveFailed')}
    >
      <TextField
        label={t('techniques.ui.name')}
        error={form.error('name')}
        hint={
          renamed && technique.sales + technique.entries > 0
            ? t('techniques.ui.renameHint', { count: technique.sales + technique.entries })
            : undefined
        }
        value={values.name}
        placeholder={t('techniques.ui.namePlaceholder')}
        onChange={(name) => change({ name })}
        autoFocus
      />
      <SelectField
        label={t('techniques.ui.category')}
        error={form.error('category')}
        value={values.category}
        onChange={(category) => change({ category })}
        options={TECHNIQUE_CATEGORIES.map((category) => ({
          value: category,
          label: t(`techniques.categories.${category}`),
        }))}
      />
      <TextAreaField
        label={t('techniques.ui.description')}
        optional={optional}
        rows={3}
        error={form.error('description')}
        value={values.description}
        onChange={(description) => change({ description })}
      />
      <TextAreaField
        label={t('techniques.ui.steps')}
        optional={optional}
        hint={t('techniques.ui.stepsHint')}
        rows={5}
        error={form.errorIn('steps')}
        value={values.steps}
        onChange={(steps) => change({ steps })}
      />
      <TextField
        label={t('techniques.ui.source')}
        optional={optional}
        hint={t('techniques.ui.sourceHint')}
        error={form.error('source')}
        value={values.source}
        onChange={(source) => change({ source })}
      />
    </FormDialog>
  );
}
