import { DatabaseError } from '../db/connection';
import { isDamagedError } from '../kernel/errors';
import type { Translate } from '../shared/locales/translate';

/**
 * What the native error dialog says when the app cannot open its database. The first
 * paragraph is for the user; the file and the technical reason follow so that a support
 * request can quote them.
 */
export function startupErrorMessage(t: Translate, error: unknown, databasePath: string): string {
  let summary = t('startup.failed');
  if (error instanceof DatabaseError) {
    summary = {
      too_new: t('startup.databaseTooNew'),
      not_a_database: t('startup.databaseUnreadable'),
      migration_failed: t('startup.databaseMigrationFailed'),
    }[error.code];
  } else if (isDamagedError(error)) {
    summary = t('startup.databaseUnreadable');
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `${summary}\n\n${databasePath}\n${reason}`;
}
