import type { Faker } from '@faker-js/faker';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { dayNumberToIso, isoToDayNumber } from '../shared/dates';
import type { Language } from '../shared/domain';
import { RandomSource } from '../shared/statistics/random';

/**
 * What every feature's sample-data generator shares: one seeded random stream, the seeded
 * name generators, the period and the currency. The features draw from the one stream in
 * turn (features/onboarding/sampleData.ts fixes the order), so the same seed gives the same
 * data row for row.
 */
export interface SampleContext {
  readonly seed: number;
  readonly random: RandomSource;
  /** Seeded name generators: Italian (with English fallbacks) and British English. */
  readonly faker: { readonly it: Faker; readonly en: Faker };
  readonly currency: string;
  /** The language every text of the sample is written in. */
  readonly language: Language;
  /** `text` in that language. */
  readonly say: (text: SampleText) => string;
  /** Last day of the 24-month period, `YYYY-MM-DD`, and it and the first as UTC day numbers. */
  readonly endDate: string;
  readonly endDay: number;
  readonly startDay: number;
  /** The real clock: nothing is recorded after it, even when the period ends in the future. */
  readonly now: Date;
  /** A recorded-at timestamp on `day` at `hour`:xx (a random minute), capped at `now`. */
  readonly stamp: (day: number, hour: number) => string;
  /** A recorded-at timestamp on `day` during working hours (9–18h). */
  readonly workStamp: (day: number) => string;
  /**
   * `workStamp`'s draws as a number to keep (minutes since 1970, uncapped), for the generators
   * that hold a million of them: `stampOf` writes it as `workStamp` would have.
   */
  readonly workMinute: (day: number) => number;
  readonly stampOf: (minute: number) => string;
  /** The `YYYY-MM-DD` of UTC day number `day`, written once per day (a million-sale book writes eight million). */
  readonly date: (day: number) => string;
  /** The connection the caller's transaction runs on: bulk rows go through prepared statements. */
  readonly sqlite: Database.Database;
}

/**
 * A text the sample writes (a product's name, a sale's note), in every language the app
 * speaks. Texts are picked as whole entries, so the random draws, and with them every number
 * and date, are the same in each language.
 */
export type SampleText = Readonly<Record<Language, string>>;

/** Milliseconds in a UTC day: day number × DAY_MS is that day's midnight, UTC. */
export const DAY_MS = 86_400_000;

export async function createSampleContext(
  options: { seed: number; endDate: string; currency: string; language?: Language },
  now: Date,
  sqlite: Database.Database,
): Promise<SampleContext> {
  // Loaded on demand: faker's locales are large, and only sample data needs them.
  const { Faker, it, en, en_GB, base } = await import('@faker-js/faker');
  const random = new RandomSource(options.seed);
  // Own instances, not the shared `faker`: seeding a global would disturb any other user.
  const fakerIt = new Faker({ locale: [it, en, base] });
  const fakerEn = new Faker({ locale: [en_GB, en, base] });
  fakerIt.seed(options.seed);
  fakerEn.seed(options.seed + 1);

  const language = options.language ?? 'en';
  const nowIso = now.toISOString();
  const minute = (day: number, hour: number): number => day * 1440 + hour * 60 + random.int(0, 59);
  // A timestamp is a day's date and a minute's clock: each written once, then looked up (a
  // million-sale book takes some six million stamps).
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = Array.from({ length: 1440 }, (_, m) => `T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00.000Z`);
  const dates = new Map<number, string>();
  const date = (day: number): string => {
    let iso = dates.get(day);
    if (iso === undefined) dates.set(day, (iso = dayNumberToIso(day)));
    return iso;
  };
  const stampOf = (at: number): string => {
    const day = Math.floor(at / 1440);
    const iso = date(day) + clock[at - day * 1440]!;
    return iso < nowIso ? iso : nowIso;
  };
  const workMinute = (day: number): number => minute(day, random.int(9, 18));
  // UTC day numbers, so the laptop's time zone never shifts a date.
  const endDay = isoToDayNumber(options.endDate);
  const end = new Date(endDay * DAY_MS);
  return {
    seed: options.seed,
    random,
    faker: { it: fakerIt, en: fakerEn },
    currency: options.currency,
    language,
    say: (text) => text[language],
    endDate: options.endDate,
    endDay,
    startDay: Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), end.getUTCDate() + 1) / DAY_MS,
    now,
    stamp: (day, hour) => stampOf(minute(day, hour)),
    workStamp: (day) => stampOf(workMinute(day)),
    workMinute,
    stampOf,
    date,
    sqlite,
  };
}

