import { z } from 'zod';
import {
  Customer,
  CustomerDetail,
  CustomerInput,
  CustomerQuery,
  CustomerSummary,
  DuplicateHint,
  Id,
  Page,
  Product,
  ProductInput,
  Sale,
  SaleInput,
  SaleQuery,
  Settings,
  Stats,
  StatsQuery,
  Technique,
  TechniqueInput,
} from './domain';
import {
  BackupRequest,
  BackupResult,
  DialogResult,
  ExportRequest,
  ExportResult,
  OpenDialogRequest,
  RestoreRequest,
  RestoreResult,
  SaveDialogRequest,
} from '../features/exchange/contract';
import {
  ImportBatch,
  ImportFile,
  ImportKind,
  ImportOptions,
  ImportPreview,
  ImportProgress,
  ImportResult,
  ImportUndoResult,
  SavedMapping,
  SaveMappingInput,
} from '../features/imports/contract';
import {
  AtRiskPage,
  AtRiskQuery,
  Cadence,
  CadenceInput,
  CareDueEvent,
  CareMetrics,
  CareMetricsQuery,
  CheckIn,
  CheckInCompleted,
  CheckInCompletion,
  CheckInQuery,
  Complaint,
  ComplaintInput,
  ComplaintPage,
  ComplaintPatch,
  ComplaintQuery,
  ContactRule,
  ContactRulesInput,
  FollowUpCount,
  FollowUpDone,
  FollowUpDoneResult,
  FollowUpList,
  FollowUpQuery,
  IcsExportRequest,
  IcsExportResult,
  Interaction,
  InteractionInput,
  InteractionPage,
  InteractionQuery,
  Reschedule,
  Rescheduled,
  Snooze,
  TimelineEntry,
} from '../features/care/contract';
import { WorkCalendar } from '../features/goals/contract/definition';
import {
  Goal,
  GoalDetail,
  GoalGetQuery,
  GoalInput,
  GoalList,
  GoalListQuery,
  GoalMilestone,
  GoalNudges,
  GoalTimeline,
  GoalUpdate,
  GoalValue,
  GoalValueInput,
  GoalValuePage,
  GoalValueQuery,
  GoalValuesImport,
  GoalValuesImportResult,
  MilestoneTick,
  NudgeQuery,
  Scorecard,
  ScorecardQuery,
  TimelineQuery,
} from '../features/goals/contract/api';

/**
 * The one API contract. Every backend operation is declared here once, with the schema its
 * input must pass (parsed in main from `unknown`) and the schema of its reply. Main must
 * register a handler for each (see ipc/handlers.ts: a missing one fails type-checking), the
 * preload allowlists exactly these channels, and the renderer's client is typed from them.
 */
const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const Empty = z.object({}).strict().optional();
const ById = z.object({ id: Id });

