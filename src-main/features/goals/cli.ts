import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { GOAL_DIRECTIONS, GOAL_METRICS } from './choices';
import type { GoalMetric } from './contract/definition';
import type { GoalSummary } from './contract/api';
import { goalJson } from './json';
import { getSettings } from '../settings';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, summary, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { parseAmountOption } from '../../kernel/cli/values';
import type { App } from '../../kernel/cli/context';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';

interface AddOptions {
  title: string;
  metric: string;
  target: string;
  from: string;
  to: string;
  direction?: string;
  name?: string;
}

const ADD_OPTIONS: OptionNames = {
  title: '--title',
  metric: '--metric',
  target: '--target',
  period: '--from',
  'period.from': '--from',
  'period.to': '--to',
  direction: '--direction',
  customName: '--name',
};
const SHOW_OPTIONS: OptionNames = { id: 'ID', asOf: '--as-of' };
const LOG_OPTIONS: OptionNames = { goalId: 'ID', date: '--date', value: '--value', note: '--note' };

/** A plain number typed on the command line ("12", "0.4", "-20"); money goes through parseAmountOption. */
function parseNumber(raw: string, path: string, issues: FieldIssue[]): number | undefined {
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  issues.push({ path, message: 'cli.issues.numberGot', values: { raw } });
  return undefined;
}

/** A value in the goal's unit, as a person reads it. */
function shown(goal: GoalSummary['goal'], x: number | null, format: Format): string {
  if (x === null) return '—';
  switch (goal.unit) {
    case 'money':
      return format.money(Math.round(x), goal.currency!);
    case 'fraction':
      return `${(x * 100).toFixed(1)}%`;
    case 'rating':
      return `${x.toFixed(2)} / 5`;
    case 'score':
      return x.toFixed(1);
    case 'minutes':
      return format.minutes(x);
    default:
      return Number.isInteger(x) ? String(x) : x.toFixed(1);
  }
}

const metricName = (goal: GoalSummary['goal'], t: Translate): string =>
  goal.metric === 'custom' ? t('cli.goals.custom', { name: goal.customName ?? '' }) : goal.metric;

function describe(s: GoalSummary, t: Translate, format: Format): string {
  const { goal, pace, forecast } = s;
  const perDay =
    pace.requiredPerDay === null ? '—' : t('cli.goals.perDay', { value: shown(goal, pace.requiredPerDay, format) });
  const chance =
    forecast.probability === null
      ? t(forecast.method === 'final' ? 'cli.goals.chanceOver' : 'cli.goals.chanceNoHistory')
      : t('cli.goals.chance', {
          percent: Math.round(forecast.probability * 100),
          projected: shown(goal, forecast.projected, format),
          low: shown(goal, forecast.low, format),
          high: shown(goal, forecast.high, format),
        });
  const target = goal.direction === 'at_least' ? 'cli.goals.atLeast' : 'cli.goals.atMost';
  const lines = [
    t('cli.goals.title', { id: goal.id, title: goal.title }),
    '',
    summary([
      [t('cli.head.metric'), t(target, { metric: metricName(goal, t), target: shown(goal, goal.target, format) })],
      [
        t('cli.head.period'),
        t('cli.goals.period', {
          from: s.period.from,
          to: s.period.to,
          phase: t(`cli.goals.phase.${s.phase}`),
          asOf: s.asOf,
        }),
      ],
      [t('cli.head.current'), shown(goal, pace.actual, format)],
      [t('cli.head.expected'), shown(goal, pace.expected, format)],
      [t('cli.head.status'), t(`paceWords.${pace.status}`)],
      [t('cli.head.progress'), `${Math.round(pace.progress * 100)}%`],
      [t('cli.head.stillNeeded'), perDay],
      [t('cli.head.buffer'), pace.bufferDays === null ? '—' : t('cli.goals.bufferDays', { days: pace.bufferDays })],
      [t('cli.head.forecast'), chance],
    ]),
  ];
  if (s.milestones.length > 0) {
    lines.push('', t('cli.goals.milestones'));
    for (const m of s.milestones) {
      const state = m.reached
        ? t('cli.goals.reached', { date: m.reachedOn ?? '' })
        : t(m.overdue ? 'cli.goals.overdue' : 'cli.goals.open');
      const target = m.target === null ? '' : ` (${shown(goal, m.target, format)})`;
      lines.push(`  ${m.date}  ${m.title}${target} — ${state}`);
    }
  }
  return lines.join('\n');
}

