import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchQuery, SearchResult, type SearchKind } from '../../src-main/features/search/contract';
import { matchExpression, search, searchTokens, snippetParts } from '../../src-main/features/search/service';
import { api, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { storeForEachTest } from '../helpers/store';
import { addComplaint, addCustomer, addEntry, addSale, addTechnique } from './helpers';

const t = storeForEachTest();

/** search.query as the app calls it: input parsed, output checked against the contract. */
async function find(input: Input<'search.query'>): Promise<Output<'search.query'>> {
  const handler = t.handlers['search.query'];
  return SearchResult.parse(await handler(api['search.query'].input.parse(input) as ParsedInput<'search.query'>));
}
const hits = async (text: string, extra: Partial<SearchQuery> = {}): Promise<string[]> =>
  (await find({ text, ...extra })).items.map((i) => `${i.kind} ${i.id}`);
const plain = (parts: readonly { text: string; match: boolean }[]): string =>
  parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('what the seller types', () => {
  it('finds words without their accents and case, and with them', async () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada', 'Perché la città è lontana');
    const entry = addEntry(sqlite, { date: '2026-03-01', title: 'PERCHE NO', body: 'Negoziazione a Forlì' });
    expect(await hits('perche')).toEqual(expect.arrayContaining([`customer ${ada}`, `journal ${entry}`]));
    expect(await hits('perché')).toHaveLength(2);
    expect(await hits('PERCHÉ')).toHaveLength(2);
    expect(await hits('citta')).toEqual([`customer ${ada}`]);
    expect(await hits('CITTÀ')).toEqual([`customer ${ada}`]);
    expect(await hits('forli')).toEqual([`journal ${entry}`]);
    // Decomposed accents (e + combining acute) as some keyboards send them.
    expect(await hits('perche\u0301')).toHaveLength(2);
  });

  it('marks the title when the words are found only there, the body where they are found in it', async () => {
    const { sqlite } = t.store;
    const inTitle = addEntry(sqlite, {
      date: '2026-03-01',
      title: 'Perché il cliente di città ha detto sì',
      body: 'Asked why now before the price.',
    });
    const inBody = addEntry(sqlite, { date: '2026-03-02', title: 'Visita', body: 'Perché in città si vende meglio' });
    const { items } = await find({ text: 'perche citta' });
    const snippetOf = (id: number) => plain(items.find((i) => i.id === id)!.snippet);
    expect(snippetOf(inTitle)).toBe('[Perché] il cliente di [città] ha detto sì');
    expect(snippetOf(inBody)).toBe('[Perché] in [città] si vende meglio');
  });

  it('matches every word as a prefix, in any order, all of them', async () => {
    const entry = addEntry(t.store.sqlite, {
      date: '2026-03-01',
      title: 'Trattativa',
      body: 'Una negoziazione difficile sulle objections',
    });
    for (const typed of ['ne', 'neg', 'negoz', 'negoziazione', 'neg diff', 'diff neg', 'objection', 'trat'])
      expect(await hits(typed), typed).toEqual([`journal ${entry}`]);
    for (const typed of ['negoziazioni', 'neg facile', 'egoz']) expect(await hits(typed), typed).toEqual([]);
  });

  it('matches a single character as a whole word only', async () => {
    const { sqlite } = t.store;
    const a = addEntry(sqlite, { date: '2026-03-01', title: 'Prezzo e sconto', body: '' });
    addEntry(sqlite, { date: '2026-03-02', title: 'Esempio', body: 'essere pronti' });
    expect(await hits('e')).toEqual([`journal ${a}`]);
    expect(matchExpression('e')).toBe('"e"');
  });

  it.each([
    ['follow-up', '"follow"* "up"*'],
    ['"', null],
    ['*', null],
    ['   ***  ""  ', null],
    ['NEAR(', '"NEAR"*'],
    ['AND', '"AND"*'],
    ['title:prezzo', '"title"* "prezzo"*'],
    ['a OR b', '"a" "OR"* "b"'],
    ["l'acqua è", '"l" "acqua"* "è"'],
    ['2026', '"2026"*'],
  ])('reads %j as the words %j', (typed, expression) => {
    expect(matchExpression(typed)).toBe(expression);
  });

  it('takes FTS5 syntax as plain words', async () => {
    const { sqlite } = t.store;
    const follow = addEntry(sqlite, { date: '2026-03-01', title: 'Il follow-up', body: 'Pricing and terms' });
    const titled = addEntry(sqlite, { date: '2026-03-02', title: 'Prezzo', body: 'nessun titolo' });
    const named = addEntry(sqlite, { date: '2026-03-03', title: 'Title of the prezzo talk', body: 'date: 2026' });
    expect(await hits('follow-up')).toEqual([`journal ${follow}`]);
    expect(await hits('follow up')).toEqual([`journal ${follow}`]);
    // AND is the word "and", not the operator.
    expect(await hits('AND')).toEqual([`journal ${follow}`]);
    // Column names are words: `title:` filters nothing, the date column is never searched.
    expect(await hits('title:prezzo')).toEqual([`journal ${named}`]);
    expect((await hits('prezzo')).sort()).toEqual([`journal ${titled}`, `journal ${named}`].sort());
    expect(await hits('date:2026')).toEqual([`journal ${named}`]);
    expect(await hits('2026-03-02')).toEqual([]);
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'NEAR(a b, 2)',
    '"unclosed',
    '(',
    ')',
    '^',
    '-',
    '+',
    ':',
    '{title}:',
    "'",
    'x*y',
    '\u0000',
    '🙂',
  ])('answers %j without an error', async (typed) => {
    addEntry(t.store.sqlite, { date: '2026-03-01', title: 'Qualcosa', body: 'testo' });
    const result = await find({ text: typed });
    expect(result.total).toBe(result.items.length);
  });

  it('gives an empty result, not an error, when there is no word to look for', async () => {
    addCustomer(t.store.sqlite, 'Ada', 'Note');
    expect(await find({ text: '*** "" --' })).toEqual({
      items: [],
      total: 0,
      counts: { journal: 0, technique: 0, sale: 0, customer: 0, complaint: 0, training: 0, library: 0, highlight: 0 },
    });
  });

  it('never throws, whatever is typed (property)', async () => {
    const { sqlite } = t.store;
    addEntry(sqlite, {
      date: '2026-03-01',
      title: 'Obiezione sul prezzo',
      body: 'Perché? NEAR the end, "quoted" and * stars',
    });
    addCustomer(sqlite, 'Ada', 'Cliente a Cantù: title body date');
    const syntax = fc.constantFrom(
      '"',
      '*',
      'NEAR(',
      'AND',
      'OR',
      'NOT',
      ':',
      '^',
      '(',
      ')',
      '-',
      '+',
      '{',
      '}',
      ' ',
      'title',
      'body',
      'date',
      'é',
      'pre',
      'cant',
    );
    const typed = fc
      .array(fc.oneof(syntax, fc.string({ unit: 'binary', maxLength: 6 })), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join(''))
      .filter((text) => SearchQuery.safeParse({ text }).success);
    await fc.assert(
      fc.asyncProperty(typed, fc.constantFrom<'best' | 'newest'>('best', 'newest'), async (text, order) => {
        const result = await find({ text, order });
        expect(result.items.length).toBeLessThanOrEqual(result.total);
        for (const item of result.items) for (const part of item.snippet) expect(part.text).not.toBe('');
      }),
      { numRuns: 150 },
    );
  });
});

