import fc from 'fast-check';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { actionItems, dueDate, seminarReader } from '../../../src-main/features/library/readers/seminar';
import { DEFAULT_LIMITS, ReadFailure, type ReadItem } from '../../../src-main/features/library/readers/types';
import { dayNumberToIso } from '../../../src-main/shared/dates';
import { hasMessage, translator } from '../../../src-main/shared/locales/translate';

const FIXTURES = fileURLToPath(new URL('../../fixtures/library/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rapport-notes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ctx = () => ({ limits: DEFAULT_LIMITS, signal: new AbortController().signal });
const readPath = (path: string) => seminarReader.read(path, statSync(path).size, ctx());
const read = (name: string) => readPath(join(FIXTURES, name));
let counter = 0;
/** Notes written to a scratch file (text as UTF-8, or raw bytes). */
const note = (content: string | Uint8Array) => {
  const path = join(scratch, `note-${++counter}.md`);
  writeFileSync(path, content);
  return readPath(path);
};

async function failure(promise: Promise<unknown>): Promise<ReadFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ReadFailure) return error;
    throw error;
  }
  throw new Error('expected a ReadFailure');
}

describe('seminar notes: the fixtures', () => {
  it('reads the English notes: front matter, speakers, day, event, tags, body and five actions', async () => {
    const item = await read('notes-negotiation-en.md');
    expect(item).toMatchObject({
      kind: 'seminar',
      title: 'Negotiation Masterclass',
      titleGuessed: false,
      people: [
        { name: 'Anna Bianchi', role: 'speaker' },
        { name: 'Tom Walker', role: 'speaker' },
      ],
      heldOn: '2026-03-05',
      year: 2026,
      event: 'Milan Sales Summit',
      tags: ['negotiation', 'pricing', 'summit'],
      language: null,
      mime: 'text/markdown',
      durationS: null,
      cover: null,
    });
    // The body is the Markdown after the front matter.
    expect(item.body.startsWith('# Negotiation Masterclass\n\nAnchoring works')).toBe(true);
    expect(item.body).not.toContain('event:');
    expect(item.actions).toEqual([
      { text: 'Rewrite the price sheet with three options', dueOn: '2026-04-01', done: false },
      { text: 'Send the thank-you email to Anna', dueOn: null, done: true },
      { text: 'Try the silence after the price', dueOn: '2026-03-20', done: false },
      { text: 'Nested: record how long the silence lasted', dueOn: '2026-03-21', done: false },
      { text: 'Read the book she recommended', dueOn: null, done: false },
    ]);
  });

  it('reads the Italian notes: Italian field names, a quoted date, tags as one text, “entro il” dates', async () => {
    const item = await read('notes-seminario-it.md');
    expect(item).toMatchObject({
      kind: 'seminar',
      title: 'Seminario: la chiusura',
      people: [{ name: 'Giulia Verdi', role: 'speaker' }],
      heldOn: '2025-11-18',
      year: 2025,
      event: 'Corso vendite Bologna',
      tags: ['chiusura', 'domande', 'obiezioni'],
      language: 'it',
      body: expect.stringMatching(/^Appunti presi durante il seminario\.\n/),
    });
    expect(item.actions).toEqual([
      { text: 'Chiamare i tre clienti in sospeso', dueOn: '2025-12-10', done: false },
      { text: 'Preparare la scheda delle obiezioni', dueOn: null, done: true },
      { text: 'Provare la domanda alternativa', dueOn: '2025-12-01', done: false },
    ]);
  });

  it('takes the title from the first # heading when there is no front matter', async () => {
    const item = await read('notes-no-front-matter.md');
    expect(item).toMatchObject({
      title: 'Cold calling workshop',
      people: [],
      heldOn: null,
      year: null,
      event: null,
      tags: [],
      body: expect.stringMatching(/^Some words before the heading\.\n\n# Cold calling workshop\n/),
      actions: [
        { text: 'Call ten new prospects', dueOn: '2026-01-15', done: false },
        { text: 'Ask for one referral a day', dueOn: null, done: false },
      ],
    });
  });

  it('refuses YAML that does not parse, naming the file’s line', async () => {
    const error = await failure(read('notes-bad-yaml.md'));
    expect(error.key).toBe('library.failures.notesFrontMatter');
    // Line 4 of the file: "event: Sales day: Milan".
    expect(error.values).toEqual({ line: 4 });
  });

  it('refuses a billion laughs of aliases without expanding it', async () => {
    expect((await failure(read('notes-alias-bomb.md'))).key).toBe('library.failures.notesAliases');
  });
});

describe('seminar notes: front matter', () => {
  it('falls back to the heading when the front matter has no title, and ignores fields it does not know', async () => {
    const item = await note('---\nspeaker: Anna\nrating: 5\nnested: {a: 1}\n---\n\n# The **real** title\n');
    expect(item.title).toBe('The real title');
    expect(item.people).toEqual([{ name: 'Anna', role: 'speaker' }]);
    expect((await note('```sh\n# a shell comment\n```\n## Second level\n# This one\n')).title).toBe('This one');
  });

  it('reads the day as YYYY-MM-DD, with a time after it, as DD/MM/YYYY, or only a year', async () => {
    const day = async (value: string) => {
      const item = await note(`---\ndate: ${value}\n---\nx\n`);
      return [item.heldOn, item.year];
    };
    expect(await day('2026-03-05')).toEqual(['2026-03-05', 2026]);
    expect(await day('2026-03-05T09:30:00+01:00')).toEqual(['2026-03-05', 2026]);
    expect(await day('05/03/2026')).toEqual(['2026-03-05', 2026]);
    expect(await day('5.3.2026')).toEqual(['2026-03-05', 2026]);
    expect(await day('2026')).toEqual([null, 2026]);
    expect(await day('""')).toEqual([null, null]);
  });

  it('refuses a date that is no day, saying what it read', async () => {
    for (const value of ['March 2026', '2026-02-30', '31/04/2026', '[2026]']) {
      const error = await failure(note(`---\ndate: ${value}\n---\nx\n`));
      expect(error.key, value).toBe('library.failures.notesDate');
    }
    expect((await failure(note('---\ndate: March 2026\n---\n'))).values).toEqual({ value: 'March 2026' });
  });

  it('refuses a known field of the wrong shape, naming it as the file writes it', async () => {
    expect(await failure(note('---\nTitolo: [a, b]\n---\n'))).toMatchObject({
      key: 'library.failures.notesField',
      values: { field: 'Titolo' },
    });
    expect((await failure(note('---\nspeaker: [{name: Anna}]\n---\n'))).values).toEqual({ field: 'speaker' });
  });

  it('reads tags from a list or one text, without #, doubles or blanks', async () => {
    expect((await note('---\ntags: ["#sales", Sales, " ", 2026]\n---\n')).tags).toEqual(['sales', '2026']);
    expect((await note('---\ntag: "one,, two ,One"\n---\n')).tags).toEqual(['one', 'two']);
  });

  it('keeps dates as text and refuses explicit tags (the core schema, no !!binary, no custom tags)', async () => {
    expect((await note('---\ntitle: 2026-03-05\nevent: yes\n---\n')).title).toBe('2026-03-05');
    expect((await note('---\ntitle: 2026-03-05\nevent: yes\n---\n')).event).toBe('yes');
    for (const yaml of ['title: !!binary aGVsbG8=', 'title: !js/function "() => 1"', 'x: 1\ntitle: !custom x']) {
      const error = await failure(note(`---\n${yaml}\n---\nbody\n`));
      expect(error.key, yaml).toBe('library.failures.notesFrontMatter');
    }
    expect((await failure(note('---\nx: 1\ntitle: !custom x\n---\n'))).values).toEqual({ line: 3 });
  });

  it('refuses a front matter that is not a set of fields, and duplicate fields', async () => {
    expect((await failure(note('---\n- a\n- b\n---\n'))).key).toBe('library.failures.notesFrontMatterShape');
    expect((await failure(note('---\nhello\n---\n'))).key).toBe('library.failures.notesFrontMatterShape');
    expect(await failure(note('---\ntitle: a\ntitle: b\n---\n'))).toMatchObject({
      key: 'library.failures.notesFrontMatter',
      values: { line: 3 },
    });
  });

  it('names the last line of the front matter for an error at its very end', async () => {
    expect((await failure(note('---\ntitle: x\nspeaker: "Anna\n---\nbody\n'))).values).toEqual({ line: 3 });
  });

  it('has no front matter when the first --- is never closed, or is not the first line', async () => {
    const open = await note('---\ntitle: x\n\n# Heading\n');
    expect(open.title).toBe('Heading');
    expect(open.body).toBe('---\ntitle: x\n\n# Heading\n');
    const later = await note('\n---\ntitle: x\n---\n');
    expect(later.title).toBeNull();
  });

  it('takes ... as the end of the front matter, an empty front matter, CRLF and a BOM', async () => {
    expect((await note('---\ntitle: Dots\n...\nbody\n')).title).toBe('Dots');
    expect(await note('---\n---\n# H\n')).toMatchObject({ title: 'H', body: '# H\n' });
    const windows = await note('\uFEFF---\r\ntitle: Win\r\nspeaker: [A, B]\r\n---\r\n- [ ] Do it (due 2026-01-02)\r\n');
    expect(windows).toMatchObject({
      title: 'Win',
      people: [
        { name: 'A', role: 'speaker' },
        { name: 'B', role: 'speaker' },
      ],
      body: '- [ ] Do it (due 2026-01-02)\n',
      actions: [{ text: 'Do it', dueOn: '2026-01-02', done: false }],
    });
  });
});

describe('seminar notes: action items and due dates', () => {
  it('knows each due-date form and takes it out of the text', () => {
    expect(dueDate('Send the offer (due 2026-12-10)')).toEqual({ text: 'Send the offer', dueOn: '2026-12-10' });
    expect(dueDate('Send the offer (due: 2026-12-10) today')).toEqual({
      text: 'Send the offer today',
      dueOn: '2026-12-10',
    });
    expect(dueDate('Send the offer due: 2026-12-10')).toEqual({ text: 'Send the offer', dueOn: '2026-12-10' });
    expect(dueDate('Send the offer 📅 2026-12-10')).toEqual({ text: 'Send the offer', dueOn: '2026-12-10' });
    expect(dueDate('Inviare l’offerta entro il 10/12/2026')).toEqual({
      text: 'Inviare l’offerta',
      dueOn: '2026-12-10',
    });
    expect(dueDate('Inviare l’offerta (entro il 1.2.2027)')).toEqual({
      text: 'Inviare l’offerta',
      dueOn: '2027-02-01',
    });
    expect(dueDate('Inviare l’offerta entro 2026-12-10')).toEqual({ text: 'Inviare l’offerta', dueOn: '2026-12-10' });
  });

  it('leaves an impossible day, or words that only look like a form, in the text', () => {
    expect(dueDate('Call back (due 2026-02-30)')).toEqual({ text: 'Call back (due 2026-02-30)', dueOn: null });
    expect(dueDate('Due diligence for Rossi')).toEqual({ text: 'Due diligence for Rossi', dueOn: null });
    expect(dueDate('Finish entro il mese')).toEqual({ text: 'Finish entro il mese', dueOn: null });
  });

  it('finds - [ ], * [x], + [X], 1. [ ] and 1) [ ] at any depth, not in fenced code or plain lists', () => {
    const markdown = [
      '- [ ] one',
      '* [x] two',
      '+ [X] three',
      '1. [ ] four',
      '2) [ ] five',
      '      - [ ] six',
      '- plain item',
      '- [] not a box',
      '-[ ] no space',
      '~~~',
      '- [ ] in a tilde fence',
      '```',
      '- [ ] still fenced (a ``` inside ~~~ does not close it)',
      '~~~',
      '- [ ]   ',
      '- [ ] seven',
    ].join('\n');
    expect(actionItems(markdown)).toEqual([
      { text: 'one', dueOn: null, done: false },
      { text: 'two', dueOn: null, done: true },
      { text: 'three', dueOn: null, done: true },
      { text: 'four', dueOn: null, done: false },
      { text: 'five', dueOn: null, done: false },
      { text: 'six', dueOn: null, done: false },
      { text: 'seven', dueOn: null, done: false },
    ]);
  });

  it('property: any day in any form comes back, and the text without it', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map(dayNumberToIso);
    const words = fc
      .array(fc.constantFrom('call', 'Rossi', 'offer', 'send', 'the', 'chiamare', 'prezzo', '(draft)', '€50'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((w) => w.join(' '));
    const form = fc.constantFrom(
      (d: string) => `(due ${d})`,
      (d: string) => `due: ${d}`,
      (d: string) => `📅 ${d}`,
      (d: string) => `entro il ${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`,
      (d: string) => `(entro il ${d})`,
    );
    fc.assert(
      fc.property(words, day, form, fc.boolean(), (text, d, write, done) => {
        const [found] = actionItems(`- [${done ? 'x' : ' '}] ${text} ${write(d)}`);
        expect(found).toEqual({ text, dueOn: d, done });
      }),
    );
  });
});

describe('seminar notes: bad files', () => {
  it('refuses an empty or blank file, binary bytes, invalid UTF-8 and oversized notes', async () => {
    expect((await failure(note(''))).key).toBe('library.failures.empty');
    expect((await failure(note(' \n\n\t\n'))).key).toBe('library.failures.empty');
    expect((await failure(note(new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42])))).key).toBe(
      'library.failures.notesNotText',
    );
    expect((await failure(note(new Uint8Array([0x23, 0x20, 0xc3, 0x28])))).key).toBe('library.failures.notesNotText');
    expect((await failure(note('a'.repeat(1_000_001)))).key).toBe('library.failures.notesTooLarge');
    expect((await failure(note('a'.repeat(5 * 1024 * 1024)))).key).toBe('library.failures.notesTooLarge');
  });

  it('has words for every failure in English and Italian', () => {
    const english = translator('en');
    const italian = translator('it');
    for (const key of [
      'empty',
      'unreadable',
      'notesNotText',
      'notesTooLarge',
      'notesFrontMatter',
      'notesFrontMatterShape',
      'notesAliases',
      'notesField',
      'notesDate',
    ]) {
      const full = `library.failures.${key}`;
      expect(hasMessage(full), full).toBe(true);
      expect(italian(full, { line: 4, field: 'title', value: 'x' })).not.toBe(
        english(full, { line: 4, field: 'title', value: 'x' }),
      );
    }
    expect(italian('library.failures.notesFrontMatter', { line: 4 })).toContain('riga 4');
  });

  it('property: random text and random bytes get a ReadItem or a ReadFailure, never a crash', async () => {
    const check = (item: ReadItem) => {
      expect(item.kind).toBe('seminar');
      for (const a of item.actions) expect(a.dueOn === null || /^\d{4}-\d{2}-\d{2}$/.test(a.dueOn)).toBe(true);
      if (item.heldOn !== null) expect(item.year).toBe(Number(item.heldOn.slice(0, 4)));
    };
    const pieces = fc.constantFrom(
      '---',
      '\n',
      'title: ',
      'date: ',
      '2026-03-05',
      '- [ ] ',
      '&a ',
      '*a ',
      '[',
      '{',
      ':',
      '"',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.uint8Array({ maxLength: 300 })), async (content) => {
        try {
          check(await note(content));
        } catch (error) {
          if (!(error instanceof ReadFailure)) throw error;
          expect(error.key.startsWith('library.failures.')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
