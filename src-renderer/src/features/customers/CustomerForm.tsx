import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../src-main/features/customers/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { Field, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { initialCustomerValues, isCustomerField, validateCustomer, type CustomerFormValues } from './customerFormModel';
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
  const listId = useId();
  const facets = useQuery('customers.facets', {}, ['customers']);
  const [values, setValues] = useState(() => initialCustomerValues(customer));
  const form = useForm(values, validateCustomer, {
    fields: isCustomerField,
    // An update wraps the customer's fields: `customer.email`.
    prefix: customer ? 'customer.' : '',
  });

  const change = (field: keyof CustomerFormValues, value: string): void => setValues((v) => ({ ...v, [field]: value }));

  const submit = (): Promise<void> =>
    form.submit(async (input) => {
      if (customer) {
        await api.call('customers.update', { id: customer.id, customer: input });
        notify.success('customerForm.updated');
        onClose();
      } else {
        const created = await api.call('customers.create', input);
        notify.success('customerForm.created');
        onClose();
        onCreated(created);
      }
    });

  const input = ({ field, type, suggest }: Layout, autoFocus = false): ReactElement => (
    <Field
      key={field}
      label={t(`customerForm.fields.${field}`)}
      optional={field === 'name' ? undefined : t('common.optional')}
      error={form.errorIn(field)}
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

  return (
    <FormDialog
      title={customer ? t('customerForm.editTitle') : t('customerForm.newTitle')}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={customer ? t('common.save') : t('customerForm.create')}
      form={form}
      failureTitle={t('customerForm.saveFailed')}
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
        error={form.error('notes')}
        value={values.notes}
        onChange={(notes) => change('notes', notes)}
      />
    </FormDialog>
  );
}