describe('what a hit shows', () => {
  it('a snippet in parts, the matched words marked, white space flattened', async () => {
    const ada = addCustomer(t.store.sqlite, 'Ada', 'Vuole sapere\nperché il prezzo è alto');
    const [hit] = (await find({ text: 'prezz' })).items;
    expect(hit).toEqual({
      kind: 'customer',
      id: ada,
      title: 'Ada',
      snippet: [
        { text: 'Vuole sapere perché il ', match: false },
        { text: 'prezzo', match: true },
        { text: ' è alto', match: false },
      ],
      date: '2026-01-05',
      customerId: ada,
      itemId: null,
    });
  });

  it('a long text cut around the matches, with several marked', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `parola${i}`);
    words[30] = 'sconto';
    words[32] = 'sconti';
    addEntry(t.store.sqlite, { date: '2026-03-01', title: 'Lungo', body: words.join(' ') });
    const [hit] = (await find({ text: 'scont' })).items;
    const text = plain(hit!.snippet);
    expect(text).toMatch(/^….*\[sconto\] parola31 \[sconti\].*…$/);
    expect(text.split(' ').length).toBeLessThanOrEqual(17);
  });

  it('the title when a record has no other text', async () => {
    const id = addTechnique(t.store.sqlite, 'Assumptive close');
    expect((await find({ text: 'assum' })).items).toEqual([
      {
        kind: 'technique',
        id,
        title: 'Assumptive close',
        snippet: [
          { text: 'Assumptive', match: true },
          { text: ' close', match: false },
        ],
        date: '2026-01-10',
        customerId: null,
        itemId: null,
      },
    ]);
  });

  it('each kind’s title, date and customer, from the records themselves', async () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada Rossi', 'Fiera di maggio');
    const bea = addCustomer(sqlite, 'Bea Verdi');
    const sale = addSale(sqlite, bea, 'Workshop Verdi', 'Conosciuta in fiera', '2026-04-02');
    const complaint = addComplaint(sqlite, bea, 'Stand della fiera mai montato', '2026-05-03');
    const entry = addEntry(sqlite, { date: '2026-05-20', title: 'Dopo la fiera', body: '' });
    const technique = addTechnique(sqlite, 'Referral', 'Chiedere nomi dopo la fiera');
    const result = await find({ text: 'fiera', order: 'newest' });
    expect(
      result.items.map(({ kind, id, title, date, customerId, itemId }) => ({
        kind,
        id,
        title,
        date,
        customerId,
        itemId,
      })),
    ).toEqual([
      { kind: 'journal', id: entry, title: 'Dopo la fiera', date: '2026-05-20', customerId: null, itemId: null },
      { kind: 'complaint', id: complaint, title: 'Bea Verdi', date: '2026-05-03', customerId: bea, itemId: null },
      { kind: 'sale', id: sale, title: 'Workshop Verdi', date: '2026-04-02', customerId: bea, itemId: null },
      { kind: 'technique', id: technique, title: 'Referral', date: '2026-01-10', customerId: null, itemId: null },
      { kind: 'customer', id: ada, title: 'Ada Rossi', date: '2026-01-05', customerId: ada, itemId: null },
    ]);
    // A title follows its record without a word of the search in it.
    sqlite.prepare("UPDATE customers SET name = 'Bea Neri' WHERE id = ?").run(bea);
    expect((await find({ text: 'montato' })).items[0]!.title).toBe('Bea Neri');
  });
});

