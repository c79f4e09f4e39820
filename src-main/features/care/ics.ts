import type { Kysely } from 'kysely';
import type { FollowUp } from './contract';
import type { DB } from '../../db/schema';
import { writeFileAtomically } from '../../kernel/files';
import { getSettings } from '../settings';
import { parseFollowUpId } from './actions';
import { addDays } from '../../shared/dates';
import { followUpsOf, loadCareState } from './followups';
import { followUpDetail, followUpTitle } from './wording';
import { translator } from '../../shared/locales/translate';

/**
 * A small RFC 5545 writer rather than a library: the calendar holds only all-day events with
 * a summary and a description, so what matters is a handful of rules done exactly right —
 * CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT
 * escaping of backslash, semicolon, comma and line breaks, DATE values for all-day events —
 * and those are easier to see (and test by parsing the file back with ical.js) in sixty lines
 * than through a library's options.
 */

export interface CalendarEvent {
  /** Stable per follow-up (`checkin-42@rapport.local`): re-importing updates the event. */
  uid: string;
  summary: string;
  description: string;
  /** The all-day event's day. */
  date: string;
  /** Raised whenever the date or text changes, so calendars take the newer version. */
  sequence: number;
  lastModified: Date;
  cancelled: boolean;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into chunks of at most 75 octets (§3.1): continuation lines start
 * with one space, which counts towards their 75. Cuts only between characters, so a
 * multi-byte UTF-8 sequence (an Italian "è", an emoji) is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basicDate = (day: string): string => day.replaceAll('-', '');
const utcStamp = (instant: Date): string =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function icsCalendar(events: readonly CalendarEvent[], stamp: Date, name: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport//Follow-ups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(stamp)}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      // DTEND is exclusive: a one-day event ends the next day.
      `DTEND;VALUE=DATE:${basicDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `SEQUENCE:${e.sequence}`,
      `LAST-MODIFIED:${utcStamp(e.lastModified)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      // A reminder to call someone does not make the day busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

const UID_PREFIX: Record<FollowUp['kind'], string> = {
  check_in: 'checkin',
  stay_in_touch: 'stay',
  reorder: 'reorder',
  complaint: 'complaint',
  action: 'action',
};
export const calendarUid = (item: Pick<FollowUp, 'kind' | 'id'>): string =>
  `${UID_PREFIX[item.kind]}-${item.id.slice(1)}@rapport.local`;

/** Cancelled events older than this are dropped from the ledger (and the file): long past. */
const FORGET_CANCELLED_DAYS = 90;

/**
 * Writes every follow-up still ahead or overdue as an all-day event, plus the ones exported
 * before that are no longer pending (done, deleted) as cancelled, so re-importing the file
 * updates the calendar instead of leaving stale events. The ledger (calendar_events) keeps
 * each UID's SEQUENCE; it is updated in the caller's transaction, which commits only if the
 * file was written (atomically: complete or not at all).
 */
export async function exportCalendar(
  db: Kysely<DB>,
  file: string,
  options: { asOf: string; overwrite: boolean },
  now: Date,
): Promise<{ path: string; events: number; cancelled: number; bytes: number }> {
  const t = translator((await getSettings(db)).language);
  const items = followUpsOf(await loadCareState(db, options.asOf));
  const ledger = new Map(
    (await db.selectFrom('calendar_events').selectAll().execute()).map((row) => [row.item_id, row]),
  );
  const iso = now.toISOString();
  const events: CalendarEvent[] = [];
  for (const item of items) {
    const summary = followUpTitle(item, t);
    const description = followUpDetail(item, t);
    const text = `${summary}\n${description}`;
    const known = ledger.get(item.id);
    ledger.delete(item.id);
    let sequence = 0;
    let modified = iso;
    if (!known) {
      await db
        .insertInto('calendar_events')
        .values({ item_id: item.id, due_on: item.dueOn, summary: text, sequence: 0, modified_at: iso, cancelled: 0 })
        .execute();
    } else if (known.due_on !== item.dueOn || known.summary !== text || known.cancelled === 1) {
      sequence = known.sequence + 1;
      await db
        .updateTable('calendar_events')
        .set({ due_on: item.dueOn, summary: text, sequence, modified_at: iso, cancelled: 0 })
        .where('item_id', '=', item.id)
        .execute();
    } else {
      sequence = known.sequence;
      modified = known.modified_at;
    }
    events.push({
      uid: calendarUid(item),
      summary,
      description,
      date: item.dueOn,
      sequence,
      lastModified: new Date(modified),
      cancelled: false,
    });
  }
  // What was exported before and is not pending any more.
  let cancelled = 0;
  const forgetBefore = addDays(options.asOf, -FORGET_CANCELLED_DAYS);
  for (const row of ledger.values()) {
    if (row.cancelled === 1 && row.due_on < forgetBefore) {
      await db.deleteFrom('calendar_events').where('item_id', '=', row.item_id).execute();
      continue;
    }
    if (row.cancelled === 0) {
      row.sequence += 1;
      row.modified_at = iso;
      await db
        .updateTable('calendar_events')
        .set({ cancelled: 1, sequence: row.sequence, modified_at: iso })
        .where('item_id', '=', row.item_id)
        .execute();
    }
    const [summary = '', ...rest] = row.summary.split('\n');
    events.push({
      uid: calendarUid({ kind: parseFollowUpId(row.item_id).kind, id: row.item_id }),
      summary,
      description: rest.join('\n'),
      date: row.due_on,
      sequence: row.sequence,
      lastModified: new Date(row.modified_at),
      cancelled: true,
    });
    cancelled++;
  }
  const bytes = await writeFileAtomically(file, icsCalendar(events, now, t('ics.calendarName')), {
    overwrite: options.overwrite,
  });
  return { path: file, events: events.length - cancelled, cancelled, bytes };
}