/** Tables sample rows are appended to with ids of their own choosing. */
type NumberedTable = 'customers' | 'sales' | 'check_ins';

/**
 * The highest id in `table` (0 when empty). Generators number their rows from the next one,
 * so batched inserts can refer to each other without reading anything back; they run in one
 * transaction, so nobody else can take those ids.
 */
export async function maxId(db: Kysely<DB>, table: NumberedTable): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return row?.max ?? 0;
}

/**
 * SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32). Rows per statement are
 * also capped: very wide statements cost more to compile than they save in round trips.
 */
const MAX_VARIABLES = 32_766;
const MAX_ROWS_PER_INSERT = 500;

/** Rows of `columns` values each that one multi-row INSERT takes. */
const rowsPerInsert = (columns: number): number =>
  Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_VARIABLES / columns)));

/** Appends rows to one table (rowWriter). */
export interface RowWriter {
  write(row: Readonly<Record<string, unknown>>): void;
  /** Inserts the rows still held. */
  flush(): void;
}

/**
 * Appends rows to `table` in the order given, flagged as sample rows (`sample` = 1) unless the
 * table has no flag: a generator streams a million rows through it without holding them. The
 * first row's keys are the columns written; every row has them. The rows go in by multi-row
 * INSERTs of up to 500 (one prepared statement, run per full batch: a run per row cost the
 * inserts a quarter more), so a row is in the table only once its batch is, or after `flush`.
 * While foreign keys are checked, the rows `parent` holds (the table this one's foreign keys
 * point at) go in before each batch; unchecked (`rapport demo`) they wait for a full batch of
 * their own: at a million sales, a part-batch of sales for each batch of their technique links
 * spent 1.9 s on preparing an INSERT of each size.
 */
export function rowWriter(
  sqlite: Database.Database,
  table: string,
  { flagged = true, parent }: { flagged?: boolean; parent?: RowWriter } = {},
): RowWriter {
  let columns: string[] = [];
  let batch = 0;
  let full: Database.Statement | null = null;
  const values: unknown[] = [];
  const checked = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  const insert = (rows: number): Database.Statement => {
    const row = `(${[...columns.map(() => '?'), ...(flagged ? ['1'] : [])].join(', ')})`;
    const names = [...columns, ...(flagged ? ['sample'] : [])].join(', ');
    return sqlite.prepare(`INSERT INTO ${table} (${names}) VALUES ${Array(rows).fill(row).join(', ')}`);
  };
  const flush = (): void => {
    if (values.length === 0) return;
    if (checked) parent?.flush();
    const rows = values.length / columns.length;
    (rows === batch ? (full ??= insert(batch)) : insert(rows)).run(values);
    values.length = 0;
  };
  return {
    write(row) {
      if (batch === 0) {
        columns = Object.keys(row);
        batch = rowsPerInsert(columns.length);
      }
      for (const c of columns) values.push(row[c] ?? null);
      if (values.length === batch * columns.length) flush();
    },
    flush,
  };
}

/**
 * The customers a sample wrote, as later steps read them: ids `firstId`…, each by position
 * from it. Arrays, not rows: at a quarter of a million customers the rows would take hundreds
 * of megabytes.
 */
export interface InsertedCustomers {
  firstId: number;
  count: number;
  /** The segment as written (in the sample's language). */
  segments: readonly (string | null)[];
  /** The day each was recorded (its created_at's), as a UTC day number. */
  createdDays: Int32Array;
}

/** The sales a sample wrote: ids `firstId`…, in date order, each by position from it. */
export interface InsertedSales {
  firstId: number;
  count: number;
  customerIds: Int32Array;
  /** 0: none. */
  productIds: Int32Array;
  status: readonly ('open' | 'won' | 'lost')[];
  /** 0: none. */
  satisfaction: Uint8Array;
  /** Day opened, and day closed (opened, while open), as UTC day numbers. */
  openedDays: Int32Array;
  days: Int32Array;
}

/** Slices rows for multi-row INSERTs that stay under SQLite's bound-variable limit. */
export function* chunks<T extends object>(rows: readonly T[]): Generator<T[]> {
  if (rows.length === 0) return;
  const size = rowsPerInsert(Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
