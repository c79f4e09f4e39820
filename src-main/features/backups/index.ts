export { registerBackups } from './cli';
export { backupsHandlers } from './handlers';
export { DAILY_BACKUP, dailyBackup, dailyBackupJob, listAutomaticBackups, verifierFor } from './service';
