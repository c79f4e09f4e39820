import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  BulkEdit,
  LIBRARY_STATUSES,
  type LibraryItemSummary,
  type LibraryStatus,
} from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { useFormat } from '../../i18n/format';
import { ChipChecks } from '../../ui/ChipChecks';
import { validation, type Validation } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { parseTags } from '../journal/entryModel';
import type { BulkFormValues } from './libraryModel';

type BulkInput = z.output<typeof BulkEdit>;

function validateBulk(values: BulkFormValues, ids: number[]): Validation<BulkInput> {
  const checked = validation(
    BulkEdit.safeParse({
      ids,
      addTags: parseTags(values.addTags),
      removeTags: values.removeTags,
      status: values.status || undefined,
    }),
  );
  if (checked.ok) return checked;
  // "Nothing to change" is about the whole form: said under its first field, where focus goes.
  const { '': whole, ...errors } = checked.errors;
  return { ok: false, errors: whole ? { addTags: whole, ...errors } : errors };
}

const isBulkField = (path: string): boolean => ['addTags', 'removeTags', 'status'].includes(path.split('.')[0] ?? '');

/** Tags added or taken off, and a status set, on every chosen item at once. */
export function BulkEditDialog({
  items,
  knownTags,
  onClose,
}: {
  items: readonly LibraryItemSummary[];
  knownTags: readonly string[];
  onClose: (saved: boolean) => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const removeId = useId();
  const [values, setValues] = useState<BulkFormValues>({ addTags: '', removeTags: [], status: '' });
  const ids = items.map((item) => item.id);
  const form = useForm(values, (v) => validateBulk(v, ids), { fields: isBulkField });
  const change = (patch: Partial<BulkFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  // The tags the chosen items have, most used first, to take off with a click.
  const present = [...new Set(items.flatMap((item) => item.tags))].sort(
    (a, b) => knownTags.indexOf(a) - knownTags.indexOf(b) || a.localeCompare(b),
  );

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const { updated } = await api.call('library.bulkEdit', input);
      notify.success('library.ui.bulk.done', { count: updated, formatted: format.number(updated) });
      onClose(true);
    });

  return (
    <FormDialog
      title={t('library.ui.bulk.title', { count: items.length, formatted: format.number(items.length) })}
      onClose={() => onClose(false)}
      onSubmit={() => void save()}
      submitLabel={t('library.ui.bulk.apply')}
      form={form}
      failureTitle={t('library.ui.bulk.failed')}
    >
      <TextField
        label={t('library.ui.bulk.addTags')}
        hint={t('library.ui.bulk.addTagsHint')}
        error={form.errorIn('addTags')}
        value={values.addTags}
        onChange={(addTags) => change({ addTags })}
        autoFocus
      />
      {present.length > 0 && (
        <fieldset className="field fieldset">
          <legend id={removeId} className="field-label">
            {t('library.ui.bulk.removeTags')}
          </legend>
          <ChipChecks
            options={present.map((tag) => ({ value: tag, label: tag }))}
            selected={values.removeTags}
            onChange={(removeTags) => change({ removeTags })}
          />
        </fieldset>
      )}
      <SelectField<LibraryStatus | ''>
        label={t('library.ui.bulk.status')}
        error={form.error('status')}
        value={values.status}
        onChange={(status) => change({ status })}
        options={[
          { value: '', label: t('library.ui.bulk.keepStatus') },
          ...LIBRARY_STATUSES.map((status) => ({ value: status, label: t(`library.statuses.${status}`) })),
        ]}
      />
    </FormDialog>
  );
}
