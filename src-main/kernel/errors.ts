import type { ErrorCode, FieldIssue } from '../shared/api';

/** An expected failure a caller can act on; its message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number): AppError =>
  new AppError('not_found', `${what} ${id} does not exist.`);
