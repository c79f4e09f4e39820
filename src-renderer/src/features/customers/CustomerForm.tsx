import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../src-main/features/customers/contract';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useMessage } from '../../i18n/messages';
import { Field, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import {
  customerIssuesToErrors,
  initialCustomerValues,
  validateCustomer,
  type CustomerErrors,
  type CustomerFormValues,
} from './customerFormModel';
import { DuplicateWarning } from './DuplicateWarning';

export interface CustomerFormProps {
  customer: Customer | null;
  onClose: () => void;
  onCreated: (customer: Customer) => void;
}

type Layout = {
  field: keyof CustomerFormValues;
  type?: 'email' | 'tel';
  suggest?: 'segments' | 'industries' | 'regions';
};
/** Pairs of fields shown side by side. */
const ROWS: Layout[][] = [
  [
    { field: 'email', type: 'email' },
    { field: 'phone', type: 'tel' },
  ],
  [
    { field: 'segment', suggest: 'segments' },
    { field: 'industry', suggest: 'industries' },
  ],
  [{ field: 'region', suggest: 'regions' }, { field: 'companySize' }],
  [{ field: 'acquisitionSource' }],
];

export function CustomerForm({ customer, onClose, onCreated }: CustomerFormProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const message = useMessage();
  const listId = useId();
  const form = useRef<HTMLFormElement>(null);
  const facets = useQuery('customers.facets', {}, ['customers']);
  const [values, setValues] = useState(() => initialCustomerValues(customer));
  const [errors, setErrors] = useState<CustomerErrors>({});
  const [saveError, setSaveError] = useState<{ error: unknown } | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (attempts > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const change = (field: keyof CustomerFormValues, value: string): void => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (attempts > 0) {
      const check = validateCustomer(next);
      setErrors(check.ok ? {} : check.errors);
    }
  };

  const submit = async (): Promise<void> => {
    setSaveError(null);
    const check = validateCustomer(values);
    if (!check.ok) {
      setErrors(check.errors);
      setAttempts((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      if (customer) {
        await api.call('customers.update', { id: customer.id, customer: check.input });
        notify.success('customerForm.updated');
        onClose();
      } else {
        const created = await api.call('customers.create', check.input);
        notify.success('customerForm.created');
        onClose();
        onCreated(created);
      }
    } catch (error) {
      setSaving(false);
      setErrors(error instanceof ApiError ? customerIssuesToErrors(error.issues) : {});
      setSaveError({ error });
      setAttempts((n) => n + 1);
    }
  };

  const input = ({ field, type, suggest }: Layout, autoFocus = false): ReactElement => {
    const error = errors[field];
    return (
      <Field
        key={field}
        label={t(`customerForm.fields.${field}`)}
        optional={field === 'name' ? undefined : t('common.optional')}
        error={error === undefined ? undefined : message(error)}
        hint={field === 'tags' ? t('customerForm.tagsHint') : undefined}
      >
        {(control) => (
          <>
            <input
              {...control}
              className="input"
              type={type ?? 'text'}
              value={values[field]}
              onChange={(e) => change(field, e.target.value)}
              list={suggest ? `${listId}-${suggest}` : undefined}
              data-autofocus={autoFocus || undefined}
            />
            {suggest && (
              <datalist id={`${listId}-${suggest}`}>
                {facets.data?.[suggest].map((option) => (
                  <option key={option} value={option} />
                ))}
              </datalist>
            )}
          </>
        )}
      </Field>
    );
  };

  return (
    <FormDialog
      title={customer ? t('customerForm.editTitle') : t('customerForm.newTitle')}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={customer ? t('common.save') : t('customerForm.create')}
      saving={saving}
      failure={saveError}
      failureTitle={t('customerForm.saveFailed')}
      formRef={form}
    >
      <div className="form-row">
        {input({ field: 'name' }, true)}
        {input({ field: 'company' })}
      </div>
      <DuplicateWarning name={values.name} email={values.email} excludeId={customer?.id} onFollow={onClose} />
      {ROWS.map((row) => (
        <div key={row[0]?.field} className="form-row">
          {row.map((layout) => input(layout))}
        </div>
      ))}
      {input({ field: 'tags' })}
      <TextAreaField
        label={t('customerForm.fields.notes')}
        optional={t('common.optional')}
        error={errors.notes === undefined ? undefined : message(errors.notes)}
        value={values.notes}
        onChange={(notes) => change('notes', notes)}
      />
    </FormDialog>
  );
}
