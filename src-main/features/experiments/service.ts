import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Experiment, ExperimentResult, StopRule } from './contract';
import type { JournalOutcome } from '../journal/contract';
import { effectiveness, techniqueEffectiveness } from '../metrics';
import { getSettings } from '../settings';
import { AppError } from '../../kernel/errors';
import { daysBetween, localIsoDate } from '../../shared/dates';
import type { Language } from '../../shared/domain';
import { translator } from '../../shared/locales/translate';
import { whatWorksSentence } from '../../shared/whatWorksWords';
import {
  allExperiments,
  deleteExperimentRow,
  findExperiment,
  findTechniqueState,
  insertExperiment,
  markConcluded,
  nthClosingDay,
  type ExperimentRecord,
} from './repository';
import { createEntry } from '../journal';

/**
 * Experiments: "try feel-felt-found on my next 10 objections", "for four weeks". What counts
 * toward one is the decided sales that name its technique and CLOSE from its start through
 * its end, in its segment; the baseline is the decided sales without it in the same days and
 * segment. Both come from what works (metrics/techniques.ts), so an experiment's figures are
 * the same as the what-works screen's for those days.
 *
 * Its end (`through`), looked at on a day (today, or the day it was concluded):
 * - N deals: the day the Nth such sale closed, once there are N; until then that day;
 * - a date: the stop date once it has passed; until then that day.
 * Status: running until the rule is met, then complete; concluded once the seller has
 * written the conclusion (a journal entry).
 */

const notFound = (id: number): AppError =>
  new AppError('not_found', 'experiments.failures.notFound', undefined, { id });

function stopOf(row: ExperimentRecord): StopRule {
  return row.stop_deals !== null ? { kind: 'deals', deals: row.stop_deals } : { kind: 'date', on: row.stop_on! };
}

/** The experiment's figures as of `asOf` (its conclusion day once concluded). */
async function present(db: Kysely<DB>, row: ExperimentRecord, today: string, currency: string): Promise<Experiment> {
  const asOf = row.ended_on ?? today;
  const stop = stopOf(row);
  let through: string;
  let ruleMet: boolean;
  if (stop.kind === 'deals') {
    const nth = await nthClosingDay(db, row.technique_id, row.segment, row.started_on, asOf, stop.deals);
    ruleMet = nth !== null;
    through = nth ?? asOf;
  } else {
    ruleMet = asOf > stop.on;
    through = ruleMet ? stop.on : asOf;
  }
  // Looked at before it starts: nothing can count yet.
  if (through < row.started_on) through = row.started_on;

  const report = await techniqueEffectiveness(
    db,
    { from: row.started_on, to: through, segment: row.segment ?? undefined },
    currency,
    [row.technique_id],
  );
  const figures = report.rows[0];
  const result: ExperimentResult = {
    used: figures?.used ?? 0,
    won: figures?.won ?? 0,
    open: figures?.open ?? 0,
    winRate: figures?.winRate ?? null,
    interval: figures?.interval ?? null,
    baselineUsed: figures?.baselineUsed ?? report.closed,
    baselineWon: figures?.baselineWon ?? 0,
    baselineWinRate: figures?.baselineWinRate ?? null,
    probBetter: figures?.probBetter ?? null,
    enoughData: figures?.enoughData ?? false,
  };

  let fraction: number;
  let daysLeft: number | null = null;
  if (stop.kind === 'deals') fraction = Math.min(1, result.used / stop.deals);
  else {
    const total = daysBetween(row.started_on, stop.on) + 1;
    const elapsed = Math.min(total, Math.max(0, daysBetween(row.started_on, asOf) + 1));
    fraction = elapsed / total;
    daysLeft = asOf > stop.on ? 0 : daysBetween(asOf, stop.on) + 1;
  }
  if (ruleMet) fraction = 1;

  return {
    id: row.id,
    technique: { id: row.technique_id, name: row.technique_name, description: row.technique_description },
    hypothesis: row.hypothesis,
    startedOn: row.started_on,
    stop,
    segment: row.segment,
    status: row.ended_on !== null ? 'concluded' : ruleMet ? 'complete' : 'running',
    through,
    progress: {
      deals: result.used,
      target: stop.kind === 'deals' ? stop.deals : null,
      daysLeft,
      fraction,
    },
    result,
    endedOn: row.ended_on,
    conclusionEntryId: row.conclusion_entry_id,
  };
}

export async function getExperiment(db: Kysely<DB>, id: number, now: Date): Promise<Experiment> {
  const row = await findExperiment(db, id);
  if (!row) throw notFound(id);
  return present(db, row, localIsoDate(now), (await getSettings(db)).currency);
}

