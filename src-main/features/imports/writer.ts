import type Database from 'better-sqlite3';
import { BoundedCache } from './memo';
import { scheduleImportedCheckIns } from '../care';
import { deferSalesFacts, foldSalesFacts } from '../../db/salesFacts';
import { deferTechniqueFacts, foldTechniqueFacts } from '../../db/techniqueFacts';
import type { BatchWriter, WriteOutcome } from './importer';
import type { CustomerCandidate, SaleCandidate } from './rows';

/**
 * Writes imported rows with prepared statements on the raw connection, inside the transaction
 * of the import: Kysely's per-query compile and async hop would cost more than the insert
 * itself, and a 100,000-row import must stay close to a bare insert's speed.
 */
abstract class Writer {
  // Lookups repeat a lot (a customer buys many times).
  protected readonly customerByEmail = new BoundedCache<number>(50_000);
  protected readonly customerByKey = new BoundedCache<number>(50_000);
  private readonly findByEmail: Database.Statement<[string], { id: number }>;
  private readonly findByKey: Database.Statement<[string], { id: number }>;
  protected readonly insertCustomer: Database.Statement;

  constructor(
    protected readonly sqlite: Database.Database,
    protected readonly batchId: number,
    protected readonly nowIso: string,
  ) {
    this.findByEmail = sqlite.prepare('SELECT id FROM customers WHERE email = ? ORDER BY id LIMIT 1');
    this.findByKey = sqlite.prepare('SELECT id FROM customers WHERE name_key = ? ORDER BY id LIMIT 1');
    this.insertCustomer = sqlite.prepare(
      `INSERT INTO customers (name, name_key, company, email, phone, segment, industry, region, company_size,
         acquisition_source, tags, notes, created_at, updated_at, import_batch_id, external_id)
       VALUES (@name, @name_key, @company, @email, @phone, @segment, @industry, @region, @company_size,
         @acquisition_source, @tags, @notes, @now, @now, @batch, @external_id)`,
    );
  }

  /** Same order as findOrCreateCustomer: email first, then the normalised name. */
  protected findCustomer(email: string | null, nameKey: string): number | undefined {
    if (email) {
      let id = this.customerByEmail.get(email);
      id ??= this.findByEmail.get(email)?.id;
      if (id !== undefined) {
        this.customerByEmail.set(email, id);
        return id;
      }
    }
    let id = this.customerByKey.get(nameKey);
    id ??= this.findByKey.get(nameKey)?.id;
    if (id !== undefined) this.customerByKey.set(nameKey, id);
    return id;
  }

  protected remember(email: string | null, nameKey: string, id: number): void {
    if (email) this.customerByEmail.set(email, id);
    if (!this.customerByKey.has(nameKey)) this.customerByKey.set(nameKey, id);
  }
}

export class SalesWriter extends Writer implements BatchWriter<SaleCandidate> {
  private readonly products = new Map<string, number>();
  private readonly techniques = new Map<string, number>();
  private readonly byExternalId: Database.Statement<[string], { id: number }>;
  private readonly fingerprintElsewhere: Database.Statement<[string, number], { n: number }>;
  private readonly seen: Database.Statement<[string], { n: number }>;
  private readonly markSeen: Database.Statement<[string]>;
  private readonly insertSale: Database.Statement;
  private readonly link: Database.Statement<[number, number]>;
  private readonly findProduct: Database.Statement<[string], { id: number }>;
  private readonly newProduct: Database.Statement<[string, string, string]>;
  private readonly findTechnique: Database.Statement<[string], { id: number }>;
  private readonly newTechnique: Database.Statement<[string, string]>;

  /** False on a first import: no earlier row can then match a fingerprint, so none is looked up. */
  private readonly fingerprintsBefore: boolean;

