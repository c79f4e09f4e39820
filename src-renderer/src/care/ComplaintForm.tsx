import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_SOURCES, type ComplaintSource } from '../../../src-main/shared/care';
import { useApi } from '../api/ApiProvider';
import { CustomerPicker } from '../customers/CustomerPicker';
import type { CustomerRef } from '../sales/saleFormModel';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { useNotify } from '../ui/Notifications';
import { COMPLAINT_FIELDS, validateComplaint, type ComplaintValues } from './careForms';
import { CustomerSaleSelect } from './CustomerSaleSelect';
import { SeverityGroup } from './SeverityGroup';
import { useCareForm } from './useCareForm';
import { useToday } from './useToday';

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
  const formRef = useRef<HTMLFormElement>(null);
  const form = useCareForm(values, validateComplaint, { fields: COMPLAINT_FIELDS, formRef });
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
      saving={form.saving}
      failure={form.failure}
      failureTitle={t('care.complaint.saveFailed')}
      formRef={formRef}
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
      <Field label={t('care.complaint.description')} error={form.error('description')}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={4}
            value={values.description}
            placeholder={t('care.complaint.descriptionPlaceholder')}
            onChange={(e) => change({ description: e.target.value })}
            data-autofocus={customer ? true : undefined}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label={t('care.complaint.openedOn')} error={form.error('openedOn')}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              value={values.openedOn}
              onChange={(e) => change({ openedOn: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('care.complaint.source')} error={form.error('source')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.source}
              onChange={(e) => change({ source: e.target.value as ComplaintSource })}
            >
              {COMPLAINT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`care.sources.${source}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label={t('care.complaint.category')} error={form.error('category')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.category}
              onChange={(e) => change({ category: e.target.value as ComplaintValues['category'] })}
            >
              {COMPLAINT_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`care.categories.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SeverityGroup value={values.severity} onChange={(severity) => change({ severity })} />
      </div>
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
