import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../helpers/store';

describe('migration 0010_reports: the export log', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(() => t.cleanup());

  const insert = (values: Record<string, unknown>) =>
    t.store.sqlite
      .prepare(
        `INSERT INTO report_exports (created_at, from_on, to_on, format, seller, options, file, bytes, rows)
         VALUES (@created_at, @from_on, @to_on, @format, @seller, @options, @file, @bytes, @rows)`,
      )
      .run({
        created_at: '2026-06-15T09:30:00.000Z',
        from_on: '2026-01-01',
        to_on: '2026-03-31',
        format: 'pdf',
        seller: 'Anna',
        options: '{"anonymize":true}',
        file: '/tmp/q1.pdf',
        bytes: 1000,
        rows: '{"summary":14}',
        ...values,
      });

  it('keeps a well-formed row', () => {
    insert({});
    expect(t.store.sqlite.prepare('SELECT format, rows FROM report_exports').get()).toEqual({
      format: 'pdf',
      rows: '{"summary":14}',
    });
  });

  it('refuses a bad format, a backwards period, a day that is not one, and options or rows that are not objects', () => {
    for (const bad of [
      { format: 'docx' },
      { from_on: '2026-04-01' },
      { to_on: '31/03/2026' },
      { options: '[1]' },
      { rows: 'nope' },
      { bytes: -1 },
      { file: '' },
    ])
      expect(() => insert(bad), JSON.stringify(bad)).toThrow(/CHECK constraint failed/);
  });
});