  constructor(sqlite: Database.Database, batchId: number, nowIso: string) {
    super(sqlite, batchId, nowIso);
    this.fingerprintsBefore =
      sqlite.prepare('SELECT 1 FROM sales WHERE fingerprint IS NOT NULL LIMIT 1').get() !== undefined;
    // Counts how often this run skipped a fingerprint as already present (see write()).
    sqlite.exec('DROP TABLE IF EXISTS temp.import_seen');
    sqlite.exec('CREATE TEMP TABLE import_seen (fingerprint TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID');
    this.byExternalId = sqlite.prepare('SELECT id FROM sales WHERE external_id = ?');
    this.fingerprintElsewhere = sqlite.prepare(
      'SELECT count(*) AS n FROM sales WHERE fingerprint = ? AND import_batch_id IS NOT ?',
    );
    this.seen = sqlite.prepare('SELECT n FROM temp.import_seen WHERE fingerprint = ?');
    this.markSeen = sqlite.prepare(
      'INSERT INTO temp.import_seen VALUES (?, 1) ON CONFLICT (fingerprint) DO UPDATE SET n = n + 1',
    );
    // Positional parameters: binding an object by name costs more than the insert's own work.
    this.insertSale = sqlite.prepare(
      `INSERT INTO sales (title, customer_id, product_id, amount_minor, currency, status, stage, opened_on, closed_on,
         satisfaction, nps, lost_reason, notes, created_at, updated_at, import_batch_id, external_id, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.link = sqlite.prepare('INSERT OR IGNORE INTO sale_techniques (sale_id, technique_id) VALUES (?, ?)');
    this.findProduct = sqlite.prepare('SELECT id FROM products WHERE name = ?');
    this.newProduct = sqlite.prepare('INSERT INTO products (name, currency, created_at) VALUES (?, ?, ?)');
    this.findTechnique = sqlite.prepare('SELECT id FROM techniques WHERE name = ?');
    this.newTechnique = sqlite.prepare('INSERT INTO techniques (name, created_at) VALUES (?, ?)');
    // What works' per-day tables take the batch's sales in one pass at the end (close), not
    // link by link: a quarter of a 100,000-row import's time otherwise.
    deferTechniqueFacts(sqlite, batchId);
    // So do the sales' own per-day tables and their customers' purchase days.
    deferSalesFacts(sqlite, batchId);
  }

  /**
   * A row is already there when its external id is, or (without one) when an earlier import
   * holds a row with the same fingerprint. Identical rows inside one file are all real sales
   * (two equal renewals on one day), so the k-th copy is a duplicate only if at least k copies
   * exist from before: a file imported twice adds nothing, a longer re-export adds the rest.
   */
  private isDuplicate(c: SaleCandidate): boolean {
    if (c.externalId !== null) return this.byExternalId.get(c.externalId) !== undefined;
    if (!this.fingerprintsBefore) return false;
    const before = this.fingerprintElsewhere.get(c.fingerprint, this.batchId)!.n;
    if (before === 0) return false;
    const skipped = this.seen.get(c.fingerprint)?.n ?? 0;
    if (skipped >= before) return false;
    this.markSeen.run(c.fingerprint);
    return true;
  }

  write(c: SaleCandidate): WriteOutcome {
    if (this.isDuplicate(c)) return { inserted: false };
    let customerId = this.findCustomer(c.customer.email, c.customer.nameKey);
    const customerCreated = customerId === undefined;
    if (customerId === undefined) {
      customerId = Number(
        this.insertCustomer.run({
          name: c.customer.name,
          name_key: c.customer.nameKey,
          company: null,
          email: c.customer.email,
          phone: null,
          segment: null,
          industry: null,
          region: null,
          company_size: null,
          acquisition_source: null,
          tags: '[]',
          notes: null,
          now: this.nowIso,
          batch: this.batchId,
          external_id: null,
        }).lastInsertRowid,
      );
      this.remember(c.customer.email, c.customer.nameKey, customerId);
    }
    const s = c.sale;
    const saleId = Number(
      this.insertSale.run(
        s.title,
        customerId,
        c.product === null ? null : this.productId(c.product, s.currency),
        s.amountMinor,
        s.currency,
        s.status,
        s.stage,
        s.openedOn,
        s.closedOn,
        s.satisfaction,
        s.nps,
        s.lostReason,
        s.notes,
        this.nowIso,
        this.nowIso,
        this.batchId,
        c.externalId,
        c.externalId === null ? c.fingerprint : null,
      ).lastInsertRowid,
    );
    for (const t of c.techniques) this.link.run(saleId, this.techniqueId(t));
    return { inserted: true, customerCreated };
  }

  /** Names are unique case-insensitively (COLLATE NOCASE), like findOrCreateProduct. */
  private productId(name: string, currency: string): number {
    let id = this.products.get(name);
    if (id !== undefined) return id;
    const key = name.toLowerCase();
    id = this.products.get(key) ?? this.findProduct.get(name)?.id;
    id ??= Number(this.newProduct.run(name, currency, this.nowIso).lastInsertRowid);
    this.products.set(key, id).set(name, id);
    return id;
  }

  private techniqueId(name: string): number {
    let id = this.techniques.get(name);
    if (id !== undefined) return id;
    const key = name.toLowerCase();
    id = this.techniques.get(key) ?? this.findTechnique.get(name)?.id;
    id ??= Number(this.newTechnique.run(name, this.nowIso).lastInsertRowid);
    this.techniques.set(key, id).set(name, id);
    return id;
  }

  /** Runs once after the last row, inside the transaction of the import. */
  close(): void {
    this.sqlite.exec('DROP TABLE IF EXISTS temp.import_seen');
    scheduleImportedCheckIns(this.sqlite, this.batchId, this.nowIso);
    foldTechniqueFacts(this.sqlite, this.batchId);
    foldSalesFacts(this.sqlite, this.batchId);
  }
}

export class CustomersWriter extends Writer implements BatchWriter<CustomerCandidate> {
  private readonly byExternalId: Database.Statement<[string], { id: number }>;

  constructor(sqlite: Database.Database, batchId: number, nowIso: string) {
    super(sqlite, batchId, nowIso);
    this.byExternalId = sqlite.prepare('SELECT id FROM customers WHERE external_id = ?');
  }

  /** A customer already known by external id, email or normalised name is a duplicate. */
  write(c: CustomerCandidate): WriteOutcome {
    const d = c.customer;
    if (c.externalId !== null && this.byExternalId.get(c.externalId) !== undefined) return { inserted: false };
    if (this.findCustomer(d.email, c.nameKey) !== undefined) return { inserted: false };
    const id = Number(
      this.insertCustomer.run({
        name: d.name,
        name_key: c.nameKey,
        company: d.company,
        email: d.email,
        phone: d.phone,
        segment: d.segment,
        industry: d.industry,
        region: d.region,
        company_size: d.companySize,
        acquisition_source: d.acquisitionSource,
        tags: JSON.stringify(d.tags),
        notes: d.notes,
        now: this.nowIso,
        batch: this.batchId,
        external_id: c.externalId,
      }).lastInsertRowid,
    );
    this.remember(d.email, c.nameKey, id);
    return { inserted: true, customerCreated: true };
  }

  close(): void {}
}
