import { describe, expect, it } from 'vitest';
import { dialogSpec } from '../../src-main/features/exchange/dialogs';
import { checkFilePath, type FilePurpose } from '../../src-main/kernel/filePaths';
import { AppError } from '../../src-main/kernel/errors';
import { languageOf, translator } from '../../src-main/shared/locales/translate';
import { refusal } from '../helpers/words';

const DB = '/home/ada/.config/Rapport/rapport.sqlite';

describe('checkFilePath (which paths export, backup and restore may use)', () => {
  it.each<[FilePurpose, string, string]>([
    ['export', '/home/ada/sales.csv', '/home/ada/sales.csv'],
    ['export', '/home/ada/SALES.CSV', '/home/ada/SALES.CSV'],
    ['export', '/home/ada/x/../sales.csv', '/home/ada/sales.csv'],
    ['backup', '/media/usb/rapport-2026-11-27.sqlite', '/media/usb/rapport-2026-11-27.sqlite'],
    ['backup', '/media/usb/rapport.db', '/media/usb/rapport.db'],
    [
      'restore',
      '/home/ada/.config/Rapport/rapport.sqlite.v1-before-v2-x.bak',
      '/home/ada/.config/Rapport/rapport.sqlite.v1-before-v2-x.bak',
    ],
  ])('%s may use %s', (purpose, path, expected) => {
    expect(checkFilePath(purpose, path, DB)).toBe(expected);
  });

  it.each<[FilePurpose, string, RegExp]>([
    ['export', 'sales.csv', /must be absolute/],
    ['export', '../../etc/cron.d/x.csv', /must be absolute/],
    ['export', '/home/ada/.bashrc', /must end in \.csv/],
    ['export', '/home/ada/sales.csv.exe', /must end in \.csv/],
    ['export', '/home/ada/sales.csv\0.sqlite', /NUL/],
    ['export', '/home/ada/.config/Rapport/rapport.sqlite', /must end in \.csv/],
    ['backup', '/home/ada/.config/Rapport/rapport.sqlite', /is the database Rapport is using/],
    ['backup', '/home/ada/.config/Rapport/../Rapport/RAPPORT.sqlite', /is the database Rapport is using/],
    ['backup', '/home/ada/.config/Rapport/rapport.sqlite-wal', /must end in/],
    ['backup', '/home/ada/notes.txt', /must end in \.sqlite, \.sqlite3, \.db, \.bak/],
    ['restore', '/home/ada/.config/Rapport/rapport.sqlite', /is the database Rapport is using/],
    ['restore', '/home/ada/sales.csv', /must end in/],
  ])('%s refuses %j', (purpose, path, message) => {
    expect(() => checkFilePath(purpose, path, DB)).toThrow(AppError);
    expect(refusal(() => checkFilePath(purpose, path, DB))).toMatch(message);
  });
});

describe('dialogSpec', () => {
  const now = new Date('2026-11-27T10:00:00');
  it('proposes a dated name and only the file types the operation accepts', () => {
    expect(dialogSpec('export-sales', translator('en'), now)).toEqual({
      title: 'Export sales',
      defaultName: 'rapport-sales-2026-11-27.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    expect(dialogSpec('backup', translator(languageOf('it-IT')), now)).toMatchObject({
      title: 'Backup del database',
      defaultName: 'rapport-backup-2026-11-27.sqlite',
      filters: [{ extensions: ['sqlite', 'sqlite3', 'db', 'bak'] }],
    });
    expect(dialogSpec('restore', translator('it'), now).title).toBe('Ripristina un backup');
  });

  it("names a report after its period and offers only its format's extension (all three pass 'report')", () => {
    const period = { from: '2026-10-01', to: '2026-11-27' };
    expect(dialogSpec('report-pdf', translator('en'), now, period)).toEqual({
      title: 'Save the coach report',
      defaultName: 'rapport-report-2026-10-01_2026-11-27.pdf',
      filters: [{ name: 'Reports (PDF, CSV zip, JSON)', extensions: ['pdf'] }],
    });
    expect(dialogSpec('report-csv', translator('it'), now, period)).toMatchObject({
      title: 'Salva il report per il coach',
      defaultName: 'rapport-report-2026-10-01_2026-11-27.zip',
      filters: [{ extensions: ['zip'] }],
    });
    // Without a period (never sent by the app, but the request allows it): today's date.
    expect(dialogSpec('report-json', translator('en'), now).defaultName).toBe('rapport-report-2026-11-27.json');
    for (const purpose of ['report-pdf', 'report-csv', 'report-json'] as const) {
      const name = dialogSpec(purpose, translator('en'), now, period).defaultName;
      expect(checkFilePath('report', `/home/ada/${name}`, DB, { extensions: ['.pdf', '.zip', '.json'] })).toBe(
        `/home/ada/${name}`,
      );
    }
  });
});
