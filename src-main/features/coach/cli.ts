import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { globals, invalidInput, type App } from '../../kernel/cli/context';
import { toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { checkFilePath } from '../../kernel/filePaths';
import { COACH_EXPORT_FORMATS } from './choices';

const OPTIONS: OptionNames = { files: 'FILE', format: '--format', path: '--out' };

/**
 * `rapport coach summary FILE… --out FILE [--format pdf|csv]`: the coach workspace's combined
 * summary of sellers' JSON reports, each read and checked exactly as the workspace does (a
 * refused file stops the command with the check that failed); nothing is kept in the database.
 */
export function registerCoach(program: Command, app: App): void {
  const coach = program.command('coach').description("a coach's view across sellers' JSON reports");
  coach
    .command('summary')
    .description("one combined summary (PDF or CSV) of sellers' JSON reports")
    .argument('<files...>', 'JSON reports written by "rapport report --format json"')
    .option('--out <file>', 'the file to write (.pdf or .csv)')
    .option('--format <format>', `${COACH_EXPORT_FORMATS.join(' or ')} (default: from the --out extension)`)
    .option('--force', 'replace the file if it exists')
    .addHelpText('after', '\nExample:\n  rapport coach summary sara.json luca.json --out team-q2.pdf')
    .action(async (files: string[], o: { out?: string; format?: string; force?: boolean }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      if (o.out === undefined) issues.push({ path: 'path', message: 'errors.required' });
      const out = o.out === undefined ? undefined : resolve(o.out);
      const format = o.format ?? out?.toLowerCase().match(/\.(pdf|csv)$/)?.[1];
      if (format !== 'pdf' && format !== 'csv')
        issues.push(
          format === undefined
            ? { path: 'format', message: 'errors.required' }
            : { path: 'format', message: 'coach.cli.formatGot', values: { raw: format } },
        );
      if (issues.length > 0 || (format !== 'pdf' && format !== 'csv')) throw invalidInput(issues, OPTIONS);
      const result = await app.session(g, async ({ store }) => {
        const [{ readReportFiles, writeSummary }, { getSettings }] = await Promise.all([
          import('./handlers'),
          import('../settings'),
        ]);
        const reports = await readReportFiles(
          files.map((f) => resolve(f)),
          store.file,
        );
        const { language } = await getSettings(store.db);
        const purpose = format === 'pdf' ? 'coach-pdf' : 'coach-csv';
        const file = checkFilePath(purpose, out!, store.file, { field: 'path' });
        return writeSummary(reports, [], format, file, { language, now: app.io.now(), overwrite: o.force === true });
      });
      if (g.json) return app.print(toJson(result));
      app.print(app.t('coach.cli.written', { path: result.path, count: result.rows }));
    });
}
