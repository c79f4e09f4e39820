import type { Kysely } from 'kysely';
import { localIsoDate } from '../../shared/dates';
import type { DB } from '../../db/schema';
import { checkFilePath } from '../../kernel/filePaths';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import type { PickedFiles } from '../../kernel/picks';
import { followUpDone, rescheduleFollowUp, snoozeFollowUp, type ActionItemWrites } from './actions';
import { listAtRisk } from './atRisk';
import { getCadence, setCadence } from './cadence';
import { completeCheckIn, listCheckIns, skipCheckIn } from './checkins';
import { createComplaint, listComplaints, updateComplaint } from './complaints';
import { countFollowUps, listFollowUps } from './followups';
import { exportCalendar } from './ics';
import { deleteInteraction, listInteractions, logInteraction } from './interactions';
import { careMetrics } from '../metrics';
import { getContactRules, setContactRules } from './rules';
import { customerTimeline } from './timeline';

type CareChannel = Extract<keyof Handlers, `care.${string}`>;

export interface CareHandlerContext extends FeatureContext {
  /** The live database, which a calendar file may never be. */
  databaseFile: string;
  /**
   * Where a renderer calls (dialogs exist), the files the user picked: like data.export, the
   * calendar goes only to a path just picked for it. Null for callers at a terminal.
   */
  picks: PickedFiles | null;
  /** The library's writes to an action item, for follow-ups that are one. */
  actionItems: ActionItemWrites;
}

/** The care operations of the contract; reads go straight to the database, each write is one transaction. */
export function careHandlers(db: Kysely<DB>, ctx: CareHandlerContext): Pick<Handlers, CareChannel> {
  const { now, tx } = ctx;
  return {
    'care.interactions.list': (query) => listInteractions(db, query),
    'care.interactions.create': (input) => tx((trx) => logInteraction(trx, input, now())),
    'care.interactions.delete': async ({ id }) => {
      await tx((trx) => deleteInteraction(trx, id));
      return { id };
    },
    'care.checkins.list': (query) => listCheckIns(db, query),
    'care.checkins.complete': (input) => tx((trx) => completeCheckIn(trx, input, now())),
    'care.checkins.skip': ({ id }) => tx((trx) => skipCheckIn(trx, id, now())),
    'care.followups.list': (query) => listFollowUps(db, query, now()),
    'care.followups.count': (input) => countFollowUps(db, input?.asOf ?? localIsoDate(now())),
    'care.followups.done': (input) => tx((trx) => followUpDone(trx, input, now(), ctx.actionItems)),
    'care.followups.snooze': (input) => tx((trx) => snoozeFollowUp(trx, input, now(), ctx.actionItems)),
    'care.followups.reschedule': (input) => tx((trx) => rescheduleFollowUp(trx, input, now(), ctx.actionItems)),
    'care.complaints.list': (query) => listComplaints(db, query),
    'care.complaints.create': (input) => tx((trx) => createComplaint(trx, input, now())),
    'care.complaints.update': ({ id, patch }) => tx((trx) => updateComplaint(trx, id, patch, now())),
    'care.atRisk': (query) => listAtRisk(db, query, now()),
    'care.metrics': (query) => careMetrics(db, query, now()),
    'care.cadence.get': () => getCadence(db),
    'care.cadence.set': (input) => tx((trx) => setCadence(trx, input)),
    'care.contactRules.get': () => getContactRules(db),
    'care.contactRules.set': ({ rules }) => tx((trx) => setContactRules(trx, rules)),
    'care.timeline': ({ customerId }) => customerTimeline(db, customerId),
    'care.ics.export': async ({ path, overwrite, asOf }) => {
      const file = checkFilePath('calendar', path, ctx.databaseFile);
      ctx.picks?.check('calendar', file);
      const at = now();
      return tx((trx) => exportCalendar(trx, file, { asOf: asOf ?? localIsoDate(at), overwrite }, at));
    },
  };
}
