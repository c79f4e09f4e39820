import type { z } from 'zod';
import type { FieldIssue, MessageValues } from '../../shared/api';
import { hasMessage, translator, type Translate } from '../../shared/locales/translate';

/**
 * Validation issues in words for the command line, from the catalogue. The schemas' keys
 * ('errors.date') have a CLI wording under cli.issues.* that completes "--option: …"; the
 * CLI's own checks send cli.issues.* keys with values; plain text passes through.
 */
// Made when first used: a command that words no issue (`rapport --help`) makes no translator.
const english: Translate = (key, values) => translator('en')(key, values);

/** A message key in words (English unless a translator is given); anything else as it is. */
export function describeIssue(message: string, t: Translate = english, values?: MessageValues): string {
  const key = message.startsWith('errors.') ? `cli.issues.${message.slice('errors.'.length)}` : message;
  return hasMessage(key) ? t(key, values) : message;
}

/**
 * Our schemas carry message keys; zod's built-in checks without one (limits such as
 * `--limit` ≤ 500) get a key of a short phrase in place of zod's developer-facing text.
 */
export function issueWords(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string; values?: MessageValues } {
  const { path, message } = issue;
  if (message.startsWith('errors.')) return { path, message };
  if (issue.code === 'too_big') return { path, message: 'cli.issues.atMost', values: { max: String(issue.maximum) } };
  if (issue.code === 'too_small')
    return { path, message: 'cli.issues.atLeast', values: { min: String(issue.minimum) } };
  if (issue.code === 'invalid_type')
    return issue.expected === 'int'
      ? { path, message: 'cli.issues.mustBeWhole' }
      : { path, message: 'cli.issues.mustBeType', values: { type: issue.expected } };
  return { path, message };
}

/** issueWords with zod's own checks already in English words, for callers that keep only the text. */
export function plainIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  const words = issueWords(issue);
  return {
    path: words.path,
    message: words.message.startsWith('errors.') ? words.message : describeIssue(words.message, english, words.values),
  };
}

/** Schema field paths → the option the user typed, so errors name what they can fix. */
export type OptionNames = Readonly<Record<string, string>>;

/** One line per issue: "--satisfaction: must be a whole number from 1 to 5". */
export function formatIssues(issues: readonly FieldIssue[], options: OptionNames, t: Translate = english): string[] {
  const lines = issues.map((issue) => {
    const root = issue.path.split('.')[0] ?? '';
    const where = options[issue.path] ?? options[root] ?? (issue.path || 'input');
    return t('cli.issue', { where, message: describeIssue(issue.message, t, issue.values) });
  });
  return [...new Set(lines)];
}