/** Running first, then the rest newest first (by start, then most recently added). */
export async function listExperiments(db: Kysely<DB>, now: Date): Promise<Experiment[]> {
  const { currency } = await getSettings(db);
  const today = localIsoDate(now);
  const all: Experiment[] = [];
  for (const row of await allExperiments(db)) all.push(await present(db, row, today, currency));
  return [...all.filter((e) => e.status === 'running'), ...all.filter((e) => e.status !== 'running')];
}

/** The technique must exist and be in use: a retired one is not tried again. */
async function checkTechnique(db: Kysely<DB>, techniqueId: number): Promise<void> {
  const technique = await findTechniqueState(db, techniqueId);
  const problem = !technique
    ? 'errors.unknownTechnique'
    : technique.retired
      ? 'experiments.errors.retiredTechnique'
      : null;
  if (problem !== null)
    throw new AppError('invalid_input', 'experiments.failures.notSaved', [{ path: 'techniqueId', message: problem }]);
}

export async function createExperiment(
  db: Kysely<DB>,
  input: {
    techniqueId: number;
    hypothesis: string;
    startedOn: string;
    stop: StopRule;
    segment: string | null;
  },
  now: Date,
): Promise<Experiment> {
  await checkTechnique(db, input.techniqueId);
  const id = await insertExperiment(db, {
    techniqueId: input.techniqueId,
    hypothesis: input.hypothesis,
    startedOn: input.startedOn,
    stopDeals: input.stop.kind === 'deals' ? input.stop.deals : null,
    stopOn: input.stop.kind === 'date' ? input.stop.on : null,
    segment: input.segment,
    createdAt: now.toISOString(),
  });
  return getExperiment(db, id, now);
}

export interface Conclusion {
  id: number;
  outcome: JournalOutcome | null;
  learned: string;
  nextTime: string | null;
  endedOn: string;
}

/**
 * Concludes an experiment: its figures as of `endedOn` go into a journal entry in the
 * seller's language (the hypothesis as the situation, the result in plain words as the
 * body, the technique linked, with the seller's outcome, lesson and next step), and the
 * experiment keeps the entry and its end. Runs in the caller's transaction: all or nothing.
 */
export async function concludeExperiment(
  db: Kysely<DB>,
  input: Conclusion,
  now: Date,
  /** The entry's language; the seller's (settings) unless given (sample data writes in its own). */
  language?: Language,
): Promise<{ experiment: Experiment; entryId: number }> {
  const row = await findExperiment(db, input.id);
  if (!row) throw notFound(input.id);
  if (row.ended_on !== null)
    throw new AppError('conflict', 'experiments.failures.alreadyConcluded', undefined, { id: input.id });
  const today = localIsoDate(now);
  const issues = [];
  if (input.endedOn < row.started_on) issues.push({ path: 'endedOn', message: 'experiments.errors.endBeforeStart' });
  if (input.endedOn > today) issues.push({ path: 'endedOn', message: 'errors.futureDate' });
  if (issues.length > 0) throw new AppError('invalid_input', 'experiments.failures.notSaved', issues);

  const settings = await getSettings(db);
  const t = translator(language ?? settings.language);
  const ended = await present(db, { ...row, ended_on: input.endedOn }, today, settings.currency);
  const sentence = whatWorksSentence(
    {
      technique: row.technique_name,
      ...ended.result,
      closedNeeded: effectiveness(ended.result).closedNeeded,
    },
    t,
  );
  const lines = [
    `**${t('experiments.entry.hypothesis')}:** ${row.hypothesis}`,
    '',
    `**${t('experiments.entry.result')}:** ${sentence}`,
    '',
    t('experiments.entry.period', { from: row.started_on, to: ended.through }),
  ];
  if (row.segment !== null) lines.push('', t('experiments.entry.segment', { segment: row.segment }));
  // Written by the journal itself, so the entry is checked and stored as any other.
  const { id: entryId } = await createEntry(
    db,
    {
      date: input.endedOn,
      title: t('experiments.entry.title', { technique: row.technique_name }),
      situation: row.hypothesis,
      customerId: null,
      saleId: null,
      techniqueIds: [row.technique_id],
      action: null,
      outcome: input.outcome,
      learned: input.learned,
      nextTime: input.nextTime,
      confidence: null,
      tags: [t('experiments.entry.tag')],
      body: lines.join('\n'),
    },
    now,
  );
  const at = now.toISOString();
  if (!(await markConcluded(db, row.id, input.endedOn, entryId, at)))
    throw new AppError('conflict', 'experiments.failures.alreadyConcluded', undefined, { id: input.id });
  return { experiment: await getExperiment(db, row.id, now), entryId };
}

export async function deleteExperiment(db: Kysely<DB>, id: number): Promise<{ id: number }> {
  if (!(await deleteExperimentRow(db, id))) throw notFound(id);
  return { id };
}
