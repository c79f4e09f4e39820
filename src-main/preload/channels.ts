import type { Channel, EventName } from '../shared/api';

/**
 * The preload's allowlist, as plain strings. It is not derived from `api` at runtime on
 * purpose: importing shared/api.ts would bundle zod and every schema into the preload,
 * which must stay a tiny file that requires nothing but 'electron'. The `satisfies` clauses
 * reject a misspelt name at compile time, `MissingChannel` / `MissingEvent` reject a
 * forgotten one, and test/ipc/preload.test.ts checks the lists equal the contract.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'app.firstScreenShown',
  'settings.get',
  'settings.update',
  'onboarding.start',
  'onboarding.dataCounts',
  'onboarding.removeSample',
  'onboarding.startAfresh',
  'customers.list',
  'customers.get',
  'customers.create',
  'customers.update',
  'customers.setArchived',
  'customers.duplicates',
  'customers.facets',
  'products.list',
  'products.create',
  'sales.list',
  'sales.get',
  'sales.create',
  'sales.update',
  'sales.delete',
  'stats.summary',
  'data.export',
  'data.backup',
  'data.restore',
  'dialog.saveFile',
  'dialog.openFile',
  'data.backups.list',
  'data.backups.restore',
  'import.preview',
  'import.run',
  'import.cancel',
  'import.history',
  'import.undo',
  'import.mappings.list',
  'import.mappings.save',
  'care.interactions.list',
  'care.interactions.create',
  'care.interactions.delete',
  'care.checkins.list',
  'care.checkins.complete',
  'care.checkins.skip',
  'care.followups.list',
  'care.followups.count',
  'care.followups.done',
  'care.followups.snooze',
  'care.followups.reschedule',
  'care.complaints.list',
  'care.complaints.create',
  'care.complaints.update',
  'care.atRisk',
  'care.metrics',
  'care.cadence.get',
  'care.cadence.set',
  'care.contactRules.get',
  'care.contactRules.set',
  'care.timeline',
  'care.ics.export',
  'goals.list',
  'goals.get',
  'goals.create',
  'goals.update',
  'goals.archive',
  'goals.milestones.tick',
  'goals.values.log',
  'goals.values.list',
  'goals.values.delete',
  'goals.values.import',
  'goals.timeline',
  'goals.scorecard',
  'goals.calendar.get',
  'goals.calendar.set',
  'goals.nudges',
  'techniques.list',
  'techniques.get',
  'techniques.create',
  'techniques.update',
  'techniques.retire',
  'techniques.merge',
  'techniques.starter',
  'techniques.addStarter',
  'techniques.stats',
  'techniques.segments',
  'techniques.usage',
  'journal.list',
  'journal.get',
  'journal.create',
  'journal.update',
  'journal.delete',
  'journal.tags',
  'search.query',
  'experiments.list',
  'experiments.get',
  'experiments.create',
  'experiments.conclude',
  'experiments.delete',
  'library.list',
  'library.get',
  'library.facets',
  'library.create',
  'library.update',
  'library.delete',
  'library.bulkEdit',
  'library.import',
  'library.cancelImport',
  'library.pick',
  'library.importHighlights',
  'library.progress',
  'library.highlightSave',
  'library.highlightDelete',
  'library.takeawaySave',
  'library.takeawayDelete',
  'library.actionSet',
  'library.open',
  'library.checkLinks',
  'training.list',
  'training.get',
  'training.create',
  'training.update',
  'training.delete',
  'training.forSale',
  'training.groups',
  'report.build',
  'report.save',
  'report.log',
  'report.preview',
  'home.summary',
  'coach.list',
  'coach.open',
  'coach.remove',
  'coach.note',
  'coach.export',
] as const satisfies readonly Channel[];

export const EVENT_NAME_LIST = [
  'data.changed',
  'menu.command',
  'import.progress',
  'library.progress',
  'library.dropped',
  'care.due',
  'goals.behind',
] as const satisfies readonly EventName[];

/**
 * The one message the preload sends on its own, not on the page's behalf: the paths of files
 * the user dropped on the window (see drop.ts). Outside both prefixes, so no page call and no
 * event name can ever be this channel.
 */
export const DROP_CHANNEL = 'rapport-private:dropped';

/**
 * The page's cancel of one of its calls (Bridge.cancel): the request id it gave that call.
 * Outside both prefixes too; main checks the id and that the call is the sender's own.
 */
export const CANCEL_CHANNEL = 'rapport-private:cancel';

/** Copies of the prefixes in shared/api.ts (same reason; the test checks them too). */
export const CHANNEL_PREFIX = 'rapport:';
export const EVENT_PREFIX = 'rapport-event:';

type MissingChannel = Exclude<Channel, (typeof CHANNEL_NAMES)[number]>;
type MissingEvent = Exclude<EventName, (typeof EVENT_NAME_LIST)[number]>;
type Expect<T extends true> = T;
// If either line fails to compile, a name was added to shared/api.ts but not here.
export type ChannelsComplete = Expect<[MissingChannel] extends [never] ? true : false>;
export type EventsComplete = Expect<[MissingEvent] extends [never] ? true : false>;
