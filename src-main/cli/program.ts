import { Command } from 'commander';
import { globals, type App, type CliIO } from '../kernel/cli/context';
import { appDatabasePath, databasePath, withSession } from './session';
import type { CliWords } from './language';
import { registerCare } from '../features/care/cli';
import { registerCustomers } from '../features/customers/cli';
import { registerDemo, registerSample } from '../features/onboarding/cli';
import { registerExchange } from '../features/exchange/cli';
import { registerBackups } from '../features/backups/cli';
import { registerGoals } from '../features/goals/cli';
import { registerImport } from '../features/imports/cli';
import { registerJournal } from '../features/journal/cli';
import { registerSales } from '../features/sales/cli';
import { registerSearch } from '../features/search/cli';
import { registerStats } from '../features/metrics/cli';
import { registerTechniqueStats, registerTechniques } from '../features/techniques/cli';
import { registerExperiments } from '../features/experiments/cli';
import { registerTraining } from '../features/training/cli';
import { registerLibrary } from '../features/library/cli';
import { registerReport } from '../features/reports/cli';
import { registerCoach } from '../features/coach/cli';

/**
 * The `rapport` command tree. Settings made here (exitOverride, output, help) are copied to
 * every subcommand when it is created, so they must come before the commands.
 */
export function createProgram(io: CliIO, version: string, words: CliWords): Command {
  const app: App = {
    io,
    version,
    t: words.t,
    get format() {
      return words.format;
    },
    print: (text) => io.stdout(`${text}\n`),
    databasePath: (explicit) => databasePath(io, explicit),
    session: (options, fn, open) =>
      withSession(
        io,
        options,
        version,
        (session) => {
          words.opened(session.store.sqlite);
          return fn(session);
        },
        open,
      ),
  };
  const program = new Command('rapport')
    .description('Rapport on the command line: the same database as the desktop app.')
    .version(version, '-V, --version', 'print the version')
    .option('--db <path>', `database file (default: $RAPPORT_DB if set, else the app's ${appDatabasePath(io)})`)
    .option('--json', 'print machine-readable JSON instead of tables')
    // Throw instead of exiting so main.ts maps usage errors to exit code 2 and closes the database.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 invalid input or unusable database (nothing written), 2 wrong usage.\n' +
        'Run "rapport <command> --help" for the options of a command.\n' +
        'Messages follow the language chosen in the app (English when there is no database yet);\n' +
        'RAPPORT_LANG=en or RAPPORT_LANG=it chooses one for a single run.',
    )
    // Before any command runs (and checks its options), speak the language of the database it uses.
    .hook('preAction', (_program, command) => words.choose(databasePath(io, globals(command).db)));
  registerCustomers(program, app);
  registerSales(program, app);
  registerStats(program, app);
  registerDemo(program, app);
  registerSample(program, app);
  registerExchange(program, app);
  registerBackups(program, app);
  registerImport(program, app);
  registerCare(program, app);
  registerGoals(program, app);
  registerTechniques(program, app);
  // After the catalogue's `techniques` group: `stats` joins it.
  registerTechniqueStats(program, app);
  registerJournal(program, app);
  registerExperiments(program, app);
  registerTraining(program, app);
  // After the journal's commands: `journal search` joins that group.
  registerSearch(program, app);
  registerLibrary(program, app);
  registerReport(program, app);
  registerCoach(program, app);
  return program;
}
