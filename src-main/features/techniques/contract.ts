import { z } from 'zod';
import { Id, IsoDateSchema, optionalText } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';
import { TECHNIQUE_CATEGORIES } from './choices';
export { TECHNIQUE_CATEGORIES } from './choices';

export const TechniqueCategory = z.enum(TECHNIQUE_CATEGORIES);
export type TechniqueCategory = z.infer<typeof TechniqueCategory>;

const TechniqueName = z.string().trim().min(1, { error: 'errors.required' }).max(120, { error: 'errors.tooLong' });

export const TechniqueInput = z.object({
  name: TechniqueName,
  category: TechniqueCategory.default('other'),
  description: optionalText(2000),
  /** How to do it, one step a line. */
  steps: z
    .array(z.string().trim().min(1, { error: 'errors.required' }).max(500, { error: 'errors.tooLong' }))
    .max(20, { error: 'errors.tooMany' })
    .default([]),
  /** Where it came from, in the seller's words. */
  source: optionalText(500),
});
export type TechniqueInput = z.input<typeof TechniqueInput>;

/** A technique as a sale or an entry names it. */
export const TechniqueRef = z.object({ id: Id, name: z.string(), description: z.string().nullable() });
export type TechniqueRef = z.infer<typeof TechniqueRef>;

/** A technique of the catalogue, with how much it is used. */
export const Technique = TechniqueRef.extend({
  category: TechniqueCategory,
  steps: z.array(z.string()),
  source: z.string().nullable(),
  retired: z.boolean(),
  starter: z.string().nullable(),
  /** Sales that name it (any status). */
  sales: z.int(),
  /** Journal entries that name it. */
  entries: z.int(),
  /** Names merged into it, oldest first. */
  mergedFrom: z.array(z.string()),
});
export type Technique = z.infer<typeof Technique>;

/** One technique of the starter set, in the seller's language. */
export const StarterTechnique = z.object({
  key: z.string(),
  name: z.string(),
  category: TechniqueCategory,
  description: z.string(),
  /** Already in the catalogue (by key or by name). */
  added: z.boolean(),
});
export type StarterTechnique = z.infer<typeof StarterTechnique>;

export const TechniqueMerge = z
  .object({ from: Id, into: Id })
  .refine((m) => m.from !== m.into, { path: ['into'], message: 'techniques.errors.mergeSelf' });
export const MergeResult = z.object({
  survivor: Technique,
  salesMoved: z.int(),
  entriesMoved: z.int(),
});
export type MergeResult = z.infer<typeof MergeResult>;

// ---- what works ----------------------------------------------------------------------------

/** A 95 % interval of a rate, 0–1. */
export const Interval = z.object({ low: z.number(), high: z.number() });

/** The period and the optional narrowing of the effectiveness figures. */
export const TechniqueStatsQuery = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    segment: z.string().trim().min(1).max(80).optional(),
    productId: Id.optional(),
    industry: z.string().trim().min(1).max(80).optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'errors.rangeOrder' });
export type TechniqueStatsQuery = z.input<typeof TechniqueStatsQuery>;

/**
 * How one technique did in the filter. `used` counts closed deals (won + lost) that name it;
 * open ones are apart. The baseline is the closed deals in the same filter without it.
 * Rates are null where there is nothing to measure.
 */
export const TechniqueStats = z.object({
  techniqueId: Id,
  technique: z.string(),
  category: TechniqueCategory,
  retired: z.boolean(),
  used: z.int(),
  won: z.int(),
  lost: z.int(),
  open: z.int(),
  winRate: z.number().nullable(),
  /** 95 % Wilson interval of the win rate. */
  interval: Interval.nullable(),
  baselineUsed: z.int(),
  baselineWon: z.int(),
  baselineWinRate: z.number().nullable(),
  /** winRate − baselineWinRate. */
  difference: z.number().nullable(),
  /** P(rate with it > rate without it) under the stated Beta prior. */
  probBetter: z.number().nullable(),
  avgWonMinor: z.int().nullable(),
  avgSatisfaction: z.number().nullable(),
  nps: z.number().nullable(),
  medianDaysToClose: z.number().nullable(),
  /** At least the minimum of closed deals with it and without it. */
  enoughData: z.boolean(),
  /** Closed deals still needed (with it and without it together) before it is ranked. */
  closedNeeded: z.int(),
});
export type TechniqueStats = z.infer<typeof TechniqueStats>;

export const TechniqueStatsReport = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  /** The minimum of closed deals with the technique and without it before it is ranked. */
  minimum: z.object({ withIt: z.int(), without: z.int() }),
  /** The Beta prior of every rate: Beta(alpha, beta). */
  prior: z.object({ alpha: z.number(), beta: z.number() }),
  closed: z.int(),
  /** Closed deals in the filter that name two or more techniques (each counts for every one). */
  multiTechnique: z.int(),
  /** Ranked first (by what the uncertainty allows), then the rest by name. */
  rows: z.array(TechniqueStats),
});
export type TechniqueStatsReport = z.infer<typeof TechniqueStatsReport>;

/** The segment × technique table: closed deals and wins per cell. */
export const TechniqueSegments = z.object({
  segments: z.array(z.string()),
  cells: z.array(
    z.object({
      segment: z.string(),
      techniqueId: Id,
      used: z.int(),
      won: z.int(),
      winRate: z.number().nullable(),
      interval: Interval.nullable(),
    }),
  ),
});
export type TechniqueSegments = z.infer<typeof TechniqueSegments>;

/** Technique use over time: deals naming each technique, by the month they opened. */
export const TechniqueUsage = z.object({
  months: z.array(z.string()),
  series: z.array(z.object({ techniqueId: Id, technique: z.string(), counts: z.array(z.int()) })),
});
export type TechniqueUsage = z.infer<typeof TechniqueUsage>;

export const techniquesOps = {
  'techniques.list': query(Empty, z.array(Technique)),
  'techniques.get': query(ById, Technique),
  'techniques.create': command(TechniqueInput, Technique, { writes: ['techniques'] }),
  'techniques.update': command(TechniqueInput.extend({ id: Id }), Technique, { writes: ['techniques'] }),
  'techniques.retire': command(z.object({ id: Id, retired: z.boolean() }), Technique, { writes: ['techniques'] }),
  'techniques.merge': command(TechniqueMerge, MergeResult, { writes: ['techniques', 'sales', 'journal'] }),
  'techniques.starter': query(Empty, z.array(StarterTechnique)),
  'techniques.addStarter': command(z.object({ keys: z.array(z.string()).min(1).max(50) }), z.array(Technique), {
    writes: ['techniques'],
  }),
  'techniques.stats': query(TechniqueStatsQuery, TechniqueStatsReport),
  'techniques.segments': query(TechniqueStatsQuery, TechniqueSegments),
  'techniques.usage': query(TechniqueStatsQuery, TechniqueUsage),
} as const;