describe('order, counts and pages', () => {
  it('best first puts a word in the title before the same word in a text', async () => {
    const { sqlite } = t.store;
    const inText = addEntry(sqlite, {
      date: '2026-06-01',
      title: 'Riunione',
      body: 'Si è parlato di prezzo e di altro',
    });
    const inTitle = addEntry(sqlite, { date: '2025-01-01', title: 'Prezzo', body: 'Una lunga riunione' });
    expect(await hits('prezzo')).toEqual([`journal ${inTitle}`, `journal ${inText}`]);
    expect(await hits('prezzo', { order: 'newest' })).toEqual([`journal ${inText}`, `journal ${inTitle}`]);
  });

  it('best first ranks a text that says it more, and shorter, first', async () => {
    const { sqlite } = t.store;
    const once = addEntry(sqlite, { date: '2026-01-01', title: 'A', body: `sconto ${'parole '.repeat(40)}` });
    const often = addEntry(sqlite, { date: '2025-01-01', title: 'B', body: 'sconto sconto sconto' });
    expect(await hits('sconto')).toEqual([`journal ${often}`, `journal ${once}`]);
  });

  it('newest first by the record’s business date, the later written first on one day', async () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada', 'rinnovo');
    const closedLate = addSale(sqlite, ada, 'Vecchia', 'rinnovo', '2025-01-01');
    sqlite
      .prepare("UPDATE sales SET status = 'won', stage = NULL, closed_on = '2026-07-01' WHERE id = ?")
      .run(closedLate);
    const first = addEntry(sqlite, { date: '2026-03-01', title: 'rinnovo', body: '' });
    const second = addEntry(sqlite, { date: '2026-03-01', title: 'rinnovo', body: '' });
    const old = addEntry(sqlite, { date: '2024-12-31', title: 'rinnovo', body: '' });
    expect(await hits('rinnovo', { order: 'newest' })).toEqual([
      `sale ${closedLate}`,
      `journal ${second}`,
      `journal ${first}`,
      `customer ${ada}`,
      `journal ${old}`,
    ]);
  });

  it('counts every kind; a kinds filter narrows the items and the total, not the counts', async () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada', 'demo');
    addSale(sqlite, ada, 'S1', 'demo fatta');
    addSale(sqlite, ada, 'S2', 'demo rimandata');
    addEntry(sqlite, { date: '2026-01-01', title: 'Demo', body: '' });
    addComplaint(sqlite, ada, 'La demo non funzionava');
    addTechnique(sqlite, 'Altro', 'niente');
    const counts = {
      journal: 1,
      technique: 0,
      sale: 2,
      customer: 1,
      complaint: 1,
      training: 0,
      library: 0,
      highlight: 0,
    };
    expect(await find({ text: 'demo' })).toMatchObject({ total: 5, counts });
    const sales = await find({ text: 'demo', kinds: ['sale', 'complaint'] });
    expect(sales).toMatchObject({ total: 3, counts });
    expect(sales.items.map((i) => i.kind).sort()).toEqual(['complaint', 'sale', 'sale']);
    expect(await find({ text: 'demo', kinds: ['technique'] })).toMatchObject({ items: [], total: 0, counts });
  });

  it.each(['best', 'newest'] as const)('%s: pages fit together, each match once', async (order) => {
    const { sqlite } = t.store;
    for (let i = 0; i < 23; i++)
      addEntry(sqlite, {
        date: `2026-0${1 + (i % 9)}-1${i % 10}`,
        title: i % 4 === 0 ? 'Obiezione' : `Voce ${i}`,
        body: `obiezione ${'testo '.repeat(i)}`,
      });
    const all = await hits('obiez', { order, limit: 100 });
    expect(new Set(all).size).toBe(23);
    const pages: string[] = [];
    for (let offset = 0; offset < 30; offset += 10) pages.push(...(await hits('obiez', { order, limit: 10, offset })));
    expect(pages).toEqual(all);
    expect(await find({ text: 'obiez', order, offset: 40 })).toMatchObject({ items: [], total: 23 });
  });

  it('best first ranks the newest candidates, then older matches newest first, and pages still fit', async () => {
    const { sqlite } = t.store;
    const ids: number[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(
        addEntry(sqlite, {
          date: `2026-01-${String(10 + i)}`,
          title: i === 1 ? 'Sconto' : `Voce ${i}`,
          body: `sconto ${'parole '.repeat(12 - i)}`,
        }),
      );
    const run = async (offset: number, limit: number, kinds?: SearchKind[]) =>
      (
        await search(t.store.db, SearchQuery.parse({ text: 'sconto', offset, limit, kinds }), { bestCandidates: 5 })
      ).items.map((i) => i.id);
    const all = await run(0, 100);
    const newest = ids.slice(-5);
    // The five newest, best first (the shortest text first); then the rest newest first.
    expect(all.slice(0, 5)).toEqual([...newest].reverse());
    expect(all.slice(5)).toEqual(ids.slice(0, 7).reverse());
    // The old entry with the word in its title is past the candidates: it waits its turn.
    expect(all.indexOf(ids[1]!)).toBe(10);
    const pages = [...(await run(0, 3)), ...(await run(3, 3)), ...(await run(6, 3)), ...(await run(9, 3))];
    expect(pages).toEqual(all);
    expect(await run(0, 100, ['journal'])).toEqual(all);
  });
});

describe('snippetParts', () => {
  it('turns marks into parts and drops empty ones', () => {
    expect(snippetParts('\uE000a\uE001 b \uE000c\uE001\uE000d\uE001')).toEqual([
      { text: 'a', match: true },
      { text: ' b ', match: false },
      { text: 'cd', match: true },
    ]);
    expect(snippetParts('')).toEqual([]);
    expect(snippetParts('  x \n y  ')).toEqual([{ text: 'x y', match: false }]);
  });

  it('reads the words of any text the way the tokenizer does (letters, accents, digits)', () => {
    expect(searchTokens('Perché, l’offerta (2026) è follow-up?')).toEqual([
      'Perché',
      'l',
      'offerta',
      '2026',
      'è',
      'follow',
      'up',
    ]);
  });
});
