import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { TechniqueStats, TechniqueStatsReport } from './contract';
import { call, globals, invalidInput, type App } from '../../kernel/cli/context';
import { table } from '../../kernel/cli/format';
import type { OptionNames } from '../../kernel/cli/messages';
import { whatWorksSentence, wholePercent } from '../../shared/whatWorksWords';

interface StatsOptions {
  from: string;
  to: string;
  segment?: string;
  product?: string;
  industry?: string;
}

const STATS_OPTIONS: OptionNames = {
  from: '--from',
  to: '--to',
  segment: '--segment',
  productId: '--product',
  industry: '--industry',
};

const round = (x: number | null, places: number): number | null =>
  x === null ? null : Math.round(x * 10 ** places) / 10 ** places;

/** The stable `techniques stats --json` row: exactly these keys, rates 0–1 to 4 places, null when unmeasured. */
export function techniqueStatsJson(r: TechniqueStats) {
  return {
    technique: r.technique,
    used: r.used,
    won: r.won,
    lost: r.lost,
    open: r.open,
    win_rate: round(r.winRate, 4),
    ci_low: round(r.interval?.low ?? null, 4),
    ci_high: round(r.interval?.high ?? null, 4),
    baseline_win_rate: round(r.baselineWinRate, 4),
    prob_better: round(r.probBetter, 4),
    avg_won_cents: r.avgWonMinor,
    avg_satisfaction: round(r.avgSatisfaction, 2),
    median_days_to_close: r.medianDaysToClose,
    enough_data: r.enoughData,
  };
}

function describe(report: TechniqueStatsReport, app: App): string {
  const { t, format } = app;
  if (report.rows.length === 0) return t('whatWorks.cli.none');
  const rate = (x: number | null): string => (x === null ? '—' : wholePercent(x));
  const h = (key: string): string => t(`whatWorks.cli.head.${key}`);
  const lines = [
    t('whatWorks.cli.title', { from: report.from, to: report.to }),
    '',
    table(report.rows, [
      { header: h('technique'), value: (r) => r.technique, max: 32 },
      { header: h('used'), value: (r) => String(r.used), align: 'right' },
      { header: h('won'), value: (r) => String(r.won), align: 'right' },
      { header: h('open'), value: (r) => String(r.open), align: 'right' },
      { header: h('winRate'), value: (r) => rate(r.winRate), align: 'right' },
      {
        header: h('interval'),
        value: (r) => (r.interval === null ? '—' : `${rate(r.interval.low)}–${rate(r.interval.high)}`),
        align: 'right',
      },
      { header: h('baseline'), value: (r) => rate(r.baselineWinRate), align: 'right' },
      {
        header: h('probBetter'),
        value: (r) => (r.enoughData ? rate(r.probBetter) : t('whatWorks.cli.notRanked', { count: r.closedNeeded })),
        align: 'right',
      },
      {
        header: h('avgWon'),
        value: (r) => (r.avgWonMinor === null ? '—' : format.money(r.avgWonMinor, report.currency)),
        align: 'right',
      },
      {
        header: h('satisfaction'),
        value: (r) => (r.avgSatisfaction === null ? '—' : r.avgSatisfaction.toFixed(2)),
        align: 'right',
      },
      {
        header: h('days'),
        value: (r) => (r.medianDaysToClose === null ? '—' : String(r.medianDaysToClose)),
        align: 'right',
      },
    ]),
    '',
    ...report.rows.map((r) => whatWorksSentence(r, t)),
    '',
  ];
  if (report.multiTechnique > 0) lines.push(t('whatWorks.cli.multi', { count: report.multiTechnique }));
  lines.push(t('whatWorks.cli.method', { ...report.minimum, alpha: report.prior.alpha, beta: report.prior.beta }));
  return lines.join('\n');
}

/**
 * `rapport techniques stats`: what works, added to the `techniques` command group (made by
 * the catalogue's cli.ts when it ran first, else here).
 */
export function registerTechniqueStats(program: Command, app: App): void {
  const techniques =
    program.commands.find((c) => c.name() === 'techniques') ??
    program.command('techniques').description('the techniques you use, and what works');
  techniques
    .command('stats')
    .description('what works: win rate with its interval against the deals without each technique')
    .requiredOption('--from <YYYY-MM-DD>', 'first closing day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'last closing day of the period')
    .option('--segment <segment>', 'only customers of this segment')
    .option('--product <name>', 'only sales of this product')
    .option('--industry <industry>', 'only customers of this industry')
    .addHelpText(
      'after',
      '\nDeals are counted by closing day (open ones: opened in the period and still open); a deal naming\n' +
        'several techniques counts for each. Ranked only with at least 10 closed deals with the technique\n' +
        'and 10 without, by the lower end of the 95% Wilson interval.\n' +
        'With --json, an array of objects with exactly these keys: technique, used, won, lost, open, win_rate,\n' +
        'ci_low, ci_high (95% Wilson, 0–1, 4 decimals), baseline_win_rate, prob_better (Beta(1, 1) prior),\n' +
        'avg_won_cents (settings currency only), avg_satisfaction, median_days_to_close, enough_data;\n' +
        'rates are null when there is nothing to measure.\n\n' +
        'Example:\n  rapport techniques stats --from 2026-01-01 --to 2026-12-31 --segment Retail --json',
    )
    .action(async (options: StatsOptions, command: Command) => {
      const g = globals(command);
      const report = await app.session(g, async ({ handlers }) => {
        let productId: number | undefined;
        if (options.product !== undefined) {
          const name = options.product.trim().toLowerCase();
          const found = (await call(handlers, 'products.list', {}, STATS_OPTIONS)).find(
            (p) => p.name.toLowerCase() === name,
          );
          if (!found) {
            const issues: FieldIssue[] = [{ path: 'productId', message: 'errors.unknownProduct' }];
            throw invalidInput(issues, STATS_OPTIONS);
          }
          productId = found.id;
        }
        return call(
          handlers,
          'techniques.stats',
          {
            from: options.from.trim(),
            to: options.to.trim(),
            segment: options.segment,
            productId,
            industry: options.industry,
          },
          STATS_OPTIONS,
        );
      });
      app.print(g.json ? JSON.stringify(report.rows.map(techniqueStatsJson), null, 2) : describe(report, app));
    });
}
