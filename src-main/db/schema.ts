import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Typed view of the database as of the latest migration. */
export interface CustomerTable {
  id: Generated<number>;
  name: string;
  /** Lower-cased, accent- and punctuation-free name used to spot likely duplicates. */
  name_key: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  industry: string | null;
  region: string | null;
  company_size: string | null;
  acquisition_source: string | null;
  /** JSON array of strings. */
  tags: string;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  /** The import batch that created this customer (undo removes it if nothing refers to it). */
  import_batch_id: ColumnType<number | null, number | null | undefined, number | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProductTable {
  id: Generated<number>;
  name: string;
  category: string | null;
  list_price_minor: number | null;
  currency: string;
  created_at: string;
}

export interface TechniqueTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  created_at: string;
}

export interface SaleTable {
  id: Generated<number>;
  title: string;
  customer_id: number;
  product_id: number | null;
  amount_minor: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  stage: 'lead' | 'qualified' | 'proposal' | 'negotiation' | null;
  opened_on: string;
  closed_on: string | null;
  satisfaction: number | null;
  nps: number | null;
  lost_reason: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  import_batch_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The source's own id (unique when present): re-importing the same deal adds nothing. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Hash of the normalised imported row, for idempotency when there is no external id. */
  fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SaleTechniqueTable {
  sale_id: number;
  technique_id: number;
}

export interface SettingTable {
  key: string;
  /** JSON-encoded value. */
  value: ColumnType<string, string, string>;
}

export interface ImportBatchTable {
  id: Generated<number>;
  kind: 'sales' | 'customers';
  source_name: string;
  source_sha256: string;
  /** JSON: mapping, delimiter, encoding, date format, decimal separator. */
  options: string;
  inserted: number;
  duplicates: number;
  skipped: number;
  customers_created: number;
  created_at: string;
  undone_at: string | null;
}

export interface ImportMappingTable {
  id: Generated<number>;
  name: string;
  kind: 'sales' | 'customers';
  /** JSON object: canonical field -> header. */
  mapping: string;
  created_at: string;
  updated_at: string;
}

export interface DB {
  customers: CustomerTable;
  products: ProductTable;
  techniques: TechniqueTable;
  sales: SaleTable;
  sale_techniques: SaleTechniqueTable;
  settings: SettingTable;
  import_batches: ImportBatchTable;
  import_mappings: ImportMappingTable;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
export type SaleRow = Selectable<SaleTable>;
export type NewSaleRow = Insertable<SaleTable>;
export type ProductRow = Selectable<ProductTable>;
export type TechniqueRow = Selectable<TechniqueTable>;
