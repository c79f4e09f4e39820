import { hash } from 'node:crypto';
import type { z } from 'zod';
import { Currency } from '../../shared/domain';
import { CustomerInput } from '../customers/contract';
import { ProductInput } from '../catalog/contract';
import { TechniqueInput } from '../techniques/contract';
import { SaleInput, type SaleData } from '../sales/contract';
import type { ImportIssue } from './contract';
import { decodeListCell, unneutraliseCell } from '../../shared/csvCells';
import { normaliseName } from '../../shared/names';
import { rowIssue, type ImportIssueKey, type IssueValues } from './issues';
import type { CustomerData } from '../customers';
import { dayIssue, parseDay, readsDifferently } from './dates';
import { BoundedCache } from './memo';
import { parseAmount } from './numbers';
import { saleFastPath, type SaleFields } from './saleFastPath';
import { stageOf, statusOf } from './mapping';
import type { RowContext, RowResult, SourceRecord } from './importer';

export interface SaleCandidate {
  externalId: string | null;
  /** The customer's id in the file (`customer_id`), if it has one. */
  customerSourceId: string | null;
  customer: { name: string; email: string | null; nameKey: string };
  product: string | null;
  techniques: string[];
  /** Valid per SaleInput; customerId is resolved (or created) when the row is written. */
  sale: SaleData;
  /** Hash of the normalised row: what makes re-importing a file without ids idempotent. */
  fingerprint: string;
}

export interface CustomerCandidate {
  externalId: string | null;
  /** The row's id in the file (`id`), if it has one. */
  sourceId: string | null;
  customer: CustomerData;
  nameKey: string;
}

