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

export interface InteractionTable {
  id: Generated<number>;
  customer_id: number;
  sale_id: number | null;
  kind: 'call' | 'email' | 'meeting' | 'visit' | 'message' | 'note';
  occurred_on: string;
  summary: string;
  created_at: string;
}

export interface CheckInTable {
  id: Generated<number>;
  /** Null once the sale is deleted (done and skipped check-ins outlive it). */
  sale_id: number | null;
  customer_id: number;
  step_days: number;
  scheduled_on: string;
  due_on: string;
  status: ColumnType<'pending' | 'done' | 'skipped', 'pending' | 'done' | 'skipped' | undefined>;
  /** The day it was done or skipped. */
  completed_on: string | null;
  outcome: string | null;
  csat: number | null;
  nps: number | null;
  concern: string | null;
  created_at: string;
  updated_at: string;
}

export interface ComplaintTable {
  id: Generated<number>;
  customer_id: number;
  sale_id: number | null;
  check_in_id: number | null;
  opened_on: string;
  source: 'check_in' | 'call' | 'email' | 'review' | 'other';
  category: 'product' | 'delivery' | 'billing' | 'service' | 'other';
  severity: 'low' | 'medium' | 'high';
  description: string;
  status: 'open' | 'in_progress' | 'resolved' | 'closed_unresolved';
  resolution: string | null;
  resolved_on: string | null;
  remind_on: string;
  created_at: string;
  updated_at: string;
}

export interface CadenceRuleTable {
  id: Generated<number>;
  product_id: number | null;
  segment: string | null;
  /** JSON array of whole days after the close date. */
  days: string;
}

export interface ContactRuleTable {
  id: Generated<number>;
  scope: 'default' | 'segment' | 'tag' | 'customer';
  value: string | null;
  customer_id: number | null;
  ideal_days: number;
  max_days: number;
}

export interface FollowUpSnoozeTable {
  customer_id: number;
  kind: 'stay_in_touch' | 'reorder';
  basis_on: string;
  due_on: string;
}

export interface CareNotifiedTable {
  item_id: string;
  due_on: string;
  notified_at: string;
}

export interface CalendarEventTable {
  item_id: string;
  due_on: string;
  summary: string;
  sequence: number;
  modified_at: string;
  cancelled: number;
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
  interactions: InteractionTable;
  check_ins: CheckInTable;
  complaints: ComplaintTable;
  cadence_rules: CadenceRuleTable;
  contact_rules: ContactRuleTable;
  follow_up_snoozes: FollowUpSnoozeTable;
  care_notified: CareNotifiedTable;
  calendar_events: CalendarEventTable;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
export type SaleRow = Selectable<SaleTable>;
export type NewSaleRow = Insertable<SaleTable>;
export type ProductRow = Selectable<ProductTable>;
export type TechniqueRow = Selectable<TechniqueTable>;
export type InteractionRow = Selectable<InteractionTable>;
export type CheckInRow = Selectable<CheckInTable>;
export type NewCheckInRow = Insertable<CheckInTable>;
export type ComplaintRow = Selectable<ComplaintTable>;
