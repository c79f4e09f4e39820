import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  Aggregation,
  GoalDirection,
  GoalMetric,
  Recurrence,
  ScoreCategory,
} from '../features/goals/contract/definition';
import type { TechniqueCategory } from '../features/techniques/contract';
import type { JournalOutcome } from '../features/journal/contract';
import type {
  HighlightKind,
  HighlightOrigin,
  LibraryKind,
  LibrarySource,
  LibraryStatus,
  PersonRole,
} from '../features/library/contract';
import type { TrainingSubject } from '../features/training/contract';

/** Typed view of the database as of the latest migration. */
export interface CustomerTable {
  id: Generated<number>;
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
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
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
  name: string;
  category: string | null;
  list_price_minor: number | null;
  currency: string;
  created_at: string;
}

export interface TechniqueTable {
  id: Generated<number>;
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
  name: string;
  description: string | null;
  created_at: string;
  /** Migration 0006 onwards. */
  category: ColumnType<TechniqueCategory, TechniqueCategory | undefined, TechniqueCategory>;
  /** JSON array of strings: the how-to steps. */
  steps: ColumnType<string, string | undefined, string>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The starter set's key when the technique came from it. */
  starter: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 0007 onwards: the library item or highlight it came from. */
  source_item_id: ColumnType<number | null, number | null | undefined, number | null>;
  source_highlight_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TechniqueMergeTable {
  id: Generated<number>;
  survivor_id: number;
  merged_name: string;
  sales_moved: number;
  entries_moved: number;
  merged_at: string;
}

export interface JournalEntryTable {
  id: Generated<number>;
  sample: Generated<number>;
  entry_date: string;
  title: string;
  situation: string | null;
  customer_id: number | null;
  sale_id: number | null;
  action: string | null;
  outcome: JournalOutcome | null;
  learned: string | null;
  next_time: string | null;
  confidence: number | null;
  /** JSON array of strings. */
  tags: string;
  /** Markdown. */
  body: string;
  created_at: string;
  updated_at: string;
}

export interface JournalEntryTechniqueTable {
  entry_id: number;
  technique_id: number;
}

export interface ExperimentTable {
  id: Generated<number>;
  sample: Generated<number>;
  technique_id: number;
  hypothesis: string;
  started_on: string;
  stop_deals: number | null;
  stop_on: string | null;
  segment: string | null;
  ended_on: string | null;
  conclusion_entry_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface SaleTable {
  id: Generated<number>;
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
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
  /** The process writing the batch in steps; null once it is whole (migration 0013). */
  running_pid: number | null;
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
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
  customer_id: number;
  sale_id: number | null;
  kind: 'call' | 'email' | 'meeting' | 'visit' | 'message' | 'note';
  occurred_on: string;
  summary: string;
  created_at: string;
}

export interface CheckInTable {
  id: Generated<number>;
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
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
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
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

export interface GoalTable {
  id: Generated<number>;
  /** 1 on rows the sample-data generator wrote (migration 0005). */
  sample: Generated<number>;
  title: string;
  metric: GoalMetric;
  custom_name: string | null;
  direction: GoalDirection;
  aggregation: Aggregation;
  /** In the metric's unit: money in minor units of `currency`. */
  target: number;
  currency: string | null;
  period_kind: 'fixed' | 'recurring';
  recurrence: Recurrence | null;
  week_starts_on: ColumnType<number, number | undefined, number>;
  /** Fixed: the first day. Recurring: since. */
  from_on: string;
  /** Fixed: the deadline. Recurring: null. */
  to_on: string | null;
  /** JSON WorkCalendar; null follows the app-wide calendar. */
  calendar: string | null;
  category: ScoreCategory;
  weight: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GoalFilterTable {
  goal_id: number;
  product_id: number | null;
  technique_id: number | null;
  segment: string | null;
}

export interface GoalMilestoneTable {
  id: Generated<number>;
  goal_id: number;
  position: number;
  kind: 'target' | 'step';
  title: string;
  due_on: string;
  target: number | null;
  /** 1: reached automatically when the metric gets there; 0: ticked by hand. */
  auto: number;
  done_on: string | null;
}

export interface GoalChangeTable {
  id: Generated<number>;
  goal_id: number;
  changed_on: string;
  field: 'target' | 'deadline';
  old_target: number | null;
  new_target: number | null;
  old_deadline: string | null;
  new_deadline: string | null;
  /** 1 when the change made the goal easier. */
  easing: number;
  note: string | null;
  created_at: string;
}

export interface GoalValueTable {
  id: Generated<number>;
  goal_id: number;
  on_date: string;
  value: number;
  note: string | null;
  created_at: string;
}

export interface GoalPeriodResultTable {
  goal_id: number;
  from_on: string;
  to_on: string;
  target: number;
  value: number | null;
  progress: number;
  outcome: 'achieved' | 'missed';
  recorded_at: string;
}

export interface WorkBreakTable {
  id: Generated<number>;
  from_on: string;
  to_on: string;
  label: ColumnType<string, string | undefined, string>;
}

export interface GoalNudgeTable {
  goal_id: number;
  on_date: string;
  status: 'behind' | 'at_risk';
  nudged_at: string;
}

/** Migration 0007: the learning library (see 0007_library.ts). */
export interface LibraryItemTable {
  id: Generated<number>;
  sample: Generated<number>;
  kind: LibraryKind;
  title: string;
  title_guessed: Generated<number>;
  title_key: string;
  publisher: ColumnType<string | null, string | null | undefined, string | null>;
  year: ColumnType<number | null, number | null | undefined, number | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  isbn13: ColumnType<string | null, string | null | undefined, string | null>;
  isbn10: ColumnType<string | null, string | null | undefined, string | null>;
  pages: ColumnType<number | null, number | null | undefined, number | null>;
  duration_s: ColumnType<number | null, number | null | undefined, number | null>;
  width: ColumnType<number | null, number | null | undefined, number | null>;
  height: ColumnType<number | null, number | null | undefined, number | null>;
  source: ColumnType<LibrarySource, LibrarySource | undefined, LibrarySource>;
  /** A stored file's name in the library folder (its content hash and extension). */
  file_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** A linked file's absolute path. */
  file_path: ColumnType<string | null, string | null | undefined, string | null>;
  file_hash: ColumnType<string | null, string | null | undefined, string | null>;
  file_size: ColumnType<number | null, number | null | undefined, number | null>;
  file_mime: ColumnType<string | null, string | null | undefined, string | null>;
  file_missing_at: ColumnType<string | null, string | null | undefined, string | null>;
  url: ColumnType<string | null, string | null | undefined, string | null>;
  cover_name: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  summary: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of ContentsEntry. */
  contents: ColumnType<string, string | undefined, string>;
  /** JSON array of strings. */
  tags: ColumnType<string, string | undefined, string>;
  status: ColumnType<LibraryStatus, LibraryStatus | undefined, LibraryStatus>;
  progress_page: ColumnType<number | null, number | null | undefined, number | null>;
  progress_percent: ColumnType<number | null, number | null | undefined, number | null>;
  position_s: ColumnType<number | null, number | null | undefined, number | null>;
  rating: ColumnType<number | null, number | null | undefined, number | null>;
  started_on: ColumnType<string | null, string | null | undefined, string | null>;
  finished_on: ColumnType<string | null, string | null | undefined, string | null>;
  planned_on: ColumnType<string | null, string | null | undefined, string | null>;
  event: ColumnType<string | null, string | null | undefined, string | null>;
  held_on: ColumnType<string | null, string | null | undefined, string | null>;
  body: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

export interface LibraryPersonTable {
  item_id: number;
  position: number;
  name: string;
  role: PersonRole;
}

export interface LibraryHighlightTable {
  id: Generated<number>;
  sample: Generated<number>;
  item_id: number;
  kind: HighlightKind;
  text: ColumnType<string, string | undefined, string>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  loc_start: ColumnType<number | null, number | null | undefined, number | null>;
  loc_end: ColumnType<number | null, number | null | undefined, number | null>;
  page: ColumnType<number | null, number | null | undefined, number | null>;
  position_s: ColumnType<number | null, number | null | undefined, number | null>;
  highlighted_at: ColumnType<string | null, string | null | undefined, string | null>;
  origin: HighlightOrigin;
  fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface LibraryTakeawayTable {
  id: Generated<number>;
  sample: Generated<number>;
  item_id: number;
  highlight_id: number | null;
  text: string;
  technique_id: number | null;
  goal_id: number | null;
  tried_on: string | null;
  created_at: string;
}

export interface LibraryActionTable {
  id: Generated<number>;
  item_id: number;
  position: number;
  text: string;
  due_on: string | null;
  done_at: string | null;
  created_at: string;
}

export interface LearningSessionTable {
  item_id: number;
  on_date: string;
  minutes: ColumnType<number, number | undefined, number>;
  pages: ColumnType<number, number | undefined, number>;
}

export interface TrainingNoteTable {
  id: Generated<number>;
  sample: Generated<number>;
  subject: TrainingSubject;
  product_id: number | null;
  name: string | null;
  features: string | null;
  benefits: string | null;
  pricing: string | null;
  who: string | null;
  cares_about: string | null;
  what_works: string | null;
  /** JSON array of { objection, answer }. */
  objections: ColumnType<string, string | undefined, string>;
  body: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

/** The coach report's export log (migration 0010_reports). */
export interface ReportExportTable {
  id: Generated<number>;
  created_at: string;
  from_on: string;
  to_on: string;
  format: 'json' | 'csv' | 'pdf';
  seller: ColumnType<string, string | undefined, string>;
  /** JSON object: the options the report was made with. */
  options: string;
  file: string;
  bytes: number;
  /** JSON object: rows per section. */
  rows: string;
}

/** A seller's report a coach opened (migration 0011). */
export interface CoachReportTable {
  id: Generated<number>;
  seller: string;
  from_on: string;
  to_on: string;
  file: string;
  opened_at: string;
  /** JSON object: the checked ReportDocument. */
  document: string;
}

export interface CoachNoteTable {
  seller: string;
  text: string;
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
  interactions: InteractionTable;
  check_ins: CheckInTable;
  complaints: ComplaintTable;
  cadence_rules: CadenceRuleTable;
  contact_rules: ContactRuleTable;
  follow_up_snoozes: FollowUpSnoozeTable;
  care_notified: CareNotifiedTable;
  calendar_events: CalendarEventTable;
  goals: GoalTable;
  goal_filters: GoalFilterTable;
  goal_milestones: GoalMilestoneTable;
  goal_changes: GoalChangeTable;
  goal_values: GoalValueTable;
  goal_period_results: GoalPeriodResultTable;
  work_breaks: WorkBreakTable;
  goal_nudges: GoalNudgeTable;
  technique_merges: TechniqueMergeTable;
  journal_entries: JournalEntryTable;
  journal_entry_techniques: JournalEntryTechniqueTable;
  experiments: ExperimentTable;
  library_items: LibraryItemTable;
  library_people: LibraryPersonTable;
  library_highlights: LibraryHighlightTable;
  library_takeaways: LibraryTakeawayTable;
  library_actions: LibraryActionTable;
  learning_sessions: LearningSessionTable;
  training_notes: TrainingNoteTable;
  report_exports: ReportExportTable;
  coach_reports: CoachReportTable;
  coach_notes: CoachNoteTable;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
export type SaleRow = Selectable<SaleTable>;
export type NewSaleRow = Insertable<SaleTable>;
export type ProductRow = Selectable<ProductTable>;
export type TechniqueRow = Selectable<TechniqueTable>;
export type JournalEntryRow = Selectable<JournalEntryTable>;
export type ExperimentRow = Selectable<ExperimentTable>;
export type LibraryItemRow = Selectable<LibraryItemTable>;
export type LibraryHighlightRow = Selectable<LibraryHighlightTable>;
export type TrainingNoteRow = Selectable<TrainingNoteTable>;
export type InteractionRow = Selectable<InteractionTable>;
export type CheckInRow = Selectable<CheckInTable>;
export type NewCheckInRow = Insertable<CheckInTable>;
export type ComplaintRow = Selectable<ComplaintTable>;
export type GoalRow = Selectable<GoalTable>;
export type GoalMilestoneRow = Selectable<GoalMilestoneTable>;
export type GoalChangeRow = Selectable<GoalChangeTable>;
export type GoalValueRow = Selectable<GoalValueTable>;
export type GoalPeriodResultRow = Selectable<GoalPeriodResultTable>;
