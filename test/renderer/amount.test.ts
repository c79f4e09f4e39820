import { describe, expect, it } from 'vitest';
import { formatAmountInput, parseLocaleAmount } from '../../src-renderer/src/i18n/amount';

describe('parseLocaleAmount', () => {
  it.each([
    ['1.234,50', 123450],
    ['1234,50', 123450],
    ['1234.50', 123450],
    ['1.234', 123400],
    ['1.234.567,8', 123456780],
    ['0,05', 5],
    [' 12 ', 1200],
    ['12.5', 1250],
  ])('Italian %j → %i minor units', (text, minor) => {
    expect(parseLocaleAmount(text, 'EUR', 'it')).toBe(minor);
  });

  it.each([
    ['1,234.50', 123450],
    ['1234.50', 123450],
    ['1234,50', 123450],
    ['1,234', 123400],
    ['0.1', 10],
  ])('English %j → %i minor units', (text, minor) => {
    expect(parseLocaleAmount(text, 'EUR', 'en')).toBe(minor);
  });

  it.each(['', 'abc', '-5', '1,2,3', '12.345,6.7', '1.234,567', '1,234.5.6'])('rejects %j', (text) => {
    expect(parseLocaleAmount(text, 'EUR', 'it')).toBeNull();
    expect(parseLocaleAmount(text, 'EUR', 'en')).toBeNull();
  });

  it('respects currencies without minor units', () => {
    expect(parseLocaleAmount('1.234', 'JPY', 'it')).toBe(1234);
    expect(parseLocaleAmount('12,5', 'JPY', 'it')).toBeNull();
  });

  it('does integer arithmetic where floats would drift', () => {
    expect(parseLocaleAmount('0,29', 'EUR', 'it')).toBe(29);
    expect(parseLocaleAmount('1.005,10', 'EUR', 'it')).toBe(100510);
  });
});

describe('formatAmountInput', () => {
  it('writes amounts back the way each language types them', () => {
    expect(formatAmountInput(123450, 'EUR', 'it')).toBe('1234,50');
    expect(formatAmountInput(123450, 'EUR', 'en')).toBe('1234.50');
    expect(formatAmountInput(1234, 'JPY', 'it')).toBe('1234');
  });
});
