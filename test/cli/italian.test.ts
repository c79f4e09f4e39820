import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../src-main/features/care/contract';
import { exportCalendar } from '../../src-main/features/care/ics';
import { dialogSpec } from '../../src-main/features/exchange/dialogs';
import type { OpenPurpose, SavePurpose } from '../../src-main/features/exchange/contract';
import { menuTemplate } from '../../src-main/platform/menu';
import { notificationContent } from '../../src-main/platform/notifications';
import { nudgeContent } from '../../src-main/platform/nudges';
import { CATALOGUES } from '../../src-main/shared/locales';
import { translator } from '../../src-main/shared/locales/translate';
import { recorder } from '../care/helpers';
import { nudge } from '../goals/db/helpers';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';
import { sandboxForAll } from './helpers';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree): string[] =>
  Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value)));

/**
 * The English of the catalogue that Italian never uses: the pieces of every English text
 * between its placeholders, long enough to be words ("is not valid", "follow-ups are due"),
 * that appear nowhere in the Italian catalogue. Italian output containing one is a leak.
 */
const italianText = leaves(CATALOGUES.it as Tree).join('\n');
const englishOnly = [
  ...new Set(
    leaves(CATALOGUES.en as Tree)
      .flatMap((text) => text.split(/{{\w+}}|\n/))
      .map((piece) => piece.trim())
      .filter((piece) => piece.length >= 8 && /[a-z]{3}/.test(piece) && !italianText.includes(piece)),
  ),
];
const leaks = (texts: readonly string[]): string[] =>
  texts.flatMap((text) => englishOnly.filter((piece) => text.includes(piece)).map((piece) => `${piece} ← ${text}`));

const it_ = translator('it');

const base = { customerId: 1, customerName: 'Ada', saleId: null, saleTitle: null, dueOn: '2026-06-15' } as const;
const FOLLOW_UPS: FollowUp[] = [
  {
    ...base,
    id: 'c1',
    kind: 'check_in',
    status: 'pending',
    daysOverdue: 2,
    checkInId: 1,
    stepDays: 3,
    scheduledOn: '2026-06-13',
    closedOn: '2026-06-10',
  },
  {
    ...base,
    id: 's1',
    kind: 'stay_in_touch',
    status: 'pending',
    daysOverdue: 0,
    lastContactOn: '2026-05-01',
    daysSinceContact: 45,
    idealDays: 30,
    maxDays: 45,
  },
  {
    ...base,
    id: 'r1',
    kind: 'reorder',
    status: 'pending',
    daysOverdue: 0,
    lastPurchaseOn: '2026-04-01',
    daysSincePurchase: 75,
    usualDays: 60,
    purchases: 4,
  },
  {
    ...base,
    id: 'k1',
    kind: 'complaint',
    status: 'pending',
    daysOverdue: 0,
    complaintId: 1,
    openedOn: '2026-06-01',
    daysOpen: 14,
    severity: 'high',
    category: 'delivery',
  },
] as FollowUp[];

describe('an Italian user', () => {
  it('finds English the Italian catalogue never uses (the check below is not vacuous)', () => {
    expect(englishOnly).toContain('follow-ups are due');
    expect(leaks(['A follow-up is due'])).not.toEqual([]);
  });

  it('gets Italian desktop notifications for follow-ups and goals', () => {
    const followUps = notificationContent(FOLLOW_UPS, 'it-IT');
    expect(followUps.title).toBe('4 follow-up da fare');
    expect(followUps.body).toBe('Ricontatta Ada\nFatti sentire con Ada\nAda di solito riordina a quest’ora\ne altri 1');
    const one = notificationContent(FOLLOW_UPS.slice(3), 'it');
    expect(one.body).toBe('Il reclamo di Ada è ancora aperto');
    const goals = nudgeContent([nudge('Fatturato', 'behind')], 'it');
    expect(goals).toEqual({ title: 'Un obiettivo è in ritardo', body: 'Fatturato: in ritardo' });
    expect(leaks([followUps.title, followUps.body, one.title, one.body, goals.title, goals.body])).toEqual([]);
  });

  it.each(['darwin', 'win32', 'linux'] as const)('gets an Italian menu (%s)', (platform) => {
    const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
    const labels = flatten(menuTemplate(it_, platform, { packaged: false, send: () => {} }))
      .filter((item) => item.type !== 'separator')
      .map((item) => String(item.label));
    expect(labels).toContain('Nuova vendita');
    expect(leaks(labels)).toEqual([]);
  });

  it('gets Italian file dialogs', () => {
    const purposes: (SavePurpose | OpenPurpose)[] = [
      'export-sales',
      'export-customers',
      'backup',
      'restore',
      'import',
      'highlights',
      'export-ics',
    ];
    const texts = purposes.flatMap((purpose) => {
      const spec = dialogSpec(purpose, it_, FIXED_NOW);
      return [spec.title, ...spec.filters.map((f) => f.name)];
    });
    expect(texts).toContain('Esporta i follow-up in un calendario');
    expect(texts).toContain('Backup di Rapport');
    expect(leaks(texts)).toEqual([]);
  });

  describe('exporting a calendar', () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await freshStore();
    });
    afterEach(() => t.cleanup());

    it('gets Italian event titles, descriptions and calendar name', async () => {
      const r = recorder(t);
      await r.call('settings.update', { language: 'it' });
      const ada = await r.customer('Ada');
      await r.won(ada.id, '2026-06-01');
      await r.call('care.complaints.create', {
        customerId: ada.id,
        openedOn: '2026-06-10',
        source: 'call',
        category: 'delivery',
        severity: 'high',
        description: 'Consegna in ritardo',
      });
      const file = join(t.dir, 'followups.ics');
      await t.store.db
        .transaction()
        .execute((trx) => exportCalendar(trx, file, { asOf: '2026-06-15', overwrite: false }, FIXED_NOW));
      const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
      const texts = [
        String(calendar.getFirstPropertyValue('x-wr-calname')),
        ...calendar.getAllSubcomponents('vevent').flatMap((event) => {
          const e = new ICAL.Event(event);
          return [e.summary, e.description];
        }),
      ];
      expect(texts[0]).toBe('Follow-up Rapport');
      expect(texts).toContain('Ricontatta Ada');
      expect(texts).toContain('Il reclamo di Ada è ancora aperto');
      expect(texts).toContain('Aperto dal 2026-06-10 (alta).');
      expect(leaks(texts)).toEqual([]);
    });
  });
});

