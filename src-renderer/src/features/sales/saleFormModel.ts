import type { FieldIssue } from '../../../../src-main/shared/api';
import { SaleInput, type Sale, type SaleStatus } from '../../../../src-main/features/sales/contract';
import { type Language } from '../../../../src-main/shared/domain';
import { formatAmountInput, parseLocaleAmount } from '../../i18n/amount';

export interface CustomerRef {
  id: number;
  name: string;
}

/** The form as typed: strings for every text box, so half-typed input is never lost. */
export interface SaleFormValues {
  title: string;
  customer: CustomerRef | null;
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

/** Errors keyed by the schema's field names (`amountMinor`, `customerId`…), holding message keys. */
export type SaleErrors = Partial<Record<keyof SaleInput, string>>;

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

export type SaleValidation = { ok: true; input: SaleInput } | { ok: false; errors: SaleErrors };

/**
 * Turns the form into a `SaleInput` and checks it with the very schema the backend uses.
 * Fields hidden for the chosen status are sent as null, so they can never block saving.
 */
export function validateSale(values: SaleFormValues, language: Language): SaleValidation {
  const amountText = values.amount.trim();
  const amountMinor = amountText === '' ? null : parseLocaleAmount(amountText, values.currency, language);
  const input: SaleInput = {
    title: values.title,
    customerId: values.customer?.id ?? 0,
    productId: optionalNumber(values.productId),
    amountMinor: amountMinor ?? 0,
    currency: values.currency,
    status: values.status,
    stage: values.status === 'open' && values.stage !== '' ? (values.stage as SaleInput['stage']) : null,
    openedOn: values.openedOn,
    closedOn: values.status === 'open' || values.closedOn === '' ? null : values.closedOn,
    techniqueIds: values.techniqueIds,
    satisfaction: optionalNumber(values.satisfaction),
    nps: optionalNumber(values.nps),
    lostReason: values.status === 'lost' ? values.lostReason : null,
    notes: values.notes,
  };

  const errors: SaleErrors = {};
  if (amountText === '') errors.amountMinor = 'errors.required';
  else if (amountMinor === null) errors.amountMinor = 'errors.amount';

  const parsed = SaleInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof SaleInput | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, input } : { ok: false, errors };
}

/**
 * Backend issues name paths like `sale.closedOn` (update) or `closedOn` (create); anything
 * that is not a field of the form is returned separately so it can be shown above it.
 */
export function issuesToErrors(issues: readonly FieldIssue[]): { errors: SaleErrors; other: string[] } {
  const errors: SaleErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = issue.path.replace(/^sale\./, '').split('.')[0] as keyof SaleInput;
    if (field in SaleInput.shape) errors[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { errors, other };
}
