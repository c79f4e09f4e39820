import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparedPeriod, deltaOf, monthsOf } from '../../src-main/features/reports/build';
import { REPORT_SECTIONS } from '../../src-main/features/reports/contract';
import { reportsHandlers } from '../../src-main/features/reports/handlers';
import type { Handlers } from '../../src-main/kernel/handlers';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { generateSample } from '../helpers/sample';

describe('periods', () => {
  it('compares with the days just before, or the same days a year earlier', () => {
    expect(comparedPeriod('2026-03-01', '2026-03-31', 'previous')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(comparedPeriod('2024-02-01', '2024-02-29', 'last_year')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(comparedPeriod('2025-01-01', '2025-12-31', 'last_year')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('splits a period into its calendar months, clipped to it', () => {
    expect(monthsOf('2025-12-15', '2026-02-10')).toEqual([
      { month: '2025-12', from: '2025-12-15', to: '2025-12-31' },
      { month: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-10' },
    ]);
    expect(monthsOf('2026-03-05', '2026-03-05')).toEqual([{ month: '2026-03', from: '2026-03-05', to: '2026-03-05' }]);
  });

  it('takes the change of every figure, null where either side has none', () => {
    const base = {
      from: 'a',
      to: 'b',
      currency: 'EUR',
      revenue_cents: 100,
      deals_won: 2,
      deals_lost: 1,
      deals_open: 0,
      win_rate: 0.3,
      avg_deal_cents: 50,
      customers_active: 2,
      new_customers: 1,
      repeat_customers: 1,
      avg_satisfaction: null,
      nps: 10,
    };
    expect(deltaOf({ ...base, revenue_cents: 250, win_rate: 0.6, avg_satisfaction: 4 }, base)).toEqual({
      revenue_cents: 150,
      deals_won: 0,
      deals_lost: 0,
      deals_open: 0,
      win_rate: 0.3,
      avg_deal_cents: 0,
      customers_active: 0,
      new_customers: 0,
      repeat_customers: 0,
      avg_satisfaction: null,
      nps: 0,
    });
  });
});

describe('report.build and report.save on the sample data', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await generateSample(t, { sales: 400 });
  });
  afterEach(() => t.cleanup());
  const options = {
    from: '2026-01-01',
    to: '2026-05-31',
    compare: null,
    anonymize: false,
    journalText: true,
    journalIds: [],
    comment: '',
  };

  it('holds the sections asked for and the summary always', async () => {
    const doc = await t.handlers['report.build']({ ...options, sections: ['goals', 'care'] });
    expect(doc.summary).toEqual(await t.handlers['stats.summary']({ from: '2026-01-01', to: '2026-05-31' }));
    expect(doc.goals).not.toBeNull();
    expect(doc.care).not.toBeNull();
    for (const s of REPORT_SECTIONS.filter((x) => x !== 'goals' && x !== 'care')) expect(doc[s], s).toBeNull();
  });

  it('a report.build cancelled during a step stops before the next one; one not cancelled is the same report', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    // The other operations as the report calls them: the first (the language) is answered, then the screen goes.
    const spied: Handlers = {
      ...t.handlers,
      'settings.get': async (input) => {
        steps.push('settings.get');
        const settings = await t.handlers['settings.get'](input);
        controller.abort();
        return settings;
      },
      'stats.summary': async (input) => {
        steps.push('stats.summary');
        return t.handlers['stats.summary'](input);
      },
    };
    const reports = reportsHandlers(t.store.db, {
      now: () => FIXED_NOW,
      tx: (fn) => t.store.db.transaction().execute(fn),
      handlers: () => spied,
      databaseFile: t.file,
    });
    const asked = { ...options, sections: [...REPORT_SECTIONS] };
    await expect(reports['report.build'](asked, controller.signal)).rejects.toMatchObject({
      name: 'AppError',
      code: 'cancelled',
    });
    expect(steps).toEqual(['settings.get']);

    steps.length = 0;
    const whole = await reports['report.build'](asked, new AbortController().signal);
    expect(steps).toContain('stats.summary');
    expect(whole).toEqual(await t.handlers['report.build'](asked));
  });

  it('names customers "Cliente N" in an Italian database', async () => {
    await t.handlers['settings.update']({ language: 'it' });
    const doc = await t.handlers['report.build']({ ...options, sections: ['care'], anonymize: true });
    expect(doc.language).toBe('it');
    expect(doc.care!.at_risk.length).toBeGreaterThan(0);
    for (const r of doc.care!.at_risk)
      expect(r.customer).toEqual({ id: null, label: expect.stringMatching(/^Cliente \d+$/) });
    expect(new Set(doc.care!.at_risk.map((r) => r.customer.label)).size).toBe(doc.care!.at_risk.length);
  });

  it('writes the file whole under its name, leaves no temporary file, and logs it with its rows', async () => {
    const path = join(t.dir, 'out', '..', 'report.json');
    const result = await t.handlers['report.save']({
      options: { ...options, sections: [...REPORT_SECTIONS] },
      format: 'json',
      path,
      paper: 'a4',
      overwrite: false,
    });
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const doc = JSON.parse(readFileSync(join(t.dir, 'report.json'), 'utf8')) as { volume: { months: unknown[] } };
    expect(result.rows.volume).toBe(doc.volume.months.length);
    const [entry] = await t.handlers['report.log']({ limit: 5 });
    expect(entry).toMatchObject({
      id: result.logId,
      format: 'json',
      from: '2026-01-01',
      to: '2026-05-31',
      rows: result.rows,
    });
    expect(entry!.options).toMatchObject({ anonymize: false, sections: [...REPORT_SECTIONS] });
    await expect(
      t.handlers['report.save']({
        options: { ...options, sections: ['goals'] },
        format: 'json',
        path,
        paper: 'a4',
        overwrite: false,
      }),
    ).rejects.toThrow('failures.fileExists');
    expect(await t.handlers['report.log']({ limit: 5 })).toHaveLength(1);
  });

  it('refuses a file already there before gathering the report, and replaces it when asked', async () => {
    const path = join(t.dir, 'report.pdf');
    writeFileSync(path, 'mine');
    const asked: string[] = [];
    const printed: string[] = [];
    const reports = reportsHandlers(t.store.db, {
      now: () => FIXED_NOW,
      tx: (fn) => t.store.db.transaction().execute(fn),
      handlers: () => ({
        ...t.handlers,
        'settings.get': async (input) => {
          asked.push('settings.get');
          return t.handlers['settings.get'](input);
        },
      }),
      databaseFile: t.file,
      printPdf: async (job) => {
        printed.push(job.html.slice(0, 15));
        return Buffer.from('%PDF-1.7 printed');
      },
    });
    const save = (overwrite: boolean) =>
      reports['report.save']({
        options: { ...options, sections: ['goals'] },
        format: 'pdf',
        path,
        paper: 'a4',
        overwrite,
      });
    await expect(save(false)).rejects.toMatchObject({ code: 'conflict', message: 'failures.fileExists' });
    expect([asked, printed]).toEqual([[], []]);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    await save(true);
    expect(asked).toEqual(['settings.get']);
    expect(printed).toEqual(['<!doctype html>']);
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7 printed');
  });
});
