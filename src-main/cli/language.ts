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
  /** Settles the language for this run from the database the command is about to use. */
  choose(databaseFile: string): void;
}

export function cliWords(env: Readonly<Record<string, string | undefined>>): CliWords {
  const forced = env.RAPPORT_LANG?.trim() ? languageOf(env.RAPPORT_LANG.trim()) : null;
  let language: Language = forced ?? 'en';
  let t = translator(language);
  return {
    t: (key, values) => t(key, values),
    get format() {
      return formatFor(language);
    },
    choose: (databaseFile) => {
      if (forced !== null) return;
      language = storedLanguage(databaseFile) ?? 'en';
      t = translator(language);
    },
  };
}

/** The language in the settings of `file`, read-only and without migrating; null if there is none. */
export function storedLanguage(file: string): Language | null {
  if (!existsSync(file)) return null;
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'language'").get() as
        { value: string } | undefined;
      const language: unknown = row ? JSON.parse(row.value) : null;
      return (LANGUAGES as readonly unknown[]).includes(language) ? (language as Language) : null;
    } finally {
      sqlite.close();
    }
  } catch {
    // Not a database, a newer or damaged one: English, and the command says what is wrong.
    return null;
  }
}
