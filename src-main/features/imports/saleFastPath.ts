import { isIsoDate } from '../../shared/dates';
import { SALE_STAGES, type SaleData } from '../sales/contract';
import { isCurrencyCode } from '../../shared/money';

/** A sale as readSale puts it together from a row, before any check. */
export interface SaleFields {
  title: string;
  customerId: number;
  amountMinor: number;
  currency: string;
  status: string;
  stage: string | null;
  openedOn: string;
  closedOn: string | null;
  satisfaction: number | null;
  nps: number | null;
  lostReason: string | null;
  notes: string | null;
}

const STAGES: ReadonlySet<string> = new Set(SALE_STAGES);

const between = (n: number | null, min: number, max: number): boolean =>
  n === null || (Number.isSafeInteger(n) && n >= min && n <= max);

/** optionalText(max) of the schema: trimmed, '' is null; undefined when too long. */
function optionalText(text: string | null, max: number): string | null | undefined {
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed.length > max) return undefined;
  return trimmed === '' ? null : trimmed;
}

/**
 * SaleInput's rules for the rows that pass them all, without zod: its per-field parse costs
 * about 2 µs and 3 KB of garbage a row, more than inserting the row, and a 100,000-row
 * import must stay within reach of a bare insert. Returns what SaleInput.parse would, or
 * null when any rule might fail: the caller then runs SaleInput itself, which stays the
 * authority and words the errors. test/imports/saleFastPath.test.ts checks, on rows that
 * meet and break each rule in turn, that whatever this accepts SaleInput accepts with the
 * same data: a rule added to SaleInput belongs here too, with its edge cases in that test.
 */
export function saleFastPath(input: SaleFields): SaleData | null {
  const title = input.title.trim();
  const { amountMinor, status, stage, openedOn, closedOn } = input;
  const lostReason = optionalText(input.lostReason, 500);
  const notes = optionalText(input.notes, 5000);
  const ok =
    title.length >= 1 &&
    title.length <= 200 &&
    Number.isSafeInteger(input.customerId) &&
    input.customerId > 0 &&
    Number.isSafeInteger(amountMinor) &&
    amountMinor >= 0 &&
    amountMinor <= 1e13 &&
    isCurrencyCode(input.currency) &&
    isIsoDate(openedOn) &&
    between(input.satisfaction, 1, 5) &&
    between(input.nps, 0, 10) &&
    lostReason !== undefined &&
    notes !== undefined &&
    (status === 'open'
      ? closedOn === null && (stage === null || STAGES.has(stage))
      : (status === 'won' || status === 'lost') &&
        stage === null &&
        closedOn !== null &&
        isIsoDate(closedOn) &&
        closedOn >= openedOn) &&
    (status === 'lost' || lostReason === null);
  if (!ok) return null;
  return {
    title,
    customerId: input.customerId,
    productId: null,
    amountMinor,
    currency: input.currency,
    status: status as SaleData['status'],
    stage: stage as SaleData['stage'],
    openedOn,
    closedOn,
    techniqueIds: [],
    satisfaction: input.satisfaction,
    nps: input.nps,
    lostReason,
    notes,
  };
}
