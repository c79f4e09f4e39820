import type { Command } from 'commander';
import { globals, type App } from '../../kernel/cli/context';
import { fileSize, orDash, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';

/**
 * `rapport backups list|restore`: the automatic backups next to the database. Neither opens the
 * database itself (a list must not migrate it; a restore needs it closed, as `rapport restore`).
 */
export function registerBackups(program: Command, app: App): void {
  const backups = program
    .command('backups')
    .description('the automatic backups kept next to the database (before migrations, imports, restores, and daily)');

  backups
    .command('list')
    .description('list the automatic backups, newest first')
    .addHelpText('after', '\nWith --json, an array of {id, created_at, reason, bytes, sales, customers}.')
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const { listAutomaticBackups } = await import('./service');
      const list = listAutomaticBackups(app.databasePath(g.db));
      if (g.json) return app.print(toJson(list));
      if (list.length === 0) return app.print(app.t('cli.backups.none'));
      app.print(
        table(list, [
          { header: app.t('cli.backups.columns.id'), value: (b) => b.id },
          { header: app.t('cli.backups.columns.date'), value: (b) => app.format.dateTime(b.createdAt) },
          { header: app.t('cli.backups.columns.reason'), value: (b) => app.t(`backups.reasons.${b.reason}`) },
          { header: app.t('cli.backups.columns.size'), value: (b) => fileSize(b.bytes), align: 'right' },
          { header: app.t('cli.backups.columns.sales'), value: (b) => orDash(b.sales), align: 'right' },
          { header: app.t('cli.backups.columns.customers'), value: (b) => orDash(b.customers), align: 'right' },
        ]),
      );
    });

  backups
    .command('restore')
    .description('replace the database with one of the automatic backups; the current one is kept as a backup too')
    .argument('<id>', 'the backup, as `rapport backups list` names it')
    .addHelpText(
      'after',
      '\nChecked like any restore (length, checksum, integrity, schema); if anything is wrong nothing\n' +
        'changes. Close the app first: a database in use is not replaced.\n' +
        'With --json, {restored_from, previous_saved_as, database}.',
    )
    .action(async (id: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const database = app.databasePath(g.db);
      const [{ restoreDatabase }, { automaticBackupFile }] = await Promise.all([
        import('../exchange'),
        import('./service'),
      ]);
      const result = await restoreDatabase(database, automaticBackupFile(database, id), app.io.now());
      if (g.json) return app.print(toJson({ ...result, database }));
      const lines = [app.t('cli.exchange.restored', { database, from: result.restoredFrom })];
      if (result.previousSavedAs) lines.push(app.t('cli.exchange.previousKept', { path: result.previousSavedAs }));
      app.print(lines.join('\n'));
    });
}
