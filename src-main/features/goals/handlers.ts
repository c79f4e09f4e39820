import type { Kysely } from 'kysely';
import { localIsoDate } from '../../shared/dates';
import type { Store } from '../../db/connection';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { checkFilePath } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';
import { ImportFileError, importWith } from '../imports';
import { getSettings } from '../settings';
import {
  archiveGoal,
  createGoal,
  customGoal,
  deleteValue,
  getWorkCalendar,
  listValues,
  logValue,
  setWorkCalendar,
  tickMilestone,
  updateGoal,
} from './service';
import { goalDetail, goalScorecard, goalTimeline, listGoals, milestoneState, pollNudges } from './overview';
import { valuesImporter } from './valuesImporter';

type GoalsChannel = Extract<keyof Handlers, `goals.${string}`>;

export interface GoalsHandlerContext extends FeatureContext {
  /** The live database, which a values file may never be; values files import into it. */
  store: Pick<Store, 'db' | 'sqlite' | 'file' | 'verifyBackup' | 'damaged'>;
  /**
   * Where a renderer calls (dialogs exist), the files the user picked to import: values may be
   * read only from those. Null for callers at a terminal, which may name any file.
   */
  picks: PickedFiles | null;
}

/**
 * The goals operations. Looking at goals reads one snapshot (a view: it never waits for
 * another process's write); the bookkeeping it does as it looks — a period's result the first
 * time it is seen closed, the day's nudges — is written only when that costs no wait.
 */
export function goalsHandlers(db: Kysely<DB>, ctx: GoalsHandlerContext): Pick<Handlers, GoalsChannel> {
  const { now, tx, view } = ctx;
  const readable = (path: string): string => {
    const file = checkFilePath('import', path, ctx.store.file);
    ctx.picks?.check('import', file);
    return file;
  };

  return {
    'goals.list': (query) => view((trx) => listGoals(trx, query, now())),
    'goals.get': ({ id, asOf }) => view((trx) => goalDetail(trx, id, asOf, now())),
    'goals.create': (input) => tx(async (trx) => createGoal(trx, input, (await getSettings(trx)).currency, now())),
    'goals.update': ({ id, goal, note }) => tx((trx) => updateGoal(trx, id, goal, note, now())),
    'goals.archive': ({ id, archived }) => tx((trx) => archiveGoal(trx, id, archived, now())),
    'goals.milestones.tick': (input) =>
      tx(async (trx) => {
        const { goalId, milestoneId } = await tickMilestone(trx, input, now());
        return milestoneState(trx, goalId, milestoneId, now());
      }),
    'goals.values.log': (input) => tx((trx) => logValue(trx, input, now())),
    'goals.values.list': (query) => listValues(db, query),
    'goals.values.delete': async ({ id }) => {
      await tx((trx) => deleteValue(trx, id));
      return { id };
    },
    'goals.values.import': async ({ goalId, path, dateFormat, dryRun }) => {
      const file = readable(path);
      const goal = await customGoal(db, goalId);
      const { currency, language } = await getSettings(db);
      const at = now();
      try {
        const result = await importWith(ctx.store, valuesImporter(goal, localIsoDate(at)), {
          path: file,
          options: dateFormat ? { dateFormat } : {},
          skipInvalid: false,
          dryRun,
          defaultCurrency: currency,
          language,
          now: at,
        });
        const { settings } = result;
        return {
          inserted: result.inserted,
          duplicates: result.duplicates,
          errors: result.errors,
          dryRun,
          dateFormat: settings.dateFormat,
          delimiter: settings.delimiter,
          decimal: settings.decimal,
        };
      } catch (error) {
        // The screens show the backend's words: in the user's language.
        throw error instanceof ImportFileError ? error.inLanguage(language) : error;
      }
    },
    'goals.timeline': (query) => view((trx) => goalTimeline(trx, query, now())),
    'goals.scorecard': (query) => view((trx) => goalScorecard(trx, query, now())),
    'goals.calendar.get': () => getWorkCalendar(db),
    'goals.calendar.set': (calendar) => tx((trx) => setWorkCalendar(trx, calendar)),
    'goals.nudges': (input) => view((trx) => pollNudges(trx, input?.asOf, now())),
  };
}