const SaleCustomer = CustomerInput.pick({ name: true, email: true });
/** Stands in for the customer id while SaleInput checks every other field (as the CLI does). */
const NOT_YET_RESOLVED_ID = 1;
const SYMBOL_CURRENCY: ReadonlyMap<string, string> = new Map([
  ['€', 'EUR'],
  ['$', 'USD'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
]);
const MAX_EXTERNAL_ID = 200;

/** Reads one record: the values of the mapped columns, trimmed ('' when empty or unmapped). */
class Row {
  readonly issues: ImportIssue[] = [];
  constructor(
    private readonly record: SourceRecord,
    private readonly ctx: RowContext,
  ) {
    const n = record.fields.length;
    if (
      n < ctx.headerCount ||
      (n > ctx.headerCount && record.fields.slice(ctx.headerCount).some((f) => f.trim() !== ''))
    )
      this.issue('', 'columnCount', { n, columns: ctx.headerCount });
  }
  get(field: string): string {
    const column = this.ctx.columns[field];
    // Our own exports quote formula-like text ('=…); read back the original value.
    return column === undefined ? '' : unneutraliseCell((this.record.fields[column] ?? '').trim());
  }
  /** A problem with `field` (see issues.ts); `got` is the cell as read. */
  issue(field: string, key: ImportIssueKey | `errors.${string}`, values: IssueValues = {}, got = ''): void {
    this.issues.push(rowIssue(this.record.line, field, this.ctx.mapping[field] ?? null, key, values, got));
  }
  has(field: string): boolean {
    return this.issues.some((i) => i.field === field);
  }
  /**
   * Schema issues, as their keys, on the import field their path belongs to (`fields` names the
   * paths whose field is called otherwise), each with the cell as read.
   */
  zod(error: z.ZodError, fields: Readonly<Record<string, string>>): void {
    for (const i of error.issues) {
      const path = String(i.path[0] ?? '');
      const field = fields[path] ?? path;
      if (this.has(field)) continue;
      this.issue(
        field,
        i.message.startsWith('errors.') ? (i.message as `errors.${string}`) : 'errors.invalid',
        {},
        this.get(field),
      );
    }
  }
  wholeNumber(field: string): number | null {
    const text = this.get(field);
    if (text === '') return null;
    if (/^[+-]?\d{1,6}$/.test(text)) return Number(text);
    this.issue(field, 'wholeNumber', {}, text);
    return null;
  }
}

/** A row's id in its file (`id`, `customer_id`): any text up to MAX_EXTERNAL_ID; null when empty. */
function sourceId(row: Row, field: string): string | null {
  const id = row.get(field) || null;
  if (id !== null && id.length > MAX_EXTERNAL_ID) row.issue(field, 'tooLong', { max: MAX_EXTERNAL_ID });
  return id;
}

const SALE_PATHS: Readonly<Record<string, string>> = {
  amountMinor: 'amount',
  openedOn: 'opened_on',
  closedOn: 'date',
  lostReason: 'lost_reason',
  name: 'customer',
  email: 'customer_email',
};

type ParsedCustomer = { success: true; data: SaleCandidate['customer'] } | { success: false; error: z.ZodError };

/** name -> email -> the validated pair: two lookups cost less than building a joined key per row. */
const customers = new Map<string, Map<string, ParsedCustomer>>();
let customerPairs = 0;

/** A file names the same customers over and over; validating each pair once is enough. */
function saleCustomer(name: string, email: string): ParsedCustomer {
  let byEmail = customers.get(name);
  let parsed = byEmail?.get(email);
  if (!parsed) {
    const result = SaleCustomer.safeParse({ name, email: email || null });
    parsed = result.success
      ? { success: true, data: { ...result.data, nameKey: normaliseName(result.data.name) } }
      : { success: false, error: result.error };
    // Bounded, so a file of all-distinct customers keeps memory flat.
    if (++customerPairs > 20_000) {
      customers.clear();
      customerPairs = 1;
      byEmail = undefined;
    }
    if (!byEmail) customers.set(name, (byEmail = new Map()));
    byEmail.set(email, parsed);
  }
  return parsed;
}

interface Techniques {
  names: string[];
  /** Lower-cased and sorted, as the fingerprint takes them. */
  key: string[];
}

const techniqueLists = new BoundedCache<Techniques | null>(10_000);

/**
 * "SPIN; Demo|spin" -> ["SPIN", "Demo"]; `["SPIN; Demo"]` (our exports' form for names holding a
 * separator, see encodeListCell) -> ["SPIN; Demo"]; null if a name is too long. Memoised: lists repeat.
 */
function techniqueNames(cell: string): Techniques | null {
  let techniques = techniqueLists.get(cell);
  if (techniques === undefined) {
    const unique = new Map<string, string>();
    for (const name of decodeListCell(cell, /[;|]/))
      if (!unique.has(name.toLowerCase())) unique.set(name.toLowerCase(), name);
    const names = [...unique.values()];
    techniques = names.every((t) => TechniqueInput.shape.name.safeParse(t).success)
      ? { names, key: names.map((t) => t.toLowerCase()).sort() }
      : null;
    techniqueLists.set(cell, techniques);
  }
  return techniques;
}

/** Whether `schema` accepts `text`, memoised: a file repeats its currencies and products. */
function memoValid(cache: BoundedCache<boolean>, schema: z.ZodType, text: string): boolean {
  let ok = cache.get(text);
  if (ok === undefined) cache.set(text, (ok = schema.safeParse(text).success));
  return ok;
}
const currencies = new BoundedCache<boolean>(1_000);
const productNames = new BoundedCache<boolean>(10_000);

export function readSale(record: SourceRecord, ctx: RowContext): RowResult<SaleCandidate> {
  const row = new Row(record, ctx);
  const rawCurrency = row.get('currency');
  const currency = rawCurrency ? (SYMBOL_CURRENCY.get(rawCurrency) ?? rawCurrency.toUpperCase()) : ctx.defaultCurrency;
  const currencyOk = memoValid(currencies, Currency, currency);
  if (!currencyOk) row.issue('currency', 'currency', {}, rawCurrency);

  let amountMinor = 0;
  const amountText = row.get('amount');
  if (amountText === '') row.issue('amount', 'required');
  else if (currencyOk) {
    const amount = parseAmount(amountText, ctx.decimal, currency);
    if (amount.ok) amountMinor = amount.minor;
    else row.issue('amount', amount.key, amount.values, amountText);
  }

  const dateText = row.get('date');
  const day = dateText === '' ? null : parseDay(dateText, ctx.dateFormat);
  if (dateText === '') row.issue('date', 'required');
  else if (day === null) row.issue('date', ...dayIssue(dateText, ctx.dateFormat), dateText);
  else if (ctx.dayMonthUndecided && readsDifferently(dateText)) row.issue('date', 'ambiguousDay', {}, dateText);

  const openedText = row.get('opened_on');
  const opened = openedText === '' ? null : parseDay(openedText, ctx.dateFormat);
  if (openedText !== '' && opened === null) row.issue('opened_on', ...dayIssue(openedText, ctx.dateFormat), openedText);
  const statusText = row.get('status');
  const status = statusOf(statusText);
  if (statusText === '') row.issue('status', 'required');
  else if (status !== 'open' && status !== 'won' && status !== 'lost') row.issue('status', 'status', {}, statusText);
  // CRMs keep the last pipeline stage on closed deals; only an open deal has one here.
  const stageText = status === 'open' ? row.get('stage') : '';
  const satisfaction = row.wholeNumber('satisfaction');
  const nps = row.wholeNumber('nps');

  const customer = saleCustomer(row.get('customer'), row.get('customer_email'));
  if (!customer.success) row.zod(customer.error, SALE_PATHS);
  const product = row.get('product') || null;
  if (product !== null && !memoValid(productNames, ProductInput.shape.name, product))
    row.issue('product', 'tooLong', { max: 200 });
  const techniques = techniqueNames(row.get('technique'));
  if (techniques === null) row.issue('technique', 'techniqueTooLong', { max: 120 });
  const externalId = row.get('external_id') || null;
  if (externalId !== null && externalId.length > MAX_EXTERNAL_ID)
    row.issue('external_id', 'tooLong', { max: MAX_EXTERNAL_ID });
  const customerSourceId = sourceId(row, 'customer_id');

  const customerName = customer.success ? customer.data.name : row.get('customer');
  const fields: SaleFields = {
    title: row.get('title') || `${product ?? 'Sale'} — ${customerName}`,
    customerId: NOT_YET_RESOLVED_ID,
    amountMinor,
    currency: currencyOk ? currency : 'EUR',
    status,
    stage: stageText ? stageOf(stageText) : null,
    // A won or lost deal opened on its closing day, unless the file says when it opened.
    openedOn: (status === 'open' ? day : opened) ?? day ?? '2000-01-01',
    closedOn: status === 'open' ? null : (day ?? '2000-01-01'),
    satisfaction,
    nps,
    lostReason: row.get('lost_reason'),
    notes: row.get('notes'),
  };
  let s = saleFastPath(fields);
  if (s === null) {
    const sale = SaleInput.safeParse(fields);
    if (sale.success) s = sale.data;
    else row.zod(sale.error, SALE_PATHS);
  }
  if (row.issues.length > 0 || s === null || !customer.success || techniques === null)
    return { ok: false, issues: row.issues };

  // Only rows without an external id are matched by fingerprint.
  const fingerprint =
    externalId !== null
      ? ''
      : // One-shot hash: no Hash object per row.
        hash(
          'sha256',
          JSON.stringify([
            customer.data.nameKey,
            customer.data.email,
            s.openedOn,
            s.closedOn,
            s.amountMinor,
            s.currency,
            s.status,
            s.stage,
            product?.toLowerCase() ?? null,
            techniques.key,
            s.satisfaction,
            s.nps,
            s.title,
            s.notes,
            s.lostReason,
          ]),
          'base64url',
        ).slice(0, 32);
  return {
    ok: true,
    value: {
      externalId,
      customerSourceId,
      // Shared by every row of this customer; nothing downstream changes it.
      customer: customer.data,
      product,
      techniques: techniques.names,
      sale: s,
      fingerprint,
    },
  };
}

const CUSTOMER_PATHS: Readonly<Record<string, string>> = {
  companySize: 'company_size',
  acquisitionSource: 'acquisition_source',
};

export function readCustomer(record: SourceRecord, ctx: RowContext): RowResult<CustomerCandidate> {
  const row = new Row(record, ctx);
  const tags = decodeListCell(row.get('tags'), /[;|,]/);
  const parsed = CustomerInput.safeParse({
    name: row.get('name'),
    company: row.get('company'),
    email: row.get('email') || null,
    phone: row.get('phone'),
    segment: row.get('segment'),
    industry: row.get('industry'),
    region: row.get('region'),
    companySize: row.get('company_size'),
    acquisitionSource: row.get('acquisition_source'),
    tags: [...new Set(tags)],
    notes: row.get('notes'),
  });
  if (!parsed.success) row.zod(parsed.error, CUSTOMER_PATHS);
  const externalId = row.get('external_id') || null;
  if (externalId !== null && externalId.length > MAX_EXTERNAL_ID)
    row.issue('external_id', 'tooLong', { max: MAX_EXTERNAL_ID });
  const id = sourceId(row, 'id');
  if (row.issues.length > 0 || !parsed.success) return { ok: false, issues: row.issues };
  return {
    ok: true,
    value: { externalId, sourceId: id, customer: parsed.data, nameKey: normaliseName(parsed.data.name) },
  };
}
