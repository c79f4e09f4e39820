import { CustomerInput, type Customer } from '../../../../src-main/features/customers/contract';
import { schemaErrors, type Validation } from '../../ui/errors';

/** A text box each: every field of the schema but the tags, which are typed as one text. */
const TEXT_FIELDS = CustomerInput.keyof().exclude(['tags']).options;
type TextField = (typeof TEXT_FIELDS)[number];

export type CustomerFormValues = Record<TextField, string> & { tags: string };

/** The form's fields own their refusals, a tag's (`tags.1`) included; others are listed above the form. */
export const isCustomerField = (path: string): boolean => {
  const field = path.split('.')[0];
  return field === 'tags' || (TEXT_FIELDS as readonly string[]).includes(field ?? '');
};

export function initialCustomerValues(customer: Customer | null): CustomerFormValues {
  const values = { tags: customer?.tags.join(', ') ?? '' } as CustomerFormValues;
  for (const field of TEXT_FIELDS) values[field] = customer?.[field] ?? '';
  return values;
}

/** "vip, Milan ,, vip" → ["vip", "Milan"]: tags are typed comma-separated. */
function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** Checks the form with the backend's own schema; errors hold message keys by path. */
export function validateCustomer(values: CustomerFormValues): Validation<CustomerInput> {
  const input: CustomerInput = { ...values, tags: parseTags(values.tags) };
  const parsed = CustomerInput.safeParse(input);
  return parsed.success ? { ok: true, input } : { ok: false, errors: schemaErrors(parsed.error.issues) };
}
