import type { Input } from '../../../../src-main/shared/api';
import type { Format } from '../../../../src-main/shared/format';
import {
  ExperimentConclusion,
  ExperimentInput,
  type Experiment,
} from '../../../../src-main/features/experiments/contract';
import type { JournalOutcome } from '../../../../src-main/features/journal/contract';
import { validation, type FieldErrors, type Validation } from '../../ui/errors';
import type { Translate } from '../../../../src-main/shared/locales/translate';
import { wholePercent, whatWorksSentence } from '../../../../src-main/shared/whatWorksWords';
import type { Sentence } from '../whatWorks/whatWorksModel';

/*
 * The experiment dialogs as typed (text for every box, so half-typed input is never lost) and
 * their checks, which run the schemas the backend parses with and name fields by the schemas'
 * paths, so the backend's refusals land on the same fields; and the words an experiment's
 * progress and result are said in.
 */

export interface ExperimentValues {
  techniqueId: string;
  hypothesis: string;
  startedOn: string;
  stopKind: 'deals' | 'date';
  deals: string;
  stopOn: string;
  segment: string;
}

export const EXPERIMENT_FIELDS = [
  'techniqueId',
  'hypothesis',
  'startedOn',
  'stop.deals',
  'stop.on',
  'segment',
] as const;
export const isExperimentField = (path: string): boolean =>
  (EXPERIMENT_FIELDS as readonly string[]).includes(path) || path === 'stop';

/** A new experiment: today, stopping after ten deals, on no technique yet. */
export const emptyExperiment = (today: string): ExperimentValues => ({
  techniqueId: '',
  hypothesis: '',
  startedOn: today,
  stopKind: 'deals',
  deals: '10',
  stopOn: '',
  segment: '',
});

export function validateExperiment(values: ExperimentValues): Validation<Input<'experiments.create'>> {
  const own: FieldErrors = {};
  if (values.techniqueId === '') own.techniqueId = 'errors.required';
  const dealsText = values.deals.trim();
  if (values.stopKind === 'deals' && !/^\d+$/.test(dealsText))
    own['stop.deals'] = dealsText === '' ? 'errors.required' : 'errors.wholeNumber';
  const checked = validation(
    ExperimentInput.safeParse({
      techniqueId: values.techniqueId === '' ? 0 : Number(values.techniqueId),
      hypothesis: values.hypothesis,
      startedOn: values.startedOn,
      stop:
        values.stopKind === 'deals'
          ? { kind: 'deals', deals: /^\d+$/.test(dealsText) ? Number(dealsText) : 0 }
          : { kind: 'date', on: values.stopOn },
      segment: values.segment,
    }),
  );
  if (checked.ok && Object.keys(own).length === 0) return checked;
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...own } };
}

export interface ConclusionValues {
  outcome: JournalOutcome | null;
  learned: string;
  nextTime: string;
  endedOn: string;
}

export const CONCLUSION_FIELDS = ['outcome', 'learned', 'nextTime', 'endedOn'] as const;

/** A conclusion as it opens: ending on the experiment's last counted day. */
export const emptyConclusion = (experiment: Experiment): ConclusionValues => ({
  outcome: null,
  learned: '',
  nextTime: '',
  endedOn: experiment.through,
});

export function validateConclusion(id: number, values: ConclusionValues): Validation<Input<'experiments.conclude'>> {
  return validation(ExperimentConclusion.safeParse({ id, ...values }));
}

// ---- words ---------------------------------------------------------------------------------

/** Running first, then those waiting for a conclusion, then the concluded (each as the backend sent them). */
export function groupExperiments(list: readonly Experiment[]): Record<Experiment['status'], Experiment[]> {
  return {
    running: list.filter((e) => e.status === 'running'),
    complete: list.filter((e) => e.status === 'complete'),
    concluded: list.filter((e) => e.status === 'concluded'),
  };
}

/** The stop rule: "After 10 closed deals" or "Until 30 Jun 2026". */
export function stopRuleText(experiment: Experiment, format: Format): Sentence {
  return experiment.stop.kind === 'deals'
    ? {
        key: 'experiments.ui.stop.deals',
        values: { count: experiment.stop.deals, deals: format.number(experiment.stop.deals) },
      }
    : { key: 'experiments.ui.stop.date', values: { date: format.date(experiment.stop.on) } };
}

/**
 * How far it has come: "6 of 10 deals" for a deals rule, "12 days left" (and the deals so far)
 * for a date rule; once complete, what it counted.
 */
export function progressText(experiment: Experiment, format: Format): Sentence {
  const { deals, target, daysLeft } = experiment.progress;
  const counted = { count: deals, deals: format.number(deals) };
  if (experiment.status !== 'running') return { key: 'experiments.ui.progress.done', values: counted };
  if (target !== null)
    return {
      key: 'experiments.ui.progress.deals',
      values: { count: target, deals: format.number(deals), target: format.number(target) },
    };
  if (daysLeft === null || daysLeft <= 0) return { key: 'experiments.ui.progress.lastDay', values: counted };
  return {
    key: 'experiments.ui.progress.days',
    values: { count: daysLeft, days: format.number(daysLeft), sofar: format.number(deals) },
  };
}

/**
 * The result against the baseline: once the numbers can carry it, in the very words What works
 * and the conclusion's journal entry use (shared/whatWorksWords.ts); before that the rate so
 * far with its interval, and "not enough data yet" in place of a verdict.
 */
export function resultText(experiment: Experiment, t: Translate): string {
  const { result } = experiment;
  const technique = experiment.technique.name;
  if (result.used === 0 || result.winRate === null || result.interval === null) return t('experiments.ui.result.none');
  if (result.enoughData) return whatWorksSentence({ ...result, technique, closedNeeded: 0 }, t);
  const values = {
    technique,
    won: result.won,
    used: result.used,
    rate: wholePercent(result.winRate),
    low: wholePercent(result.interval.low),
    high: wholePercent(result.interval.high),
  };
  const rate =
    result.baselineWinRate === null
      ? t('experiments.ui.result.soFarNoBaseline', values)
      : t('experiments.ui.result.soFar', { ...values, baseline: wholePercent(result.baselineWinRate) });
  return `${rate} ${t('experiments.ui.result.notEnough')}`;
}
