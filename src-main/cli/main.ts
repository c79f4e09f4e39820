import { homedir } from 'node:os';
import { CommanderError } from 'commander';
import { DatabaseError } from '../db/connection';
import { AppError, environmentError } from '../kernel/errors';
import { CliInputError, type CliIO } from '../kernel/cli/context';
import { describeIssue, formatIssues } from '../kernel/cli/messages';
import type { Translate } from '../shared/locales/translate';
import { cliWords } from './language';
import { createProgram } from './program';

/** Set by vite.cli.config.ts from package.json; absent when this file runs unbuilt. */
declare const __RAPPORT_VERSION__: string | undefined;
export const VERSION = typeof __RAPPORT_VERSION__ === 'string' ? __RAPPORT_VERSION__ : '0.0.0-dev';

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export function processIO(): CliIO {
  // `rapport sales list | head` closes the pipe early; that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    platform: process.platform,
    home: homedir(),
    now: () => new Date(),
    progress: process.stderr.isTTY === true || process.env.RAPPORT_PROGRESS === '1',
  };
}

/**
 * Runs one `rapport` invocation and returns its exit code instead of exiting, so the
 * database is always closed and output flushed before the process ends (bin/rapport.js
 * sets process.exitCode). `argv` is the user's arguments, without node and the script.
 */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const words = cliWords(io.env);
  const program = createProgram(io, VERSION, words);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return report(error, io, words.t);
  }
}

function report(error: unknown, io: CliIO, t: Translate): number {
  const say = (text: string): void => io.stderr(`${text}\n`);
  const headline = (e: AppError): void => say(t('cli.error', { message: describeIssue(e.message, t, e.values) }));
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help) to stderr/stdout.
    const fine = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
    return fine && error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CliInputError) {
    headline(error);
    for (const line of formatIssues(error.issues ?? [], error.options, t)) say(line);
    return EXIT.invalid;
  }
  const environment = error instanceof AppError ? null : environmentError(error);
  if (environment) {
    headline(environment);
    if (io.env.RAPPORT_DEBUG && error instanceof Error) say(error.stack ?? error.message);
    return EXIT.invalid;
  }
  if (error instanceof AppError) {
    headline(error);
    for (const line of formatIssues(error.issues ?? [], {}, t)) say(line);
    return EXIT.invalid;
  }
  if (error instanceof DatabaseError) {
    say(`rapport: ${error.message}`);
    return EXIT.invalid;
  }
  // Unexpected: a bug or an environment problem (disk full, permissions). Still exit 1 with
  // the message; the stack only on request, as it means nothing to a seller.
  say(`rapport: ${error instanceof Error ? error.message : String(error)}`);
  if (io.env.RAPPORT_DEBUG && error instanceof Error && error.stack) say(error.stack);
  return EXIT.invalid;
}