describe('the CLI speaks the app’s language', () => {
  const box = sandboxForAll();
  const badSale = ['sales', 'add', '--customer', 'Ada', '--amount', '12,50', '--status', 'won', '--date', '2026-02-30'];

  it('is English without a database, Italian with RAPPORT_LANG=it', () => {
    const english = box.run(['--db', join(box.dir, 'none.sqlite'), 'goals', 'show', 'x']);
    expect(english.code).toBe(1);
    expect(english.stderr).toBe('rapport: Invalid input:\n  ID: must be a whole number (got "x")\n');
    const italian = box.run(['--db', join(box.dir, 'none.sqlite'), 'goals', 'show', 'x'], { RAPPORT_LANG: 'it' });
    expect(italian.stderr).toBe('rapport: Dati non validi:\n  ID: deve essere un numero intero (ricevuto "x")\n');
  });

  it('follows settings.language in the database, for validation errors and results', () => {
    expect(box.run(['--db', box.db, 'stats']).code).toBe(0);
    const file = box.db;
    // The app's Settings screen writes this row; the CLI has no command for it.
    const db = new Database(file);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('language', '\"it\"')").run();
    db.close();

    const refused = box.run(['--db', file, ...badSale]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rapport: La vendita non è stata registrata:');
    expect(refused.stderr).toContain('--amount: usa il punto per i decimali, per esempio "12.50" (ricevuto "12,50")');
    expect(refused.stderr).toContain('--date: deve essere un giorno reale scritto AAAA-MM-GG (YYYY-MM-DD)');
    const none = box.run(['--db', file, 'followups', 'list', '--as-of', '2026-06-15']);
    expect(none.stdout).toBe('Niente da fare (all) al 2026-06-15.\n');
    const lines = [refused.stderr, none.stdout].flatMap((text) => text.split('\n'));
    expect(leaks(lines)).toEqual([]);

    // Tables write money and days the Italian way; --json keeps minor units and ISO days.
    const sale = [
      'sales',
      'add',
      '--customer',
      'Ada',
      '--amount',
      '1234.50',
      '--status',
      'won',
      '--date',
      '2026-12-03',
    ];
    expect(box.run(['--db', file, ...sale]).stdout).toMatch(/Importo\s+1\.234,50\s€\n/);
    const table = box.run(['--db', file, 'sales', 'list', '--search', 'Ada']).stdout;
    expect(table).toMatch(/^\s*\d+\s+3 dic 2026\s+.*\s1\.234,50\s€/m);
    const json = JSON.parse(box.run(['--db', file, 'sales', 'list', '--search', 'Ada', '--json']).stdout) as unknown;
    expect(JSON.stringify(json)).toContain('123450');
    expect(JSON.stringify(json)).toContain('"2026-12-03"');

    // RAPPORT_LANG wins over the database.
    expect(box.run(['--db', file, ...badSale], { RAPPORT_LANG: 'en' }).stderr).toContain(
      'rapport: The sale was not recorded:',
    );
  });
});
