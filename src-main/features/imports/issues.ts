/**
 * What can be wrong with one cell (or row) of an imported file, as a message key and values.
 * The key and values cross to the renderer, which words them in the user's language; the
 * English wording below is what the CLI prints and the rejected-rows CSV's reason column
 * says. Keys starting with `errors.` are the shared schemas' validation messages.
 */
export const IMPORT_ISSUE_TEXT = {
  columnCount:
    'has {{n}} values but the header has {{columns}} columns (a delimiter inside a value that is not in quotes?)',
  required: 'is required',
  wholeNumber: 'must be a whole number',
  currency: 'must be a currency code such as EUR, USD or GBP',
  negative: 'must not be negative',
  wrongDecimal: 'is not an amount written with "{{decimal}}" for decimals',
  notNumber: 'is not a number',
  noDecimals: '{{currency}} has no decimal places',
  tooManyDecimals: 'has more than {{digits}} decimal places',
  tooLarge: 'is too large',
  notDay: 'is not a real day written {{format}}',
  ambiguousDay: 'could be dd/MM/yyyy or MM/dd/yyyy: choose the date format',
  status: 'is not a status: use won, lost or open (vinta, persa, aperta)',
  tooLong: 'is too long (at most {{max}} characters)',
  techniqueTooLong: 'a technique name is too long (at most {{max}} characters)',
} as const;

export type ImportIssueKey = keyof typeof IMPORT_ISSUE_TEXT;
export type IssueValues = Readonly<Record<string, string | number>>;

/** The cell as a message quotes it: at most 40 characters. */
export const clipCell = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** `{{name}}` placeholders filled from `values`. */
export function fillTemplate(template: string, values: IssueValues): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
