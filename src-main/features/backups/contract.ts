import { z } from 'zod';
import { BACKUP_REASONS } from '../../shared/domain';
import { Empty, query } from '../../shared/operations';
import { RestoreResult } from '../exchange/contract';

/** A backup's file name in the automatic backups' folder: the only way a caller names one. */
export const BackupId = z.string().min(1).max(200);

export const AutomaticBackup = z.object({
  id: BackupId,
  /** When it was made (ISO 8601, UTC). */
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  bytes: z.int(),
  /** Read from the backup itself; null when it cannot be read (it would not restore either). */
  sales: z.int().nullable(),
  customers: z.int().nullable(),
});
export type AutomaticBackup = z.infer<typeof AutomaticBackup>;

/**
 * The automatic backups next to the database (db/backupFolder.ts), newest first, and the
 * restore of one of them: the same stage, check and swap as data.restore, after which the app
 * relaunches (the preview reopens the store and announces every entity itself).
 */
export const backupsOps = {
  'data.backups.list': query(Empty, z.array(AutomaticBackup)),
  'data.backups.restore': query(z.object({ id: BackupId }), RestoreResult),
} as const;
