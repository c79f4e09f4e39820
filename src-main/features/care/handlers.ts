import type { Kysely } from 'kysely';
import type { EventPayload } from '../../shared/api';
import { localIsoDate } from '../../shared/dates';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { followUpDone, rescheduleFollowUp, snoozeFollowUp } from './actions';
import { listAtRisk } from './atRisk';
import { getCadence, setCadence } from './cadence';
import { completeCheckIn, listCheckIns, skipCheckIn } from './checkins';
import { createComplaint, listComplaints, updateComplaint } from './complaints';
import { countFollowUps, listFollowUps } from './followups';
import { deleteInteraction, listInteractions, logInteraction } from './interactions';
import { careMetrics } from '../metrics';
import { getContactRules, setContactRules } from './rules';
import { customerTimeline } from './timeline';

type Entity = EventPayload<'data.changed'>['entities'][number];
type CareChannel = Exclude<Extract<keyof Handlers, `care.${string}`>, 'care.ics.export'>;

export interface CareHandlerContext {
  now: () => Date;
  /** One transaction per user action (services/index.ts). */
  tx: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  changed: (...entities: Entity[]) => void;
}

/** The care operations of the contract; reads go straight to the database, each write is one transaction. */
export function careHandlers(db: Kysely<DB>, { now, tx, changed }: CareHandlerContext): Pick<Handlers, CareChannel> {
  const write = async <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => {
    const result = await tx(fn);
    changed('care');
    return result;
  };
  return {
    'care.interactions.list': (query) => listInteractions(db, query),
    'care.interactions.create': (input) => write((trx) => logInteraction(trx, input, now())),
    'care.interactions.delete': async ({ id }) => {
      await write((trx) => deleteInteraction(trx, id));
      return { id };
    },
    'care.checkins.list': (query) => listCheckIns(db, query),
    'care.checkins.complete': (input) => write((trx) => completeCheckIn(trx, input, now())),
    'care.checkins.skip': ({ id }) => write((trx) => skipCheckIn(trx, id, now())),
    'care.followups.list': (query) => listFollowUps(db, query, now()),
    'care.followups.count': (input) => countFollowUps(db, input?.asOf ?? localIsoDate(now())),
    'care.followups.done': (input) => write((trx) => followUpDone(trx, input, now())),
    'care.followups.snooze': (input) => write((trx) => snoozeFollowUp(trx, input, now())),
    'care.followups.reschedule': (input) => write((trx) => rescheduleFollowUp(trx, input, now())),
    'care.complaints.list': (query) => listComplaints(db, query),
    'care.complaints.create': (input) => write((trx) => createComplaint(trx, input, now())),
    'care.complaints.update': ({ id, patch }) => write((trx) => updateComplaint(trx, id, patch, now())),
    'care.atRisk': (query) => listAtRisk(db, query, now()),
    'care.metrics': (query) => careMetrics(db, query, now()),
    'care.cadence.get': () => getCadence(db),
    'care.cadence.set': (input) => write((trx) => setCadence(trx, input)),
    'care.contactRules.get': () => getContactRules(db),
    'care.contactRules.set': ({ rules }) => write((trx) => setContactRules(trx, rules)),
    'care.timeline': ({ customerId }) => customerTimeline(db, customerId),
  };
}
