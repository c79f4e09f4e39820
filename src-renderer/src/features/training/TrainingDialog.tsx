import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_SUBJECTS, type TrainingNote } from '../../../../src-main/features/training/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { AddButton } from '../../ui/AddButton';
import { Field, Options, SegmentedField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import {
  emptyTrainingForm,
  fieldsOf,
  formFromNote,
  isTrainingField,
  nextKey,
  validateTraining,
  type ObjectionRow,
  type TrainingFormValues,
} from './trainingModel';

export interface TrainingDialogProps {
  /** The note to edit; null for a new one. */
  note: TrainingNote | null;
  /** Products that already have a note (other than this one): not offered again. */
  takenProducts: ReadonlySet<number>;
  /** A new note starts on this product (from "products without a note"). */
  startProduct?: number;
  onClose: () => void;
}

/**
 * Writes or edits a training note: what it is about (a product, a segment or an industry), the
 * fields of that kind of note, and objections as objection → answer rows. Enter in an objection
 * goes on to its answer; a new row takes the focus; a removed row hands it to the next one.
 */
export function TrainingDialog({ note, takenProducts, startProduct, onClose }: TrainingDialogProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const products = useQuery('products.list', {}, ['products']);
  const groups = useQuery('training.groups', {}, ['customers']);
  const [values, setValues] = useState<TrainingFormValues>(() =>
    note ? formFromNote(note) : emptyTrainingForm('product', startProduct ? String(startProduct) : ''),
  );
  const form = useForm(values, validateTraining, { fields: isTrainingField, prefix: note ? 'note.' : '' });
  const change = (patch: Partial<TrainingFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const optional = t('common.optional');

  // Where the focus goes once the rows have changed: a row's objection, or the add button.
  const pendingFocus = useRef<number | 'add' | null>(null);
  const objectionInputs = useRef(new Map<number, HTMLInputElement>());
  const answerInputs = useRef(new Map<number, HTMLTextAreaElement>());
  const addButton = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const focus = pendingFocus.current;
    if (focus === null) return;
    pendingFocus.current = null;
    if (focus === 'add') addButton.current?.querySelector('button')?.focus();
    else objectionInputs.current.get(focus)?.focus();
  });

  const changeRow = (key: number, patch: Partial<ObjectionRow>): void =>
    setValues((v) => ({ ...v, objections: v.objections.map((row) => (row.key === key ? { ...row, ...patch } : row)) }));
  const addRow = (): void => {
    const key = nextKey(values.objections);
    change({ objections: [...values.objections, { key, objection: '', answer: '' }] });
    pendingFocus.current = key;
  };
  const removeRow = (key: number): void => {
    const at = values.objections.findIndex((row) => row.key === key);
    const rest = values.objections.filter((row) => row.key !== key);
    change({ objections: rest });
    pendingFocus.current = rest[at]?.key ?? rest[at - 1]?.key ?? 'add';
  };
  const toAnswer = (event: KeyboardEvent<HTMLInputElement>, key: number): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    // Enter goes on to the answer instead of saving the half-written note.
    event.preventDefault();
    answerInputs.current.get(key)?.focus();
  };

  const offered = (products.data ?? []).filter((p) => !takenProducts.has(p.id) || String(p.id) === values.productId);
  const suggestions = values.subject === 'industry' ? groups.data?.industries : groups.data?.segments;
  const listId = `training-names-${values.subject}`;

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const saved = note
        ? await api.call('training.update', { id: note.id, note: input })
        : await api.call('training.create', input);
      const name = saved.product?.name ?? saved.name ?? '';
      notify.success(note ? 'training.form.updated' : 'training.form.created', { name });
      onClose();
    });

  return (
    <FormDialog
      title={note ? t('training.form.editTitle') : t('training.form.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={note ? t('common.save') : t('training.form.create')}
      form={form}
      failureTitle={t('training.form.saveFailed')}
    >
      <SegmentedField
        legend={t('training.form.subject')}
        value={values.subject}
        onChange={(subject) => change({ subject })}
        options={TRAINING_SUBJECTS.map((subject) => ({ value: subject, label: t(`training.subjects.${subject}`) }))}
      />
      {values.subject === 'product' ? (
        <Field
          label={t('training.form.product')}
          error={form.error('productId')}
          hint={offered.length === 0 && products.data ? t('training.form.allProductsNoted') : undefined}
        >
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.productId}
              onChange={(event) => change({ productId: event.target.value })}
              data-autofocus
            >
              <Options
                options={[
                  { value: '', label: t('training.form.chooseProduct') },
                  ...offered.map((p) => ({ value: String(p.id), label: p.name })),
                ]}
              />
            </select>
          )}
        </Field>
      ) : (
        <Field
          label={t(`training.form.${values.subject}`)}
          error={form.error('name')}
          hint={t('training.form.nameHint')}
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input"
                type="text"
                list={listId}
                autoComplete="off"
                value={values.name}
                onChange={(event) => change({ name: event.target.value })}
                data-autofocus
              />
              <datalist id={listId}>
                {(suggestions ?? []).map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      )}
      {fieldsOf(values.subject).map((field) => (
        <TextAreaField
          key={field}
          label={t(`training.fields.${field}`)}
          optional={optional}
          hint={t(`training.form.${field}Hint`)}
          rows={3}
          error={form.error(field)}
          value={values[field]}
          onChange={(text) => change({ [field]: text })}
        />
      ))}

      <fieldset className="fieldset training-objections-editor">
        <legend className="field-label">
          {t('training.fields.objections')}
          <span className="field-optional">{optional}</span>
        </legend>
        <p className="field-hint">{t('training.form.objectionsHint')}</p>
        {form.error('objections') && <p className="field-error">{form.error('objections')}</p>}
        {values.objections.map((row, index) => {
          const number = index + 1;
          return (
            <div
              key={row.key}
              className="training-objection-row"
              role="group"
              aria-label={t('training.form.objection', { number })}
            >
              <Field
                label={t('training.form.objection', { number })}
                error={form.error(`objections.${index}.objection`)}
              >
                {(control) => (
                  <input
                    {...control}
                    ref={(element) => {
                      if (element) objectionInputs.current.set(row.key, element);
                      else objectionInputs.current.delete(row.key);
                    }}
                    className="input"
                    type="text"
                    value={row.objection}
                    onChange={(event) => changeRow(row.key, { objection: event.target.value })}
                    onKeyDown={(event) => toAnswer(event, row.key)}
                  />
                )}
              </Field>
              <Field label={t('training.form.answer')} error={form.error(`objections.${index}.answer`)}>
                {(control) => (
                  <textarea
                    {...control}
                    ref={(element) => {
                      if (element) answerInputs.current.set(row.key, element);
                      else answerInputs.current.delete(row.key);
                    }}
                    className="input textarea"
                    rows={2}
                    value={row.answer}
                    onChange={(event) => changeRow(row.key, { answer: event.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="btn btn-ghost btn-icon training-objection-remove"
                aria-label={t('training.form.removeObjection', { number })}
                title={t('training.form.removeObjection', { number })}
                onClick={() => removeRow(row.key)}
              >
                <Icon name="close" />
              </button>
            </div>
          );
        })}
        <div ref={addButton} className="rule-add">
          <AddButton label={t('training.form.addObjection')} onClick={addRow} />
        </div>
      </fieldset>

      <TextAreaField
        label={t('training.fields.body')}
        optional={optional}
        hint={t('training.form.bodyHint')}
        rows={4}
        error={form.error('body')}
        value={values.body}
        onChange={(body) => change({ body })}
      />
    </FormDialog>
  );
}
