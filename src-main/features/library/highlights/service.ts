import { basename } from 'node:path';
import { AppError } from '../../../kernel/errors';
import { importWith, type ImportStore, type UnrecordedImporter } from '../../imports';
import type { ImportProgress, ImportResult } from '../../imports/contract';
import type { HIGHLIGHT_SOURCES, HighlightImportResult } from '../contract';
import { goodreadsImporter } from './goodreads';
import { kindleImporter } from './kindle';
import { readwiseImporter } from './readwise';
import { noCounts, type Counts } from './writer';

export type HighlightSource = (typeof HIGHLIGHT_SOURCES)[number];

/** Problems listed with the error; the message says how many there are in all. */
export const MAX_LISTED = 20;

const IMPORTERS: Readonly<Record<HighlightSource, (counts: Counts) => UnrecordedImporter<unknown>>> = {
  kindle: kindleImporter as (counts: Counts) => UnrecordedImporter<unknown>,
  goodreads: goodreadsImporter as (counts: Counts) => UnrecordedImporter<unknown>,
  readwise: readwiseImporter as (counts: Counts) => UnrecordedImporter<unknown>,
};

/**
 * Imports a Kindle clippings file, a Goodreads library export or a Readwise export through the
 * one import pipeline (features/imports): read as the pipeline reads any record file
 * (encoding, delimiter, quoting), in one transaction, all or nothing. A record that cannot be
 * read fails the whole file with every problem named by line; a file that is not the export it
 * is said to be, or is not text, fails before anything is read. Importing the same file again
 * adds nothing: the counts then say what was already there.
 */
export async function importHighlights(
  store: ImportStore,
  request: { source: HighlightSource; path: string },
  now: Date,
  signal?: AbortSignal,
  onProgress?: (progress: ImportProgress) => void,
): Promise<HighlightImportResult> {
  const counts = noCounts();
  const result = await importWith(store, IMPORTERS[request.source](counts), {
    path: request.path,
    options: {},
    skipInvalid: false,
    dryRun: false,
    // No amounts in these files: the pipeline's currency for rows without one is never asked.
    defaultCurrency: '',
    now,
    signal,
    onProgress,
  });
  if (result.error_count > 0) throw unreadable(basename(request.path), result);
  return { ...counts };
}

function unreadable(name: string, result: ImportResult): AppError {
  return new AppError(
    'invalid_input',
    'library.highlights.errors.unreadable',
    result.errors.slice(0, MAX_LISTED).map((issue) => ({
      path: `${name}:${issue.line}`,
      message: issue.key,
      values: issue.values,
    })),
    { name, count: result.skipped },
  );
}
