import type { Kysely } from 'kysely';
import type { FieldIssue } from '../../shared/api';
import type { DB } from '../../db/schema';
import { findCustomer } from '../customers';
import { AppError } from '../../kernel/errors';

/**
 * Checks that a care record's customer exists and that the sale it names (if any) is that
 * customer's, so the user hears which field is wrong rather than "FOREIGN KEY failed", and a
 * complaint about Ada's order cannot end up under Bob.
 */
export async function checkCustomerAndSale(
  db: Kysely<DB>,
  customerId: number,
  saleId: number | null,
  what: string,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!(await findCustomer(db, customerId))) issues.push({ path: 'customerId', message: 'errors.unknownCustomer' });
  if (saleId !== null) {
    const sale = await db.selectFrom('sales').select('customer_id').where('id', '=', saleId).executeTakeFirst();
    if (!sale) issues.push({ path: 'saleId', message: 'errors.unknownSale' });
    else if (sale.customer_id !== customerId) issues.push({ path: 'saleId', message: 'errors.saleOfOtherCustomer' });
  }
  if (issues.length > 0) throw new AppError('invalid_input', `failures.${what}References`, issues);
}

/** A business day after today is refused where it records something that happened. */
export function notInFuture(day: string, today: string, path: string): void {
  if (day > today) throw new AppError('invalid_input', 'failures.futureDay', [{ path, message: 'errors.futureDate' }]);
}
