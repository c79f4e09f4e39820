import type { Language } from '../../shared/domain';
import { translator } from '../../shared/locales/translate';
import { AppError } from '../../kernel/errors';
import { describeIssue } from '../../kernel/cli/messages';
import type { ImportIssue } from './contract';

/**
 * What can be wrong with one cell (or row) of an imported file: a key under `importIssues`
 * in the message catalogue (shared/locales), or a shared schema's `errors.*` key. The key and
 * values cross to the renderer, which words them in the user's language; the CLI and the
 * rejected-rows CSV word them here.
 */
export type ImportIssueKey =
  | 'columnCount'
  | 'required'
  | 'wholeNumber'
  | 'currency'
  | 'negative'
  | 'wrongDecimal'
  | 'notNumber'
  | 'noDecimals'
  | 'tooManyDecimals'
  | 'tooLarge'
  | 'notDay'
  | 'notTime'
  | 'dayOutOfRange'
  | 'ambiguousDay'
  | 'status'
  | 'tooLong'
  | 'techniqueTooLong'
  | 'notValue'
  | 'notYet'
  | 'valueColumns';
export type IssueValues = Readonly<Record<string, string | number>>;

/** The cell as a message quotes it: at most 40 characters. */
export const clipCell = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * An issue's text in `language`, "(got …)" included. In English a schema's `errors.*` key
 * takes the CLI's wording (kernel/cli/messages.ts, which completes "field: …"), as it always
 * has; every other text comes from the catalogue.
 */
export function issueText(issue: Pick<ImportIssue, 'key' | 'values'>, language: Language): string {
  const t = translator(language);
  const schemaKey = issue.key.startsWith('errors.');
  const text =
    schemaKey && language === 'en'
      ? describeIssue(issue.key)
      : t(schemaKey ? issue.key : `importIssues.${issue.key}`, issue.values);
  const got = issue.values.got;
  return got === undefined ? text : `${text} ${t('importIssues.got', { value: got })}`;
}

/** A problem with `field` of the record on `line`; `got` is the cell as read. */
export function rowIssue(
  line: number,
  field: string,
  column: string | null,
  key: ImportIssueKey | `errors.${string}`,
  values: IssueValues = {},
  got = '',
): ImportIssue {
  const all = got === '' ? values : { ...values, got: clipCell(got) };
  return { line, field, column, key, values: all, message: issueText({ key, values: all }, 'en') };
}

/** One problem with the file as a whole, as a key under `import.fileErrors` and its values. */
export interface FileProblem {
  key: string;
  values: Readonly<Record<string, string | number>>;
}

/**
 * A problem with the file as a whole: nothing can be imported from it. Its message is English
 * (the CLI's); `inLanguage` words the same problems for the user.
 */
export class ImportFileError extends AppError {
  constructor(readonly problems: readonly FileProblem[]) {
    super('invalid_input', wordProblems(problems, 'en'));
    this.name = 'ImportFileError';
  }

  static of(key: string, values: FileProblem['values'] = {}): ImportFileError {
    return new ImportFileError([{ key, values }]);
  }

  /** The same error, its message in `language`. */
  inLanguage(language: Language): ImportFileError {
    const error = new ImportFileError(this.problems);
    error.message = wordProblems(this.problems, language);
    return error;
  }
}

function wordProblems(problems: readonly FileProblem[], language: Language): string {
  const t = translator(language);
  return problems.map((p) => t(`import.fileErrors.${p.key}`, p.values)).join(' ');
}
