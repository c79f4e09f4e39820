import type { Command } from 'commander';
import type { Api, Channel, FieldIssue, MessageValues, Output } from '../../shared/api';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';
import type { Store } from '../../db/connection';
import type { Handlers } from '../handlers';
import { AppError } from '../errors';
import { issueWords, type OptionNames } from './messages';

/** Everything the CLI touches in the outside world, so `run` can be driven without a process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  now(): Date;
  /** Draw progress lines on stderr: it is a terminal (or RAPPORT_PROGRESS=1 asks for them). */
  progress?: boolean;
}

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export interface Session {
  store: Store;
  /** Each handler parses its input with its channel's schema first (checkInput). */
  handlers: Handlers;
}

/**
 * What the CLI's handlers are given (cli/session.ts): the command-line values are `unknown`
 * until the channel's own schema parses them, loaded with its feature. Its issues are reported
 * against the option names by `call`, like a service's own.
 */
export function checkInput(operation: Api[Channel], input: unknown): unknown {
  const parsed = operation.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(issueWords).map((i) => ({ ...i, path: i.path.map(String).join('.') }));
    throw new AppError('invalid_input', 'cli.invalid.input', issues);
  }
  return parsed.data;
}

/**
 * Calls a backend handler the way IPC does (the session's handlers parse the input first, see
 * checkInput). Issues are reported against the option names.
 */
export async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: unknown,
  options: OptionNames,
): Promise<Output<C>> {
  const handler = handlers[channel] as (input: unknown) => Promise<Output<C>>;
  try {
    return await handler(input);
  } catch (error) {
    // The schema's issues, and a service's own checks (a day that has not come, an unknown
    // product) naming schema fields too: reported against the options the user typed.
    if (
      error instanceof AppError &&
      error.code === 'invalid_input' &&
      !(error instanceof CliInputError) &&
      error.issues?.length
    )
      throw invalidInput(error.issues, options, error.message, error.values);
    throw error;
  }
}

/** Carries the option names so main.ts can phrase the issues for the command line. */
export class CliInputError extends AppError {
  constructor(
    message: string,
    issues: FieldIssue[],
    readonly options: OptionNames,
    values?: MessageValues,
  ) {
    super('invalid_input', message, issues, values);
    this.name = 'CliInputError';
  }
}

/** `headline` is a catalogue key (cli.invalid.*) or, from older callers, plain text. */
export function invalidInput(
  issues: readonly { path: readonly PropertyKey[] | string; message: string; values?: MessageValues }[],
  options: OptionNames,
  headline = 'cli.invalid.input',
  values?: MessageValues,
): CliInputError {
  return new CliInputError(
    headline,
    issues.map((i) => ({
      path: typeof i.path === 'string' ? i.path : i.path.map(String).join('.'),
      message: i.message,
      ...(i.values && { values: i.values }),
    })),
    options,
    values,
  );
}

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Parses a whole-number option ("12"). Anything else becomes an issue on `path` and
 * undefined, so a command can report every bad option at once instead of the first.
 */
export function wholeNumber(raw: string | undefined, path: string, issues: FieldIssue[]): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\s*-?\d{1,15}\s*$/.test(raw)) {
    issues.push({ path, message: 'cli.issues.wholeNumberGot', values: { raw } });
    return undefined;
  }
  return Number(raw);
}

/**
 * What every command needs: the outside world, the version, a way to print a result, and
 * the database for the length of one command (opened and wired by the cli/ folder, so a
 * feature's commands never reach for the wiring themselves).
 */
export interface App {
  io: CliIO;
  version: string;
  /** Words from the catalogue in the app's language (cli/language.ts). */
  t: Translate;
  /**
   * Money, numbers and dates for people, in that same language ("1.234,50 €", "3 dic 2026");
   * --json output keeps minor units and ISO days for programs.
   */
  readonly format: Format;
  print(text: string): void;
  /** `--db`, else `RAPPORT_DB`, else the desktop app's own database. */
  databasePath(explicit: string | undefined): string;
  /**
   * Opens the database for one command and always closes it; `alone`: on one connection, for a
   * command that takes the file for itself (db/connection.ts OpenOptions).
   */
  session<T>(options: GlobalOptions, fn: (session: Session) => Promise<T>, open?: { alone?: boolean }): Promise<T>;
}
