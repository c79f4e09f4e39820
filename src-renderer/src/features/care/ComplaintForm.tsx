import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_SOURCES } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { CustomerPicker } from '../customers/CustomerPicker';
import type { CustomerRef } from '../customers/CustomerPicker';
import { DateField, Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { COMPLAINT_FIELDS, validateComplaint, type ComplaintValues } from './careForms';
import { ComplaintKindFields } from './ComplaintKindFields';
import { CustomerSaleSelect } from './CustomerSaleSelect';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';

export interface ComplaintFormProps {
  /** The customer it is about, or null to choose one in the form. */
  customer: CustomerRef | null;
  onClose: () => void;
}

/** Records a complaint: when, how it came in, what kind, how serious, and what was said. */
export function ComplaintForm({ customer, onClose }: ComplaintFormProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const today = useToday();
  const [values, setValues] = useState<ComplaintValues>({
    customer,
    saleId: '',
    openedOn: today,
    source: 'call',
    category: 'product',
    severity: 'medium',
    description: '',
  });
  const form = useForm(values, validateComplaint, { fields: COMPLAINT_FIELDS });
  const change = (patch: Partial<ComplaintValues>): void => setValues((v) => ({ ...v, ...patch }));

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const created = await api.call('care.complaints.create', input);
      notify.success('care.complaint.created', { name: created.customerName });
      onClose();
    });

  return (
    <FormDialog
      title={customer ? t('care.complaint.newTitleFor', { name: customer.name }) : t('care.complaint.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('care.complaint.create')}
      form={form}
      failureTitle={t('care.complaint.saveFailed')}
    >
      {!customer && (
        <Field label={t('care.complaint.customer')} error={form.error('customerId')}>
          {(control) => (
            <CustomerPicker
              {...control}
              value={values.customer}
              onChange={(picked) => change({ customer: picked, saleId: '' })}
              placeholder={t('customerPicker.placeholder')}
            />
          )}
        </Field>
      )}
      <TextAreaField
        label={t('care.complaint.description')}
        error={form.error('description')}
        value={values.description}
        placeholder={t('care.complaint.descriptionPlaceholder')}
        onChange={(description) => change({ description })}
        autoFocus={customer !== null}
      />
      <div className="form-row">
        <DateField
          label={t('care.complaint.openedOn')}
          error={form.error('openedOn')}
          value={values.openedOn}
          onChange={(openedOn) => change({ openedOn })}
        />
        <SelectField
          label={t('care.complaint.source')}
          error={form.error('source')}
          value={values.source}
          onChange={(source) => change({ source })}
          options={COMPLAINT_SOURCES.map((source) => ({ value: source, label: t(`care.sources.${source}`) }))}
        />
      </div>
      <ComplaintKindFields
        category={values.category}
        onCategory={(category) => change({ category })}
        categoryError={form.error('category')}
        severity={values.severity}
        onSeverity={(severity) => change({ severity })}
      />
      {values.customer && (
        <CustomerSaleSelect
          customerId={values.customer.id}
          value={values.saleId}
          onChange={(saleId) => change({ saleId })}
          error={form.error('saleId')}
        />
      )}
    </FormDialog>
  );
}
