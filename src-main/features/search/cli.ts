import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { call, globals, invalidInput, wholeNumber, type App } from '../../kernel/cli/context';
import { table } from '../../kernel/cli/format';
import { printJsonList } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { SEARCH_KINDS } from './choices';
import type { SearchHit, SearchKind, SnippetPart } from './contract';

const SEARCH_OPTIONS: OptionNames = { text: 'TEXT', kinds: '--kind', limit: '--limit', order: '--newest' };

/** A snippet as text: plain for --json, the found words in [brackets] for the table. */
export function snippetText(parts: readonly SnippetPart[], marked: boolean): string {
  return parts.map((p) => (marked && p.match ? `[${p.text}]` : p.text)).join('');
}

/** The `journal search --json` shape of one hit. */
export const hitJson = (hit: SearchHit) => ({
  kind: hit.kind,
  id: hit.id,
  title: hit.title,
  snippet: snippetText(hit.snippet, false),
  date: hit.date,
});

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `rapport journal search`: the app's search box on the command line. The `journal` command
 * group belongs to the journal feature; this adds its `search` subcommand, creating the group
 * only when it is not there (register after the journal's commands).
 */
export function registerSearch(program: Command, app: App): void {
  const journal =
    program.commands.find((c) => c.name() === 'journal') ??
    program.command('journal').description('the technique journal');

  journal
    .command('search')
    .description('search journal entries, techniques, sale and customer notes, complaints and training notes')
    .argument('<TEXT...>', 'the words to look for; accents and case do not matter, the words match as prefixes')
    .option('--kind <kind>', `only this kind (repeatable): ${SEARCH_KINDS.join(', ')}`, collect, [])
    .option('--newest', 'newest first (default: best match first)')
    .option('--limit <n>', 'at most this many results, 1–100 (default: 20)')
    .addHelpText(
      'after',
      '\nWith --json, a list of {kind, id, title, snippet, date}: kind is one of ' +
        `${SEARCH_KINDS.join(', ')},\n` +
        "snippet the text around the words found, date the record's day (YYYY-MM-DD).\n" +
        'In the table, the words found are in [brackets].\n\n' +
        'Examples:\n  rapport journal search perche prezzo\n  rapport journal search demo --kind sale --kind customer --newest --json',
    )
    .action(
      async (words: string[], options: { kind: string[]; newest?: boolean; limit?: string }, command: Command) => {
        const g = globals(command);
        const issues: FieldIssue[] = [];
        const kinds = options.kind.map((raw) => raw.trim().toLowerCase());
        for (const [i, kind] of kinds.entries())
          if (!(SEARCH_KINDS as readonly string[]).includes(kind))
            issues.push({
              path: 'kinds',
              message: 'cli.issues.oneOfGot',
              values: { choices: SEARCH_KINDS.join(', '), raw: options.kind[i]! },
            });
        const limit = wholeNumber(options.limit, 'limit', issues);
        if (issues.length > 0) throw invalidInput(issues, SEARCH_OPTIONS);
        const text = words.join(' ');
        const result = await app.session(g, ({ handlers }) =>
          call(
            handlers,
            'search.query',
            {
              text,
              kinds: kinds.length > 0 ? [...new Set(kinds)] : undefined,
              order: options.newest ? 'newest' : 'best',
              limit,
            },
            SEARCH_OPTIONS,
          ),
        );
        if (g.json) return printJsonList(app, { ...result, items: result.items.map(hitJson) }, 'search.cli.total');
        const { t } = app;
        if (result.items.length === 0) return app.print(t('search.cli.none', { text: text.trim() }));
        app.print(
          table(result.items, [
            { header: t('cli.head.kind'), value: (h) => t(`search.cli.kinds.${h.kind}`) },
            { header: t('cli.head.id'), value: (h) => String(h.id), align: 'right' },
            { header: t('cli.head.date'), value: (h) => h.date ?? '—' },
            { header: t('cli.head.title'), value: (h) => h.title, max: 28 },
            { header: t('search.cli.head.snippet'), value: (h) => snippetText(h.snippet, true), max: 90 },
          ]),
        );
        const found = (Object.entries(result.counts) as [SearchKind, number][])
          .filter(([kind, count]) => count > 0 && (kinds.length === 0 || kinds.includes(kind)))
          .map(([kind, count]) => t(`search.cli.counted.${kind}`, { count }));
        app.print(`\n${t('search.cli.found', { list: found.join(', ') })}`);
        if (result.total > result.items.length)
          app.print(t('search.cli.total', { shown: result.items.length, total: result.total }));
      },
    );
}
