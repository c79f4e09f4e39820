import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, unneutraliseCell } from '../../src-main/shared/csvCells';

describe('neutraliseCell / unneutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tindented', `'\tindented`],
    ['\rcarriage', `'\rcarriage`],
    ['\nline', `'\nline`],
    // A leading quote is doubled, or `'=1` and `=1` would export alike.
    ["'=1", "''=1"],
    ["'80s music", "''80s music"],
    ['Acme S.r.l.', 'Acme S.r.l.'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j is written as %j', (original, written) => {
    expect(neutraliseCell(original)).toBe(written);
    expect(unneutraliseCell(written)).toBe(original);
  });

  it("leaves other people's leading quotes alone", () => {
    expect(unneutraliseCell("'80s music")).toBe("'80s music");
    expect(unneutraliseCell("'")).toBe("'");
  });

  it('round-trips any text, and never writes a cell a spreadsheet would run', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ';');
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.tuple(risky, fc.string()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(text, (original) => {
        const written = neutraliseCell(original);
        expect(unneutraliseCell(written)).toBe(original);
        expect(/^[=+\-@\t\r\n]/.test(written)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
