import { describe, expect, it } from 'vitest';
import { formatFor } from '../../../src-main/shared/format';
import {
  defaultFilters,
  formatChance,
  formatPoints,
  presetRange,
  segmentRows,
  splitRows,
  statsQuery,
  usageSeries,
} from '../../../src-renderer/src/features/whatWorks/whatWorksModel';
import { reportFixture, ROWS, segmentsFixture, statsRow } from './fixtures';

const en = formatFor('en');

describe('the period presets', () => {
  it('cover this quarter and this year so far', () => {
    expect(presetRange('quarter', '2026-03-16')).toEqual({ from: '2026-01-01', to: '2026-03-16' });
    expect(presetRange('quarter', '2026-12-03')).toEqual({ from: '2026-10-01', to: '2026-12-03' });
    expect(presetRange('year', '2026-12-03')).toEqual({ from: '2026-01-01', to: '2026-12-03' });
  });

  it('count the last twelve months in whole months, this one included, across the new year', () => {
    expect(presetRange('last12', '2026-03-16')).toEqual({ from: '2025-04-01', to: '2026-03-16' });
    expect(presetRange('last12', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetRange('last12', '2027-01-01')).toEqual({ from: '2026-02-01', to: '2027-01-01' });
  });
});

describe('the query', () => {
  it('adds only the filters that are set, the product as its id', () => {
    const filters = defaultFilters('2026-03-16');
    expect(statsQuery(filters, '2026-03-16')).toEqual({ from: '2025-04-01', to: '2026-03-16' });
    expect(statsQuery({ ...filters, segment: 'SMB', productId: '2', industry: 'Retail' }, '2026-03-16')).toEqual({
      from: '2025-04-01',
      to: '2026-03-16',
      segment: 'SMB',
      productId: 2,
      industry: 'Retail',
    });
  });

  it('asks nothing for a custom period that is not two days in order', () => {
    const custom = { ...defaultFilters('2026-03-16'), period: 'custom' as const };
    expect(statsQuery({ ...custom, from: '2026-01-01', to: '2026-02-01' }, '2026-03-16')).toMatchObject({
      from: '2026-01-01',
      to: '2026-02-01',
    });
    expect(statsQuery({ ...custom, from: '2026-02-02', to: '2026-02-01' }, '2026-03-16')).toBeNull();
    expect(statsQuery({ ...custom, from: '!1/2', to: '2026-02-01' }, '2026-03-16')).toBeNull();
    expect(statsQuery({ ...custom, from: '', to: '2026-02-01' }, '2026-03-16')).toBeNull();
  });
});

describe('the rows', () => {
  it('keep the backend’s ranking, rows without enough data after, a retired technique only if used', () => {
    const retired = statsRow({
      techniqueId: 8,
      technique: 'Cold email',
      retired: true,
      used: 0,
      open: 0,
      enoughData: false,
    });
    const { ranked, waiting } = splitRows(reportFixture({ rows: [...ROWS, retired] }));
    expect(ranked.map((r) => r.technique)).toEqual(['SPIN questions', 'Trial close']);
    expect(waiting.map((r) => r.technique)).toEqual(['Feel-felt-found', 'Referral ask']);
  });
});

describe('figures in words', () => {
  it('never round a chance to a flat 0% or 100%', () => {
    expect(formatChance(0.999, en)).toBe('>99%');
    expect(formatChance(0.001, en)).toBe('<1%');
    expect(formatChance(1, en)).toBe('100%');
    expect(formatChance(0.5, en)).toBe('50%');
  });

  it('sign a difference in points', () => {
    expect(formatPoints(0.2516, en)).toBe('+25');
    expect(formatPoints(-0.1139, en)).toBe('−11');
    expect(formatPoints(0.001, en)).toBe('0');
  });
});

describe('use over time', () => {
  it('draws the five most used and sums the rest into one line', () => {
    const series = Array.from({ length: 7 }, (_, i) => ({
      techniqueId: i + 1,
      technique: `T${i + 1}`,
      counts: [i, 1],
    }));
    const lines = usageSeries({ months: ['2026-01', '2026-02'], series }, 'Others');
    expect(lines.map((l) => [l.technique, l.counts])).toEqual([
      ['T7', [6, 1]],
      ['T6', [5, 1]],
      ['T5', [4, 1]],
      ['T4', [3, 1]],
      ['T3', [2, 1]],
      ['Others', [1, 2]],
    ]);
    expect(lines.at(-1)?.techniqueId).toBeNull();
  });

  it('leaves out techniques never used in the period', () => {
    const lines = usageSeries(
      { months: ['2026-01'], series: [{ techniqueId: 1, technique: 'A', counts: [0] }] },
      'Others',
    );
    expect(lines).toEqual([]);
  });
});

describe('the segment table', () => {
  it('has a row per technique with deals, in the report’s order, a null cell where none', () => {
    const rows = segmentRows(segmentsFixture(), reportFixture());
    expect(rows.map((r) => [r.technique, r.cells.map((c) => c && `${c.won}/${c.used}`)])).toEqual([
      ['SPIN questions', ['5/7', '7/12']],
      ['Trial close', [null, '9/24']],
    ]);
  });
});
