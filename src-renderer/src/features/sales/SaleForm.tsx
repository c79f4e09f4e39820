import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../../../src-main/shared/dates';
import { SALE_STAGES, SALE_STATUSES, type Sale, type SaleStatus } from '../../../../src-main/features/sales/contract';
import { CURRENCIES } from '../../../../src-main/shared/money';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { LogCallButton } from '../care/LogCallButton';
import { CustomerPicker, type CustomerRef } from '../customers/CustomerPicker';
import { RecordEntries } from '../journal/RecordEntries';
import { TrainingPanel } from '../training/TrainingPanel';
import { formatAmountInput } from '../../i18n/amount';
import { useSettings } from '../settings/SettingsProvider';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField, Field, NumberField, SegmentedField, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { catalogOptions } from './catalogOptions';
import { NewCustomerFields } from './NewCustomerFields';
import { initialSaleValues, SALE_FIELDS, validateSale, type SaleFormValues } from './saleFormModel';
import { TechniquePicker } from './TechniquePicker';

export interface SaleFormProps {
  sale: Sale | null;
  initialCustomer: CustomerRef | null;
  onClose: () => void;
}

const SCORES = { satisfaction: [1, 2, 3, 4, 5], nps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } as const;

export function SaleForm({ sale, initialCustomer, onClose }: SaleFormProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const { settings } = useSettings();
  const products = useQuery('products.list', {}, ['products']);
  const techniques = useQuery('techniques.list', {}, ['techniques']);

  const [values, setValues] = useState<SaleFormValues>(() =>
    initialSaleValues(sale, initialCustomer, settings.currency, settings.language, localIsoDate(new Date())),
  );
  const form = useForm(values, (v: SaleFormValues) => validateSale(v, settings.language), {
    fields: SALE_FIELDS,
    // An update wraps the sale's fields: `sale.closedOn`.
    prefix: sale ? 'sale.' : '',
  });
  const [deleting, setDeleting] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  // Merged into the newest values, not this render's, so two changes in one event both count.
  const change = (patch: Partial<SaleFormValues>): void => setValues((v) => ({ ...v, ...patch }));

  const changeStatus = (status: SaleStatus): void =>
    change({
      status,
      // A closed deal needs a closing day; today is the usual answer.
      closedOn: status !== 'open' && values.closedOn === '' ? localIsoDate(new Date()) : values.closedOn,
    });

  const changeProduct = (productId: string): void => {
    const product = products.data?.find((p) => String(p.id) === productId);
    if (product?.listPriceMinor != null && values.amount.trim() === '') {
      change({
        productId,
        amount: formatAmountInput(product.listPriceMinor, product.currency, settings.language),
        currency: product.currency,
      });
    } else change({ productId });
  };

  // A customer picked from the book replaces one being typed, and the other way round.
  const pickCustomer = (customer: CustomerRef | null): void => change({ customer, newCustomer: null });

  const submit = (): Promise<void> =>
    form.submit(async (input) => {
      if (sale) await api.call('sales.update', { id: sale.id, sale: input });
      else await api.call('sales.create', input);
      notify.success(sale ? 'saleForm.updated' : 'saleForm.created');
      onClose();
    });

  const remove = async (): Promise<void> => {
    if (!sale) return;
    setDeleting(true);
    try {
      await api.call('sales.delete', { id: sale.id });
      notify.success('saleForm.deleted');
      onClose();
    } catch (error) {
      setDeleting(false);
      setConfirmingDelete(false);
      notify.error('saleForm.deleteFailed', error);
    }
  };

  const optional = t('common.optional');

  return (
    <>
      <FormDialog
        title={sale ? t('saleForm.editTitle') : t('saleForm.newTitle')}
        onClose={onClose}
        onSubmit={() => void submit()}
        submitLabel={sale ? t('common.save') : t('saleForm.create')}
        form={{ ...form, saving: form.saving || deleting }}
        failureTitle={t('saleForm.saveFailed')}
        footerStart={
          sale && (
            <>
              <button type="button" className="btn btn-danger-ghost" onClick={() => setConfirmingDelete(true)}>
                {t('common.delete')}
              </button>
              <LogCallButton customerId={sale.customerId} customerName={sale.customerName} />
            </>
          )
        }
      >
        <TextField
          label={t('saleForm.title')}
          error={form.error('title')}
          value={values.title}
          placeholder={t('saleForm.titlePlaceholder')}
          onChange={(title) => change({ title })}
          autoFocus
        />
        <Field label={t('saleForm.customer')} error={form.error('customerId') ?? form.error('newCustomer.name')}>
          {(control) => (
            <CustomerPicker
              {...control}
              value={values.customer ?? values.newCustomer}
              onChange={pickCustomer}
              // Not written now: the new customer goes with the sale, or nowhere if it is cancelled.
              onCreate={(name) => change({ customer: null, newCustomer: { name, email: '', company: '' } })}
              placeholder={t('customerPicker.placeholder')}
            />
          )}
        </Field>
        {values.newCustomer && (
          <NewCustomerFields
            customer={values.newCustomer}
            form={form}
            onChange={(newCustomer) => change({ newCustomer })}
            onPick={pickCustomer}
          />
        )}
        <SelectField
          label={t('saleForm.product')}
          optional={optional}
          error={form.error('productId')}
          value={values.productId}
          onChange={changeProduct}
          options={catalogOptions(t('saleForm.noProduct'), products.data)}
        />
        <TrainingPanel
          productId={values.productId === '' ? null : Number(values.productId)}
          customerId={values.customer?.id ?? null}
        />
        <div className="form-row form-row-amount">
          <NumberField
            label={t('saleForm.amount')}
            error={form.error('amountMinor')}
            hint={t('saleForm.amountHint')}
            value={values.amount}
            onChange={(amount) => change({ amount })}
          />
          <SelectField
            label={t('saleForm.currency')}
            error={form.error('currency')}
            value={values.currency}
            onChange={(currency) => change({ currency })}
            options={CURRENCIES.map((code) => ({ value: code, label: code }))}
          />
        </div>
        <div className="form-row">
          <SegmentedField
            legend={t('saleForm.status')}
            value={values.status}
            onChange={changeStatus}
            options={SALE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
          {values.status === 'open' && (
            <SelectField
              label={t('saleForm.stage')}
              optional={optional}
              error={form.error('stage')}
              value={values.stage}
              onChange={(stage) => change({ stage })}
              options={[
                { value: '', label: t('saleForm.noStage') },
                ...SALE_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) })),
              ]}
            />
          )}
        </div>
        <div className="form-row">
          <DateField
            label={t('saleForm.openedOn')}
            error={form.error('openedOn')}
            value={values.openedOn}
            onChange={(openedOn) => change({ openedOn })}
          />
          {values.status !== 'open' && (
            <DateField
              label={t('saleForm.closedOn')}
              error={form.error('closedOn')}
              value={values.closedOn}
              onChange={(closedOn) => change({ closedOn })}
            />
          )}
        </div>
        {values.status === 'lost' && (
          <TextField
            label={t('saleForm.lostReason')}
            optional={optional}
            error={form.error('lostReason')}
            value={values.lostReason}
            onChange={(lostReason) => change({ lostReason })}
          />
        )}
        <TechniquePicker
          techniques={techniques.data ?? []}
          selected={values.techniqueIds}
          onChange={(techniqueIds) => change({ techniqueIds })}
        />
        <div className="form-row">
          {(['satisfaction', 'nps'] as const).map((score) => (
            <SelectField
              key={score}
              label={t(`saleForm.${score}`)}
              optional={optional}
              error={form.error(score)}
              value={values[score]}
              onChange={(value) => change({ [score]: value })}
              options={[
                { value: '', label: t('saleForm.notRated') },
                ...SCORES[score].map((n) => ({ value: String(n), label: n })),
              ]}
            />
          ))}
        </div>
        <TextAreaField
          label={t('saleForm.notes')}
          optional={optional}
          error={form.error('notes')}
          value={values.notes}
          onChange={(notes) => change({ notes })}
        />
        {sale && (
          <RecordEntries
            customer={{ id: sale.customerId, name: sale.customerName }}
            saleId={sale.id}
            techniqueIds={sale.techniques.map((technique) => technique.id)}
          />
        )}
      </FormDialog>
      {confirmingDelete && sale && (
        <ConfirmDialog
          title={t('saleForm.deleteTitle')}
          message={t('saleForm.deleteText', { title: sale.title })}
          confirmLabel={t('common.delete')}
          busy={deleting}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmingDelete(false)}
        />
      )}
    </>
  );
}
