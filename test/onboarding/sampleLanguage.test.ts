import { describe, expect, it } from 'vitest';
import { all, generateSample, type Row } from '../helpers/sample';
import { storesPerTest, type TestStore } from '../helpers/store';

const store = storesPerTest();

/** Every text the sample writes that is not a person's or company's name. */
function texts(t: TestStore): Set<string> {
  const column = (sql: string): string[] =>
    all(t, sql)
      .map((r: Row) => Object.values(r)[0])
      .filter((v): v is string => typeof v === 'string');
  const labels = new Set(column('SELECT coalesce(company, name) FROM customers'));
  return new Set([
    // A title is "<what> — <customer>": the customer's name is no text of the sample's.
    ...column('SELECT title FROM sales').map((title) => {
      const [what, who] = title.split(' — ');
      expect(labels.has(who!), title).toBe(true);
      return what!;
    }),
    ...column('SELECT notes FROM sales'),
    ...column('SELECT lost_reason FROM sales'),
    ...column('SELECT name FROM products'),
    ...column('SELECT category FROM products'),
    ...column('SELECT name FROM techniques'),
    ...column('SELECT description FROM techniques'),
    ...column('SELECT segment FROM customers'),
    ...column('SELECT industry FROM customers'),
    ...column('SELECT acquisition_source FROM customers'),
    ...column('SELECT notes FROM customers'),
    ...column('SELECT value FROM customers, json_each(customers.tags)'),
    ...column('SELECT summary FROM interactions'),
    ...column('SELECT outcome FROM check_ins'),
    ...column('SELECT concern FROM check_ins'),
    ...column('SELECT description FROM complaints'),
    ...column('SELECT resolution FROM complaints'),
    ...column("SELECT value FROM contact_rules WHERE scope = 'segment'"),
    ...column('SELECT title FROM goals'),
    ...column('SELECT custom_name FROM goals'),
    ...column('SELECT title FROM goal_milestones'),
    ...column('SELECT note FROM goal_changes'),
    ...column('SELECT source FROM techniques'),
    ...column('SELECT value FROM techniques, json_each(techniques.steps)'),
    ...column('SELECT title FROM journal_entries'),
    ...column('SELECT situation FROM journal_entries'),
    ...column('SELECT action FROM journal_entries'),
    ...column('SELECT learned FROM journal_entries'),
    ...column('SELECT next_time FROM journal_entries'),
    ...column("SELECT body FROM journal_entries WHERE body <> ''"),
    ...column('SELECT value FROM journal_entries, json_each(journal_entries.tags)'),
  ]);
}

/** Words Italian uses as they are. */
const SAME_IN_ITALIAN = new Set(['Software', 'Hardware', 'LinkedIn', 'Newsletter', 'Partner', 'VIP', 'demo']);

describe('sample data in the seller’s language', () => {
  it('writes every text in Italian when asked, with the same numbers and dates as in English', async () => {
    const [en, it] = [await store(), await store()];
    await generateSample(en, { sales: 1500 });
    await generateSample(it, { sales: 1500, language: 'it' });
    const english = texts(en);
    const italian = texts(it);
    expect(english.size).toBeGreaterThan(80);
    expect([...italian].filter((text) => english.has(text) && !SAME_IN_ITALIAN.has(text))).toEqual([]);
    // Same draws: only the words differ.
    const shape = (t: TestStore): Row[] =>
      all(t, 'SELECT id, customer_id, product_id, amount_minor, status, opened_on, closed_on, satisfaction FROM sales');
    expect(shape(it)).toEqual(shape(en));
    const care = (t: TestStore): Row[] => all(t, 'SELECT id, due_on, status, csat FROM check_ins ORDER BY id');
    expect(care(it)).toEqual(care(en));
    const journal = (t: TestStore): Row[] =>
      all(t, 'SELECT id, entry_date, customer_id, sale_id, outcome, confidence, created_at FROM journal_entries');
    expect(journal(it)).toEqual(journal(en));
  });

  it('onboarding.start writes the sample in the language of the settings', async () => {
    const t = await store();
    await t.handlers['settings.update']({ language: 'it' });
    await t.handlers['onboarding.start']({ mode: 'sample' });
    const goals = all(t, 'SELECT title FROM goals ORDER BY id').map((r) => r.title);
    expect(goals).toContain('Fatturato del trimestre');
    expect(goals).toContain('Tempo per la formazione ogni settimana');
    expect(all(t, "SELECT count(*) AS n FROM products WHERE name = 'Abbonamento Essential'")[0]!.n).toBe(1);
  });
});
