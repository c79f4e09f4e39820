import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors';
import { call, globals, invalidInput, wholeNumber, type App } from '../../kernel/cli/context';
import { orDash, summary, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import type { FieldIssue } from '../../shared/api';
import { LIBRARY_KINDS, LIBRARY_STATUSES } from './choices';
import type { FileImportResult, LibraryItemSummary } from './contract';
import { registerHighlightImports } from './highlights/cli';

const IMPORT_JSON =
  '{file, status: "created"|"duplicate"|"error", id, kind, title, authors, isbn13, pages, duration_s, reason}';
const ITEM_JSON = '{id, kind, title, authors, isbn13, pages, duration_s, status, highlights}';

const authorsOf = (people: readonly { name: string; role: string }[]): string[] =>
  people.filter((p) => p.role !== 'editor' && p.role !== 'translator').map((p) => p.name);

/** "1:02:03" or "4:05". */
const clock = (seconds: number | null): string => {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
};

const itemJson = (i: LibraryItemSummary) => ({
  id: i.id,
  kind: i.kind,
  title: i.title,
  authors: authorsOf(i.people),
  isbn13: i.isbn13,
  pages: i.pages,
  duration_s: i.durationS,
  status: i.status,
  highlights: i.highlights,
});

export function registerLibrary(program: Command, app: App): Command {
  const library = program.command('library').description('your books, courses, talks and what you learned from them');
  const { t } = app;

  library
    .command('import')
    .description('bring files or folders into the library (EPUB, PDF, audio, video, Markdown seminar notes)')
    .argument('<path...>', 'files or folders (folders are walked)')
    .option('--link', 'leave the files where they are and link them, instead of copying them into the library')
    .addHelpText(
      'after',
      `\nOne line per file. With --json, a list of\n  ${IMPORT_JSON}\n` +
        '(reason only for errors and duplicates). A file already in the library (same ISBN, same content, or\n' +
        'same title and first author) is reported as a duplicate with the existing id, and not added again.\n' +
        'Exit status 0 when every file was imported or was a duplicate, 1 when any failed (the others are\n' +
        'imported all the same).\n\nExample:\n  rapport library import ~/Books ~/Seminars/notes.md --json',
    )
    .action(async (paths: string[], options: { link?: boolean }, command: Command) => {
      const g = globals(command);
      const result = await app.session(g, ({ handlers }) =>
        call(
          handlers,
          'library.import',
          { paths: paths.map((p) => resolve(p)), link: options.link === true, onDuplicate: 'report' },
          { paths: 'PATH' },
        ),
      );
      const reason = (r: FileImportResult): string | null =>
        r.reason === null ? null : t(r.reason, { ...(r.reasonValues ?? {}) });
      if (g.json) {
        app.print(
          toJson(
            result.results.map((r) => ({
              file: r.file,
              status: r.status,
              id: r.id,
              kind: r.metadata?.kind ?? null,
              title: r.metadata?.title ?? null,
              authors: r.metadata ? authorsOf(r.metadata.people) : [],
              isbn13: r.metadata?.isbn13 ?? null,
              pages: r.metadata?.pages ?? null,
              duration_s: r.metadata?.durationS ?? null,
              ...(r.status !== 'created' && { reason: reason(r) }),
            })),
          ),
        );
      } else {
        for (const r of result.results) {
          const what = r.metadata
            ? `${r.metadata.title}${r.metadata.people[0] ? ` — ${r.metadata.people[0].name}` : ''}`
            : '';
          app.print(t(`library.cli.line.${r.status}`, { file: r.file, id: r.id ?? '', what, reason: reason(r) ?? '' }));
        }
        app.print(
          `\n${t('library.cli.imported', { created: result.created, duplicates: result.duplicates, failed: result.failed })}`,
        );
      }
      if (result.failed > 0)
        throw new AppError('invalid_input', 'library.cli.someFailed', undefined, { count: result.failed });
    });

  library
    .command('list')
    .description('the items in the library, newest first')
    .option('--kind <kind>', `only this kind: ${LIBRARY_KINDS.join(', ')}`)
    .option('--status <status>', `only this status: ${LIBRARY_STATUSES.join(', ')}`)
    .option('--limit <n>', 'at most this many, 1–500 (default: 100)')
    .addHelpText(
      'after',
      `\nWith --json, a list of\n  ${ITEM_JSON}.\n\nExample:\n  rapport library list --kind book --json`,
    )
    .action(async (options: { kind?: string; status?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      const names = { kind: '--kind', status: '--status', limit: '--limit' };
      if (issues.length > 0) throw invalidInput(issues, names);
      const page = await app.session(g, ({ handlers }) =>
        call(handlers, 'library.list', { kind: options.kind, status: options.status, limit }, names),
      );
      if (g.json) {
        if (page.total > page.items.length)
          app.io.stderr(`rapport: ${t('library.cli.total', { shown: page.items.length, total: page.total })}.\n`);
        return app.print(toJson(page.items.map(itemJson)));
      }
      if (page.items.length === 0) return app.print(t('library.cli.none'));
      app.print(
        table(page.items, [
          { header: t('library.cli.head.id'), value: (i) => String(i.id), align: 'right' },
          { header: t('library.cli.head.kind'), value: (i) => t(`library.kinds.${i.kind}`) },
          { header: t('library.cli.head.title'), value: (i) => i.title, max: 40 },
          { header: t('library.cli.head.authors'), value: (i) => orDash(authorsOf(i.people).join(', ')), max: 28 },
          { header: t('library.cli.head.status'), value: (i) => t(`library.statuses.${i.status}`) },
          { header: t('library.cli.head.highlights'), value: (i) => String(i.highlights), align: 'right' },
        ]),
      );
      app.print(`\n${t('library.cli.total', { shown: page.items.length, total: page.total })}`);
    });

  library
    .command('show')
    .description('one item, with its highlights and notes')
    .argument('<id>', 'the item id')
    .addHelpText(
      'after',
      `\nWith --json, the item: ${ITEM_JSON.slice(0, -1)}, publisher, year, language, isbn10, source, file_name,\n` +
        '  description, summary, contents, tags, highlight_list [{id, kind, text, note, loc_start, loc_end, page,\n' +
        '  position_s, highlighted_at, origin}], takeaway_list, actions, techniques}.',
    )
    .action(async (rawId: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const id = wholeNumber(rawId, 'id', issues);
      if (issues.length > 0 || id === undefined) throw invalidInput(issues, { id: 'ID' });
      // Its linked file (if any) is looked for first, so that the item says whether it is still there.
      const item = await app.session(g, async ({ handlers }) => {
        await call(handlers, 'library.checkLinks', { id }, { id: 'ID' });
        return call(handlers, 'library.get', { id }, { id: 'ID' });
      });
      if (g.json) return app.print(toJson({ ...item, authors: authorsOf(item.people) }));
      app.print(`${item.title}\n`);
      app.print(
        summary([
          [t('library.cli.head.kind'), t(`library.kinds.${item.kind}`)],
          [t('library.cli.head.authors'), orDash(item.people.map((p) => p.name).join(', '))],
          [t('library.cli.head.status'), t(`library.statuses.${item.status}`)],
          ['ISBN', orDash(item.isbn13)],
          [t('library.cli.head.pages'), orDash(item.pages)],
          [t('library.cli.head.duration'), clock(item.durationS)],
          [
            t('library.cli.head.file'),
            `${orDash(item.fileName)}${item.fileMissing ? ` (${t('library.cli.fileMissing')})` : ''}`,
          ],
        ]),
      );
      for (const h of item.highlightList) {
        const place =
          h.locStart !== null
            ? `${h.locStart}${h.locEnd && h.locEnd !== h.locStart ? `-${h.locEnd}` : ''}`
            : (h.page ?? clock(h.positionS));
        const head = `[${t(`library.highlightKinds.${h.kind}`)} · ${place}]`;
        app.print(`\n${h.text ? `${head} ${h.text}` : head}${h.note ? `\n  ${h.note}` : ''}`);
      }
    });
  registerHighlightImports(library, app);
  return library;
}
