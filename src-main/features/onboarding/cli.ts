import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { localIsoDate } from '../../shared/dates';
import { SAMPLE_SEED } from './choices';
import { Language } from '../../shared/domain';
import type { DataCounts } from './contract';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { toJson } from '../../kernel/cli/json';
import type { App } from '../../kernel/cli/context';

const OPTIONS = { sales: '--sales', seed: '--seed', endDate: '--end', language: '--lang' };

export function registerDemo(program: Command, app: App): void {
  program
    .command('demo')
    .description('add realistic sample customers, products, techniques and sales (deterministic by seed)')
    .requiredOption('--sales <n>', 'how many sales to generate (about a quarter as many customers)')
    .option('--seed <n>', `same seed and end date give the same data (default: ${SAMPLE_SEED})`)
    .option('--end <YYYY-MM-DD>', 'last day of the 24 months of sales (default: today)')
    .option('--lang <en|it>', "language of the sample's texts (default: the app's language setting)")
    .addHelpText(
      'after',
      '\nThe data is added to whatever the database already holds. Try it on a scratch file:\n' +
        '  rapport --db /tmp/sample.sqlite demo --sales 2000 --seed 7\n\n' +
        'With --json, {customers, sales, products, techniques, ms, database}: what was added, how long it took.\n' +
        'The rows are marked as sample data: `rapport sample remove` takes them out again.',
    )
    .action(async (options: { sales: string; seed?: string; end?: string; lang?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const sales = wholeNumber(options.sales, 'sales', issues);
      const seed = wholeNumber(options.seed ?? String(SAMPLE_SEED), 'seed', issues);
      const language = options.lang === undefined ? undefined : Language.safeParse(options.lang.trim()).data;
      if (options.lang !== undefined && language === undefined)
        issues.push({ path: 'language', message: 'cli.issues.languageGot', values: { raw: options.lang } });
      if (issues.length > 0 || sales === undefined || seed === undefined)
        throw invalidInput(issues, OPTIONS, 'cli.invalid.noSampleData');
      const endDate = options.end?.trim() ?? localIsoDate(app.io.now());

      const { counts, ms } = await app.session(
        g,
        async ({ store }) => {
          const [{ generateDemo }, { getSettings }] = await Promise.all([
            import('./sampleData'),
            import('../settings'),
          ]);
          const settings = await getSettings(store.db);
          const { currency } = settings;
          // Timed from the first insert to the commit: what the generator costs, not Node's startup.
          const started = performance.now();
          const result = await generateDemo(
            store,
            { sales, seed, endDate, currency, language: language ?? settings.language },
            app.io.now(),
            // A million sales take about a minute: each step says so as it begins, on stderr.
            app.io.progress
              ? (step) =>
                  app.io.stderr(
                    `rapport: ${app.t(`cli.demo.steps.${step}`, { s: Math.round((performance.now() - started) / 1000) })}\n`,
                  )
              : undefined,
          );
          return { counts: result, ms: Math.round(performance.now() - started) };
        },
        // One connection: the demo writes the file with a rollback journal when nobody else has it open.
        { alone: true },
      );
      const file = app.databasePath(g.db);
      if (g.json) return app.print(toJson({ ...counts, ms, database: file }));
      app.print(app.t('cli.demo.added', { ...counts, file, ms }));
    });
}

/** Rows of each kind as the catalogue words them, the kinds with none left out. */
function describeCounts(app: App, counts: DataCounts): string {
  const parts = (Object.keys(counts) as (keyof DataCounts)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => app.t(`data.kinds.${kind}`, { count: counts[kind], formatted: String(counts[kind]) }));
  return parts.length === 0 ? app.t('cli.sample.nothing') : parts.join(', ');
}

/** `rapport sample count` and `rapport sample remove`: the sample rows `demo` and onboarding added. */
export function registerSample(program: Command, app: App): void {
  const sample = program
    .command('sample')
    .description('count or remove the sample data (what `demo` or "explore with sample data" added)');
  sample
    .command('count')
    .description('how many sample rows of each kind there are, and how many rows in all')
    .addHelpText('after', '\nWith --json, {sample, all}: rows of each kind.')
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const counts = await app.session(g, ({ handlers }) => call(handlers, 'onboarding.dataCounts', undefined, {}));
      if (g.json) return app.print(toJson(counts));
      app.print(app.t('cli.sample.counted', { sample: describeCounts(app, counts.sample) }));
    });
  sample
    .command('remove')
    .description('remove the sample rows and what hangs off them; what you entered yourself stays')
    .addHelpText(
      'after',
      '\nOne transaction: either every sample row goes or none does. A sample customer, product or\n' +
        'technique that one of your own sales uses stays.\n\nWith --json, the rows removed of each kind.',
    )
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const removed = await app.session(g, ({ handlers }) => call(handlers, 'onboarding.removeSample', undefined, {}));
      if (g.json) return app.print(toJson(removed));
      app.print(app.t('cli.sample.removed', { removed: describeCounts(app, removed) }));
    });
}
