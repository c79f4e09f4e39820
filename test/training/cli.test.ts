import { describe, expect, it } from 'vitest';
import { parseObjection } from '../../src-main/features/training/cli';
import { query, sandboxForAll } from '../cli/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const notes = () => query(box.db, 'SELECT * FROM training_notes ORDER BY id');

const NOTE_KEYS = [
  'id',
  'subject',
  'product',
  'name',
  'features',
  'benefits',
  'pricing',
  'who',
  'cares_about',
  'what_works',
  'objections',
  'body',
  'updated_at',
];

describe('rapport training', () => {
  it('says there is nothing yet, as a table and as an empty JSON list', () => {
    expect(rapport('training', 'list').stdout).toContain('No training notes yet');
    const json = rapport('training', 'list', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('adds a product note by the product’s name, whatever the case, with objections split at the first "="', () => {
    // A product comes from a sale (the catalogue has no command of its own).
    const sale = rapport(
      'sales',
      'add',
      '--customer',
      'Acme S.r.l.',
      '--product',
      'Premium support',
      '--amount',
      '1800',
      '--status',
      'open',
      '--date',
      '2026-03-02',
    );
    expect(sale.code, sale.stderr).toBe(0);
    const added = rapport(
      'training',
      'add',
      '--product',
      ' premium SUPPORT ',
      '--features',
      'Phone support 8–20, answer within two hours',
      '--benefits',
      'Less downtime in busy season',
      '--pricing',
      '20% of the licence = per year',
      '--objection',
      'We never needed support=Ask about the last outage = and how long it took',
      '--objection',
      'Too expensive',
      '--json',
    );
    expect(added.code, added.stderr).toBe(0);
    const note = JSON.parse(added.stdout);
    expect(Object.keys(note)).toEqual(NOTE_KEYS);
    expect(note).toMatchObject({
      id: 1,
      subject: 'product',
      product: { id: 1, name: 'Premium support' },
      name: null,
      pricing: '20% of the licence = per year',
      who: null,
      objections: [
        { objection: 'We never needed support', answer: 'Ask about the last outage = and how long it took' },
        { objection: 'Too expensive', answer: '' },
      ],
      body: '',
    });
  });

  it('adds segment and industry notes, and prints a sentence without --json', () => {
    const segment = rapport(
      'training',
      'add',
      '--segment',
      'Small business',
      '--who',
      'Owners who decide alone',
      '--cares-about',
      'A clear price',
      '--what-works',
      'Short demos on their own data',
    );
    expect(segment.code, segment.stderr).toBe(0);
    expect(segment.stdout.trim()).toBe('Added training note 2 on the segment “Small business”.');
    expect(rapport('training', 'add', '--industry', 'Retail', '--cares-about', 'Seasons').code).toBe(0);
  });

  it('lists every note, products first, as a table and as snake_case JSON', () => {
    const table = rapport('training', 'list');
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+About\s+Name\s+Objections\s+Changed$/);
    expect(
      lines.slice(2, 5).map((l) =>
        l
          .trim()
          .split(/\s{2,}/)
          .slice(0, 4),
      ),
    ).toEqual([
      ['1', 'product', 'Premium support', '2'],
      ['2', 'segment', 'Small business', '0'],
      ['3', 'industry', 'Retail', '0'],
    ]);
    expect(lines.at(-1)).toBe('3 training notes');
    const json = JSON.parse(rapport('training', 'list', '--json').stdout);
    expect(json.map((n: { id: number }) => n.id)).toEqual([1, 2, 3]);
    expect(json[1]).toMatchObject({ who: 'Owners who decide alone', cares_about: 'A clear price' });
    for (const n of json) expect(Object.keys(n)).toEqual(NOTE_KEYS);
  });

  it('shows one note in full, or as JSON', () => {
    const shown = rapport('training', 'show', '1');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Training note 1 · product “Premium support”');
    expect(shown.stdout).toContain('Features\n  Phone support 8–20, answer within two hours');
    expect(shown.stdout).toContain(
      'Objections and answers\n  • We never needed support\n    → Ask about the last outage = and how long it took\n  • Too expensive',
    );
    expect(shown.stdout).not.toContain('Who they are');
    expect(JSON.parse(rapport('training', 'show', '2', '--json').stdout)).toMatchObject({
      id: 2,
      subject: 'segment',
      name: 'Small business',
      what_works: 'Short demos on their own data',
    });
    const missing = rapport('training', 'show', '99');
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'rapport: Training note 99 does not exist.']);
    expect(rapport('training', 'show', 'two').stderr).toContain('ID: must be a whole number');
  });

  it('refuses a second note on the same product or group, naming the one there is, and writes nothing', () => {
    const before = notes();
    const product = rapport('training', 'add', '--product', 'Premium support', '--benefits', 'Again');
    expect(product.code).toBe(1);
    expect(product.stderr.trim()).toBe(
      'rapport: There is already a training note on “Premium support” (note 1): change that one instead.',
    );
    const segment = rapport('training', 'add', '--segment', 'SMALL BUSINESS');
    expect(segment.stderr.trim()).toBe(
      'rapport: There is already a training note on the segment “Small business” (note 2): change that one instead.',
    );
    expect(notes()).toEqual(before);
  });

  it('refuses bad input naming the options, and writes nothing', () => {
    const before = notes();
    const none = rapport('training', 'add', '--features', 'x');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No training note was written:');
    expect(none.stderr).toContain('--product, --segment or --industry: give exactly one of them (you gave 0)');
    const two = rapport('training', 'add', '--segment', 'A', '--industry', 'B', '--objection', '=just an answer');
    expect(two.stderr).toContain('(you gave 2)');
    expect(two.stderr).toContain('--objection: needs the objection before the first “=”');
    const unknown = rapport('training', 'add', '--product', 'Nothing like it');
    expect(unknown.stderr).toContain('--product: no product is called “Nothing like it”');
    const wrong = rapport('training', 'add', '--industry', 'Logistics', '--pricing', 'Cheap', '--features', 'Fast');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--pricing: only a product’s note has this');
    expect(wrong.stderr).toContain('--features:');
    const long = rapport('training', 'add', '--segment', 'x'.repeat(121));
    expect(long.stderr).toContain('--segment: is too long');
    expect(notes()).toEqual(before);
  });

  it('speaks Italian when asked', () => {
    const list = rapport('training', 'list', '--json');
    expect(list.code).toBe(0);
    const it = box.run(['--db', box.db, 'training', 'add', '--segment', 'small business'], { RAPPORT_LANG: 'it' });
    expect(it.stderr.trim()).toBe(
      'rapport: Esiste già una scheda di formazione sul segmento «Small business» (scheda 2): modifica quella.',
    );
    const shown = box.run(['--db', box.db, 'training', 'show', '3'], { RAPPORT_LANG: 'it' });
    expect(shown.stdout).toContain('Scheda di formazione 3 · settore «Retail»');
    expect(shown.stdout).toContain('Cosa conta per loro\n  Seasons');
  });
});

describe('parseObjection', () => {
  it('splits at the first "=", trims both sides, and needs an objection', () => {
    expect(parseObjection(' Too dear = Compare per user ')).toEqual({
      objection: 'Too dear',
      answer: 'Compare per user',
    });
    expect(parseObjection('a=b=c')).toEqual({ objection: 'a', answer: 'b=c' });
    expect(parseObjection('No answer yet')).toEqual({ objection: 'No answer yet', answer: '' });
    expect(parseObjection(' = answer')).toBeNull();
    expect(parseObjection('')).toBeNull();
  });
});
