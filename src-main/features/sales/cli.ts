import type { Command } from 'commander';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/api';
import { Currency } from '../../shared/domain';
import type { CustomerInput } from '../customers/contract';
import type { ProductInput } from '../catalog/contract';
import type { TechniqueInput } from '../techniques/contract';
import type { Sale, SaleInput } from './contract';
import type { NamedSale } from './service';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, summary, table } from '../../kernel/cli/format';
import { printJsonList, toJson } from '../../kernel/cli/json';
import { AppError } from '../../kernel/errors';
import type { OptionNames } from '../../kernel/cli/messages';
import { parseAmountOption } from '../../kernel/cli/values';
import type { App } from '../../kernel/cli/context';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';

interface ListOptions {
  status?: string;
  from?: string;
  to?: string;
  search?: string;
  limit?: string;
}

interface AddOptions {
  customer?: string;
  customerId?: string;
  newCustomer?: boolean;
  email?: string;
  amount: string;
  currency?: string;
  status: string;
  date: string;
  product?: string;
  technique?: string[];
  satisfaction?: string;
  nps?: string;
  title?: string;
  stage?: string;
  lostReason?: string;
  notes?: string;
}

const LIST_OPTIONS: OptionNames = {
  statuses: '--status',
  from: '--from',
  to: '--to',
  search: '--search',
  limit: '--limit',
};

const ADD_OPTIONS: OptionNames = {
  name: '--customer',
  email: '--email',
  customerId: '--customer-id',
  title: '--title',
  productId: '--product',
  product: '--product',
  amountMinor: '--amount',
  currency: '--currency',
  status: '--status',
  stage: '--stage',
  openedOn: '--date',
  closedOn: '--date',
  techniqueIds: '--technique',
  technique: '--technique',
  satisfaction: '--satisfaction',
  nps: '--nps',
  lostReason: '--lost-reason',
  notes: '--notes',
};

/**
 * Stands in for the customer id while the shared SaleInput schema checks every other
 * field: the CLI names customers, products and techniques, and recordNamedSale resolves
 * (or creates) them inside the transaction.
 */
const NOT_YET_RESOLVED_ID = 1;