export const api = {
  'app.info': op(Empty, z.object({ version: z.string(), databasePath: z.string(), platform: z.string() })),
  'settings.get': op(Empty, Settings),
  'settings.update': op(Settings.partial(), Settings),
  'onboarding.start': op(z.object({ mode: z.enum(['empty', 'sample']) }), Settings),

  'customers.list': op(CustomerQuery, Page(CustomerSummary)),
  'customers.get': op(ById, CustomerDetail),
  'customers.create': op(CustomerInput, Customer),
  'customers.update': op(z.object({ id: Id, customer: CustomerInput }), Customer),
  'customers.setArchived': op(z.object({ id: Id, archived: z.boolean() }), Customer),
  'customers.duplicates': op(
    z.object({ name: z.string().max(200), email: z.string().max(254).nullable(), excludeId: Id.optional() }),
    z.array(DuplicateHint),
  ),
  'customers.facets': op(
    Empty,
    z.object({ segments: z.array(z.string()), regions: z.array(z.string()), industries: z.array(z.string()) }),
  ),

  'products.list': op(Empty, z.array(Product)),
  'products.create': op(ProductInput, Product),
  'techniques.list': op(Empty, z.array(Technique)),
  'techniques.create': op(TechniqueInput, Technique),

  'sales.list': op(SaleQuery, Page(Sale)),
  'sales.get': op(ById, Sale),
  'sales.create': op(SaleInput, Sale),
  'sales.update': op(z.object({ id: Id, sale: SaleInput }), Sale),
  'sales.delete': op(ById, z.object({ id: Id })),

  'stats.summary': op(StatsQuery, Stats),

  // Export, backup, restore; paths come from the native dialogs below.
  'data.export': op(ExportRequest, ExportResult),
  'data.backup': op(BackupRequest, BackupResult),
  'data.restore': op(RestoreRequest, RestoreResult),
  'dialog.saveFile': op(SaveDialogRequest, DialogResult),
  'dialog.openFile': op(OpenDialogRequest, DialogResult),

  // Import wizard: preview (a dry run), run, cancel, history, undo, saved column mappings.
  'import.preview': op(
    z.object({ path: ImportFile, kind: ImportKind, options: ImportOptions.default({}) }),
    ImportPreview,
  ),
  'import.run': op(
    z.object({
      path: ImportFile,
      kind: ImportKind,
      options: ImportOptions.default({}),
      skipInvalid: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
    ImportResult,
  ),
  'import.cancel': op(Empty, z.object({ cancelled: z.boolean() })),
  'import.history': op(Empty, z.array(ImportBatch)),
  'import.undo': op(z.object({ batchId: Id }), ImportUndoResult),
  'import.mappings.list': op(z.object({ kind: ImportKind.optional() }).optional(), z.array(SavedMapping)),
  'import.mappings.save': op(SaveMappingInput, SavedMapping),

  // Customer care (shared/care.ts): interactions, check-ins, complaints, follow-ups, at-risk
  // customers, metrics, cadence and contact rules, the customer timeline, calendar export.
  'care.interactions.list': op(InteractionQuery, InteractionPage),
  'care.interactions.create': op(InteractionInput, Interaction),
  'care.interactions.delete': op(ById, z.object({ id: Id })),
  'care.checkins.list': op(CheckInQuery, z.array(CheckIn)),
  'care.checkins.complete': op(CheckInCompletion, CheckInCompleted),
  'care.checkins.skip': op(ById, CheckIn),
  'care.followups.list': op(FollowUpQuery, FollowUpList),
  'care.followups.count': op(z.object({ asOf: FollowUpQuery.shape.asOf }).optional(), FollowUpCount),
  'care.followups.done': op(FollowUpDone, FollowUpDoneResult),
  'care.followups.snooze': op(Snooze, Rescheduled),
  'care.followups.reschedule': op(Reschedule, Rescheduled),
  'care.complaints.list': op(ComplaintQuery, ComplaintPage),
  'care.complaints.create': op(ComplaintInput, Complaint),
  'care.complaints.update': op(z.object({ id: Id, patch: ComplaintPatch }), Complaint),
  'care.atRisk': op(AtRiskQuery, AtRiskPage),
  'care.metrics': op(CareMetricsQuery, CareMetrics),
  'care.cadence.get': op(Empty, Cadence),
  'care.cadence.set': op(CadenceInput, Cadence),
  'care.contactRules.get': op(Empty, z.array(ContactRule)),
  'care.contactRules.set': op(z.object({ rules: ContactRulesInput }), z.array(ContactRule)),
  'care.timeline': op(z.object({ customerId: Id }), z.array(TimelineEntry)),
  // The path comes from dialog.saveFile with purpose 'export-ics', like data.export.
  'care.ics.export': op(IcsExportRequest, IcsExportResult),

  // Goals (shared/goalsApi.ts): goals with their pace and forecast, the detail chart and
  // period history, easing recorded, milestones ticked, custom-metric values logged or
  // imported (the path comes from dialog.openFile with purpose 'import', like import.preview),
  // the timeline, the scorecard, the work calendar and the behind-pace nudges.
  'goals.list': op(GoalListQuery, GoalList),
  'goals.get': op(GoalGetQuery, GoalDetail),
  'goals.create': op(GoalInput, Goal),
  'goals.update': op(GoalUpdate, Goal),
  'goals.archive': op(z.object({ id: Id, archived: z.boolean() }), Goal),
  'goals.milestones.tick': op(MilestoneTick, GoalMilestone),
  'goals.values.log': op(GoalValueInput, GoalValue),
  'goals.values.list': op(GoalValueQuery, GoalValuePage),
  'goals.values.delete': op(ById, z.object({ id: Id })),
  'goals.values.import': op(GoalValuesImport, GoalValuesImportResult),
  'goals.timeline': op(TimelineQuery, GoalTimeline),
  'goals.scorecard': op(ScorecardQuery, Scorecard),
  'goals.calendar.get': op(Empty, WorkCalendar),
  'goals.calendar.set': op(WorkCalendar, WorkCalendar),
  // Behind-pace goals not yet nudged today; each is recorded, so at most once per goal per day.
  'goals.nudges': op(NudgeQuery, GoalNudges),
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
/** What a caller passes (defaults may be omitted). */
export type Input<C extends Channel> = z.input<Api[C]['input']>;
/** What a handler receives after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Api[C]['input']>;
export type Output<C extends Channel> = z.output<Api[C]['output']>;

export const CHANNELS = Object.keys(api) as Channel[];

/** Events main pushes to the renderer. */
export const events = {
  'data.changed': z.object({
    entities: z.array(z.enum(['customers', 'sales', 'products', 'techniques', 'settings', 'care', 'goals'])),
  }),
  'menu.command': z.object({ command: z.enum(['new-sale', 'new-customer', 'navigate']), path: z.string().optional() }),
  'import.progress': ImportProgress,
  /** Follow-ups that became due while the app runs, for an in-app notice (each item once). */
  'care.due': CareDueEvent,
  /** Goals that fell behind pace while the app runs (each goal at most once a day). */
  'goals.behind': GoalNudges,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---- reply envelope -------------------------------------------------------------------

export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values for a message key's `{{placeholders}}`. */
export type MessageValues = Readonly<Record<string, string | number>>;
export interface FieldIssue {
  path: string;
  /** A message key ('errors.required'); a few older checks still send plain text. */
  message: string;
  values?: MessageValues;
}
export interface ApiError {
  code: ErrorCode;
  /** A message key ('failures.fileExists', worded with `values`) or plain text. */
  message: string;
  issues?: FieldIssue[];
  values?: MessageValues;
}
/** Only plain data survives Electron's IPC, so errors travel as values, never as throws. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Prefix of every IPC channel: main accepts nothing else, the preload exposes nothing else. */
export const CHANNEL_PREFIX = 'rapport:';
export const EVENT_PREFIX = 'rapport-event:';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The bridge the preload exposes on `window.rapport`. */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
