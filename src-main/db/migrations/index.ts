import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_imports';
import * as m0003 from './0003_care';
import * as m0004 from './0004_goals';
import * as m0005 from './0005_sample';
import * as m0006 from './0006_journal';
import * as m0007 from './0007_library';
import * as m0008 from './0008_learning_goals';
import * as m0009 from './0009_technique_facts';
import * as m0010 from './0010_reports';
import * as m0011 from './0011_coach';
import * as m0012 from './0012_sales_facts';
import * as m0013 from './0013_import_steps';
import * as m0014 from './0014_care_facts';
import * as m0015 from './0015_pipeline_facts';
import * as m0016 from './0016_customer_totals';
import * as m0017 from './0017_rating_facts';
import * as m0018 from './0018_due_days';
import * as m0019 from './0019_complaint_day_counts';
import * as m0020 from './0020_won_answers';
import * as m0021 from './0021_care_statements';

export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see 0001_initial.ts
  up(db: Kysely<any>): Promise<void>;
  /**
   * Rebuilds a table others refer to (to change a CHECK SQLite cannot alter in place): runs
   * with foreign keys off, so dropping the old table neither deletes nor unlinks the rows
   * pointing at it, and commits only when every reference still holds (connection.ts).
   */
  foreignKeysOff?: true;
}

/** Statically imported, append-only. The array index + 1 is the schema version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'imports', up: m0002.up },
  { version: 3, name: 'care', up: m0003.up },
  { version: 4, name: 'goals', up: m0004.up },
  { version: 5, name: 'sample', up: m0005.up },
  { version: 6, name: 'journal', up: m0006.up },
  { version: 7, name: 'library', up: m0007.up },
  { version: 8, name: 'learning goals', up: m0008.up, foreignKeysOff: true },
  { version: 9, name: 'technique_facts', up: m0009.up },
  { version: 10, name: 'reports', up: m0010.up },
  { version: 11, name: 'coach', up: m0011.up },
  { version: 12, name: 'sales_facts', up: m0012.up },
  { version: 13, name: 'import_steps', up: m0013.up },
  { version: 14, name: 'care_facts', up: m0014.up },
  { version: 15, name: 'pipeline_facts', up: m0015.up },
  { version: 16, name: 'customer_totals', up: m0016.up },
  { version: 17, name: 'rating_facts', up: m0017.up },
  { version: 18, name: 'due_days', up: m0018.up },
  { version: 19, name: 'complaint_day_counts', up: m0019.up },
  { version: 20, name: 'won_answers', up: m0020.up },
  { version: 21, name: 'care_statements', up: m0021.up },
];

export const LATEST_VERSION = MIGRATIONS.length;
