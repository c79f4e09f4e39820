import type { Kysely } from 'kysely';
import type { Technique, TechniqueCategory } from './contract';
import type { DB } from '../../db/schema';
import { AppError } from '../../kernel/errors';
import { findTechniqueByName, insertTechnique, listTechniques } from './repository';

/** A second technique of one name: the name field is the one to change. */
function nameTaken(name: string): AppError {
  return new AppError('conflict', 'failures.techniqueExists', [{ path: 'name', message: 'errors.nameTaken' }], { name });
}

export async function getTechnique(db: Kysely<DB>, id: number): Promise<Technique> {
  const [found] = await listTechniques(db, id);
  if (!found) throw new AppError('not_found', 'techniques.failures.notFound', [], { id });
  return found;
}

export async function createTechnique(
  db: Kysely<DB>,
  t: {
    name: string;
    category: TechniqueCategory;
    description: string | null;
    steps: readonly string[];
    source: string | null;
  },
  now: Date,
): Promise<Technique> {
  if (await findTechniqueByName(db, t.name)) throw nameTaken(t.name);
  const row = await insertTechnique(db, { ...t, createdAt: now.toISOString() });
  return getTechnique(db, row.id);
}

/** The technique of this name, made on the spot (a sale or an import naming a new one). */
export async function findOrCreateTechnique(db: Kysely<DB>, name: string, now: Date): Promise<{ id: number }> {
  const found = await findTechniqueByName(db, name.trim());
  if (found) return found;
  return insertTechnique(db, { name: name.trim(), description: null, createdAt: now.toISOString() });
}

export { listTechniques };