export function registerGoals(program: Command, app: App): void {
  const goals = program.command('goals').description('goals with a target, a period, pace and a forecast');

  goals
    .command('add')
    .description('create a goal over a fixed period')
    .requiredOption('--title <title>', 'what the goal is called')
    .requiredOption('--metric <metric>', `one of ${GOAL_METRICS.join(', ')}`)
    .requiredOption(
      '--target <n>',
      'the target; money in major units (1234.50), rates as 0.4, NPS −100 to 100, learning_minutes in minutes',
    )
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period')
    .option('--direction <direction>', 'at_least (default) or at_most')
    .option('--name <what>', 'custom metrics only: what is counted, e.g. "cold calls"')
    .addHelpText(
      'after',
      '\nMoney targets are in the currency in settings; sales in other currencies do not count toward them.\n' +
        'With --json, the new goal as "rapport goals show --json" prints it.\n\n' +
        'Examples:\n  rapport goals add --title "Q3 revenue" --metric revenue --target 50000 --from 2026-07-01 --to 2026-09-30\n' +
        '  rapport goals add --title "Finish 6 books" --metric items_finished --target 6 --from 2026-01-01 --to 2026-12-31',
    )
    .action(async (options: AddOptions, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const metric = options.metric.trim() as GoalMetric;
      if (!GOAL_METRICS.includes(metric))
        issues.push({
          path: 'metric',
          message: 'cli.issues.oneOfGot',
          values: { choices: GOAL_METRICS.join(', '), raw: options.metric },
        });
      const direction = options.direction?.trim();
      if (direction !== undefined && !(GOAL_DIRECTIONS as readonly string[]).includes(direction))
        issues.push({
          path: 'direction',
          message: 'cli.issues.directionGot',
          values: { raw: options.direction ?? '' },
        });
      if (issues.length > 0) throw invalidInput(issues, ADD_OPTIONS, 'cli.invalid.noGoal');

      const text = await app.session(g, async ({ store, handlers }) => {
        let target: number | undefined;
        const { METRICS } = await import('./contract/definition');
        if (METRICS[metric].unit === 'money') {
          const amount = parseAmountOption(options.target, (await getSettings(store.db)).currency);
          if (amount.ok) target = amount.minor;
          else issues.push({ path: 'target', message: amount.message, values: amount.values });
        } else target = parseNumber(options.target, 'target', issues);
        if (issues.length > 0) throw invalidInput(issues, ADD_OPTIONS, 'cli.invalid.noGoal');
        const created = await call(
          handlers,
          'goals.create',
          {
            title: options.title,
            metric,
            customName: options.name ?? null,
            direction,
            target,
            period: { kind: 'fixed', from: options.from.trim(), to: options.to.trim() },
          },
          ADD_OPTIONS,
        );
        const detail = await call(handlers, 'goals.get', { id: created.id }, SHOW_OPTIONS);
        return g.json
          ? toJson(goalJson(detail))
          : `${app.t('cli.goals.created', { id: created.id })}\n\n${describe(detail, app.t, app.format)}`;
      });
      app.print(text);
    });

  goals
    .command('list')
    .description('active goals with their status, progress and pace')
    .option('--as-of <YYYY-MM-DD>', 'look at the goals as of this day (default: today)')
    .addHelpText('after', '\nWith --json, a list of the objects "rapport goals show --json" prints.')
    .action(async (options: { asOf?: string }, command: Command) => {
      const g = globals(command);
      const list = await app.session(g, ({ handlers }) =>
        call(handlers, 'goals.list', { asOf: options.asOf?.trim() }, SHOW_OPTIONS),
      );
      if (g.json) return app.print(toJson(list.items.map(goalJson)));
      const { t } = app;
      if (list.items.length === 0) return app.print(t('cli.goals.none'));
      app.print(
        table(list.items, [
          { header: t('cli.head.id'), value: (s) => String(s.goal.id), align: 'right' },
          { header: t('cli.head.goal'), value: (s) => s.goal.title, max: 32 },
          { header: t('cli.head.metric'), value: (s) => metricName(s.goal, t), max: 24 },
          { header: t('cli.head.period'), value: (s) => `${s.period.from} – ${s.period.to}` },
          { header: t('cli.head.current'), value: (s) => shown(s.goal, s.pace.actual, app.format), align: 'right' },
          { header: t('cli.head.target'), value: (s) => shown(s.goal, s.goal.target, app.format), align: 'right' },
          { header: t('cli.head.progress'), value: (s) => `${Math.round(s.pace.progress * 100)}%`, align: 'right' },
          { header: t('cli.head.status'), value: (s) => t(`paceWords.${s.pace.status}`) },
          {
            header: t('cli.head.chance'),
            value: (s) =>
              s.forecast.probability === null ? orDash(null) : `${Math.round(s.forecast.probability * 100)}%`,
            align: 'right',
          },
        ]),
      );
      app.print(`\n${t('cli.goals.asOf', { date: list.asOf })}`);
    });

  goals
    .command('show')
    .description("one goal's pace, forecast and milestones")
    .argument('<ID>', 'the goal (see "rapport goals list")')
    .option('--as-of <YYYY-MM-DD>', 'look at the goal as of this day (default: today)')
    .addHelpText(
      'after',
      '\nWith --json, prints exactly these keys: id, title, metric, target, current, progress (0–1),\n' +
        'expected_now, status, required_per_day, buffer_days, forecast {probability, projected, low, high},\n' +
        'milestones. Money values are in minor units (cents).',
    )
    .action(async (rawId: string, options: { asOf?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const id = wholeNumber(rawId, 'id', issues);
      if (issues.length > 0) throw invalidInput(issues, SHOW_OPTIONS);
      const detail = await app.session(g, ({ handlers }) =>
        call(handlers, 'goals.get', { id, asOf: options.asOf?.trim() }, SHOW_OPTIONS),
      );
      app.print(g.json ? toJson(goalJson(detail)) : describe(detail, app.t, app.format));
    });

  goals
    .command('log')
    .description('log a value of a custom-metric goal (e.g. cold calls made that day)')
    .argument('<ID>', 'the goal')
    .requiredOption('--date <YYYY-MM-DD>', 'the day the value belongs to')
    .requiredOption('--value <n>', 'the value, with a dot for decimals')
    .option('--note <text>', 'a note kept with the value')
    .addHelpText('after', '\nWith --json, {id, goal_id, date, value, note, created_at}.')
    .action(async (rawId: string, options: { date: string; value: string; note?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const goalId = wholeNumber(rawId, 'goalId', issues);
      const value = parseNumber(options.value, 'value', issues);
      if (issues.length > 0) throw invalidInput(issues, LOG_OPTIONS, 'cli.invalid.nothingLogged');
      const logged = await app.session(g, ({ handlers }) =>
        call(
          handlers,
          'goals.values.log',
          { goalId, date: options.date.trim(), value, note: options.note },
          LOG_OPTIONS,
        ),
      );
      app.print(
        g.json
          ? toJson(logged)
          : app.t('cli.goals.logged', { value: logged.value, date: logged.date, goalId: logged.goalId, id: logged.id }),
      );
    });
}
