import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Store } from '../../db/connection';
import type { DB } from '../../db/schema';
import type {
  DuplicateChoice,
  FileImportResult,
  FileMetadata,
  LibraryImportProgress,
  LibraryImportResult,
} from './contract';
import { firstIsbn13, titleKey, toIsbn10 } from './identity';
import { readableExtensions, READERS, readerFor } from './readers';
import { DEFAULT_LIMITS, ReadFailure, type FileReader, type ReadItem, type ReadLimits } from './readers/types';
import { findMatch, insertItemAsync, replacePeople, type ItemFields } from './items';
import { insertActions, itemRow } from './repository';
import { hashFile, storeCopy, storeCover } from './storage';

/**
 * The library's file import: every file reader (EPUB, PDF, audio and video, seminar notes)
 * plugs in here by its extensions (readers/index.ts). This owns what is common to all of
 * them: walking folders, the size and time limits, hashing, dedupe (ISBN-13, then the
 * file's content, then title and first author), copying into the library folder before the
 * row is committed (or linking in place), one transaction per file, one result line per
 * file, progress and cancel. A bad file never stops the rest.
 */

export interface FileImportRequest {
  paths: readonly string[];
  link: boolean;
  onDuplicate: DuplicateChoice;
  /** The library folder (storage.ts `libraryFolder`). */
  folder: string;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (progress: LibraryImportProgress) => void;
  progressIntervalMs?: number;
  limits?: ReadLimits;
  readers?: readonly FileReader[];
}

/** The database as the file import needs it: Kysely for its transactions, the connection for the matching. */
export type LibraryStore = Pick<Store, 'db' | 'sqlite' | 'file'>;

interface Candidate {
  path: string;
  size: number;
}

/** A file or folder that could not even be listed: a result line of its own. */
type Listed = Candidate | { path: string; failure: ReadFailure };

/** The files under `paths`: folders walked (hidden entries and linked folders skipped), only readable types. */
async function expand(paths: readonly string[], extensions: ReadonlySet<string>): Promise<Listed[]> {
  const found: Listed[] = [];
  const seen = new Set<string>();
  const add = (entry: Listed) => {
    if (seen.has(entry.path)) return;
    seen.add(entry.path);
    found.push(entry);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
    if (entries === null) {
      add({ path: dir, failure: new ReadFailure('library.failures.folderUnreadable') });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) {
        const info = await stat(path).catch(() => null);
        if (info) add({ path, size: info.size });
      }
    }
  };
  for (const raw of paths) {
    const path = resolve(raw);
    const info = await lstat(path).catch(() => null);
    if (info === null) add({ path, failure: new ReadFailure('library.failures.notFound') });
    else if (info.isDirectory()) await walk(path);
    else if (info.isFile()) add({ path, size: info.size });
    else if (info.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) add({ path, size: target.size });
      else add({ path, failure: new ReadFailure('library.failures.notFound') });
    } else add({ path, failure: new ReadFailure('library.failures.unsupported') });
  }
  return found;
}

