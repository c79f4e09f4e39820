import type { Kysely } from 'kysely';
import type { Product, Technique } from './contract';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import { AppError } from '../../kernel/errors';

/** A second product or technique of one name: the name field is the one to change. */
function nameTaken(failure: 'failures.productExists' | 'failures.techniqueExists', name: string): AppError {
  return new AppError('conflict', failure, [{ path: 'name', message: 'errors.nameTaken' }], { name });
}

export async function createProduct(
  db: Kysely<DB>,
  p: { name: string; category: string | null; listPriceMinor: number | null; currency: string },
  now: Date,
): Promise<Product> {
  if (await repo.findProductByName(db, p.name)) {
    throw nameTaken('failures.productExists', p.name);
  }
  return repo.toProduct(await repo.insertProduct(db, { ...p, createdAt: now.toISOString() }));
}

export async function createTechnique(
  db: Kysely<DB>,
  t: { name: string; description: string | null },
  now: Date,
): Promise<Technique> {
  if (await repo.findTechniqueByName(db, t.name)) {
    throw nameTaken('failures.techniqueExists', t.name);
  }
  return repo.toTechnique(await repo.insertTechnique(db, { ...t, createdAt: now.toISOString() }));
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

export async function findOrCreateTechnique(db: Kysely<DB>, name: string, now: Date): Promise<Technique> {
  const found = await repo.findTechniqueByName(db, name.trim());
  if (found) return repo.toTechnique(found);
  return repo.toTechnique(
    await repo.insertTechnique(db, { name: name.trim(), description: null, createdAt: now.toISOString() }),
  );
}

export { listProducts, listTechniques } from './repository';
