import { z } from 'zod';
import { Id, IsoDateSchema, optionalText } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';
import { Interval, TechniqueRef } from '../techniques/contract';
import { JournalOutcome } from '../journal/contract';

/** When an experiment stops: after N closed deals with the technique, or on a day. */
export const StopRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('deals'),
    deals: z
      .int({ error: 'errors.wholeNumber' })
      .min(1, { error: 'experiments.errors.deals' })
      .max(500, { error: 'experiments.errors.deals' }),
  }),
  z.object({ kind: z.literal('date'), on: IsoDateSchema }),
]);
export type StopRule = z.infer<typeof StopRule>;

export const ExperimentInput = z
  .object({
    techniqueId: Id,
    hypothesis: z.string().trim().min(1, { error: 'errors.required' }).max(1000, { error: 'errors.tooLong' }),
    startedOn: IsoDateSchema,
    stop: StopRule,
    segment: optionalText(80),
  })
  .refine((e) => e.stop.kind !== 'date' || e.stop.on >= e.startedOn, {
    path: ['stop', 'on'],
    message: 'experiments.errors.stopBeforeStart',
  });
export type ExperimentInput = z.input<typeof ExperimentInput>;

/**
 * What an experiment found so far: closed deals with the technique since it started (in its
 * segment) against the closed deals without it in the same days.
 */
export const ExperimentResult = z.object({
  used: z.int(),
  won: z.int(),
  open: z.int(),
  winRate: z.number().nullable(),
  interval: Interval.nullable(),
  baselineUsed: z.int(),
  baselineWon: z.int(),
  baselineWinRate: z.number().nullable(),
  probBetter: z.number().nullable(),
  enoughData: z.boolean(),
});
export type ExperimentResult = z.infer<typeof ExperimentResult>;

export const EXPERIMENT_STATUSES = ['running', 'complete', 'concluded'] as const;

export const Experiment = z.object({
  id: Id,
  technique: TechniqueRef,
  hypothesis: z.string(),
  startedOn: z.string(),
  stop: StopRule,
  segment: z.string().nullable(),
  /** running: the stop rule is not met; complete: it is, awaiting a conclusion; concluded. */
  status: z.enum(EXPERIMENT_STATUSES),
  /** The last day that counts: the stop day, the day the Nth deal closed, or today. */
  through: z.string(),
  progress: z.object({
    /** Closed deals with the technique so far. */
    deals: z.int(),
    /** The rule's deals, or null for a date rule. */
    target: z.int().nullable(),
    /** Days left for a date rule (0 once it has passed), else null. */
    daysLeft: z.int().nullable(),
    /** 0–1. */
    fraction: z.number(),
  }),
  result: ExperimentResult,
  endedOn: z.string().nullable(),
  conclusionEntryId: Id.nullable(),
});
export type Experiment = z.infer<typeof Experiment>;

/** The seller's conclusion, written to the journal as an entry. */
export const ExperimentConclusion = z.object({
  id: Id,
  outcome: JournalOutcome.nullable().default(null),
  learned: z.string().trim().min(1, { error: 'errors.required' }).max(5000, { error: 'errors.tooLong' }),
  nextTime: optionalText(5000),
  endedOn: IsoDateSchema,
});

export const experimentsOps = {
  /** Running first, then the rest newest first. */
  'experiments.list': query(Empty, z.array(Experiment)),
  'experiments.get': query(ById, Experiment),
  'experiments.create': command(ExperimentInput, Experiment, { writes: ['experiments'] }),
  'experiments.conclude': command(ExperimentConclusion, z.object({ experiment: Experiment, entryId: Id }), {
    writes: ['experiments', 'journal'],
  }),
  'experiments.delete': command(ById, z.object({ id: Id }), { writes: ['experiments'] }),
} as const;
