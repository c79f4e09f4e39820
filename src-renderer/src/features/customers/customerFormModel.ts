import type { FieldIssue } from '../../../../src-main/shared/api';
import { CustomerInput, type Customer } from '../../../../src-main/features/customers/contract';

const TEXT_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'segment',
  'industry',
  'region',
  'companySize',
  'acquisitionSource',
  'notes',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export type CustomerFormValues = Record<TextField, string> & { tags: string };
export type CustomerErrors = Partial<Record<keyof CustomerFormValues, string>>;

export function initialCustomerValues(customer: Customer | null): CustomerFormValues {
  const values = { tags: customer?.tags.join(', ') ?? '' } as CustomerFormValues;
  for (const field of TEXT_FIELDS) values[field] = customer?.[field] ?? '';
  return values;
}

/** "vip, Milan ,, vip" → ["vip", "Milan"]: tags are typed comma-separated. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

export type CustomerValidation = { ok: true; input: CustomerInput } | { ok: false; errors: CustomerErrors };

/** Checks the form with the backend's own schema; errors hold message keys by field. */
export function validateCustomer(values: CustomerFormValues): CustomerValidation {
  const input: CustomerInput = { ...values, tags: parseTags(values.tags) };
  const parsed = CustomerInput.safeParse(input);
  if (parsed.success) return { ok: true, input };
  const errors: CustomerErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof CustomerFormValues | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** Backend issues for `customers.update` are nested under `customer.`. */
export function customerIssuesToErrors(issues: readonly FieldIssue[]): CustomerErrors {
  const errors: CustomerErrors = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^customer\./, '').split('.')[0] as keyof CustomerFormValues;
    if (field === 'tags' || (TEXT_FIELDS as readonly string[]).includes(field)) errors[field] ??= issue.message;
  }
  return errors;
}
