import type { Kysely } from 'kysely';
import type { EventPayload } from '../../shared/api';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { AppError } from '../../kernel/errors';
import { checkFilePath } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';
import { getSettings } from '../settings';
import {
  archiveGoal,
  createGoal,
  deleteValue,
  getWorkCalendar,
  listValues,
  logValue,
  setWorkCalendar,
  tickMilestone,
  updateGoal,
} from './service';
import { goalDetail, goalScorecard, goalTimeline, listGoals, milestoneState, pollNudges } from './overview';
import { importValues, readValuesFile } from './values';

type Entity = EventPayload<'data.changed'>['entities'][number];
type GoalsChannel = Extract<keyof Handlers, `goals.${string}`>;

export interface GoalsHandlerContext {
  now: () => Date;
  /** One transaction per user action (services/index.ts). */
  tx: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  changed: (...entities: Entity[]) => void;
  /** The live database, which a values file may never be. */
  databaseFile: string;
  /**
   * Where a renderer calls (dialogs exist), the files the user picked to import: values may be
   * read only from those. Null for callers at a terminal, which may name any file.
   */
  picks: PickedFiles | null;
}

/**
 * The goals operations. Looking at goals writes too — the first time a period is seen closed
 * its result is recorded — so views run in a transaction like any other action.
 */
export function goalsHandlers(db: Kysely<DB>, ctx: GoalsHandlerContext): Pick<Handlers, GoalsChannel> {
  const { now, tx, changed } = ctx;
  const write = async <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => {
    const result = await tx(fn);
    changed('goals');
    return result;
  };
  const readable = (path: string): string => {
    const file = checkFilePath('import', path, ctx.databaseFile);
    if (ctx.picks && !ctx.picks.has('import', file)) throw new AppError('forbidden', 'failures.chooseFileFirst');
    return file;
  };

  return {
    'goals.list': (query) => tx((trx) => listGoals(trx, query, now())),
    'goals.get': ({ id, asOf }) => tx((trx) => goalDetail(trx, id, asOf, now())),
    'goals.create': (input) => write(async (trx) => createGoal(trx, input, (await getSettings(trx)).currency, now())),
    'goals.update': ({ id, goal, note }) => write((trx) => updateGoal(trx, id, goal, note, now())),
    'goals.archive': ({ id, archived }) => write((trx) => archiveGoal(trx, id, archived, now())),
    'goals.milestones.tick': (input) =>
      write(async (trx) => {
        const { goalId, milestoneId } = await tickMilestone(trx, input, now());
        return milestoneState(trx, goalId, milestoneId, now());
      }),
    'goals.values.log': (input) => write((trx) => logValue(trx, input, now())),
    'goals.values.list': (query) => listValues(db, query),
    'goals.values.delete': async ({ id }) => {
      await write((trx) => deleteValue(trx, id));
      return { id };
    },
    'goals.values.import': async ({ goalId, path, dateFormat, dryRun }) => {
      const file = await readValuesFile(readable(path));
      const result = await tx((trx) => importValues(trx, { goalId, file, dateFormat, dryRun }, now()));
      if (result.inserted > 0 && !result.dryRun) changed('goals');
      return result;
    },
    'goals.timeline': (query) => tx((trx) => goalTimeline(trx, query, now())),
    'goals.scorecard': (query) => tx((trx) => goalScorecard(trx, query, now())),
    'goals.calendar.get': () => getWorkCalendar(db),
    'goals.calendar.set': (calendar) => write((trx) => setWorkCalendar(trx, calendar)),
    'goals.nudges': (input) => tx((trx) => pollNudges(trx, input?.asOf, now())),
  };
}
