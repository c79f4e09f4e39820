import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_SECTIONS } from '../../../src-main/features/reports/contract';
import { addDays } from '../../../src-main/shared/dates';
import { formatFor } from '../../../src-main/shared/format';
import { translator } from '../../../src-main/shared/locales/translate';
import {
  INITIAL_REPORT_VIEW,
  optionsInWords,
  reportRange,
  reportRequest,
  sizeText,
} from '../../../src-renderer/src/features/reports/reportModel';

const t = translator('en');

describe('the Reports screen model', () => {
  it('covers each calendar period from its first day up to today, as Home does', () => {
    const today = '2026-06-17';
    expect(reportRange({ ...INITIAL_REPORT_VIEW, period: 'week' }, today)).toEqual({ from: '2026-06-15', to: today });
    expect(reportRange({ ...INITIAL_REPORT_VIEW, period: 'month' }, today)).toEqual({ from: '2026-06-01', to: today });
    expect(reportRange({ ...INITIAL_REPORT_VIEW, period: 'quarter' }, today)).toEqual({
      from: '2026-04-01',
      to: today,
    });
    expect(reportRange({ ...INITIAL_REPORT_VIEW, period: 'year' }, today)).toEqual({ from: '2026-01-01', to: today });
    expect(
      reportRange({ ...INITIAL_REPORT_VIEW, period: 'custom', from: '2025-01-01', to: '2025-03-31' }, today),
    ).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
    });
  });

  it('accepts a custom range exactly when from ≤ to and it is under the longest period', () => {
    fc.assert(
      fc.property(fc.integer({ min: -4000, max: 4000 }), (days) => {
        const from = '2020-01-01';
        const to = addDays(from, days);
        const result = reportRequest({ ...INITIAL_REPORT_VIEW, period: 'custom', from, to }, '2026-06-17');
        expect(result.ok).toBe(days >= 0 && days < 3660);
        if (!result.ok) expect(Object.keys(result.errors)).toEqual([days < 0 ? 'to' : 'from']);
      }),
    );
  });

  it('sends the sections in the report’s order and only highlights of the period', () => {
    const view = { ...INITIAL_REPORT_VIEW, sections: ['journal', 'goals'] as const, journalIds: [3, 9, 4] };
    const result = reportRequest({ ...view, sections: [...view.sections] }, '2026-06-17', new Set([3, 4]));
    expect(result).toMatchObject({ ok: true, options: { sections: ['goals', 'journal'], journalIds: [3, 4] } });
    expect(reportRequest({ ...INITIAL_REPORT_VIEW, sections: [] }, '2026-06-17')).toEqual({
      ok: false,
      errors: { sections: 'errors.required' },
    });
    // No name typed: none is sent (main uses the last one).
    expect(reportRequest({ ...INITIAL_REPORT_VIEW, seller: '  ' }, '2026-06-17')).not.toHaveProperty('options.seller');
  });

  it('puts the logged options in words', () => {
    expect(
      optionsInWords(
        {
          sections: [...REPORT_SECTIONS],
          compare: null,
          anonymize: false,
          journal_text: true,
          journal_ids: [],
          paper: 'letter',
        },
        'pdf',
        t,
      ),
    ).toBe('All sections · Letter');
    // A CSV or JSON file has no paper.
    expect(
      optionsInWords({ sections: ['care'], journal_ids: [1], comment: true, dialect: 'eu', paper: 'a4' }, 'csv', t),
    ).toBe('Sections: Customer care · 1 highlight · with a comment');
    expect(optionsInWords({}, 'json', t)).toBe('');
  });

  it('gives a file size in kB, then MB', () => {
    const format = formatFor('en');
    expect(sizeText(100, format, t)).toBe('1 kB');
    expect(sizeText(20_480, format, t)).toBe('20 kB');
    expect(sizeText(3 * 1024 * 1024 + 200_000, format, t)).toBe('3.2 MB');
    expect(sizeText(3 * 1024 * 1024, formatFor('it'), translator('it'))).toBe('3,0 MB');
  });
});
