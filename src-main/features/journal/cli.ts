import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { JOURNAL_OUTCOMES } from './choices';
import type { JournalEntry } from './contract';
import type { FieldIssue } from '../../shared/api';
import { call, globals, invalidInput, wholeNumber, type App } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { printJsonList, toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { localIsoDate } from '../../shared/dates';
import { normaliseName } from '../../shared/names';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const ENTRY_JSON =
  '{id, date, title, situation, customer {id, name}, sale {id, title, status, closed_on, amount_minor,\n' +
  '  currency}, techniques [{id, name, description}], action, outcome, learned, next_time, confidence,\n' +
  '  tags, body, experiment_id, created_at, updated_at}';

interface AddOptions {
  title: string;
  body?: string;
  bodyFile?: string;
  date?: string;
  technique?: string[];
  customer?: string;
  sale?: string;
  outcome?: string;
  confidence?: string;
  tag?: string[];
}

const addOptions = (bodyFile: boolean): OptionNames => ({
  title: '--title',
  body: bodyFile ? '--body-file' : '--body',
  date: '--date',
  techniqueIds: '--technique',
  customerId: '--customer',
  saleId: '--sale',
  outcome: '--outcome',
  confidence: '--confidence',
  tags: '--tag',
});
const LIST_OPTIONS: OptionNames = { limit: '--limit', outcome: '--outcome', from: '--from', to: '--to' };

export function registerJournal(program: Command, app: App): void {
  const journal = program.command('journal').description('what you tried with your customers, and how it went');

  journal
    .command('add')
    .description('write a journal entry')
    .requiredOption('--title <title>', 'what it was about, in a line')
    .option('--body <text>', 'the entry itself, in Markdown')
    .option('--body-file <file>', 'read the Markdown body from this file (UTF-8, at most 1 MB)')
    .option('--date <YYYY-MM-DD>', 'the day it happened (default: today)')
    .option('--technique <name>', 'a technique you tried, by its name; repeat for several', collect)
    .option('--customer <name>', 'the customer it was about, by exact name')
    .option('--sale <id>', 'the sale it was about (its customer is taken when --customer is not given)')
    .option('--outcome <outcome>', `how it went: ${JOURNAL_OUTCOMES.join(', ')}`)
    .option('--confidence <1-5>', 'how sure you are of what you learned')
    .option('--tag <tag>', 'a tag; repeat for several', collect)
    .addHelpText(
      'after',
      '\nTechniques must already be in the catalogue ("rapport techniques list"); nothing is written otherwise.\n' +
        `With --json, the new entry:\n  ${ENTRY_JSON}.\n\n` +
        'Example:\n  rapport journal add --title "Discovery call" --technique "SPIN questions" \\\n' +
        '    --customer "Acme S.r.l." --outcome worked --body "**They** lose two days a month."',
    )
    .action(async (options: AddOptions, command: Command) => {
      const g = globals(command);
      const names = addOptions(options.bodyFile !== undefined);
      const issues: FieldIssue[] = [];
      let body = options.body ?? '';
      if (options.body !== undefined && options.bodyFile !== undefined)
        issues.push({ path: 'body', message: 'journal.cli.bodyTwice' });
      else if (options.bodyFile !== undefined) {
        try {
          body = readFileSync(options.bodyFile, 'utf8');
        } catch (error) {
          issues.push({
            path: 'body',
            message: 'journal.cli.bodyUnreadable',
            values: { file: options.bodyFile, reason: (error as NodeJS.ErrnoException).code ?? String(error) },
          });
        }
      }
      const saleId = wholeNumber(options.sale, 'saleId', issues);
      const confidence = wholeNumber(options.confidence, 'confidence', issues);
      const outcome = options.outcome?.trim();
      if (outcome !== undefined && !(JOURNAL_OUTCOMES as readonly string[]).includes(outcome))
        issues.push({
          path: 'outcome',
          message: 'journal.cli.outcomeGot',
          values: { choices: JOURNAL_OUTCOMES.join(', '), raw: options.outcome ?? '' },
        });
      if (issues.length > 0) throw invalidInput(issues, names, 'journal.cli.nothingWritten');

      const created = await app.session(g, async ({ store, handlers }) => {
        const catalogue = await handlers['techniques.list'](undefined);
        const techniqueIds: number[] = [];
        for (const name of options.technique ?? []) {
          const found = catalogue.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
          if (found) techniqueIds.push(found.id);
          else issues.push({ path: 'techniqueIds', message: 'journal.cli.unknownTechnique', values: { name } });
        }
        let customerId: number | null = null;
        if (options.customer !== undefined) {
          const { customersNamed } = await import('./repository');
          const matches = await customersNamed(store.db, options.customer, normaliseName(options.customer));
          if (matches.length === 1) customerId = matches[0]!.id;
          else
            issues.push({
              path: 'customerId',
              message: matches.length === 0 ? 'journal.cli.unknownCustomer' : 'journal.cli.ambiguousCustomer',
              values: { name: options.customer.trim(), count: matches.length },
            });
        }
        if (issues.length > 0) throw invalidInput(issues, names, 'journal.cli.nothingWritten');
        const input = {
          date: options.date ?? localIsoDate(app.io.now()),
          title: options.title,
          body,
          techniqueIds,
          customerId,
          saleId: saleId ?? null,
          outcome: outcome ?? null,
          confidence: confidence ?? null,
          tags: options.tag ?? [],
        };
        return call(handlers, 'journal.create', input, names);
      });
      if (g.json) return app.print(toJson(created));
      app.print(app.t('journal.cli.added', { id: created.id, title: created.title, date: created.date }));
    });

  journal
    .command('list')
    .description('journal entries, newest first')
    .option('--outcome <outcome>', `only entries that ${JOURNAL_OUTCOMES.join(', ')}`)
    .option('--from <YYYY-MM-DD>', 'from this day (inclusive)')
    .option('--to <YYYY-MM-DD>', 'up to this day (inclusive)')
    .option('--limit <n>', 'at most this many entries, 1–200 (default: 50)')
    .addHelpText(
      'after',
      `\nWith --json, a list of\n  ${ENTRY_JSON}.\n\nExample:\n  rapport journal list --outcome worked --json`,
    )
    .action(async (options: { outcome?: string; from?: string; to?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, LIST_OPTIONS);
      const query = { outcome: options.outcome?.trim(), from: options.from, to: options.to, limit };
      const page = await app.session(g, ({ handlers }) => call(handlers, 'journal.list', query, LIST_OPTIONS));
      if (g.json) return printJsonList(app, page, 'journal.cli.total');
      const { t } = app;
      if (page.items.length === 0) return app.print(t('journal.cli.none'));
      app.print(
        table(page.items, [
          { header: t('journal.cli.head.id'), value: (e) => String(e.id), align: 'right' },
          { header: t('journal.cli.head.date'), value: (e) => app.format.date(e.date) },
          { header: t('journal.cli.head.title'), value: (e) => e.title, max: 40 },
          { header: t('journal.cli.head.outcome'), value: (e) => outcomeWord(e, t) },
          {
            header: t('journal.cli.head.techniques'),
            value: (e) => orDash(e.techniques.map((x) => x.name).join(', ')),
            max: 36,
          },
          { header: t('journal.cli.head.customer'), value: (e) => orDash(e.customer?.name), max: 28 },
        ]),
      );
      app.print(`\n${t('journal.cli.total', { shown: page.items.length, total: page.total })}`);
    });
}

const outcomeWord = (e: JournalEntry, t: App['t']): string =>
  e.outcome === null ? '—' : t(`journal.cli.outcomes.${e.outcome}`);
