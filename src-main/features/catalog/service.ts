import type { Kysely } from 'kysely';
import type { Product } from './contract';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import { AppError } from '../../kernel/errors';

/** A second product of one name: the name field is the one to change. */
function nameTaken(name: string): AppError {
  return new AppError('conflict', 'failures.productExists', [{ path: 'name', message: 'errors.nameTaken' }], { name });
}

export async function createProduct(
  db: Kysely<DB>,
  p: { name: string; category: string | null; listPriceMinor: number | null; currency: string },
  now: Date,
): Promise<Product> {
  if (await repo.findProductByName(db, p.name)) {
    throw nameTaken(p.name);
  }
  return repo.toProduct(await repo.insertProduct(db, { ...p, createdAt: now.toISOString() }));
}

export async function findOrCreateProduct(db: Kysely<DB>, name: string, currency: string, now: Date): Promise<Product> {
  const found = await repo.findProductByName(db, name.trim());
  if (found) return repo.toProduct(found);
  return repo.toProduct(
    await repo.insertProduct(db, {
      name: name.trim(),
      category: null,
      listPriceMinor: null,
      currency,
      createdAt: now.toISOString(),
    }),
  );
}

export { listProducts } from './repository';
