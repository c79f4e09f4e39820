import type { ErrorCode, FieldIssue, MessageValues } from '../shared/api';

/**
 * An expected failure a caller can act on. Its message is a catalogue key ('failures.fileExists')
 * with `values` for its placeholders, worded by whoever shows it (the renderer, the CLI) in the
 * user's language; a message that is not a key is shown as it is.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly values?: MessageValues,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** "Sale 12 does not exist.": `what` names the record ('Sale', 'Check-in', 'Import batch'). */
export const notFound = (what: string, id: number): AppError =>
  new AppError('not_found', `failures.notFound.${notFoundKey(what)}`, undefined, { id });

/** 'Import batch' → 'importBatch', the key under failures.notFound. */
const notFoundKey = (what: string): string =>
  what
    .toLowerCase()
    .split(/[^a-z]+/)
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
