import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Language } from '../shared/domain';
import { LANGUAGES } from '../shared/languages';
import { formatFor, type Format } from '../shared/format';
import { languageOf, translator, type Translate } from '../shared/locales/translate';

/**
 * The CLI speaks the app's language: RAPPORT_LANG when set (en or it), else the language
 * saved in the database's settings, else English (no database yet, or one that cannot be read:
 * the command itself then reports why).
 */
export interface CliWords {
  /** Words in the language chosen so far (English, or RAPPORT_LANG, until `choose` runs). */
  t: Translate;
  /** Money, numbers and dates written in that same language, for tables and summaries. */
  readonly format: Format;
  /**
   * Settles the language for this run from the database the command is about to use. It is
   * read when first needed: from the command's own connection once it has opened the
   * database (`opened`), else through a read-only one of its own.
   */
  choose(databaseFile: string): void;
  /** The database the command opened (cli/session.ts): its language, read on that connection. */
  opened(sqlite: Database.Database): void;
}

export function cliWords(env: Readonly<Record<string, string | undefined>>): CliWords {
  const forced = env.RAPPORT_LANG?.trim() ? languageOf(env.RAPPORT_LANG.trim()) : null;
  let language: Language | null = forced ?? 'en';
  let file: string | null = null;
  let t: Translate | null = null;
  const settled = (): Language => (language ??= (file === null ? null : storedLanguage(file)) ?? 'en');
  return {
    t: (key, values) => (t ??= translator(settled()))(key, values),
    get format() {
      return formatFor(settled());
    },
    choose: (databaseFile) => {
      if (forced !== null) return;
      file = databaseFile;
      language = null;
      t = null;
    },
    opened: (sqlite) => {
      if (forced !== null) return;
      language = languageIn(sqlite) ?? 'en';
      t = null;
    },
  };
}

/** The language in the settings of `file`, read-only and without migrating; null if there is none. */
export function storedLanguage(file: string): Language | null {
  if (!existsSync(file)) return null;
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return languageIn(sqlite);
    } finally {
      sqlite.close();
    }
  } catch {
    // Not a database, a newer or damaged one: English, and the command says what is wrong.
    return null;
  }
}

/** The language in the settings of an open database; null if there is none or it cannot be read. */
function languageIn(sqlite: Database.Database): Language | null {
  try {
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'language'").get() as
      { value: string } | undefined;
    const language: unknown = row ? JSON.parse(row.value) : null;
    return (LANGUAGES as readonly unknown[]).includes(language) ? (language as Language) : null;
  } catch {
    return null;
  }
}
