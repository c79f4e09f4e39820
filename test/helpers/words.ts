import { AppError } from '../../src-main/kernel/errors';
import { hasMessage, translator } from '../../src-main/shared/locales/translate';

const english = translator('en');

/** An error as an English-speaking user reads it: an AppError's key worded with its values. */
export function inEnglish(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const values = error instanceof AppError ? error.values : undefined;
  return hasMessage(error.message) ? english(error.message, values) : error.message;
}

/** What `fn` refuses with, in English words; fails when it does not throw. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return inEnglish(error);
  }
  throw new Error('expected a refusal');
}

/** The same for an async operation. */
export async function asyncRefusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return inEnglish(error);
  }
  throw new Error('expected a refusal');
}
