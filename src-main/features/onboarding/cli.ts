import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { localIsoDate } from '../../shared/dates';
import { generateSampleData } from './sampleData';
import { SAMPLE_SEED } from './sampleData';
import { getSettings } from '../settings';
import { globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { toJson } from '../../kernel/cli/json';
import type { App } from '../../kernel/cli/context';

const OPTIONS = { sales: '--sales', seed: '--seed', endDate: '--end' };

export function registerDemo(program: Command, app: App): void {
  program
    .command('demo')
    .description('add realistic sample customers, products, techniques and sales (deterministic by seed)')
    .requiredOption('--sales <n>', 'how many sales to generate (about a quarter as many customers)')
    .option('--seed <n>', `same seed and end date give the same data (default: ${SAMPLE_SEED})`)
    .option('--end <YYYY-MM-DD>', 'last day of the 24 months of sales (default: today)')
    .addHelpText(
      'after',
      '\nThe data is added to whatever the database already holds. Try it on a scratch file:\n' +
        '  rapport --db /tmp/sample.sqlite demo --sales 2000 --seed 7\n\n' +
        'With --json, {customers, sales, products, techniques, ms, database}: what was added, how long it took.',
    )
    .action(async (options: { sales: string; seed?: string; end?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const sales = wholeNumber(options.sales, 'sales', issues);
      const seed = wholeNumber(options.seed ?? String(SAMPLE_SEED), 'seed', issues);
      if (issues.length > 0 || sales === undefined || seed === undefined)
        throw invalidInput(issues, OPTIONS, 'cli.invalid.noSampleData');
      const endDate = options.end?.trim() ?? localIsoDate(app.io.now());

      const { counts, ms } = await app.session(g, async ({ store }) => {
        const { currency } = await getSettings(store.db);
        // Timed from the first insert to the commit: what the generator costs, not Node's startup.
        const started = performance.now();
        const result = await store.db
          .transaction()
          .execute((trx) => generateSampleData(trx, { sales, seed, endDate, currency }, app.io.now()));
        return { counts: result, ms: Math.round(performance.now() - started) };
      });
      const file = app.databasePath(g.db);
      if (g.json) return app.print(toJson({ ...counts, ms, database: file }));
      app.print(app.t('cli.demo.added', { ...counts, file, ms }));
    });
}
