import type Database from 'better-sqlite3';
import { BoundedCache } from './memo';
import { scheduleImportedCheckIns } from '../care';
import { deferSalesFacts, foldSalesFacts } from '../../db/salesFacts';
import { deferTechniqueFacts, foldTechniqueFacts } from '../../db/techniqueFacts';
import { deferSearchIndex, foldSearchIndex } from '../../db/searchIndex';
import type { BatchWriter, WriteOutcome } from './importer';
import type { CustomerCandidate, SaleCandidate } from './rows';

/**
 * Writes imported rows with prepared statements on the raw connection, inside the transactions
 * of the import: Kysely's per-query compile and async hop would cost more than the insert
 * itself, and a 100,000-row import must stay close to a bare insert's speed.
 */
abstract class Writer {
  // Lookups repeat a lot (a customer buys many times).
  protected readonly customerByEmail = new BoundedCache<number>(50_000);
  /** Name key -> the first customer of that name (for rows without an email). */
  protected readonly customerByKey = new BoundedCache<number>(50_000);
  /** Name key -> the first customer of that name without an email (for rows with one). */
  protected readonly emaillessByKey = new BoundedCache<number>(50_000);
  private readonly findByKey: Database.Statement<[string], { id: number }>;
  private readonly allByEmail: Database.Statement<[string], { id: number }>;
  private readonly allByKey: Database.Statement<[string], { id: number }>;
  private readonly allEmaillessByKey: Database.Statement<[string], { id: number }>;
  protected readonly insertCustomer: Database.Statement;
  /** Within this file: a row's customer id (`id`, `customer_id`) -> the customer it became. */
  protected readonly bySource = new Map<string, number>();
  /** Customers taken by one of this file's ids: another id of the file never shares them. */
  private readonly claimed = new Set<number>();

  constructor(
    protected readonly sqlite: Database.Database,
    protected readonly batchId: number,
    protected readonly nowIso: string,
  ) {
    this.findByKey = sqlite.prepare('SELECT id FROM customers WHERE name_key = ? ORDER BY id LIMIT 1');
    // Each `all*` gives its customers oldest first; `.get()` on it, the oldest one alone.
    this.allByEmail = sqlite.prepare('SELECT id FROM customers WHERE email = ? ORDER BY id');
    // Customers without an email first: a row without one most likely names one of them.
    this.allByKey = sqlite.prepare('SELECT id FROM customers WHERE name_key = ? ORDER BY email IS NOT NULL, id');
    this.allEmaillessByKey = sqlite.prepare(
      'SELECT id FROM customers WHERE name_key = ? AND email IS NULL ORDER BY id',
    );
    this.insertCustomer = sqlite.prepare(
      `INSERT INTO customers (name, name_key, company, email, phone, segment, industry, region, company_size,
         acquisition_source, tags, notes, created_at, updated_at, import_batch_id, external_id)
       VALUES (@name, @name_key, @company, @email, @phone, @segment, @industry, @region, @company_size,
         @acquisition_source, @tags, @notes, @now, @now, @batch, @external_id)`,
    );
  }

  /**
   * Same order as findOrCreateCustomer: email first, then the normalised name. A row with an
   * email is never given a customer of the same name with another email: they are two people
   * (the row gets a new customer, counted in customers_created).
   */
  protected findCustomer(email: string | null, nameKey: string): number | undefined {
    if (email) {
      let id = this.customerByEmail.get(email);
      id ??= this.allByEmail.get(email)?.id;
      if (id !== undefined) {
        this.customerByEmail.set(email, id);
        return id;
      }
      id = this.emaillessByKey.get(nameKey) ?? this.allEmaillessByKey.get(nameKey)?.id;
      if (id !== undefined) this.emaillessByKey.set(nameKey, id);
      return id;
    }
    let id = this.customerByKey.get(nameKey);
    id ??= this.findByKey.get(nameKey)?.id;
    if (id !== undefined) this.customerByKey.set(nameKey, id);
    return id;
  }

  protected remember(email: string | null, nameKey: string, id: number): void {
    if (email) {
      this.customerByEmail.set(email, id);
      return;
    }
    // Only created when no customer of that name matched: it is the first one without an email.
    if (!this.customerByKey.has(nameKey)) this.customerByKey.set(nameKey, id);
    if (!this.emaillessByKey.has(nameKey)) this.emaillessByKey.set(nameKey, id);
  }

  /**
   * For a row that carries its customer's id in the file: the customer an earlier row of the
   * same id got; else the first of `preferred` (customers an earlier import recorded under this
   * id) and then of the customers found by email, then name, that no other id of this file has
   * taken. Undefined when none: the caller creates one and calls claim().
   */
  protected customerOfSource(
    source: string,
    email: string | null,
    nameKey: string,
    preferred: () => readonly number[] = () => [],
  ): number | undefined {
    const known = this.bySource.get(source);
    if (known !== undefined) return known;
    const free = (ids: readonly number[]): number | undefined => ids.find((id) => !this.claimed.has(id));
    const ids = (rows: { id: number }[]): number[] => rows.map((r) => r.id);
    const id =
      free(preferred()) ??
      (email
        ? (free(ids(this.allByEmail.all(email))) ?? free(ids(this.allEmaillessByKey.all(nameKey))))
        : free(ids(this.allByKey.all(nameKey))));
    if (id !== undefined) this.claim(source, id);
    return id;
  }

