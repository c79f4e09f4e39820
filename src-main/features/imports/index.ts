export { registerImport } from './cli';
export { parseDay, readsDifferently } from './dates';
export { importWith, runImport } from './engine';
export { importHandlers } from './handlers';
export type { BatchWriter, RowContext, RowResult, SourceRecord, UnrecordedImporter, WriteOutcome } from './importer';
export { ImportFileError, rowIssue } from './issues';
export { isRejectedFile } from './rejected';
