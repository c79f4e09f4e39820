import type { Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import { call, globals, invalidInput, wholeNumber, withSession } from '../context';
import { money, orDash, table } from '../format';
import type { OptionNames } from '../messages';
import type { App } from '../program';

const LIST_OPTIONS: OptionNames = { search: '--search', limit: '--limit' };

export function registerCustomers(program: Command, app: App): void {
  const customers = program.command('customers').description('look up customers');

  customers
    .command('list')
    .description('list active customers by name, with their purchases and lifetime value')
    .option('--search <text>', 'in name, company, email and tags')
    .option('--limit <n>', 'at most this many rows, 1–500 (default: 50)')
    .addHelpText('after', '\nExample:\n  rapport customers list --search rossi --limit 10')
    .action(async (options: { search?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, LIST_OPTIONS);
      const { page, currency } = await withSession(app.io, g, app.version, async ({ handlers }) => ({
        page: await call(handlers, 'customers.list', { search: options.search, limit }, LIST_OPTIONS),
        // Lifetime value is computed in the settings currency (see repositories/customers.ts).
        currency: (await handlers['settings.get'](undefined)).currency,
      }));
      if (g.json) return app.print(JSON.stringify(page, null, 2));
      if (page.items.length === 0) return app.print('No customers match.');
      app.print(
        table(page.items, [
          { header: 'ID', value: (c) => String(c.id), align: 'right' },
          { header: 'Name', value: (c) => c.name, max: 28 },
          { header: 'Company', value: (c) => orDash(c.company), max: 28 },
          { header: 'Email', value: (c) => orDash(c.email), max: 34 },
          { header: 'Purchases', value: (c) => String(c.purchases), align: 'right' },
          { header: 'Lifetime value', value: (c) => money(c.lifetimeValueMinor, currency), align: 'right' },
          { header: 'Last purchase', value: (c) => orDash(c.lastPurchase) },
        ]),
      );
      app.print(`\n${page.items.length} of ${page.total} customers`);
    });
}
