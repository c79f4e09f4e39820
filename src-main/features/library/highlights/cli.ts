import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { globals, type App } from '../../../kernel/cli/context';
import { summary } from '../../../kernel/cli/format';
import { toJson } from '../../../kernel/cli/json';
import type { HighlightImportResult } from '../contract';
import type { HighlightSource } from './service';

const COMMANDS: readonly { name: string; source: HighlightSource; what: string; file: string; example: string }[] = [
  {
    name: 'import-kindle',
    source: 'kindle',
    what: "import highlights, notes and bookmarks from a Kindle's My Clippings.txt",
    file: "a Kindle's documents/My Clippings.txt (the device set to English or Italian, among others)",
    example: 'rapport library import-kindle "/media/KINDLE/documents/My Clippings.txt"',
  },
  {
    name: 'import-goodreads',
    source: 'goodreads',
    what: 'import the books of a Goodreads library export, with shelves, ratings and reviews',
    file: "Goodreads' goodreads_library_export.csv (My Books → Import and export → Export Library)",
    example: 'rapport library import-goodreads goodreads_library_export.csv --json',
  },
  {
    name: 'import-readwise',
    source: 'readwise',
    what: 'import highlights and notes from a Readwise CSV export',
    file: "Readwise's CSV export (Export → CSV)",
    example: 'rapport library import-readwise readwise-data.csv',
  },
];

/**
 * `import-kindle`, `import-goodreads` and `import-readwise`, added to the `library` command
 * group. Each prints its counts (with --json one object: items_created, items_matched,
 * highlights, notes, bookmarks, duplicates_skipped); a bad file exits 1 with what is wrong and
 * nothing written.
 */
export function registerHighlightImports(library: Command, app: App): void {
  for (const c of COMMANDS) {
    library
      .command(c.name)
      .description(c.what)
      .argument('<file>', c.file)
      .addHelpText(
        'after',
        '\nBooks already in the library (same ISBN, or same title and first author) are matched, not added\n' +
          'again; importing the same file again adds nothing. All or nothing: a record that cannot be read\n' +
          'stops the import with its line, and nothing is written.\n' +
          'With --json: {items_created, items_matched, highlights, notes, bookmarks, duplicates_skipped}.\n\n' +
          `Example:\n  ${c.example}`,
      )
      .action(async (file: string, _options: unknown, cmd: Command) => {
        const g = globals(cmd);
        const controller = new AbortController();
        const onSigint = (): void => controller.abort();
        process.once('SIGINT', onSigint);
        let counts: HighlightImportResult;
        try {
          counts = await app.session(g, async ({ store }) => {
            const [{ importHighlights }, { ImportFileError }, { getSettings }] = await Promise.all([
              import('./service'),
              import('../../imports'),
              import('../../settings'),
            ]);
            const { language } = await getSettings(store.db);
            try {
              return await importHighlights(
                store,
                { source: c.source, path: resolve(file) },
                app.io.now(),
                controller.signal,
                app.io.progress
                  ? (p) =>
                      app.io.stderr(
                        `\rrapport: ${app.t('library.highlights.cli.progress', { records: p.rows, percent: Math.round((100 * p.bytes) / Math.max(p.totalBytes, 1)) })} `,
                      )
                  : undefined,
              );
            } catch (error) {
              throw error instanceof ImportFileError ? error.inLanguage(language) : error;
            }
          });
        } finally {
          process.off('SIGINT', onSigint);
          if (app.io.progress) app.io.stderr('\n');
        }
        if (g.json) return app.print(toJson(counts));
        const row = (key: keyof HighlightImportResult): [string, string] => [
          app.t(`library.highlights.cli.${key}`),
          app.format.number(counts[key]),
        ];
        app.print(
          `${app.t('library.highlights.cli.imported', { file: basename(file) })}\n` +
            summary(
              [
                row('itemsCreated'),
                row('itemsMatched'),
                row('highlights'),
                row('notes'),
                row('bookmarks'),
                row('duplicatesSkipped'),
              ],
              'right',
            ),
        );
      });
  }
}
