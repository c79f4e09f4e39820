import type { Kysely } from 'kysely';
import type { MergeResult, StarterTechnique, Technique } from './contract';
import type { DB, TechniqueRow } from '../../db/schema';
import { AppError } from '../../kernel/errors';
import { translator } from '../../shared/locales/translate';
import type { Language } from '../../shared/domain';
import { getSettings } from '../settings';
import {
  findTechniqueByName,
  findTechniqueRow,
  insertTechnique,
  listTechniques,
  mergeTechniques as mergeRows,
  setRetired,
  techniqueNamesAndKeys,
  updateTechnique as updateRow,
  type TechniqueFields,
} from './repository';
import { STARTER_TECHNIQUES, starterKeys } from './starter';

/** A second technique of one name: the name field is the one to change. */
function nameTaken(name: string): AppError {
  return new AppError('conflict', 'failures.techniqueExists', [{ path: 'name', message: 'errors.nameTaken' }], {
    name,
  });
}

/** No technique of this id; `field` is the input that named it. */
function unknown(id: number, field = 'id'): AppError {
  return new AppError(
    'not_found',
    'techniques.failures.notFound',
    [{ path: field, message: 'errors.unknownTechnique' }],
    {
      id,
    },
  );
}

async function existing(db: Kysely<DB>, id: number, field = 'id'): Promise<TechniqueRow> {
  const row = await findTechniqueRow(db, id);
  if (!row) throw unknown(id, field);
  return row;
}

export async function getTechnique(db: Kysely<DB>, id: number): Promise<Technique> {
  const [found] = await listTechniques(db, id);
  if (!found) throw unknown(id);
  return found;
}

export async function createTechnique(db: Kysely<DB>, t: TechniqueFields, now: Date): Promise<Technique> {
  if (await findTechniqueByName(db, t.name)) throw nameTaken(t.name);
  const row = await insertTechnique(db, { ...t, createdAt: now.toISOString() });
  return getTechnique(db, row.id);
}

/** Edits (and renames) a technique; its sales and entries follow, as they point to its id. */
export async function updateTechnique(db: Kysely<DB>, id: number, t: TechniqueFields, now: Date): Promise<Technique> {
  await existing(db, id);
  const clash = await findTechniqueByName(db, t.name);
  if (clash && clash.id !== id) throw nameTaken(t.name);
  await updateRow(db, id, t, now.toISOString());
  return getTechnique(db, id);
}

/** A retired technique stays on old sales and entries and in the statistics. */
export async function retireTechnique(db: Kysely<DB>, id: number, retired: boolean, now: Date): Promise<Technique> {
  const iso = now.toISOString();
  if (!(await setRetired(db, id, retired ? iso : null, iso))) throw unknown(id);
  return getTechnique(db, id);
}

/** `from` goes into `into` (see repository.mergeTechniques); the merge is recorded on the survivor. */
export async function mergeTechniques(
  db: Kysely<DB>,
  merge: { from: number; into: number },
  now: Date,
): Promise<MergeResult> {
  const from = await existing(db, merge.from, 'from');
  await existing(db, merge.into, 'into');
  const moved = await mergeRows(db, from, merge.into, now.toISOString());
  return { survivor: await getTechnique(db, merge.into), ...moved };
}

/** The starter set in `language`, each said once by the catalogue. */
function starterWords(language: Language): Omit<StarterTechnique, 'added'>[] {
  const t = translator(language);
  return STARTER_TECHNIQUES.map(({ key, category }) => ({
    key,
    category,
    name: t(`techniques.starter.${key}.name`),
    description: t(`techniques.starter.${key}.description`),
  }));
}

/** A starter technique is there when one carries its key, or its name in the seller's language. */
async function presence(db: Kysely<DB>): Promise<(s: { key: string; name: string }) => boolean> {
  const rows = await techniqueNamesAndKeys(db);
  const keys = new Set(rows.map((r) => r.starter).filter((k) => k !== null));
  const names = new Set(rows.map((r) => r.name.toLowerCase()));
  return (s) => keys.has(s.key) || names.has(s.name.toLowerCase());
}

export async function starterTechniques(db: Kysely<DB>): Promise<StarterTechnique[]> {
  const { language } = await getSettings(db);
  const has = await presence(db);
  return starterWords(language).map((s) => ({ ...s, added: has(s) }));
}

/** Adds the chosen starter techniques the catalogue does not have yet; returns those added. */
export async function addStarterTechniques(db: Kysely<DB>, keys: readonly string[], now: Date): Promise<Technique[]> {
  const unknownKeys = keys.filter((k) => !starterKeys.has(k));
  if (unknownKeys.length > 0)
    throw new AppError(
      'invalid_input',
      'techniques.failures.unknownStarter',
      [{ path: 'keys', message: 'techniques.errors.unknownStarter' }],
      { keys: unknownKeys.join(', ') },
    );
  const { language } = await getSettings(db);
  const has = await presence(db);
  const chosen = new Set(keys);
  const added: Technique[] = [];
  for (const s of starterWords(language)) {
    if (!chosen.has(s.key) || has(s)) continue;
    const row = await insertTechnique(db, {
      name: s.name,
      category: s.category,
      description: s.description,
      starter: s.key,
      createdAt: now.toISOString(),
    });
    added.push(await getTechnique(db, row.id));
  }
  return added;
}

/** The technique of this name, made on the spot (a sale or an import naming a new one). */
export async function findOrCreateTechnique(db: Kysely<DB>, name: string, now: Date): Promise<{ id: number }> {
  const found = await findTechniqueByName(db, name.trim());
  if (found) return found;
  return insertTechnique(db, { name: name.trim(), description: null, createdAt: now.toISOString() });
}

export { listTechniques };
