import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { AtRiskReason } from '../care/contract';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { printJsonList } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import type { Translate } from '../../shared/locales/translate';
import type { App } from '../../kernel/cli/context';

const LIST_OPTIONS: OptionNames = { search: '--search', limit: '--limit' };
const AT_RISK_OPTIONS: OptionNames = { asOf: '--as-of', limit: '--limit' };

export function registerCustomers(program: Command, app: App): void {
  const customers = program.command('customers').description('look up customers');

  customers
    .command('list')
    .description('list active customers by name, with their purchases and lifetime value')
    .option('--search <text>', 'in name, company, email and tags')
    .option('--limit <n>', 'at most this many rows, 1–500 (default: 50)')
    .addHelpText(
      'after',
      '\nWith --json, a list of {id, name, company, email, phone, segment, industry, region, company_size,\n' +
        'acquisition_source, tags, notes, archived, created_at, purchases, lifetime_value_minor, currency,\n' +
        'last_purchase} (lifetime value in minor units of the settings currency).\n\n' +
        'Example:\n  rapport customers list --search rossi --limit 10',
    )
    .action(async (options: { search?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, LIST_OPTIONS);
      const { page, currency } = await app.session(g, async ({ handlers }) => ({
        page: await call(handlers, 'customers.list', { search: options.search, limit }, LIST_OPTIONS),
        // Lifetime value is computed in the settings currency (see repositories/customers.ts).
        currency: (await handlers['settings.get'](undefined)).currency,
      }));
      if (g.json)
        return printJsonList(
          app,
          { ...page, items: page.items.map((c) => ({ ...c, currency })) },
          'cli.customers.total',
        );
      const { t } = app;
      if (page.items.length === 0) return app.print(t('cli.customers.noneMatch'));
      app.print(
        table(page.items, [
          { header: t('cli.head.id'), value: (c) => String(c.id), align: 'right' },
          { header: t('cli.head.name'), value: (c) => c.name, max: 28 },
          { header: t('cli.head.company'), value: (c) => orDash(c.company), max: 28 },
          { header: t('cli.head.email'), value: (c) => orDash(c.email), max: 34 },
          { header: t('cli.head.purchases'), value: (c) => String(c.purchases), align: 'right' },
          {
            header: t('cli.head.lifetimeValue'),
            value: (c) => app.format.money(c.lifetimeValueMinor, currency),
            align: 'right',
          },
          { header: t('cli.head.lastPurchase'), value: (c) => orDash(c.lastPurchase) },
        ]),
      );
      app.print(`\n${t('cli.customers.total', { shown: page.items.length, total: page.total })}`);
    });

  customers
    .command('at-risk')
    .description('customers showing a sign of churn, with every reason')
    .option('--as-of <YYYY-MM-DD>', 'the day to look from (default: today)')
    // Its numbers are the contract's (care.atRisk): importing them would put the care contract in
    // the CLI's first chunk, which every command loads.
    .option('--limit <n>', 'at most this many, the most at risk first, 1–2000 (default: 200)')
    .addHelpText(
      'after',
      '\nReasons: an open complaint, a latest NPS of 6 or less, a latest satisfaction of 2 or less, an\n' +
        'overdue check-in, a late reorder, no contact for longer than the maximum interval.\n' +
        'With --json, a list of {customer_id, customer_name, reasons: [{code, …}]}.\n\n' +
        'Example:\n  rapport customers at-risk --as-of 2026-06-30 --limit 20 --json',
    )
    .action(async (options: { asOf?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, AT_RISK_OPTIONS);
      const page = await app.session(g, ({ handlers }) =>
        call(handlers, 'care.atRisk', { asOf: options.asOf, limit }, AT_RISK_OPTIONS),
      );
      if (g.json) return printJsonList(app, page, 'cli.customers.atRiskTotal');
      const { t } = app;
      if (page.items.length === 0) return app.print(t('cli.customers.noneAtRisk'));
      app.print(
        table(page.items, [
          { header: t('cli.head.id'), value: (c) => String(c.customerId), align: 'right' },
          { header: t('cli.head.customer'), value: (c) => c.customerName, max: 28 },
          {
            header: t('cli.head.reasons'),
            value: (c) => c.reasons.map((r) => describeReason(r, t)).join('; '),
            max: 100,
          },
        ]),
      );
      app.print(`\n${t('cli.customers.atRiskTotal', { shown: page.items.length, total: page.total })}`);
    });
}

function describeReason(r: AtRiskReason, t: Translate): string {
  switch (r.code) {
    case 'open_complaint':
      return t(r.count > 1 ? 'cli.customers.openComplaints' : 'cli.customers.openComplaint', {
        count: r.count,
        severity: t(`severityWords.${r.severity}`),
        id: r.complaintId,
        days: r.daysOpen,
      });
    case 'low_nps':
      return t('cli.customers.lowNps', { nps: r.nps, date: r.on });
    case 'low_csat':
      return t('cli.customers.lowCsat', { csat: r.csat, date: r.on });
    case 'overdue_check_in':
      return t(r.count > 1 ? 'cli.customers.overdueCheckIns' : 'cli.customers.overdueCheckIn', {
        count: r.count,
        id: r.checkInId,
        days: r.daysOverdue,
      });
    case 'late_reorder':
      return t('cli.followups.whyReorder', { usual: r.usualDays, days: r.daysSincePurchase });
    case 'no_contact':
      return t('cli.customers.noContact', { days: r.daysSinceContact, max: r.maxDays });
  }
}
