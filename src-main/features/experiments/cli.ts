import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { Experiment } from './contract';
import type { effectiveness } from '../metrics';
import { call, globals, invalidInput, wholeNumber, type App, type Session } from '../../kernel/cli/context';
import { orDash, summary, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { localIsoDate } from '../../shared/dates';
import type { Translate } from '../../shared/locales/translate';
import { whatWorksSentence } from '../../shared/whatWorksWords';

interface AddOptions {
  technique: string;
  hypothesis: string;
  start?: string;
  deals?: string;
  until?: string;
  segment?: string;
}

const ADD_OPTIONS: OptionNames = {
  techniqueId: '--technique',
  hypothesis: '--hypothesis',
  startedOn: '--start',
  stop: '--deals / --until',
  'stop.deals': '--deals',
  'stop.on': '--until',
  segment: '--segment',
};
const SHOW_OPTIONS: OptionNames = { id: 'ID' };

const round = (x: number | null, places: number): number | null =>
  x === null ? null : Math.round(x * 10 ** places) / 10 ** places;

/** The stable `experiments show --json` object (and each item of `experiments list --json`). */
export function experimentJson(e: Experiment) {
  return {
    id: e.id,
    technique: e.technique.name,
    technique_id: e.technique.id,
    hypothesis: e.hypothesis,
    started_on: e.startedOn,
    stop_deals: e.stop.kind === 'deals' ? e.stop.deals : null,
    stop_on: e.stop.kind === 'date' ? e.stop.on : null,
    segment: e.segment,
    status: e.status,
    through: e.through,
    deals: e.progress.deals,
    days_left: e.progress.daysLeft,
    progress: round(e.progress.fraction, 4),
    used: e.result.used,
    won: e.result.won,
    open: e.result.open,
    win_rate: round(e.result.winRate, 4),
    ci_low: round(e.result.interval?.low ?? null, 4),
    ci_high: round(e.result.interval?.high ?? null, 4),
    baseline_used: e.result.baselineUsed,
    baseline_won: e.result.baselineWon,
    baseline_win_rate: round(e.result.baselineWinRate, 4),
    prob_better: round(e.result.probBetter, 4),
    enough_data: e.result.enoughData,
    ended_on: e.endedOn,
    conclusion_entry_id: e.conclusionEntryId,
  };
}

const rule = (e: Experiment, t: Translate): string =>
  e.stop.kind === 'deals'
    ? t('experiments.rule.deals', { count: e.stop.deals })
    : t('experiments.rule.date', { date: e.stop.on });

const progress = (e: Experiment, t: Translate): string =>
  e.stop.kind === 'deals'
    ? t('experiments.progress.deals', { deals: e.progress.deals, target: e.stop.deals })
    : t('experiments.progress.daysLeft', { count: e.progress.daysLeft ?? 0 });

/** `figures`: the metrics feature's effectiveness, loaded by the commands that describe an experiment. */
function describe(e: Experiment, t: Translate, figures: typeof effectiveness): string {
  const h = (key: string): string => t(`experiments.cli.head.${key}`);
  return [
    t('experiments.cli.title', { id: e.id, technique: e.technique.name }),
    '',
    summary([
      [h('hypothesis'), e.hypothesis],
      [h('status'), t(`experiments.status.${e.status}`)],
      [h('started'), e.startedOn],
      [h('rule'), rule(e, t)],
      [h('progress'), `${progress(e, t)} (${Math.round(e.progress.fraction * 100)}%)`],
      [h('segment'), orDash(e.segment)],
      [h('counted'), t('experiments.entry.period', { from: e.startedOn, to: e.through })],
      [
        h('result'),
        whatWorksSentence(
          { technique: e.technique.name, ...e.result, closedNeeded: figures(e.result).closedNeeded },
          t,
        ),
      ],
      [h('ended'), orDash(e.endedOn)],
      [h('entry'), orDash(e.conclusionEntryId)],
    ]),
  ].join('\n');
}

/** The technique of this name (any case), or an issue on --technique. */
async function techniqueId(handlers: Session['handlers'], name: string, issues: FieldIssue[]): Promise<number> {
  const wanted = name.trim().toLowerCase();
  const found = (await call(handlers, 'techniques.list', {}, ADD_OPTIONS)).find((x) => x.name.toLowerCase() === wanted);
  if (!found) issues.push({ path: 'techniqueId', message: 'errors.unknownTechnique' });
  return found?.id ?? 0;
}

export function registerExperiments(program: Command, app: App): void {
  const experiments = program
    .command('experiments')
    .description('try a technique for N deals or until a date, and see how it did against the rest');

  experiments
    .command('add')
    .description('start an experiment')
    .requiredOption('--technique <name>', 'the technique to try (see "rapport techniques list")')
    .requiredOption('--hypothesis <text>', 'what you expect, in your words')
    .option('--start <YYYY-MM-DD>', 'first day (default: today)')
    .option('--deals <n>', 'stop after this many closed deals with the technique')
    .option('--until <YYYY-MM-DD>', 'stop after this day')
    .option('--segment <segment>', 'only deals with customers of this segment')
    .addHelpText(
      'after',
      '\nGive one stop rule: --deals or --until. Deals that name the technique and close from the start\n' +
        'to the end count toward it; the deals without it closed in the same days are the baseline.\n' +
        'With --json, the new experiment as "rapport experiments show --json" prints it.\n\n' +
        'Example:\n  rapport experiments add --technique "Feel-felt-found" --hypothesis "Objections soften" --deals 10',
    )
    .action(async (options: AddOptions, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const deals = wholeNumber(options.deals, 'stop.deals', issues);
      if ((options.deals === undefined) === (options.until === undefined))
        issues.push({ path: 'stop', message: 'experiments.errors.oneStopRule' });
      if (issues.length > 0) throw invalidInput(issues, ADD_OPTIONS, 'experiments.cli.notStarted');
      const text = await app.session(g, async ({ handlers }) => {
        const id = await techniqueId(handlers, options.technique, issues);
        if (issues.length > 0) throw invalidInput(issues, ADD_OPTIONS, 'experiments.cli.notStarted');
        const created = await call(
          handlers,
          'experiments.create',
          {
            techniqueId: id,
            hypothesis: options.hypothesis,
            startedOn: options.start?.trim() ?? localIsoDate(app.io.now()),
            stop: deals !== undefined ? { kind: 'deals', deals } : { kind: 'date', on: options.until?.trim() },
            segment: options.segment,
          },
          ADD_OPTIONS,
        );
        if (g.json) return toJson(experimentJson(created));
        const { effectiveness } = await import('../metrics');
        return `${app.t('experiments.cli.created', { id: created.id })}\n\n${describe(created, app.t, effectiveness)}`;
      });
      app.print(text);
    });

  experiments
    .command('list')
    .description('experiments, running ones first')
    .addHelpText('after', '\nWith --json, an array of the objects "rapport experiments show --json" prints.')
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const list = await app.session(g, ({ handlers }) => call(handlers, 'experiments.list', {}, SHOW_OPTIONS));
      if (g.json) return app.print(toJson(list.map(experimentJson)));
      const { t } = app;
      if (list.length === 0) return app.print(t('experiments.cli.none'));
      const h = (key: string): string => t(`experiments.cli.head.${key}`);
      app.print(
        table(list, [
          { header: h('id'), value: (e) => String(e.id), align: 'right' },
          { header: h('technique'), value: (e) => e.technique.name, max: 28 },
          { header: h('status'), value: (e) => t(`experiments.status.${e.status}`), max: 40 },
          { header: h('started'), value: (e) => e.startedOn },
          { header: h('rule'), value: (e) => rule(e, t) },
          { header: h('progress'), value: (e) => progress(e, t) },
        ]),
      );
    });

  experiments
    .command('show')
    .description("one experiment's progress and result against the baseline")
    .argument('<ID>', 'the experiment (see "rapport experiments list")')
    .addHelpText(
      'after',
      '\nWith --json, prints exactly these keys: id, technique, technique_id, hypothesis, started_on,\n' +
        'stop_deals, stop_on, segment, status, through, deals, days_left, progress (0–1), used, won, open,\n' +
        'win_rate, ci_low, ci_high, baseline_used, baseline_won, baseline_win_rate, prob_better,\n' +
        'enough_data, ended_on, conclusion_entry_id.',
    )
    .action(async (rawId: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const id = wholeNumber(rawId, 'id', issues);
      if (issues.length > 0) throw invalidInput(issues, SHOW_OPTIONS);
      const e = await app.session(g, ({ handlers }) => call(handlers, 'experiments.get', { id }, SHOW_OPTIONS));
      if (g.json) return app.print(toJson(experimentJson(e)));
      const { effectiveness } = await import('../metrics');
      app.print(describe(e, app.t, effectiveness));
    });
}
