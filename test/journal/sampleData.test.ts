import { describe, expect, it } from 'vitest';
import { JournalEntry } from '../../src-main/features/journal/contract';
import { all, generateSample, one, SAMPLE_END } from '../helpers/sample';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';

const t = storeForEachTest();

describe('the sample journal', () => {
  it('writes a dozen or so entries over the two years, about sample deals that used what the entry says', async () => {
    await generateSample(t, { sales: 1500 });
    const entries = all(t, 'SELECT * FROM journal_entries ORDER BY entry_date');
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(entries.length).toBeLessThanOrEqual(20);
    const dates = entries.map((e) => e.entry_date as string);
    // Spread over the two years (2024-07-01 to 2026-06-30).
    expect(dates[0]! < '2025-04-01').toBe(true);
    expect(dates.at(-1)! >= '2026-05-01' && dates.at(-1)! <= SAMPLE_END).toBe(true);
    expect(dates.every((d) => d <= FIXED_NOW.toISOString().slice(0, 10))).toBe(true);
    // Every entry about a deal: of its customer, naming only techniques that deal used, written
    // while it was under way.
    const linked = all(
      t,
      `SELECT e.id, e.entry_date, e.customer_id, s.customer_id AS owner, s.opened_on, s.closed_on,
         (SELECT count(*) FROM journal_entry_techniques jt WHERE jt.entry_id = e.id) AS named,
         (SELECT count(*) FROM journal_entry_techniques jt JOIN sale_techniques st
            ON st.technique_id = jt.technique_id AND st.sale_id = e.sale_id WHERE jt.entry_id = e.id) AS used
       FROM journal_entries e JOIN sales s ON s.id = e.sale_id`,
    );
    expect(linked.length).toBeGreaterThanOrEqual(10);
    for (const e of linked) {
      expect(e.customer_id).toBe(e.owner);
      expect(e.used).toBe(e.named);
      expect((e.entry_date as string) >= (e.opened_on as string)).toBe(true);
    }
    expect(new Set(linked.map((e) => e.id)).size).toBe(linked.length);
    // Mixed outcomes and some Markdown with a link to a real public page.
    expect(new Set(entries.map((e) => e.outcome))).toEqual(new Set(['worked', 'mixed', 'didnt', null]));
    expect(entries.filter((e) => /\*\*|^- |^1\. /m.test(e.body as string)).length).toBeGreaterThanOrEqual(4);
    expect(entries.some((e) => (e.body as string).includes('(https://en.wikipedia.org/wiki/SPIN_selling)'))).toBe(true);
    expect(one(t, 'SELECT count(*) FROM journal_entries WHERE sample = 0')).toBe(0);
  });

  it('reads back through the journal as valid entries, newest first, with tags counted', async () => {
    await generateSample(t, { sales: 800, language: 'it' });
    const page = await t.handlers['journal.list']({ limit: 50, offset: 0 });
    expect(page.total).toBe(one(t, 'SELECT count(*) FROM journal_entries'));
    for (const entry of page.items) JournalEntry.parse(entry);
    expect(page.items.map((e) => e.date)).toEqual(
      page.items
        .map((e) => e.date)
        .sort()
        .reverse(),
    );
    const tags = await t.handlers['journal.tags'](undefined);
    expect(tags.map((x) => x.tag)).toContain('prezzo');
    expect(tags[0]!.count).toBeGreaterThanOrEqual(tags.at(-1)!.count);
  });

  it('still writes its entries when the sample is too small to have fitting deals', async () => {
    await generateSample(t, { sales: 5 });
    expect(one(t, 'SELECT count(*) FROM journal_entries')).toBeGreaterThanOrEqual(12);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('gives the sample techniques categories, steps, a source and their starter keys', async () => {
    await generateSample(t, { sales: 0, language: 'it' });
    const techniques = await t.handlers['techniques.list'](undefined);
    expect(techniques).toHaveLength(6);
    for (const x of techniques) {
      expect(x.steps.length, x.name).toBeGreaterThan(0);
      expect(x.source, x.name).toBeTruthy();
    }
    expect(new Set(techniques.map((x) => x.category)).size).toBeGreaterThanOrEqual(4);
    expect(techniques.find((x) => x.name === 'Domande SPIN')).toMatchObject({ category: 'discovery', starter: 'spin' });
    const starter = await t.handlers['techniques.starter'](undefined);
    expect(
      starter
        .filter((s) => s.added)
        .map((s) => s.key)
        .sort(),
    ).toEqual(['referral_ask', 'spin']);
  });
});
