import ICAL from 'ical.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderDialogs } from '../../src-main/features/exchange/dialogs';
import { escapeText, exportCalendar, foldLine } from '../../src-main/features/care/ics';
import { FIXED_NOW, type TestStore, testHandlers } from '../helpers/store';
import { type Recorder, storeWithRecorder } from './helpers';

describe('RFC 5545 text', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds at 75 octets with a leading space, never inside a UTF-8 character', () => {
    const line = `SUMMARY:${'è'.repeat(60)}${'x'.repeat(100)}🙂${'é'.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((part, i) => {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // Each chunk is whole characters: re-encoding gives back the same bytes.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    });
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });
});

let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  isDate: boolean;
  sequence: number;
  status: string;
  lastModified: string;
}

/** Parses a file with ical.js, a real iCalendar parser, and flattens its events. */
function parse(file: string): { text: string; events: ParsedEvent[] } {
  const text = readFileSync(file, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      isDate: event.startDate.isDate,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
      lastModified: String(component.getFirstPropertyValue('last-modified')),
    };
  });
  return { text, events: events.sort((a, b) => a.uid.localeCompare(b.uid)) };
}

const at = (iso: string): Date => new Date(iso);
const exportTo = (file: string, asOf: string, now: Date, overwrite = true) =>
  t.store.db.transaction().execute((trx) => exportCalendar(trx, file, { asOf, overwrite }, now));

describe('calendar export', () => {
  it('writes all-day events that a real parser reads back, with stable UIDs across exports', async () => {
    const ada = await r.customer('Rossi, Bianchi; & Figli');
    // 20 days: not near a check-in, so an event of its own (see the next test).
    await r.call('care.contactRules.set', { rules: [{ scope: 'default', idealDays: 20, maxDays: 60 }] });
    const sale = await r.won(ada.id, '2026-06-10', { title: 'Kit, cables; and\nsetup' });
    const [day3] = await r.call('care.checkins.list', { saleId: sale.id });
    const file = join(t.dir, 'followups.ics');
    const first = await exportTo(file, '2026-06-15', FIXED_NOW);
    expect(first).toMatchObject({ path: file, events: 4, cancelled: 0 });

    const { text, events } = parse(file);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line break is CRLF
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTAMP:20260615T093000Z');
    expect(events.map((e) => e.uid)).toEqual([
      `checkin-${day3!.id}@rapport.local`,
      `checkin-${day3!.id + 1}@rapport.local`,
      `checkin-${day3!.id + 2}@rapport.local`,
      `stay-${ada.id}@rapport.local`,
    ]);
    expect(events[0]).toMatchObject({
      summary: 'Check in with Rossi, Bianchi; & Figli',
      description: 'Kit, cables; and\nsetup\nDay 3 after the sale closed on 2026-06-10.',
      start: '2026-06-13',
      isDate: true,
      sequence: 0,
      status: 'CONFIRMED',
    });

    // Exported again later with nothing changed: same UIDs, same SEQUENCE and LAST-MODIFIED.
    await exportTo(file, '2026-06-16', at('2026-06-16T08:00:00Z'));
    expect(parse(file).events).toEqual(events);
  });

  it('writes a reminder due near a check-in into that check-in’s event', async () => {
    const ada = await r.customer('Ada');
    await r.call('care.contactRules.set', { rules: [{ scope: 'default', idealDays: 30, maxDays: 60 }] });
    const [, , day30] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    const file = join(t.dir, 'followups.ics');
    expect(await exportTo(file, '2026-06-15', FIXED_NOW)).toMatchObject({ events: 3 });
    expect(parse(file).events.find((e) => e.uid === `checkin-${day30!.id}@rapport.local`)).toMatchObject({
      start: '2026-07-10',
      description: 'Sale 2026-06-10\nDay 30 after the sale closed on 2026-06-10. Also staying in touch.',
    });
  });

  it('raises SEQUENCE when a date moves and cancels what is no longer pending', async () => {
    const ada = await r.customer('Ada');
    const [, day3, day30] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    const file = join(t.dir, 'followups.ics');
    await exportTo(file, '2026-06-15', FIXED_NOW);

    await r.call('care.followups.reschedule', { id: `c${day30!.id}`, dueOn: '2026-07-20' });
    await r.call('care.checkins.complete', { id: day3!.id });
    const result = await exportTo(file, '2026-06-15', at('2026-06-15T12:00:00Z'));
    expect(result).toMatchObject({ events: 2, cancelled: 1 });
    const byUid = new Map(parse(file).events.map((e) => [e.uid.split('@')[0], e]));
    expect(byUid.get(`checkin-${day30!.id}`)).toMatchObject({
      start: '2026-07-20',
      sequence: 1,
      status: 'CONFIRMED',
      lastModified: '2026-06-15T12:00:00Z',
    });
    expect(byUid.get(`checkin-${day3!.id}`)).toMatchObject({
      start: '2026-06-13',
      sequence: 1,
      status: 'CANCELLED',
      summary: 'Check in with Ada',
    });
    expect(byUid.get(`checkin-${day30!.id + 1}`)).toMatchObject({ sequence: 0, lastModified: '2026-06-15T09:30:00Z' });

    // Cancelled stays cancelled (same SEQUENCE) in later files, until it is long past.
    await exportTo(file, '2026-06-20', at('2026-06-20T08:00:00Z'));
    expect(new Map(parse(file).events.map((e) => [e.uid.split('@')[0], e])).get(`checkin-${day3!.id}`)).toMatchObject({
      sequence: 1,
      status: 'CANCELLED',
    });
    await exportTo(file, '2026-09-20', at('2026-09-20T08:00:00Z'));
    expect(parse(file).events.map((e) => e.uid)).not.toContain(`checkin-${day3!.id}@rapport.local`);
  });

  it('refuses to replace a file unless asked, and then changes nothing (file or ledger)', async () => {
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-06-10');
    const file = join(t.dir, 'mine.ics');
    writeFileSync(file, 'my own calendar');
    await expect(exportTo(file, '2026-06-15', FIXED_NOW, false)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toBe('my own calendar');
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM calendar_events').get()).toEqual({ n: 0 });
  });

  it('takes only a path the user picked in the save dialog, once, and only .ics', async () => {
    const folder = join(t.dir, 'files');
    const handlers = testHandlers(t.store, { exchange: { dialogs: folderDialogs(folder, () => FIXED_NOW) } });
    const picked = (await handlers['dialog.saveFile']({ purpose: 'export-ics' })).path!;
    expect(picked).toBe(join(folder, 'rapport-followups-2026-06-15.ics'));
    await expect(
      handlers['care.ics.export']({ path: join(folder, 'other.ics'), overwrite: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await handlers['care.ics.export']({ path: picked, overwrite: false })).toMatchObject({
      path: picked,
      events: 0,
    });
    expect(existsSync(picked)).toBe(true);
    await expect(handlers['care.ics.export']({ path: picked, overwrite: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(handlers['care.ics.export']({ path: join(folder, 'x.csv'), overwrite: false })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    // A CSV export pick does not open the calendar export (picks are per purpose).
    const csv = (await handlers['dialog.saveFile']({ purpose: 'export-sales' })).path!;
    await expect(
      handlers['care.ics.export']({ path: csv.replace(/\.csv$/, '.ics'), overwrite: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
