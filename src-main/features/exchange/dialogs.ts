import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { localIsoDate } from '../../shared/dates';
import type { OpenPurpose, SaveDialogRequest, SavePurpose } from './contract';
import { EXTENSIONS, type FilePurpose } from '../../kernel/filePaths';
import type { Translate } from '../../shared/locales/translate';
import { isRejectedFile } from '../imports';
import { readableExtensions } from '../library';

/** Native file dialogs, provided by the platform (Electron) or a stand-in (preview). */
export interface Dialogs {
  /** `period`: a report's, which its default file name carries. */
  saveFile(purpose: SavePurpose, period?: SaveDialogRequest['period']): Promise<string | null>;
  openFile(purpose: OpenPurpose): Promise<string | null>;
  /** Files or folders to add to the library, several at once; [] when cancelled. */
  openMany(kind: 'files' | 'folders'): Promise<string[]>;
}

/**
 * What each file dialog offers. The renderer only names a purpose; the file types come from
 * the same table that checkFilePath enforces, so a dialog never proposes a file the
 * operation would then refuse.
 */
export interface DialogSpec {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

/** Each dialog's title in the catalogue (dialogs.*). */
const TITLES: Record<SavePurpose | OpenPurpose, string> = {
  'export-sales': 'dialogs.exportSales',
  'export-customers': 'dialogs.exportCustomers',
  backup: 'dialogs.backup',
  restore: 'dialogs.restore',
  import: 'dialogs.import',
  highlights: 'library.highlightsImport.pickTitle',
  'export-ics': 'dialogs.exportIcs',
  'coach-report': 'coach.dialogs.open',
  'coach-pdf': 'coach.dialogs.savePdf',
  'coach-csv': 'coach.dialogs.saveCsv',
  'report-pdf': 'reports.screen.saveDialog',
  'report-csv': 'reports.screen.saveDialog',
  'report-json': 'reports.screen.saveDialog',
};

/** Which path rule (and which remembered pick) each dialog's purpose stands for. */
export const FILE_PURPOSE: Record<SavePurpose | OpenPurpose, FilePurpose> = {
  'export-sales': 'export',
  'export-customers': 'export',
  backup: 'backup',
  restore: 'restore',
  import: 'import',
  highlights: 'import',
  'export-ics': 'calendar',
  'coach-report': 'coach',
  'coach-pdf': 'coach-pdf',
  'coach-csv': 'coach-csv',
  'report-pdf': 'report',
  'report-csv': 'report',
  'report-json': 'report',
};

/** A report's dialog offers only its format's extension (kernel/filePaths' 'report' allows the three). */
const REPORT_EXTENSION: Partial<Record<SavePurpose | OpenPurpose, string>> = {
  'report-pdf': 'pdf',
  'report-csv': 'zip',
  'report-json': 'json',
};

/** The name a save dialog proposes: the same in every language, so files sort together. */
function defaultName(purpose: SavePurpose | OpenPurpose, now: Date, period?: SaveDialogRequest['period']): string {
  const day = localIsoDate(now);
  const report = `rapport-report-${period ? `${period.from}_${period.to}` : day}`;
  return {
    'export-sales': `rapport-sales-${day}.csv`,
    'export-customers': `rapport-customers-${day}.csv`,
    backup: `rapport-backup-${day}.sqlite`,
    'export-ics': `rapport-followups-${day}.ics`,
    'report-pdf': `${report}.pdf`,
    'report-csv': `${report}.zip`,
    'report-json': `${report}.json`,
    restore: '',
    import: '',
    highlights: '',
    'coach-report': '',
    'coach-pdf': `rapport-coach-summary-${day}.pdf`,
    'coach-csv': `rapport-coach-summary-${day}.csv`,
  }[purpose];
}

export function dialogSpec(
  purpose: SavePurpose | OpenPurpose,
  t: Translate,
  now: Date,
  period?: SaveDialogRequest['period'],
): DialogSpec {
  const kind = FILE_PURPOSE[purpose];
  const only = REPORT_EXTENSION[purpose];
  return {
    title: t(TITLES[purpose]),
    defaultName: defaultName(purpose, now, period),
    filters: [
      {
        name:
          purpose === 'highlights'
            ? t('library.highlightsImport.filter')
            : {
                export: 'CSV',
                import: 'CSV',
                calendar: 'iCalendar',
                backup: t('dialogs.backupFiles'),
                restore: t('dialogs.backupFiles'),
                report: t('dialogs.reportFiles'),
                coach: t('coach.dialogs.reportFiles'),
                'coach-pdf': 'PDF',
                'coach-csv': 'CSV',
              }[kind],
        extensions: only ? [only] : EXTENSIONS[kind].map((e) => e.slice(1)),
      },
    ],
  };
}

/**
 * What the library's picker offers: a title, and for files only the kinds the library reads
 * (none when no reader is installed: then every file, and the import says which it cannot read).
 */
export function openManySpec(
  kind: 'files' | 'folders',
  t: Translate,
  extensions: Iterable<string> = readableExtensions(),
): Omit<DialogSpec, 'defaultName'> {
  const offered = [...new Set([...extensions].map((e) => e.replace(/^\./, '').toLowerCase()))].sort();
  return {
    title: t(kind === 'files' ? 'library.pick.filesTitle' : 'library.pick.foldersTitle'),
    filters: kind === 'files' && offered.length > 0 ? [{ name: t('library.pick.readable'), extensions: offered }] : [],
  };
}

/** The folder inside the preview's folder that stands for "the user's files" when adding to the library. */
export const PREVIEW_LIBRARY_FOLDER = 'library';

/**
 * The browser preview has no native dialogs: saving goes to the default name in `folder`,
 * opening picks the newest file of the wanted kind there (a backup to restore, a CSV to
 * import other than a `.rejected.csv`; null when there is none); adding to the library picks every
 * file the library reads (any file while no reader is installed) in its `library/` folder, by
 * name, or that folder itself.
 * Deterministic, which is what the end-to-end tests need.
 */
export function folderDialogs(folder: string, now: () => Date): Dialogs {
  return {
    saveFile: async (purpose, period) => {
      mkdirSync(folder, { recursive: true });
      return join(folder, defaultName(purpose, now(), period));
    },
    openFile: async (purpose) => {
      const wanted = EXTENSIONS[FILE_PURPOSE[purpose]];
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        return null;
      }
      const newest = names
        .filter((name) => wanted.includes(extname(name).toLowerCase()))
        // "Choose another file" after an import with rejected rows wants another source, not them.
        .filter((name) => FILE_PURPOSE[purpose] !== 'import' || !isRejectedFile(name))
        .map((name) => ({ file: join(folder, name), mtime: statSync(join(folder, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)[0];
      return newest?.file ?? null;
    },
    openMany: async (kind) => {
      const shelf = join(folder, PREVIEW_LIBRARY_FOLDER);
      if (kind === 'folders') return existsSync(shelf) ? [shelf] : [];
      const readable = readableExtensions();
      let names: string[];
      try {
        names = readdirSync(shelf);
      } catch {
        return [];
      }
      return names
        .filter((name) => !name.startsWith('.'))
        .filter((name) => readable.size === 0 || readable.has(extname(name).toLowerCase()))
        .filter((name) => statSync(join(shelf, name)).isFile())
        .sort()
        .map((name) => join(shelf, name));
    },
  };
}
