import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import type { Interaction, InteractionInput } from './contract';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import { notFound } from '../../kernel/errors';
import { checkCustomerAndSale, notInFuture } from './references';

/** Logs a call, email, meeting, visit, message or note; it resets the stay-in-touch clock. */
export async function logInteraction(
  db: Kysely<DB>,
  input: z.output<typeof InteractionInput>,
  now: Date,
): Promise<Interaction> {
  await checkCustomerAndSale(db, input.customerId, input.saleId, 'interaction');
  notInFuture(input.occurredOn, localIsoDate(now), 'occurredOn');
  return repo.insertInteraction(db, {
    customer_id: input.customerId,
    sale_id: input.saleId,
    kind: input.kind,
    occurred_on: input.occurredOn,
    summary: input.summary,
    created_at: now.toISOString(),
  });
}

export async function deleteInteraction(db: Kysely<DB>, id: number): Promise<void> {
  if (!(await repo.deleteInteraction(db, id))) throw notFound('Interaction', id);
}

export { listInteractions } from './repository';
