import { describe, expect, it } from 'vitest';
import { ambiguousDates, detectDateFormat, parseDay } from '../../src-main/features/imports/dates';
import { detectDelimiter } from '../../src-main/features/imports/delimiter';
import { detectEncoding } from '../../src-main/features/imports/encoding';
import { effectiveMapping, statusOf, stageOf, suggestMapping } from '../../src-main/features/imports/mapping';
import { detectDecimal, parseAmount } from '../../src-main/features/imports/numbers';
import { salesImporter } from '../../src-main/features/imports/importers';
import { issueText } from '../../src-main/features/imports/issues';

describe('parseAmount', () => {
  it.each([
    ['1.234,56', ',', 'EUR', 123456],
    ['1,234.56', '.', 'EUR', 123456],
    ['1234,5', ',', 'EUR', 123450],
    ['€ 1.234,00', ',', 'EUR', 123400],
    ["1'234.50", '.', 'CHF', 123450],
    ['1 234,50', ',', 'EUR', 123450],
    ['0,10', ',', 'EUR', 10],
    ['12.500', ',', 'EUR', 1250000],
    ['12.500', '.', 'EUR', 1250],
    ['1.000.000,01', ',', 'EUR', 100000001],
    ['1234', '.', 'JPY', 1234],
    ['0.1', '.', 'EUR', 10],
    ['9999999999999.99', '.', 'EUR', 999999999999999],
  ] as const)('%s with "%s" for decimals in %s is %d minor units', (text, decimal, currency, minor) => {
    expect(parseAmount(text, decimal, currency)).toEqual({ ok: true, minor });
  });

  it.each<[string, ',' | '.', RegExp, string?]>([
    ['-12', '.', /negative/],
    ['(12.00)', '.', /negative/],
    ['abc', '.', /not a number/],
    ['12,34,5', '.', /not an amount written with “\.” for decimals/],
    ['1.234,567', ',', /more than 2 decimal places/],
    ['12.5', '.', /JPY has no decimal places/, 'JPY'],
    ['99999999999999', '.', /too large/],
    ['1,23.4', '.', /not an amount/],
  ])('refuses %s', (text, decimal, message, currency = 'EUR') => {
    const result = parseAmount(text, decimal, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(issueText(result, 'en')).toMatch(message);
  });

  it('detects the decimal separator from the values that decide it', () => {
    expect(detectDecimal(['1.234,56', '12'])).toBe(',');
    expect(detectDecimal(['1,234.56', '3'])).toBe('.');
    expect(detectDecimal(['12,5', '1.234'])).toBe(',');
    expect(detectDecimal(['1,234', '5,678'])).toBeNull();
    expect(detectDecimal(['1.234.567'])).toBe(',');
    expect(detectDecimal(['12,5', '12.5'])).toBeNull();
  });
});

describe('dates', () => {
  it('reads the supported formats and refuses days that do not exist', () => {
    expect(parseDay('2026-03-04', 'yyyy-MM-dd')).toBe('2026-03-04');
    expect(parseDay('04/03/2026', 'dd/MM/yyyy')).toBe('2026-03-04');
    expect(parseDay('04/03/2026', 'MM/dd/yyyy')).toBe('2026-04-03');
    expect(parseDay('4.3.2026', 'dd.MM.yyyy')).toBe('2026-03-04');
    expect(parseDay('2026-03-04 14:22:05', 'dd/MM/yyyy')).toBe('2026-03-04');
    expect(parseDay('31/02/2026', 'dd/MM/yyyy')).toBeNull();
    expect(parseDay('2026-02-29', 'yyyy-MM-dd')).toBeNull();
    expect(parseDay('13/13/2026', 'dd/MM/yyyy')).toBeNull();
    expect(parseDay('04/03/26', 'dd/MM/yyyy')).toBeNull();
    expect(parseDay('March 4', 'dd/MM/yyyy')).toBeNull();
  });

  it('detects the format, and says when day-first and month-first both fit', () => {
    const rows = (...values: string[]) => values.map((value, i) => ({ line: i + 2, value }));
    expect(detectDateFormat(rows('2026-01-31', '2026-12-01'))).toEqual({
      format: 'yyyy-MM-dd',
      ambiguous: false,
      evidence: null,
      undecided: false,
    });
    expect(detectDateFormat(rows('31/01/2026', '01/02/2026'))).toMatchObject({
      format: 'dd/MM/yyyy',
      ambiguous: false,
    });
    expect(detectDateFormat(rows('01/31/2026', '02/01/2026'))).toMatchObject({
      format: 'MM/dd/yyyy',
      ambiguous: false,
    });
    expect(detectDateFormat(rows('31.01.2026'))).toEqual({
      format: 'dd.MM.yyyy',
      ambiguous: false,
      evidence: null,
      undecided: false,
    });
    // Both fit and agree on every day: day-first, flagging later rows that would differ.
    expect(detectDateFormat(rows('01/01/2026', '05/05/2026'))).toMatchObject({
      format: 'dd/MM/yyyy',
      ambiguous: false,
      undecided: true,
    });
    expect(detectDateFormat(rows('03/04/2026', '05/06/2026'))).toEqual({
      format: null,
      ambiguous: true,
      evidence: null,
      undecided: false,
    });
  });

  it('infers day-first or month-first from a value only one of them reads, and says which', () => {
    const rows = (...values: string[]) => values.map((value, i) => ({ line: i + 2, value }));
    // 15/01 has no 15th month: the whole file is day-first, 03/04 included.
    expect(detectDateFormat(rows('03/04/2026', '15/01/2026', '20/01/2026'))).toEqual({
      format: 'dd/MM/yyyy',
      ambiguous: false,
      evidence: { line: 3, value: '15/01/2026', format: 'dd/MM/yyyy' },
      undecided: false,
    });
    expect(detectDateFormat(rows('03/04/2026', '2026-05-01', '01/15/2026 10:30'))).toEqual({
      format: 'MM/dd/yyyy',
      ambiguous: false,
      evidence: { line: 4, value: '01/15/2026 10:30', format: 'MM/dd/yyyy' },
      undecided: false,
    });
    // Evidence both ways cannot settle 03/04: still ask.
    expect(detectDateFormat(rows('03/04/2026', '15/01/2026', '01/15/2026'))).toEqual({
      format: null,
      ambiguous: true,
      evidence: null,
      undecided: false,
    });
    // ...but with no value that reads differently there is nothing to ask: the format that reads most.
    expect(detectDateFormat(rows('15/01/2026', '16/01/2026', '01/15/2026'))).toEqual({
      format: 'dd/MM/yyyy',
      ambiguous: false,
      evidence: null,
      undecided: false,
    });
  });

  it('lists the rows that read differently, for the wizard', () => {
    expect(
      ambiguousDates([
        { line: 2, value: '03/04/2026' },
        { line: 3, value: '05/05/2026' },
        { line: 4, value: '25/04/2026' },
      ]),
    ).toEqual([{ line: 2, value: '03/04/2026', dayFirst: '2026-04-03', monthFirst: '2026-03-04' }]);
  });
});

describe('sniffing', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a;b;c\n"1,5";2;3\n4;5;6\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['Cliente;Note\n"Rossi, Mario";"a, b, c"\n', ';'],
  ])('finds the delimiter of %j', (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });

  it('detects encodings by BOM, UTF-8 validity, else Windows-1252; NUL bytes are binary', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ ok: true, encoding: 'utf-16le' });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]))).toEqual({ ok: true, encoding: 'utf-16be' });
    expect(detectEncoding(Buffer.from('caffè', 'utf8'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(detectEncoding(Buffer.from([0x63, 0x61, 0x66, 0x66, 0xe8]))).toEqual({ ok: true, encoding: 'windows-1252' });
    expect(detectEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toEqual({ ok: false, reason: 'binary' });
  });
});

