import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clock,
  emptyItemForm,
  libraryQuery,
  INITIAL_LIBRARY_VIEW,
  parseClock,
  parseLocation,
  progressShare,
  validateHighlight,
  validateItem,
  validateTakeaway,
  emptyHighlightForm,
  emptyTakeawayForm,
} from '../../../src-renderer/src/features/library/libraryModel';

describe('times in a recording', () => {
  it('reads h:mm:ss, m:ss and plain minutes, and refuses the rest', () => {
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('62:03')).toBe(3723);
    expect(parseClock('95')).toBe(5700);
    expect(parseClock('')).toBeNull();
    for (const bad of ['1:60', '1:75:00', 'an hour', '1:2', '-3']) expect(parseClock(bad)).toBeUndefined();
  });

  it('writes back what it reads', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 * 3600 }), (s) => parseClock(clock(s)) === s));
    expect(clock(4 * 60 + 5)).toBe('4:05');
    expect(clock(3723)).toBe('1:02:03');
  });
});

describe('e-reader locations', () => {
  it('reads a place or a range, a short end taking the start’s first digits', () => {
    expect(parseLocation('631')).toEqual({ start: 631, end: null });
    expect(parseLocation('631-32')).toEqual({ start: 631, end: 632 });
    expect(parseLocation('631 – 640')).toEqual({ start: 631, end: 640 });
    expect(parseLocation('1311-8')).toEqual({ start: 1311, end: 1318 });
    expect(parseLocation('')).toEqual({ start: null, end: null });
    expect(parseLocation('640-631')).toBeUndefined();
    expect(parseLocation('page 3')).toBeUndefined();
  });
});

describe('how far along', () => {
  const none = { progressPercent: null, progressPage: null, pages: null, positionS: null, durationS: null };
  it('takes the percent, else the page of the pages, else the place in the recording', () => {
    expect(progressShare({ ...none, progressPercent: 40, progressPage: 10, pages: 100 })).toBe(0.4);
    expect(progressShare({ ...none, progressPage: 30, pages: 120 })).toBe(0.25);
    expect(progressShare({ ...none, positionS: 900, durationS: 3600 })).toBe(0.25);
    expect(progressShare({ ...none, progressPage: 30 })).toBeNull();
    expect(progressShare({ ...none, progressPage: 500, pages: 300 })).toBe(1);
  });
});

describe('the list’s request', () => {
  it('names only the filters in use and the search as it settled', () => {
    expect(libraryQuery({ ...INITIAL_LIBRARY_VIEW, text: 'typing…' }, '  silenzio ')).toEqual({
      sort: 'added',
      limit: 50,
      offset: 0,
      text: 'silenzio',
    });
    expect(libraryQuery({ ...INITIAL_LIBRARY_VIEW, kind: 'video', tag: 'demo', sort: 'title' }, '')).toEqual({
      kind: 'video',
      tag: 'demo',
      sort: 'title',
      limit: 50,
      offset: 0,
    });
  });
});

describe('the forms', () => {
  it('reads numbers in the seller’s language and says which it cannot read', () => {
    const it = validateItem({ ...emptyItemForm(), title: 'Libro', pages: '1.204', progressPercent: '12,5' }, 'it');
    expect(it.ok && it.input).toMatchObject({ pages: 1204, progressPercent: 12.5 });
    const bad = validateItem({ ...emptyItemForm(), title: 'Book', year: '2019.5', duration: '1:99' }, 'en');
    expect(bad.ok ? null : bad.errors).toEqual({ year: 'errors.wholeNumber', durationS: 'errors.invalid' });
  });

  it('puts an error on the person row it belongs to, blank rows left out', () => {
    const result = validateItem(
      {
        ...emptyItemForm(),
        title: 'Book',
        people: [
          { name: '', role: 'author' },
          { name: 'x'.repeat(201), role: 'author' },
        ],
      },
      'en',
    );
    expect(result.ok ? null : result.errors).toEqual({ 'people.1.name': 'errors.tooLong' });
  });

  it('wants words in a highlight, a note in a note, nothing in a bookmark', () => {
    expect(validateHighlight(emptyHighlightForm('highlight'), 1, 'en')).toEqual({
      ok: false,
      errors: { text: 'errors.required' },
    });
    expect(validateHighlight(emptyHighlightForm('note'), 1, 'en')).toEqual({
      ok: false,
      errors: { note: 'errors.required' },
    });
    expect(validateHighlight({ ...emptyHighlightForm('bookmark'), page: '12' }, 1, 'en').ok).toBe(true);
  });

  it('says where a takeaway’s technique is missing', () => {
    const base = { ...emptyTakeawayForm(null), text: 'Try it' };
    expect(validateTakeaway({ ...base, technique: 'link' }, 1, null)).toEqual({
      ok: false,
      errors: { techniqueId: 'errors.required' },
    });
    expect(validateTakeaway({ ...base, technique: 'create' }, 1, null)).toEqual({
      ok: false,
      errors: { name: 'errors.required' },
    });
    expect(validateTakeaway({ ...base, technique: 'create', name: 'Pause' }, 1, 2)).toMatchObject({
      ok: true,
      input: { highlightId: 2, technique: { create: { name: 'Pause', category: 'other' } } },
    });
  });
});
