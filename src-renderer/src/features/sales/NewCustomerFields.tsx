import type { ReactElement } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CustomerRef } from '../customers/CustomerPicker';
import { useDuplicateHints } from '../customers/DuplicateWarning';
import { TextField } from '../../ui/Field';
import type { Form } from '../../hooks/useForm';
import { Icon } from '../../ui/icons';
import type { NewCustomerValues } from './saleFormModel';

export interface NewCustomerFieldsProps {
  customer: NewCustomerValues;
  form: Pick<Form<unknown>, 'error'>;
  onChange: (customer: NewCustomerValues) => void;
  /** Takes the customer already in the book instead of the new one. */
  onPick: (customer: CustomerRef) => void;
}

/**
 * The customer typed in the sale form, written with the sale (or not at all): a few details, and
 * a word when the book already has them. The backend finds a customer by email, else by name,
 * before adding one, so that one is the customer the sale would go to: offered here by name.
 */
export function NewCustomerFields({ customer, form, onChange, onPick }: NewCustomerFieldsProps): ReactElement {
  const { t } = useTranslation();
  const hints = useDuplicateHints(customer.name, customer.email);
  const existing = hints.find((hint) => hint.reason === 'email') ?? hints[0];
  const optional = t('common.optional');
  return (
    <fieldset className="fieldset new-customer">
      <legend className="new-customer-legend">{t('saleForm.newCustomer')}</legend>
      <div className="form-row">
        {(['email', 'company'] as const).map((key) => (
          <TextField
            key={key}
            label={t(`customerForm.fields.${key}`)}
            optional={optional}
            error={form.error(`newCustomer.${key}`)}
            value={customer[key]}
            onChange={(value) => onChange({ ...customer, [key]: value })}
          />
        ))}
      </div>
      {existing && (
        <div className="notice notice-warning new-customer-existing" role="status">
          <Icon name="alert" />
          <p>
            <Trans
              i18nKey="saleForm.existingCustomer"
              values={{ name: existing.name, reason: t(`customerForm.duplicateReason.${existing.reason}`) }}
              components={{ b: <strong /> }}
            />
          </p>
          <button
            type="button"
            className="btn btn-compact"
            onClick={() => onPick({ id: existing.id, name: existing.name })}
          >
            {t('saleForm.useExisting', { name: existing.name })}
          </button>
        </div>
      )}
    </fieldset>
  );
}