/** The keys of a sale in --json (sales list and sales add print the same objects). */
const SALE_JSON =
  '  {id, title, customer_id, customer_name, product_id, product_name, amount_minor, currency,\n' +
  '  status, stage, opened_on, closed_on, techniques [{id, name}], satisfaction, nps, lost_reason,\n' +
  '  notes, created_at, updated_at} (amount_minor in minor units of currency)';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerSales(program: Command, app: App): void {
  const sales = program.command('sales').description('list and record sales');

  sales
    .command('list')
    .description('list sales, most recent first (by closing date, or opening date while open)')
    .option('--status <statuses>', 'only these statuses, comma-separated: open,won,lost')
    .option('--from <YYYY-MM-DD>', 'from this day (inclusive)')
    .option('--to <YYYY-MM-DD>', 'up to this day (inclusive)')
    .option('--search <text>', 'in title, customer, product and notes')
    .option('--limit <n>', 'at most this many rows, 1–500 (default: 50)')
    .addHelpText(
      'after',
      `\nWith --json, a list of\n${SALE_JSON}.\n\n` +
        'Example:\n  rapport sales list --status won,lost --from 2026-01-01 --limit 20',
    )
    .action(async (options: ListOptions, command: Command) => {
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues);
      if (issues.length > 0) throw invalidInput(issues, LIST_OPTIONS);
      const query = {
        statuses: options.status?.split(',').map((s) => s.trim()),
        from: options.from,
        to: options.to,
        search: options.search,
        limit,
      };
      const page = await app.session(globals(command), ({ handlers }) =>
        call(handlers, 'sales.list', query, LIST_OPTIONS),
      );
      if (globals(command).json) return printJsonList(app, page, 'cli.sales.total');
      const { t } = app;
      if (page.items.length === 0) return app.print(t('cli.sales.noneMatch'));
      app.print(
        table(page.items, [
          { header: t('cli.head.id'), value: (s) => String(s.id), align: 'right' },
          { header: t('cli.head.date'), value: (s) => app.format.date(s.closedOn ?? s.openedOn) },
          {
            header: t('cli.head.status'),
            value: (s) =>
              s.status === 'open' && s.stage
                ? t('cli.sales.openStage', { stage: t(`cli.saleStage.${s.stage}`) })
                : t(`cli.saleStatus.${s.status}`),
          },
          { header: t('cli.head.customer'), value: (s) => s.customerName, max: 28 },
          { header: t('cli.head.title'), value: (s) => s.title, max: 40 },
          { header: t('cli.head.amount'), value: (s) => app.format.money(s.amountMinor, s.currency), align: 'right' },
        ]),
      );
      app.print(`\n${t('cli.sales.total', { shown: page.items.length, total: page.total })}`);
    });

  sales
    .command('add')
    .description('record a sale; the customer, product and techniques are created if new')
    .option('--customer <name>', "customer's name (matched by --email first, then by name)")
    .option('--email <email>', "customer's email")
    .option('--customer-id <id>', 'the customer by id (see customers list), instead of --customer')
    .option('--new-customer', 'add a new customer even if one of this name is in the book (with another email)')
    .requiredOption('--amount <amount>', 'in major units with a dot for decimals, e.g. 1234.50')
    .option('--currency <code>', 'ISO 4217 code (default: the currency in settings)')
    .requiredOption('--status <status>', 'won, lost or open')
    .requiredOption('--date <YYYY-MM-DD>', 'the day it closed (won/lost) or opened (open)')
    .option('--product <name>', 'product or service sold')
    .option('--technique <name>', 'sales technique used; repeat for several', collect)
    .option('--satisfaction <1-5>', "customer's satisfaction")
    .option('--nps <0-10>', 'how likely the customer is to recommend you')
    .option('--title <title>', 'default: "<product or Sale> — <customer>"')
    .option('--stage <stage>', 'open sales only: lead, qualified, proposal or negotiation')
    .option('--lost-reason <reason>', 'lost sales only: why it was lost')
    .option('--notes <text>', 'free notes')
    .addHelpText(
      'after',
      `\nWith --json, the sale:\n${SALE_JSON}.\n\n` +
        'Examples:\n' +
        '  rapport sales add --customer "Acme S.r.l." --amount 1234.50 --status won --date 2026-03-01 \\\n' +
        '    --product "Premium support" --technique "SPIN questions" --satisfaction 5 --nps 9\n' +
        '  rapport sales add --customer "Mario Rossi" --amount 800 --status open --date 2026-06-10 --stage proposal\n\n' +
        'A --customer whose name is in the book with another email than --email is refused (nothing is\n' +
        'saved): use --customer-id for that customer, or --new-customer for a new one of the same name.',
    )
    .action(async (options: AddOptions, command: Command) => {
      const g = globals(command);
      const { sale, customerCreated } = await app.session(g, async ({ store }) => {
        const [{ recordNamedSale }, { getSettings }, { findCustomer }, { SaleInput }, { CustomerInput }] =
          await Promise.all([
            import('./service'),
            import('../settings'),
            import('../customers'),
            import('./contract'),
            import('../customers/contract'),
          ]);
        const [{ ProductInput }, { TechniqueInput }] = await Promise.all([
          import('../catalog/contract'),
          import('../techniques/contract'),
        ]);
        const schemas = { SaleInput, CustomerInput, ProductInput, TechniqueInput };
        // A sale for --customer-id is titled with that customer's name, as one for --customer is.
        const id = Number(options.customerId);
        const byId = Number.isSafeInteger(id) && id > 0 ? await findCustomer(store.db, id) : undefined;
        const named = validateSale(options, (await getSettings(store.db)).currency, app.t, byId?.name, schemas);
        try {
          return await store.db.transaction().execute((trx) => recordNamedSale(trx, named, app.io.now()));
        } catch (error) {
          // Worded with the options that settle it: --customer-id or --new-customer.
          if (error instanceof AppError && error.message === 'sales.customerMatch.emailDiffers')
            throw new AppError('conflict', 'sales.customerMatch.cli.emailDiffers', undefined, error.values);
          // An unknown --customer-id, named as the option typed.
          if (error instanceof AppError && error.code === 'invalid_input' && error.issues?.length)
            throw invalidInput(error.issues, ADD_OPTIONS, error.message, error.values);
          throw error;
        }
      });
      if (g.json) return app.print(toJson(sale));
      app.print(describeSale(sale, customerCreated, app.t, app.format));
    });
}

/** The contracts' schemas a sale's options are checked with, loaded by `sales add` (declaring it needs none). */
interface SaleSchemas {
  SaleInput: typeof SaleInput;
  CustomerInput: typeof CustomerInput;
  ProductInput: typeof ProductInput;
  TechniqueInput: typeof TechniqueInput;
}

