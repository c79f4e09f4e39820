import { dirname, resolve } from 'node:path';
import { AppError } from './errors';
import type { FilePurpose } from './filePaths';

/**
 * Paths the user picked in a native dialog, remembered per purpose. A renderer may write
 * (export, backup, calendar) or restore only a file the user has just picked for that
 * purpose, and only once; it may read a file for import for as long as the wizard is on it
 * (preview, change options, preview again, run). The purpose is part of the key, so picking a
 * spreadsheet to import never lets a compromised page overwrite it through an export.
 */
/** File rules' purposes, and the library's: files and folders dropped on the window or picked to import. */
export type PickPurpose = FilePurpose | 'library';

export class PickedFiles {
  private readonly picked = new Set<string>();

  add(purpose: PickPurpose, path: string): void {
    this.picked.add(key(purpose, path));
  }

  /**
   * Refuses a path the user did not pick for `purpose`; a pick to write or restore is used up.
   * For the library, a file inside a folder the user dropped or picked counts as picked: the
   * import walked that folder, and a duplicate found in it is imported again on its own.
   */
  check(purpose: PickPurpose, path: string): void {
    const k = key(purpose, path);
    const picked =
      purpose === 'library'
        ? this.insidePicked(purpose, resolve(path))
        : purpose === 'import'
          ? this.picked.has(k)
          : this.picked.delete(k);
    if (!picked) throw new AppError('forbidden', 'failures.chooseFileFirst');
  }

  private insidePicked(purpose: PickPurpose, path: string): boolean {
    for (let at = path; ; at = dirname(at)) {
      if (this.picked.has(key(purpose, at))) return true;
      if (dirname(at) === at) return false;
    }
  }
}

const key = (purpose: PickPurpose, path: string): string => `${purpose}\0${resolve(path)}`;
