import type { Command } from 'commander';
import type { Stats } from './contract';
import { localIsoDate } from '../../shared/dates';
import { call, globals } from '../../kernel/cli/context';
import { summary } from '../../kernel/cli/format';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';
import type { App } from '../../kernel/cli/context';

interface StatsOptions {
  from?: string;
  to?: string;
  currency?: string;
}

export function registerStats(program: Command, app: App): void {
  program
    .command('stats')
    .description('revenue, deals, win rate, customers, satisfaction and NPS for a period')
    .option('--from <YYYY-MM-DD>', 'first day (default: 1 January of this year)')
    .option('--to <YYYY-MM-DD>', 'last day (default: today)')
    .option('--currency <code>', 'money figures count only sales in this currency (default: settings)')
    .addHelpText(
      'after',
      '\nWith --json, prints exactly these keys: from, to, currency, revenue_cents, deals_won, deals_lost,\n' +
        'deals_open, win_rate, avg_deal_cents, customers_active, new_customers, repeat_customers,\n' +
        'avg_satisfaction, nps (money in minor units; win_rate 0–1; null when there is nothing to measure).\n\n' +
        'Example:\n  rapport stats --from 2026-01-01 --to 2026-03-31 --json',
    )
    .action(async (options: StatsOptions, command: Command) => {
      const g = globals(command);
      const today = localIsoDate(app.io.now());
      const query = {
        from: options.from ?? `${today.slice(0, 4)}-01-01`,
        to: options.to ?? today,
        currency: options.currency?.trim().toUpperCase(),
      };
      const stats = await app.session(g, ({ handlers }) =>
        call(handlers, 'stats.summary', query, { from: '--from', to: '--to', currency: '--currency' }),
      );
      app.print(g.json ? JSON.stringify(stats, null, 2) : describeStats(stats, app.t, app.format));
    });
}

const percent = (ratio: number | null): string => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

function describeStats(s: Stats, t: Translate, format: Format): string {
  const cash = (minor: number | null): string => (minor === null ? '—' : format.money(minor, s.currency));
  return [
    t('cli.stats.title', { from: s.from, to: s.to, currency: s.currency }),
    '',
    summary(
      [
        [t('cli.head.revenue'), cash(s.revenue_cents)],
        [t('cli.head.dealsWon'), String(s.deals_won)],
        [t('cli.head.dealsLost'), String(s.deals_lost)],
        [t('cli.head.dealsOpen'), String(s.deals_open)],
        [t('cli.head.winRate'), percent(s.win_rate)],
        [t('cli.head.averageDeal'), cash(s.avg_deal_cents)],
        [t('cli.head.activeCustomers'), String(s.customers_active)],
        [t('cli.head.newCustomers'), String(s.new_customers)],
        [t('cli.head.repeatCustomers'), String(s.repeat_customers)],
        [t('cli.head.avgSatisfaction'), s.avg_satisfaction === null ? '—' : `${s.avg_satisfaction.toFixed(2)} / 5`],
        [t('cli.head.nps'), s.nps === null ? '—' : s.nps.toFixed(1)],
      ],
      'right',
    ),
  ].join('\n');
}
