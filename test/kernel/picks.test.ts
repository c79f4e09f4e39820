import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { PickedFiles } from '../../src-main/kernel/picks';

const refused = { code: 'forbidden', message: 'failures.chooseFileFirst' };

describe('PickedFiles.require', () => {
  it('lets a file picked to write or restore be used once', () => {
    for (const purpose of ['export', 'backup', 'restore', 'calendar'] as const) {
      const picks = new PickedFiles();
      picks.add(purpose, '/home/ada/out.file');
      expect(() => picks.check(purpose, '/home/ada/out.file')).not.toThrow();
      expect(() => picks.check(purpose, '/home/ada/out.file')).toThrow(expect.objectContaining(refused));
    }
  });

  it('keeps a file picked to import for the rest of the wizard', () => {
    const picks = new PickedFiles();
    picks.add('import', '/home/ada/sales.csv');
    picks.check('import', '/home/ada/sales.csv');
    expect(() => picks.check('import', '/home/ada/./sales.csv')).not.toThrow();
  });

  it('refuses a file picked for another purpose, or never picked', () => {
    const picks = new PickedFiles();
    picks.add('import', '/home/ada/sales.csv');
    expect(() => picks.check('export', '/home/ada/sales.csv')).toThrow(AppError);
    expect(() => picks.check('import', '/home/ada/other.csv')).toThrow(expect.objectContaining(refused));
  });

  it('lets the library import again a file inside a folder that was dropped or picked, and nothing beside it', () => {
    const picks = new PickedFiles();
    picks.add('library', '/home/ada/Books');
    expect(() => picks.check('library', '/home/ada/Books')).not.toThrow();
    expect(() => picks.check('library', '/home/ada/Books/Sales/closer.epub')).not.toThrow();
    for (const outside of ['/home/ada/Books2/a.epub', '/home/ada/Books/../secret.pdf', '/home/ada', '/'])
      expect(() => picks.check('library', outside)).toThrow(expect.objectContaining(refused));
    // Only the library walks folders: a spreadsheet picked to import is that one file.
    picks.add('import', '/home/ada/Sheets');
    expect(() => picks.check('import', '/home/ada/Sheets/sales.csv')).toThrow(expect.objectContaining(refused));
  });
});
