export { backupDatabase, restoreDatabase, verifyBackupFile, type SqliteOptions } from './backup';
export { registerExchange } from './cli';
export { dialogSpec, folderDialogs, openManySpec, PREVIEW_LIBRARY_FOLDER } from './dialogs';
export { csvDocument, exportCsv } from './export';
export type { CsvColumn } from './export';
export { exchangeHandlers, restoreWhileOpen } from './handlers';
export type { Dialogs, ExchangeContext } from './handlers';
