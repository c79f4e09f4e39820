import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { call, globals, invalidInput, wholeNumber, type App } from '../../kernel/cli/context';
import { table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import { issueWords, type OptionNames } from '../../kernel/cli/messages';
import { PAPERS, REPORT_COMPARES, REPORT_FORMATS, REPORT_SECTIONS } from './choices';

const OPTIONS: OptionNames = {
  from: '--from',
  to: '--to',
  format: '--format',
  path: '--out',
  paper: '--paper',
  compare: '--compare',
  sections: '--sections',
  journalIds: '--journal',
  comment: '--comment',
  seller: '--seller',
  overwrite: '--force',
  dialect: '--dialect',
};

interface ReportCliOptions {
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  anonymize?: boolean;
  sections?: string;
  compare?: string;
  comment?: string;
  paper?: string;
  dialect?: string;
  journal?: string;
  journalText?: boolean;
  seller?: string;
  force?: boolean;
}

const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function registerReport(program: Command, app: App): void {
  const report = program
    .command('report')
    .description('the coach progress report for a period, as PDF, CSV (a zip) or JSON')
    .option('--from <YYYY-MM-DD>', 'first day of the period')
    .option('--to <YYYY-MM-DD>', 'last day of the period')
    .option('--format <format>', `${REPORT_FORMATS.join(', ')} (default: from the --out extension)`)
    .option('--out <file>', 'the file to write (.pdf, .zip or .json)')
    .option('--anonymize', 'customers as "Customer 1…N" (labels from a secret made for this export only)')
    .option('--sections <list>', `comma-separated, of: ${REPORT_SECTIONS.join(', ')} (default: all)`)
    .option('--compare <period>', `${REPORT_COMPARES.join(' or ')}: the summary's comparison`)
    .option('--comment <text>', "the seller's comment for the coach")
    .option('--journal <ids>', 'journal entries to include as highlights (comma-separated ids)')
    .option('--no-journal-text', "leave the highlights' written text out (titles stay)")
    .option('--seller <name>', "the seller's name on the report (default: the last one used)")
    .option('--paper <size>', `${PAPERS.join(' or ')} (PDF; default a4)`)
    .option('--dialect <dialect>', "CSV: comma (1234.50) or semicolon (1234,50); default: the database's language's")
    .option('--force', 'replace the file if it exists')
    .addHelpText(
      'after',
      '\nThe summary has exactly the keys and units of "rapport stats --json" for the same period;\n' +
        'every goal is as "rapport goals show --json" gives it. The file appears complete or not at all.\n' +
        'PDF needs Chromium, Chrome or Edge: RAPPORT_CHROMIUM=/path/to/browser, else the usual places.\n' +
        'With --json, {path, format, bytes, rows, log_id}.\n\n' +
        'Examples:\n' +
        '  rapport report --from 2026-01-01 --to 2026-03-31 --format pdf --out q1.pdf --compare previous\n' +
        '  rapport report --from 2026-01-01 --to 2026-12-31 --out 2026.zip --anonymize\n' +
        '  rapport report --from 2026-03-01 --to 2026-03-31 --out march.json --sections goals,volume --journal 4,9',
    )
    .action(async (o: ReportCliOptions, command: Command) => {
      const g = globals(command);
      const { Paper, ReportFormat, ReportOptions } = await import('./contract');
      const issues: FieldIssue[] = [];
      if (o.from === undefined) issues.push({ path: 'from', message: 'errors.required' });
      if (o.to === undefined) issues.push({ path: 'to', message: 'errors.required' });
      if (o.out === undefined) issues.push({ path: 'path', message: 'errors.required' });
      const out = o.out === undefined ? undefined : resolve(o.out);
      const ext = out?.toLowerCase().match(/\.(pdf|zip|json)$/)?.[1];
      const format = o.format ?? (ext === 'zip' ? 'csv' : ext);
      const formatParsed = ReportFormat.safeParse(format);
      if (!formatParsed.success)
        issues.push(
          format === undefined
            ? { path: 'format', message: 'errors.required' }
            : { path: 'format', message: 'reports.cli.formatGot', values: { raw: format } },
        );
      const paper = Paper.safeParse(o.paper ?? 'a4');
      if (!paper.success)
        issues.push({ path: 'paper', message: 'reports.cli.paperGot', values: { raw: o.paper ?? '' } });
      const journalIds: number[] = [];
      for (const raw of o.journal === undefined ? [] : list(o.journal)) {
        const id = wholeNumber(raw, 'journalIds', issues);
        if (id !== undefined) journalIds.push(id);
      }
      const options = ReportOptions.safeParse({
        from: o.from?.trim(),
        to: o.to?.trim(),
        compare: o.compare ?? null,
        sections: o.sections === undefined ? undefined : list(o.sections),
        anonymize: o.anonymize === true,
        journalText: o.journalText !== false,
        journalIds,
        comment: o.comment ?? '',
        seller: o.seller,
      });
      if (!options.success)
        for (const i of options.error.issues.map(issueWords)) {
          const path = i.path.map(String).join('.');
          if (!issues.some((known) => known.path === path)) issues.push({ ...i, path });
        }
      if (issues.length > 0 || !options.success || !formatParsed.success || !paper.success)
        throw invalidInput(issues, OPTIONS);

      const input = {
        options: options.data,
        format: formatParsed.data,
        path: out!,
        paper: paper.data,
        dialect: o.dialect,
        overwrite: o.force === true,
      };
      const result = await app.session(g, ({ handlers }) => call(handlers, 'report.save', input, OPTIONS));
      if (g.json) return app.print(toJson(result));
      const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      app.print(
        app.t('reports.cli.written', {
          path: result.path,
          format: result.format,
          rows,
          kb: Math.max(1, Math.round(result.bytes / 1024)),
        }),
      );
    });

  report
    .command('log')
    .description('the reports written so far (newest first): when, the period, options, file, rows per section')
    .option('--limit <n>', 'at most this many (default 50)')
    .addHelpText(
      'after',
      '\nWith --json, a list of {id, created_at, from, to, format, seller, options, file, bytes, rows}.',
    )
    .action(async (o: { limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(o.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, { limit: '--limit' });
      const entries = await app.session(g, ({ handlers }) =>
        call(handlers, 'report.log', { limit }, { limit: '--limit' }),
      );
      if (g.json) return app.print(toJson(entries));
      const { t } = app;
      if (entries.length === 0) return app.print(t('reports.cli.noLog'));
      app.print(
        table(entries, [
          { header: t('reports.cli.head.when'), value: (e) => app.format.dateTime(e.createdAt) },
          { header: t('reports.cli.head.period'), value: (e) => `${e.from} – ${e.to}` },
          { header: t('reports.cli.head.format'), value: (e) => e.format },
          {
            header: t('reports.cli.head.options'),
            value: (e) =>
              [
                e.options.anonymize === true ? t('reports.cli.anonymized') : null,
                e.options.compare ? String(e.options.compare) : null,
                Array.isArray(e.options.sections) ? `${e.options.sections.length}/${REPORT_SECTIONS.length}` : null,
              ]
                .filter((x) => x !== null)
                .join(', '),
          },
          {
            header: t('reports.cli.head.rows'),
            value: (e) => String(Object.values(e.rows).reduce((a, b) => a + b, 0)),
            align: 'right',
          },
          { header: t('reports.cli.head.file'), value: (e) => e.file, max: 60 },
        ]),
      );
    });
}