describe('column mapping', () => {
  it('suggests fields from a Pipedrive export', () => {
    const headers = [
      'Deal - ID',
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Organization - Name',
      'Person - Name',
      'Person - Email',
      'Deal - Status',
      'Deal - Won time',
      'Deal - Stage',
      'Deal - Lost reason',
    ];
    expect(suggestMapping(salesImporter, headers)).toEqual({
      external_id: 'Deal - ID',
      title: 'Deal - Title',
      amount: 'Deal - Value',
      currency: 'Deal - Currency',
      customer: 'Organization - Name',
      customer_email: 'Person - Email',
      status: 'Deal - Status',
      date: 'Deal - Won time',
      stage: 'Deal - Stage',
      lost_reason: 'Deal - Lost reason',
    });
  });

  it('suggests fields from Italian headers, and a caller can edit them', () => {
    const headers = ['Data', 'Cliente', 'Importo', 'Valuta', 'Stato', 'Prodotto', 'Tecnica', 'Soddisfazione', 'Note'];
    expect(suggestMapping(salesImporter, headers)).toEqual({
      date: 'Data',
      customer: 'Cliente',
      amount: 'Importo',
      currency: 'Valuta',
      status: 'Stato',
      product: 'Prodotto',
      technique: 'Tecnica',
      satisfaction: 'Soddisfazione',
      notes: 'Note',
    });
    const edited = effectiveMapping(salesImporter, headers, { notes: null, title: 'Note' });
    expect(edited.notes).toBeUndefined();
    expect(edited.title).toBe('Note');
  });

  it('never suggests a header that appears twice', () => {
    expect(suggestMapping(salesImporter, ['Date', 'Amount', 'Amount'])).toEqual({ date: 'Date' });
  });

  it('reads status and stage words in English and Italian', () => {
    for (const w of ['won', 'Vinta', 'VINTO', 'chiusa vinta', 'Closed Won']) expect(statusOf(w)).toBe('won');
    for (const w of ['lost', 'Persa', 'perso', 'chiuso perso']) expect(statusOf(w)).toBe('lost');
    for (const w of ['open', 'Aperta', 'aperto', 'in corso', 'In trattativa']) expect(statusOf(w)).toBe('open');
    expect(statusOf('Deleted')).toBe('deleted');
    expect(statusOf('constructor')).toBe('constructor');
    expect(stageOf('__proto__')).toBe('__proto__');
    expect(stageOf('Proposta')).toBe('proposal');
    expect(stageOf('Trattativa')).toBe('negotiation');
  });
});
