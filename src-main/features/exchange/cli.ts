import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { checkFilePath } from '../../kernel/filePaths';
import { CSV_DIALECTS, EXPORT_KINDS } from './choices';
import type { CsvDialect, ExportKind } from './contract';
import { call, globals } from '../../kernel/cli/context';
import { toJson } from '../../kernel/cli/json';
import { fileSize } from '../../kernel/cli/format';
import type { OptionNames } from '../../kernel/cli/messages';
import type { App } from '../../kernel/cli/context';

const OPTIONS: OptionNames = { path: '--out', kind: 'kind', overwrite: '--force', dialect: '--dialect' };

export function registerExchange(program: Command, app: App): void {
  program
    .command('export')
    .description('write every sale or customer to a CSV file (UTF-8, opens in Excel and LibreOffice)')
    .addArgument(new Argument('<kind>', 'what to export').choices(EXPORT_KINDS))
    .requiredOption('--out <file.csv>', 'the file to write')
    .option('--force', 'replace the file if it exists')
    .addOption(
      new Option(
        '--dialect <dialect>',
        "comma (1234.50) or semicolon (1234,50, for an Italian spreadsheet); default: the database's language's",
      ).choices(CSV_DIALECTS),
    )
    .addHelpText(
      'after',
      '\nThe file appears complete or not at all. Text that a spreadsheet would run as a formula\n' +
        "(starting with = + - @) is written with a leading ' and read back unchanged by rapport import.\n" +
        "Headers are in the database's language; dates are YYYY-MM-DD in every dialect.\n" +
        'With --json, {path, rows, bytes}.\n\n' +
        'Examples:\n  rapport export sales --out ~/sales.csv\n  rapport export customers --out customers.csv --force\n' +
        '  rapport export sales --out vendite.csv --dialect semicolon',
    )
    .action(
      async (kind: ExportKind, options: { out: string; force?: boolean; dialect?: CsvDialect }, command: Command) => {
        const g = globals(command);
        const input = { kind, path: resolve(options.out), overwrite: options.force === true, dialect: options.dialect };
        const result = await app.session(g, ({ handlers }) => call(handlers, 'data.export', input, OPTIONS));
        if (g.json) return app.print(toJson(result));
        app.print(
          app.t('cli.exchange.exported', {
            rows: result.rows,
            kind: app.t(`cli.exportKinds.${kind}`),
            path: result.path,
            size: fileSize(result.bytes),
          }),
        );
      },
    );

  program
    .command('backup')
    .description('copy the whole database to one file, safely even while the app is running')
    .requiredOption('--out <file.sqlite>', 'the backup file to write (.sqlite, .sqlite3, .db or .bak)')
    .option('--force', 'replace the file if it exists')
    .addHelpText(
      'after',
      '\nThe file appears complete or not at all, with its SHA-256 beside it in <file>.sha256\n' +
        '(sha256sum -c reads it); rapport restore checks it.\n' +
        'With --json, {path, bytes}.\n\nExample:\n  rapport backup --out ~/Backups/rapport-2026-11-27.sqlite',
    )
    .action(async (options: { out: string; force?: boolean }, command: Command) => {
      const g = globals(command);
      const input = { path: resolve(options.out), overwrite: options.force === true };
      const result = await app.session(g, ({ handlers }) => call(handlers, 'data.backup', input, OPTIONS));
      if (g.json) return app.print(toJson(result));
      app.print(app.t('cli.exchange.backedUp', { path: result.path, size: fileSize(result.bytes) }));
    });

  program
    .command('restore')
    .description('replace the database with a backup; the current one is kept next to it')
    .argument('<file>', 'a backup made by rapport backup or the app')
    .addHelpText(
      'after',
      '\nThe backup is checked first (a SQLite file as long as its header says, intact, its checksum\n' +
        'when <file>.sha256 is beside it, the very schema this version gives its schema version);\n' +
        'if anything is wrong nothing changes. Close the app first: a database in use is not replaced.\n' +
        'With --json, {restored_from, previous_saved_as, database} (previous_saved_as null when there was none).\n\n' +
        'Example:\n  rapport restore ~/Backups/rapport-2026-11-27.sqlite',
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const database = app.databasePath(g.db);
      const candidate = checkFilePath('restore', resolve(file), database);
      mkdirSync(dirname(database), { recursive: true });
      const { restoreDatabase } = await import('./backup');
      const result = await restoreDatabase(database, candidate, app.io.now());
      if (g.json) return app.print(toJson({ ...result, database }));
      const lines = [app.t('cli.exchange.restored', { database, from: result.restoredFrom })];
      if (result.previousSavedAs) lines.push(app.t('cli.exchange.previousKept', { path: result.previousSavedAs }));
      app.print(lines.join('\n'));
    });
}
