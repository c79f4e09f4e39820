import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src-main/db/connection';
import { startupErrorMessage } from '../../src-main/platform/startup';
import { SHELL_STRINGS } from '../../src-main/platform/strings';

describe('startupErrorMessage', () => {
  const file = '/home/ada/.config/Rapport/rapport.sqlite';
  it.each([
    [new DatabaseError('schema 9 > 1', 'too_new'), 'databaseTooNew'],
    [new DatabaseError('garbage', 'not_a_database'), 'databaseUnreadable'],
    [new DatabaseError('boom', 'migration_failed'), 'databaseMigrationFailed'],
    [Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }), 'databaseUnreadable'],
    [Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }), 'databaseUnreadable'],
    [new Error('Cannot find module better_sqlite3.node'), 'startupFailed'],
    ['a string', 'startupFailed'],
  ] as const)('explains %s', (error, key) => {
    for (const language of ['en', 'it'] as const) {
      const message = startupErrorMessage(SHELL_STRINGS[language], error, file);
      expect(message.startsWith(SHELL_STRINGS[language][key])).toBe(true);
      expect(message).toContain(file);
      expect(message).toContain(error instanceof Error ? error.message : error);
    }
  });
});