/** Every option checked, all problems reported together; nothing is written on failure. */
function validateSale(
  options: AddOptions,
  defaultCurrency: string,
  t: Translate,
  nameOfId: string | undefined,
  schemas: SaleSchemas,
): NamedSale {
  const issues: FieldIssue[] = [];
  const push = (path: string, result: z.ZodSafeParseResult<unknown>): void => {
    if (!result.success) for (const issue of result.error.issues) issues.push({ path, message: issue.message });
  };

  const currency = (options.currency ?? defaultCurrency).trim().toUpperCase();
  push('currency', Currency.safeParse(currency));
  let amountMinor: number | undefined;
  if (issues.length === 0) {
    const amount = parseAmountOption(options.amount, currency);
    if (amount.ok) amountMinor = amount.minor;
    else issues.push({ path: 'amountMinor', message: amount.message, values: amount.values });
  }
  const satisfaction = wholeNumber(options.satisfaction, 'satisfaction', issues);
  const nps = wholeNumber(options.nps, 'nps', issues);

  // Exactly one of --customer and --customer-id; --email and --new-customer go with --customer.
  const customerId = wholeNumber(options.customerId, 'customerId', issues);
  if (options.customerId !== undefined && customerId !== undefined && customerId < 1)
    issues.push({ path: 'customerId', message: 'errors.invalid' });
  if ((options.customer === undefined) === (options.customerId === undefined))
    issues.push({ path: 'customerId', message: 'sales.customerMatch.cli.oneOf' });
  else if (options.customerId !== undefined && (options.email !== undefined || options.newCustomer))
    issues.push({ path: 'customerId', message: 'sales.customerMatch.cli.idAlone' });
  const customer = schemas.CustomerInput.pick({ name: true, email: true }).safeParse({
    name: options.customer ?? 'unused: the customer is given by id',
    email: options.email ?? null,
  });
  if (!customer.success)
    for (const i of customer.error.issues) issues.push({ path: String(i.path[0]), message: i.message });
  if (options.product !== undefined) push('product', schemas.ProductInput.shape.name.safeParse(options.product));
  for (const name of options.technique ?? []) push('technique', schemas.TechniqueInput.shape.name.safeParse(name));

  const status = options.status.trim().toLowerCase();
  const customerName = options.customer?.trim() ?? nameOfId ?? '';
  const sale = schemas.SaleInput.safeParse({
    title: options.title ?? `${options.product?.trim() || t('cli.sales.defaultTitle')} — ${customerName}`,
    customerId: NOT_YET_RESOLVED_ID,
    amountMinor: amountMinor ?? 0,
    currency,
    status,
    stage: options.stage?.trim().toLowerCase() ?? null,
    // For a won or lost sale recorded after the fact, the one day we know is when it closed.
    openedOn: options.date.trim(),
    closedOn: status === 'open' ? null : options.date.trim(),
    satisfaction: satisfaction ?? null,
    nps: nps ?? null,
    lostReason: options.lostReason,
    notes: options.notes,
  });
  if (!sale.success) {
    for (const i of sale.error.issues) {
      const path = i.path.map(String).join('.');
      // Don't echo schema complaints about values we already rejected more precisely.
      if (!issues.some((known) => known.path === path)) issues.push({ path, message: i.message });
    }
  }
  if (issues.length > 0 || !sale.success || !customer.success) {
    throw invalidInput(issues, ADD_OPTIONS, 'cli.invalid.sale');
  }

  const { customerId: _id, productId: _product, techniqueIds: _techniques, ...fields } = sale.data;
  return {
    ...fields,
    customer:
      customerId !== undefined
        ? { id: customerId }
        : { name: customer.data.name, email: customer.data.email, alwaysNew: options.newCustomer ?? false },
    product: options.product?.trim() || null,
    techniques: (options.technique ?? []).map((t) => t.trim()),
  };
}

function describeSale(sale: Sale, customerCreated: boolean, t: Translate, format: Format): string {
  const status =
    sale.status !== 'open'
      ? t('cli.sales.statusClosed', { status: t(`cli.saleStatus.${sale.status}`), date: sale.closedOn ?? '' })
      : sale.stage
        ? t('cli.sales.statusOpenStage', { stage: t(`cli.saleStage.${sale.stage}`), date: sale.openedOn })
        : t('cli.sales.statusOpen', { date: sale.openedOn });
  const customer = customerCreated ? 'cli.sales.newCustomer' : 'cli.sales.customer';
  return [
    t('cli.sales.recorded', { id: sale.id, title: sale.title }),
    summary([
      [t('cli.head.customer'), t(customer, { name: sale.customerName, id: sale.customerId })],
      [t('cli.head.amount'), format.money(sale.amountMinor, sale.currency)],
      [t('cli.head.status'), status],
      [t('cli.head.product'), orDash(sale.productName)],
      [t('cli.head.techniques'), orDash(sale.techniques.map((technique) => technique.name).join(', '))],
      [t('cli.head.satisfaction'), sale.satisfaction === null ? '—' : `${sale.satisfaction}/5`],
      [t('cli.head.nps'), orDash(sale.nps)],
      ...(sale.lostReason ? [[t('cli.head.lostReason'), sale.lostReason] as const] : []),
      ...(sale.notes ? [[t('cli.head.notes'), sale.notes] as const] : []),
    ]),
  ].join('\n');
}
