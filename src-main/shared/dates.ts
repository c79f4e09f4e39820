/**
 * Business dates are plain calendar days, `YYYY-MM-DD`, with no time zone: a sale closed
 * on 2026-03-01 stays on that day wherever the laptop travels. Events are ISO timestamps.
 */
export type IsoDate = string;

/**
 * True for a real calendar day written `YYYY-MM-DD` (rejects 2026-02-31): a month 01–12 and a
 * day that month has in that year (proleptic Gregorian). Plain arithmetic on the characters, no
 * date library and no string made: the renderer's first screen checks days too, an import of
 * 100,000 sales checks them by the hundred thousand, and a goal its series' days.
 */
export function isIsoDate(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const [year, month, day] = [digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** The number the ASCII digits of `text` from `start` to `end` write. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * The days a business record (a sale, a check-in, a goal's value) can fall on: wide enough for
 * any real history or plan, narrow enough to refuse typos such as 9999-12-31 or 0226-03-01,
 * which would otherwise stretch every chart and period from year one.
 */
export const BUSINESS_DAYS = { first: '1900-01-01', last: '2099-12-31' } as const;

/** A real day written `YYYY-MM-DD` inside BUSINESS_DAYS. */
export const isBusinessDay = (text: string): boolean =>
  isIsoDate(text) && text >= BUSINESS_DAYS.first && text <= BUSINESS_DAYS.last;

/** The local calendar day of an instant, as `YYYY-MM-DD`. */
export function localIsoDate(instant: Date): IsoDate {
  return civilToIso(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
}

/**
 * Day numbers: days since 1970-01-01 by pure integer arithmetic on the calendar — no Date,
 * no time zone, so a daylight-saving change (or Samoa skipping 2011-12-30) cannot shift a
 * business day. Howard Hinnant's civil-calendar algorithms: proleptic Gregorian, exact for
 * every year.
 */
export type DayNumber = number;

export function civilToDayNumber(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dayNumberToCivil(days: DayNumber): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a `YYYY-MM-DD` date (which the caller has validated). */
export function isoToDayNumber(date: IsoDate): DayNumber {
  return civilToDayNumber(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
}

export function dayNumberToIso(days: DayNumber): IsoDate {
  const { year, month, day } = dayNumberToCivil(days);
  return civilToIso(year, month, day);
}

function civilToIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dayNumberToIso(isoToDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoToDayNumber(to) - isoToDayNumber(from);
}

/** Every day from `from` to `to` inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = isoToDayNumber(from); d <= isoToDayNumber(to); d++) days.push(dayNumberToIso(d));
  return days;
}

// ---- calendar periods (Home's this week / month / quarter / year) ---------------------------

export type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

/** The same day `months` later (or earlier), clamped to the month's end: 31 Jan + 1 month is 28/29 Feb. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dayNumberToCivil(isoToDayNumber(date));
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  const last = dayNumberToCivil(civilToDayNumber(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1).day;
  return dayNumberToIso(civilToDayNumber(y, m, Math.min(day, last)));
}

/** The calendar week (Monday to Sunday), month, quarter or year containing `date`. */
export function periodContaining(date: IsoDate, unit: CalendarUnit): { from: IsoDate; to: IsoDate } {
  const n = isoToDayNumber(date);
  if (unit === 'week') {
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
    const monday = n - ((((n + 3) % 7) + 7) % 7);
    return { from: dayNumberToIso(monday), to: dayNumberToIso(monday + 6) };
  }
  const { year, month } = dayNumberToCivil(n);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  const first = unit === 'year' ? 1 : unit === 'quarter' ? month - ((month - 1) % 3) : month;
  const from = dayNumberToIso(civilToDayNumber(year, first, 1));
  return { from, to: addDays(addMonths(from, months), -1) };
}

/**
 * `from`–`to` cut into consecutive days, calendar weeks (Monday first) or calendar months;
 * the first and last pieces are clipped to the range.
 */
export function splitRange(
  from: IsoDate,
  to: IsoDate,
  unit: 'day' | 'week' | 'month',
): { from: IsoDate; to: IsoDate }[] {
  const pieces: { from: IsoDate; to: IsoDate }[] = [];
  for (let start = from; start <= to;) {
    const end = unit === 'day' ? start : periodContaining(start, unit).to;
    const clipped = end < to ? end : to;
    pieces.push({ from: start, to: clipped });
    start = addDays(clipped, 1);
  }
  return pieces;
}
