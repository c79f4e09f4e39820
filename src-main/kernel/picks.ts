import { resolve } from 'node:path';
import type { FilePurpose } from './filePaths';

/**
 * Paths the user picked in a native dialog, remembered per purpose. A renderer may write
 * (export, backup) or restore only a file the user has just picked for that purpose, and
 * only once; it may read a file for import for as long as the wizard is on it (preview,
 * change options, preview again, run). The purpose is part of the key, so picking a
 * spreadsheet to import never lets a compromised page overwrite it through an export.
 */
export class PickedFiles {
  private readonly picked = new Set<string>();

  add(purpose: FilePurpose, path: string): void {
    this.picked.add(key(purpose, path));
  }

  /** True (and forgotten) when `path` was picked for `purpose`. */
  take(purpose: FilePurpose, path: string): boolean {
    return this.picked.delete(key(purpose, path));
  }

  /** True when `path` was picked for `purpose`; it stays usable. */
  has(purpose: FilePurpose, path: string): boolean {
    return this.picked.has(key(purpose, path));
  }
}

const key = (purpose: FilePurpose, path: string): string => `${purpose}\0${resolve(path)}`;
