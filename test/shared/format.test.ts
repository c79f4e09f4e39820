import { describe, expect, it } from 'vitest';
import { dayInputText, formatFor, parseDayInput } from '../../src-main/shared/format';

/** Intl's spaces: NBSP before the euro sign in Italian, thin or narrow spaces around a range's dash. */
const plain = (text: string): string => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('one formatter for money, numbers and dates', () => {
  const en = formatFor('en');
  const it_ = formatFor('it');

  it('groups every amount, 4-digit ones too, in both languages', () => {
    expect(plain(it_.money(171_500, 'EUR'))).toBe('1.715,00 €');
    expect(plain(it_.money(2_356_000, 'EUR'))).toBe('23.560,00 €');
    expect(en.money(171_500, 'EUR')).toBe('€1,715.00');
    expect(it_.number(1715)).toBe('1.715');
    expect(it_.number(1715.5, 2)).toBe('1.715,50');
    expect(plain(it_.money(5000, 'JPY'))).toBe('5.000 JPY');
  });

  it('writes a day without a leading zero, and a range in the same style', () => {
    expect(it_.date('2026-12-03')).toBe('3 dic 2026');
    expect(en.date('2026-12-03')).toBe('3 Dec 2026');
    expect(plain(it_.range('2026-10-01', '2026-12-31'))).toBe('1 ott – 31 dic 2026');
    expect(plain(en.range('2026-10-01', '2026-12-31'))).toBe('1 Oct – 31 Dec 2026');
    expect(plain(it_.range('2025-12-01', '2026-01-07'))).toBe('1 dic 2025 – 7 gen 2026');
    expect(it_.range('2026-06-05', '2026-06-05')).toBe('5 giu 2026');
  });

  it('keeps a day on its calendar date whatever the time zone', () => {
    expect(en.date('2026-01-01')).toBe('1 Jan 2026');
  });

  it('writes chart axes whole below a million and short from a million, never "800K €"', () => {
    expect(plain(it_.compactMoney(80_000_000, 'EUR'))).toBe('800.000 €');
    expect(en.compactMoney(80_000_000, 'EUR')).toBe('€800,000');
    expect(plain(it_.compactMoney(125_000_000, 'EUR'))).toBe('1,3 Mln €');
    expect(en.compactMoney(125_000_000, 'EUR')).toBe('€1.3m');
    expect(it_.compactNumber(4500)).toBe('4.500');
    expect(it_.compactNumber(2.5)).toBe('2,5');
  });

  it('writes shares as percentages', () => {
    expect(plain(it_.percent(0.405, 1))).toBe('40,5%');
    expect(en.percent(0.4)).toBe('40%');
  });

  it('accepts a locale as well as a language, and hands back the same formatter', () => {
    expect(formatFor('it-IT')).toBe(it_);
    expect(formatFor('en').locale).toBe('en-GB');
  });
});

describe('date fields: dd/mm/yyyy shown, forgiving input, ISO kept', () => {
  it('writes a day as dd/mm/yyyy', () => {
    expect(dayInputText('2026-12-03')).toBe('03/12/2026');
    expect(dayInputText('')).toBe('');
  });

  it('reads a day typed day first, with any common separator', () => {
    expect(parseDayInput('03/12/2026')).toBe('2026-12-03');
    expect(parseDayInput('1/3/2026')).toBe('2026-03-01');
    expect(parseDayInput('01.03.2026')).toBe('2026-03-01');
    expect(parseDayInput(' 1-3-26 ')).toBe('2026-03-01');
    expect(parseDayInput('5 1 2027')).toBe('2027-01-05');
  });

  it('takes an ISO date pasted from elsewhere', () => {
    expect(parseDayInput('2026-03-01')).toBe('2026-03-01');
    expect(parseDayInput('2026-3-1')).toBe('2026-03-01');
  });

  it('refuses what is not a real day', () => {
    for (const text of ['', '31/02/2026', '13/13/2026', '1/3', '1/3/202', 'tomorrow', '2026-02-30', '00/01/2026']) {
      expect(parseDayInput(text), text).toBeNull();
    }
    expect(parseDayInput('29/02/2028')).toBe('2028-02-29');
  });
});
