import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { ImportKind, ImportOptions, ImportResult } from './contract';
import { AppError } from '../../kernel/errors';
import { globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import { plainIssue, type OptionNames } from '../../kernel/cli/messages';
import type { App } from '../../kernel/cli/context';

interface ImportCliOptions {
  map?: string[];
  delimiter?: string;
  encoding?: string;
  dateFormat?: string;
  decimal?: string;
  currency?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
}

const OPTIONS: OptionNames = {
  mapping: '--map',
  delimiter: '--delimiter',
  encoding: '--encoding',
  dateFormat: '--date-format',
  decimal: '--decimal',
  currency: '--currency',
};

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
};

/** Command-line values -> ImportOptions (`schema`, the contract's), every problem reported at once. */
function parseOptions(options: ImportCliOptions, schema: typeof ImportOptions): ImportOptions {
  const issues: FieldIssue[] = [];
  const mapping: Record<string, string> = {};
  for (const pair of options.map ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) issues.push({ path: 'mapping', message: `must be FIELD=HEADER (got "${pair}")` });
    else mapping[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const parsed = schema.safeParse({
    mapping: options.map ? mapping : undefined,
    delimiter: options.delimiter === undefined ? undefined : (DELIMITER_NAMES[options.delimiter] ?? options.delimiter),
    encoding: options.encoding
      ?.trim()
      .toLowerCase()
      .replace(/^utf8$/, 'utf-8')
      .replace(/^(cp|win)-?1252$/, 'windows-1252'),
    dateFormat: options.dateFormat,
    decimal: options.decimal,
    currency: options.currency?.trim().toUpperCase(),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const message =
        issue.code === 'invalid_value'
          ? `must be one of ${issue.values.map((v) => (v === '\t' ? 'tab' : `"${String(v)}"`)).join(', ')}`
          : plainIssue(issue).message;
      issues.push({ path: issue.path.map(String).join('.'), message });
    }
  if (issues.length > 0 || !parsed.success) throw invalidInput(issues, OPTIONS, 'Nothing was imported:');
  return parsed.data;
}

function describeError(e: { line: number; field: string; column: string | null; message: string }): string {
  const where = e.column ? `${e.field} (column "${e.column}")` : e.field || 'row';
  return `  line ${e.line}, ${where}: ${e.message}`;
}

function describeResult(r: ImportResult, kind: ImportKind): string {
  const what = kind === 'sales' ? 'sales' : 'customers';
  const lines = [
    `${r.dry_run ? 'Dry run, nothing written: would import' : 'Imported'} ${r.inserted} ${what}` +
      (r.batch_id === null ? '' : ` as batch ${r.batch_id}`) +
      `; ${r.duplicates} already there, ${r.skipped} rejected` +
      (kind === 'sales' ? `, ${r.customers_created} new customers.` : '.'),
  ];
  if (r.batch_id !== null) lines.push(`Undo with: rapport import undo ${r.batch_id}`);
  if (r.rejected_file) lines.push(`Rejected rows, with a reason column: ${r.rejected_file}`);
  return lines.join('\n');
}

export function registerImport(program: Command, app: App): void {
  const command = program.command('import').description('import sales or customers from CSV; list and undo imports');

  for (const kind of ['sales', 'customers'] as const) {
    command
      .command(kind)
      .description(`import ${kind} from a CSV file (all or nothing unless --skip-invalid)`)
      .argument('<file>', 'CSV file: UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252')
      .option('--map <field=header>', 'use this column for a field; repeat for several', collect)
      .option('--delimiter <c>', 'one of , ; | or tab (default: detected)')
      .option('--encoding <e>', 'utf-8, utf-16le, utf-16be or windows-1252 (default: detected)')
      .option('--date-format <f>', 'yyyy-MM-dd, dd/MM/yyyy, MM/dd/yyyy or dd.MM.yyyy (default: detected)')
      .option('--decimal <c>', 'decimal separator of amounts: , or . (default: detected)')
      .option('--currency <code>', 'for rows without a currency (default: the currency in settings)')
      .option('--skip-invalid', 'import the valid rows; save the others to <file>.rejected.csv with a reason')
      .option('--dry-run', 'check everything and report, write nothing')
      .addHelpText(
        'after',
        `\nFields: ${kind === 'sales' ? 'date, opened_on, customer, customer_email, product, amount, currency, status,\n  stage, technique, satisfaction, nps, title, notes, lost_reason, external_id' : 'name, company, email, phone, segment, industry, region, company_size,\n  acquisition_source, tags, notes, external_id'}` +
          '\nColumns are matched from English, Italian and CRM header names; --map overrides.\n' +
          'Importing the same file again adds nothing. With --json: batch_id, inserted, duplicates,\n' +
          'skipped, customers_created, errors ({line, field, column, message}), error_count, dry_run.\n\n' +
          `Example:\n  rapport import ${kind} export.csv --date-format dd/MM/yyyy --map amount="Deal - Value" --dry-run`,
      )
      .action(async (file: string, options: ImportCliOptions, cmd: Command) => {
        const g = globals(cmd);
        const importOptions = parseOptions(options, (await import('./contract')).ImportOptions);
        const controller = new AbortController();
        const onSigint = (): void => controller.abort();
        process.once('SIGINT', onSigint);
        let result: ImportResult;
        try {
          result = await app.session(g, async ({ store }) => {
            const [{ runImport }, { getSettings }] = await Promise.all([import('./engine'), import('../settings')]);
            const settings = await getSettings(store.db);
            return runImport(store, {
              path: resolve(file),
              kind,
              options: importOptions,
              skipInvalid: options.skipInvalid === true,
              dryRun: options.dryRun === true,
              defaultCurrency: settings.currency,
              // The terminal speaks English; the rejected-rows file is for the user's spreadsheet.
              language: settings.language,
              now: app.io.now(),
              signal: controller.signal,
              onProgress: app.io.progress
                ? (p) =>
                    app.io.stderr(
                      `\rrapport: ${p.rows} rows, ${Math.round((100 * p.bytes) / Math.max(p.totalBytes, 1))}%, ${p.rowsPerSecond} rows/s `,
                    )
                : undefined,
            });
          });
        } catch (error) {
          if (g.json && error instanceof AppError) {
            app.print(
              JSON.stringify(
                {
                  batch_id: null,
                  inserted: 0,
                  duplicates: 0,
                  skipped: 0,
                  customers_created: 0,
                  errors: [{ line: 0, field: 'file', column: null, message: error.message }],
                  error_count: 1,
                },
                null,
                2,
              ),
            );
          }
          throw error;
        } finally {
          process.off('SIGINT', onSigint);
          if (app.io.progress) app.io.stderr('\n');
        }
        if (g.json) app.print(JSON.stringify(result, null, 2));
        const failed = result.error_count > 0 && options.skipInvalid !== true;
        if (failed) {
          for (const e of result.errors) app.io.stderr(`${describeError(e)}\n`);
          if (result.error_count > result.errors.length)
            app.io.stderr(`  … and ${result.error_count - result.errors.length} more\n`);
          throw new AppError(
            'invalid_input',
            `Nothing was imported: ${result.skipped} of the rows have errors. Fix them, or use --skip-invalid to import the others.`,
          );
        }
        if (!g.json) {
          app.print(describeResult(result, kind));
          if (result.error_count > 0) for (const e of result.errors.slice(0, 20)) app.print(describeError(e));
        }
      });
  }

  command
    .command('history')
    .description('list import batches, newest first')
    .addHelpText(
      'after',
      '\nWith --json, a list of {id, kind, source_name, source_sha256, options, inserted, duplicates, skipped,\n' +
        'customers_created, created_at, undone_at}.',
    )
    .action(async (_options: unknown, cmd: Command) => {
      const g = globals(cmd);
      const { listBatches } = await import('./batches');
      const batches = await app.session(g, ({ store }) => listBatches(store.db));
      if (g.json) return app.print(toJson(batches));
      if (batches.length === 0) return app.print('No imports yet.');
      app.print(
        table(batches, [
          { header: 'Batch', value: (b) => String(b.id), align: 'right' },
          { header: 'Kind', value: (b) => b.kind },
          { header: 'File', value: (b) => b.sourceName, max: 32 },
          { header: 'Imported at', value: (b) => b.createdAt.slice(0, 16).replace('T', ' ') },
          { header: 'Inserted', value: (b) => String(b.inserted), align: 'right' },
          { header: 'Duplicates', value: (b) => String(b.duplicates), align: 'right' },
          { header: 'Rejected', value: (b) => String(b.skipped), align: 'right' },
          { header: 'New customers', value: (b) => String(b.customersCreated), align: 'right' },
          { header: 'Undone', value: (b) => orDash(b.undoneAt?.slice(0, 16).replace('T', ' ')) },
        ]),
      );
    });

  command
    .command('undo')
    .description("remove exactly one import batch's rows, and the customers it created that nothing else uses")
    .argument('<batch-id>', 'as listed by "rapport import history"')
    .addHelpText('after', '\nWith --json, {batch_id, sales_removed, customers_removed, customers_kept}.')
    .action(async (raw: string, _options: unknown, cmd: Command) => {
      const g = globals(cmd);
      const issues: FieldIssue[] = [];
      const batchId = wholeNumber(raw, 'batch', issues);
      if (batchId === undefined || issues.length > 0) throw invalidInput(issues, { batch: 'BATCH_ID' });
      const { undoBatch } = await import('./batches');
      const result = await app.session(g, ({ store }) =>
        store.db.transaction().execute((trx) => undoBatch(trx, batchId, app.io.now())),
      );
      if (g.json) return app.print(toJson(result));
      app.print(
        `Undid import batch ${batchId}: removed ${result.salesRemoved} sales and ${result.customersRemoved} customers` +
          (result.customersKept > 0 ? ` (${result.customersKept} kept: other sales refer to them).` : '.'),
      );
    });
}
