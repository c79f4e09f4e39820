import { SaleEntry, type NewCustomer, type Sale, type SaleStatus } from '../../../../src-main/features/sales/contract';
import { type Language } from '../../../../src-main/shared/domain';
import { formatAmountInput, parseLocaleAmount } from '../../i18n/amount';
import { schemaErrors, type FieldErrors, type Validation } from '../../ui/errors';
import type { CustomerRef } from '../customers/CustomerPicker';

/** A customer typed in the form ("Create customer …"), sent with the sale and written with it. */
export interface NewCustomerValues {
  name: string;
  email: string;
  company: string;
}

/** The form as typed: strings for every text box, so half-typed input is never lost. */
export interface SaleFormValues {
  title: string;
  /** The customer picked from the book; `newCustomer` stands in its place while one is typed. */
  customer: CustomerRef | null;
  newCustomer: NewCustomerValues | null;
  productId: string;
  amount: string;
  currency: string;
  status: SaleStatus;
  stage: string;
  openedOn: string;
  closedOn: string;
  techniqueIds: number[];
  satisfaction: string;
  nps: string;
  lostReason: string;
  notes: string;
}

export function initialSaleValues(
  sale: Sale | null,
  customer: CustomerRef | null,
  currency: string,
  language: Language,
  today: string,
): SaleFormValues {
  if (!sale) {
    return {
      title: '',
      customer,
      newCustomer: null,
      productId: '',
      amount: '',
      currency,
      status: 'open',
      stage: 'lead',
      openedOn: today,
      closedOn: '',
      techniqueIds: [],
      satisfaction: '',
      nps: '',
      lostReason: '',
      notes: '',
    };
  }
  return {
    title: sale.title,
    customer: { id: sale.customerId, name: sale.customerName },
    newCustomer: null,
    productId: sale.productId === null ? '' : String(sale.productId),
    amount: formatAmountInput(sale.amountMinor, sale.currency, language),
    currency: sale.currency,
    status: sale.status,
    stage: sale.stage ?? '',
    openedOn: sale.openedOn,
    closedOn: sale.closedOn ?? '',
    techniqueIds: sale.techniques.map((technique) => technique.id),
    satisfaction: sale.satisfaction === null ? '' : String(sale.satisfaction),
    nps: sale.nps === null ? '' : String(sale.nps),
    lostReason: sale.lostReason ?? '',
    notes: sale.notes ?? '',
  };
}

const optionalNumber = (text: string): number | null => (text === '' ? null : Number(text));

/**
 * Turns the form into a `SaleInput` and checks it with the very schema the backend uses.
 * Fields hidden for the chosen status are sent as null, so they can never block saving.
 */
export function validateSale(values: SaleFormValues, language: Language): Validation<SaleEntry> {
  const amountText = values.amount.trim();
  const amountMinor = amountText === '' ? null : parseLocaleAmount(amountText, values.currency, language);
  const input: SaleEntry = {
    title: values.title,
    ...(values.newCustomer ? { newCustomer: values.newCustomer } : { customerId: values.customer?.id ?? 0 }),
    productId: optionalNumber(values.productId),
    amountMinor: amountMinor ?? 0,
    currency: values.currency,
    status: values.status,
    stage: values.status === 'open' && values.stage !== '' ? (values.stage as SaleEntry['stage']) : null,
    openedOn: values.openedOn,
    closedOn: values.status === 'open' || values.closedOn === '' ? null : values.closedOn,
    techniqueIds: values.techniqueIds,
    satisfaction: optionalNumber(values.satisfaction),
    nps: optionalNumber(values.nps),
    lostReason: values.status === 'lost' ? values.lostReason : null,
    notes: values.notes,
  };

  const parsed = SaleEntry.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : schemaErrors(parsed.error.issues);
  // The amount as typed: a blank or unreadable one is said as such, not as the 0 sent in its place.
  if (amountText === '') errors.amountMinor = 'errors.required';
  else if (amountMinor === null) errors.amountMinor = 'errors.amount';
  return Object.keys(errors).length === 0 ? { ok: true, input } : { ok: false, errors };
}

/** The fields the form shows next to a control, by the schema's names; other refusals go above it. */
export const SALE_FIELDS = [
  'title',
  'customerId',
  'productId',
  'amountMinor',
  'currency',
  'stage',
  'openedOn',
  'closedOn',
  'lostReason',
  'satisfaction',
  'nps',
  'notes',
  ...(['name', 'email', 'company'] as const satisfies readonly (keyof NewCustomer)[]).map(
    (field) => `newCustomer.${field}` as const,
  ),
] as const satisfies readonly (keyof SaleEntry | `newCustomer.${keyof NewCustomer}`)[];
