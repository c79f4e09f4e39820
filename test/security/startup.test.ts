import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src-main/db/connection';
import { startupErrorMessage } from '../../src-main/platform/startup';
import { translator } from '../../src-main/shared/locales/translate';

describe('startupErrorMessage', () => {
  const file = '/home/ada/.config/Rapport/rapport.sqlite';
  it.each([
    [new DatabaseError('schema 9 > 1', 'too_new'), 'startup.databaseTooNew'],
    [new DatabaseError('garbage', 'not_a_database'), 'startup.databaseUnreadable'],
    [new DatabaseError('boom', 'migration_failed'), 'startup.databaseMigrationFailed'],
    [
      Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }),
      'startup.databaseUnreadable',
    ],
    [Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }), 'startup.databaseUnreadable'],
    [new Error('Cannot find module better_sqlite3.node'), 'startup.failed'],
    ['a string', 'startup.failed'],
  ] as const)('explains %s', (error, key) => {
    for (const language of ['en', 'it'] as const) {
      const t = translator(language);
      const message = startupErrorMessage(t, error, file);
      expect(message.startsWith(t(key))).toBe(true);
      expect(message).toContain(file);
      expect(message).toContain(error instanceof Error ? error.message : error);
    }
  });
});