/** Runs a reader under the time limit; a reader that overruns is told to stop and its file is failed. */
async function readWithin(reader: FileReader, file: Candidate, limits: ReadLimits, outer?: AbortSignal) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  outer?.addEventListener('abort', abort);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ReadFailure('library.failures.timeout', { seconds: Math.round(limits.timeoutMs / 1000) }));
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([reader.read(file.path, file.size, { limits, signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

/** A title from a file's name when the file names none: "the_sales_bible-2nd.pdf" → "the sales bible 2nd". */
const titleFromName = (path: string): string =>
  basename(path, extname(path)).replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim() || basename(path);

export function metadataOf(item: ReadItem, path: string): FileMetadata {
  return {
    kind: item.kind,
    title: item.title?.trim() || titleFromName(path),
    titleGuessed: item.title ? item.titleGuessed : false,
    people: item.people,
    publisher: item.publisher,
    year: item.year,
    language: item.language,
    isbn13: firstIsbn13(item.isbns),
    pages: item.pages,
    durationS: item.durationS,
    hasCover: item.cover !== null,
  };
}

const failed = (file: string, failure: ReadFailure, metadata: FileMetadata | null = null): FileImportResult => ({
  file,
  status: 'error',
  id: null,
  metadata,
  match: null,
  reason: failure.key,
  reasonValues: { ...failure.values },
});

/** The fields a file gives an item (a new one, or an existing one a "use new" replaces). */
function fileFields(item: ReadItem, meta: FileMetadata) {
  const isbn10 = item.isbns.map(toIsbn10).find((x) => x !== null) ?? (meta.isbn13 ? toIsbn10(meta.isbn13) : null);
  return {
    kind: meta.kind,
    title: meta.title,
    title_guessed: meta.titleGuessed ? 1 : 0,
    publisher: meta.publisher,
    year: meta.year,
    language: meta.language,
    isbn13: meta.isbn13,
    isbn10,
    pages: meta.pages,
    duration_s: meta.durationS,
    width: item.width,
    height: item.height,
    description: item.description,
    contents: item.contents,
    tags: [...new Set(item.tags)].slice(0, 30),
    event: item.event,
    held_on: item.heldOn,
    body: item.body,
  } satisfies Partial<ItemFields>;
}

/** Removes stored files no row names any more (after a replace, or a failed write). */
async function dropUnreferenced(db: Kysely<DB>, folder: string, name: string | null): Promise<void> {
  if (!name) return;
  const row = await db.selectFrom('library_items').select('id').where('file_name', '=', name).executeTakeFirst();
  if (!row) await rm(join(folder, name), { force: true });
}

async function importOne(store: LibraryStore, file: Candidate, req: FileImportRequest): Promise<FileImportResult> {
  const limits = req.limits ?? DEFAULT_LIMITS;
  if (file.size > limits.maxFileBytes) {
    return failed(file.path, new ReadFailure('library.failures.tooLarge', { max: limits.maxFileBytes }));
  }
  const reader = readerFor(file.path, req.readers ?? READERS);
  if (!reader) return failed(file.path, new ReadFailure('library.failures.unsupported'));
  const item = await readWithin(reader, file, limits, req.signal);
  const meta = metadataOf(item, file.path);
  const fileHash = await hashFile(file.path, req.signal);
  const firstAuthor = meta.people[0]?.name ?? null;
  const found =
    req.onDuplicate === 'keep_both'
      ? null
      : findMatch(store.sqlite, { isbn13: meta.isbn13, fileHash, title: meta.title, firstAuthor });
  const duplicate = found && { id: found.id, match: found.by };
  const { db } = store;
  if (duplicate && (req.onDuplicate === 'report' || req.onDuplicate === 'keep_existing')) {
    const existing = await itemRow(db, duplicate.id);
    return {
      file: file.path,
      status: 'duplicate',
      id: duplicate.id,
      metadata: meta,
      match: duplicate.match,
      reason: `library.import.duplicateOf.${duplicate.match}`,
      reasonValues: { id: duplicate.id, title: existing?.title ?? '' },
    };
  }

  // The file is in the library folder, flushed, before its row exists.
  const stored = req.link ? null : await storeCopy(file.path, req.folder, req.signal);
  const cover = item.cover ? await storeCover(req.folder, item.cover) : null;
  const nowIso = req.now.toISOString();
  const place = {
    source: req.link ? ('linked' as const) : ('stored' as const),
    file_name: stored?.name ?? null,
    file_path: req.link ? file.path : null,
    file_hash: stored?.hash ?? fileHash,
    file_size: stored?.size ?? file.size,
    file_mime: item.mime,
    file_missing_at: null,
    ...(cover !== null && { cover_name: cover }),
  };
  try {
    if (duplicate) {
      // "Use new": the file's metadata and the file itself replace the existing item's; what
      // the seller wrote (status, progress, rating, tags, summary, highlights) stays.
      const before = await itemRow(db, duplicate.id);
      const { tags: _tags, body, contents, ...columns } = fileFields(item, meta);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('library_items')
          .set({
            ...columns,
            title_key: titleKey(meta.title),
            contents: JSON.stringify(contents),
            ...(body !== '' && { body }),
            ...place,
            updated_at: nowIso,
          })
          .where('id', '=', duplicate.id)
          .execute();
        if (meta.people.length > 0) await replacePeople(trx, duplicate.id, meta.people);
      });
      if (before?.file_name !== stored?.name) await dropUnreferenced(db, req.folder, before?.file_name ?? null);
      return {
        file: file.path,
        status: 'updated',
        id: duplicate.id,
        metadata: meta,
        match: duplicate.match,
        reason: null,
        reasonValues: null,
      };
    }
    const id = await db.transaction().execute(async (trx) => {
      const created = await insertItemAsync(trx, {
        ...fileFields(item, meta),
        ...place,
        people: meta.people,
        status: 'want',
        created_at: nowIso,
      });
      await insertActions(trx, created, item.actions, nowIso);
      return created;
    });
    return { file: file.path, status: 'created', id, metadata: meta, match: null, reason: null, reasonValues: null };
  } catch (error) {
    await dropUnreferenced(db, req.folder, stored?.name ?? null);
    throw error;
  }
}

export async function importFiles(store: LibraryStore, req: FileImportRequest): Promise<LibraryImportResult> {
  const readers = req.readers ?? READERS;
  const listed = await expand(req.paths, readableExtensions(readers));
  const totalBytes = listed.reduce((sum, f) => sum + ('size' in f ? f.size : 0), 0);
  const results: FileImportResult[] = [];
  const started = performance.now();
  let bytes = 0;
  let lastReport = -Infinity;
  const report = (current: string | null, force = false) => {
    if (!req.onProgress) return;
    const t = performance.now();
    if (!force && t - lastReport < (req.progressIntervalMs ?? 100)) return;
    lastReport = t;
    const seconds = (t - started) / 1000;
    const rate = seconds > 0 ? results.length / seconds : 0;
    const left = listed.length - results.length;
    const byBytes = bytes > 0 && totalBytes > 0 ? (seconds * (totalBytes - bytes)) / bytes : null;
    req.onProgress({
      done: results.length,
      total: listed.length,
      bytes,
      totalBytes,
      rate,
      etaS: results.length === 0 ? null : (byBytes ?? (rate > 0 ? left / rate : null)),
      current,
    });
  };
  let cancelled = false;
  for (const entry of listed) {
    if (req.signal?.aborted) {
      cancelled = true;
      break;
    }
    report(entry.path);
    if ('failure' in entry) {
      results.push(failed(entry.path, entry.failure));
      continue;
    }
    try {
      results.push(await importOne(store, entry, req));
    } catch (error) {
      // A reader stopped by the cancel says why in its own words; the run was cancelled all the same.
      if (req.signal?.aborted) {
        cancelled = true;
        break;
      }
      results.push(
        failed(
          entry.path,
          error instanceof ReadFailure
            ? error
            : new ReadFailure('library.failures.unexpected', { detail: (error as Error).message }),
        ),
      );
    }
    bytes += entry.size;
  }
  report(null, true);
  const count = (status: FileImportResult['status']) => results.filter((r) => r.status === status).length;
  return {
    results,
    created: count('created') + count('updated'),
    duplicates: count('duplicate'),
    failed: count('error'),
    cancelled,
  };
}
