export { registerBackups } from './cli';
export { backupsHandlers } from './handlers';
export {
  DAILY_BACKUP,
  dailyBackup,
  dailyBackupJob,
  listAutomaticBackups,
  newestGoodBackup,
  verifierFor,
} from './service';
