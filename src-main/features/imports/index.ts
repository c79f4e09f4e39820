export { registerImport } from './cli';
export { dayIssue, parseDay, readsDifferently } from './dates';
export { importWith, runImport, type ImportStore } from './engine';
export { importHandlers, type ImportContext, type ImportPacing } from './handlers';
export type {
  BatchWriter,
  ReadOptions,
  RecordSource,
  RowContext,
  RowResult,
  SourceRecord,
  UnrecordedImporter,
  WriteOutcome,
} from './importer';
export { ImportFileError, rowIssue } from './issues';
export { normaliseWord } from './mapping';
export { isRejectedFile } from './rejected';
export { openCsvSource, openTextSource, type RecordReader, type TextFormat } from './source';