  protected claim(source: string, id: number): void {
    this.bySource.set(source, id);
    this.claimed.add(id);
  }

  /** The lookups are read again; what this file's own ids became (bySource) stays. */
  forget(): void {
    this.customerByEmail.clear();
    this.customerByKey.clear();
    this.emaillessByKey.clear();
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
    this.customerIdentity = sqlite.prepare('SELECT name_key, email FROM customers WHERE id = ?');
    // What works' per-day tables take the batch's sales in one pass at the end (close), not
    // link by link: a quarter of a 100,000-row import's time otherwise.
    deferTechniqueFacts(sqlite, batchId);
    // So do the sales' own per-day tables and their customers' purchase days, and the search index.
    deferSalesFacts(sqlite, batchId);
    deferSearchIndex(sqlite, batchId);
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
    const source = c.customerSourceId;
    let customerId =
      source === null
        ? this.findCustomer(c.customer.email, c.customer.nameKey)
        : this.customerOfSource(source, c.customer.email, c.customer.nameKey, () => this.recorded(source, c.customer));
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
      if (source === null) this.remember(c.customer.email, c.customer.nameKey, customerId);
      else this.claim(source, customerId);
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

  /** Customer ids earlier customers imports (not undone) recorded per file id, newest first; read once. */
  private recordedSources: Map<string, number[]> | null = null;
  private readonly customerIdentity: Database.Statement<[number], { name_key: string; email: string | null }>;

  /**
   * The customers that earlier imports of a customers file recorded under this id (a Rapport
   * export's customers file, then its sales file) and that still have this row's name and, if
   * the row has one, its email: an id alone never matches a customer (see README, Export).
   */
  private recorded(source: string, customer: SaleCandidate['customer']): number[] {
    if (this.recordedSources === null) {
      this.recordedSources = new Map();
      const batches = this.sqlite
        .prepare(
          `SELECT json_extract(options, '$.sourceIds') AS ids FROM import_batches
           WHERE kind = 'customers' AND undone_at IS NULL AND json_extract(options, '$.sourceIds') IS NOT NULL
           ORDER BY id DESC`,
        )
        .all() as { ids: string }[];
      for (const batch of batches)
        for (const [id, customerId] of Object.entries(JSON.parse(batch.ids) as Record<string, number>)) {
          const list = this.recordedSources.get(id);
          if (list) list.push(customerId);
          else this.recordedSources.set(id, [customerId]);
        }
    }
    return (this.recordedSources.get(source) ?? []).filter((id) => {
      const row = this.customerIdentity.get(id);
      return (
        row !== undefined &&
        row.name_key === customer.nameKey &&
        (customer.email === null || row.email === customer.email)
      );
    });
  }

  override forget(): void {
    super.forget();
    this.products.clear();
    this.techniques.clear();
    this.recordedSources = null;
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

  /** Runs once after the last row, inside the import's last transaction. */
  close(): void {
    this.sqlite.exec('DROP TABLE IF EXISTS temp.import_seen');
    scheduleImportedCheckIns(this.sqlite, this.batchId, this.nowIso);
    foldTechniqueFacts(this.sqlite, this.batchId);
    foldSalesFacts(this.sqlite, this.batchId);
    foldSearchIndex(this.sqlite, this.batchId);
  }
}

export class CustomersWriter extends Writer implements BatchWriter<CustomerCandidate> {
  private readonly byExternalId: Database.Statement<[string], { id: number }>;

  constructor(sqlite: Database.Database, batchId: number, nowIso: string) {
    super(sqlite, batchId, nowIso);
    this.byExternalId = sqlite.prepare('SELECT id FROM customers WHERE external_id = ?');
    // Their notes are indexed in one pass at the end (close).
    deferSearchIndex(sqlite, batchId);
  }

  /**
   * A customer already known by external id, email or normalised name is a duplicate. Rows with
   * ids (`id`, as in a Rapport export) are distinct customers: two rows of the same name and no
   * email with two ids become two customers, and no two ids share one customer already there.
   */
  write(c: CustomerCandidate): WriteOutcome {
    const d = c.customer;
    const known = c.externalId === null ? undefined : this.byExternalId.get(c.externalId)?.id;
    if (c.sourceId !== null) {
      if (known !== undefined) {
        if (!this.bySource.has(c.sourceId)) this.claim(c.sourceId, known);
        return { inserted: false };
      }
      if (this.customerOfSource(c.sourceId, d.email, c.nameKey) !== undefined) return { inserted: false };
    } else {
      if (known !== undefined) return { inserted: false };
      if (this.findCustomer(d.email, c.nameKey) !== undefined) return { inserted: false };
    }
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
    if (c.sourceId !== null) this.claim(c.sourceId, id);
    else this.remember(d.email, c.nameKey, id);
    return { inserted: true, customerCreated: true };
  }

  /**
   * Records which customer each of the file's ids became (or was found as), in the batch's
   * options: a sales file of the same export then finds its customers by `customer_id`.
   */
  close(): void {
    foldSearchIndex(this.sqlite, this.batchId);
    if (this.bySource.size === 0) return;
    this.sqlite
      .prepare(`UPDATE import_batches SET options = json_set(options, '$.sourceIds', json(?)) WHERE id = ?`)
      .run(JSON.stringify(Object.fromEntries(this.bySource)), this.batchId);
  }
}
