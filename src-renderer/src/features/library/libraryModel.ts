import type { z } from 'zod';
import {
  HighlightInput,
  LibraryItemInput,
  TakeawayInput,
  type Highlight,
  type HighlightKind,
  type LibraryItem,
  type LibraryKind,
  type LibraryQuery,
  type LibraryStatus,
  type LIBRARY_SORTS,
  type PersonRole,
} from '../../../../src-main/features/library/contract';
import type { TechniqueCategory } from '../../../../src-main/features/techniques/contract';
import type { Language } from '../../../../src-main/shared/domain';
import { parseLocaleNumber } from '../goals/goalModel';
import { parseTags } from '../journal/entryModel';
import { validation, type FieldErrors, type Validation } from '../../ui/errors';

// ---- the list's view ------------------------------------------------------------------------

export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** What the library list shows: its filters as the controls hold them, the order and the page. */
export interface LibraryView {
  kind: LibraryKind | '';
  status: LibraryStatus | '';
  tag: string;
  author: string;
  /** The search box as typed; the list asks with it once typing pauses (or on Enter). */
  text: string;
  sort: LibrarySort;
  limit: number;
  offset: number;
}

export const INITIAL_LIBRARY_VIEW: LibraryView = {
  kind: '',
  status: '',
  tag: '',
  author: '',
  text: '',
  sort: 'added',
  limit: 50,
  offset: 0,
};

export const hasLibraryFilters = (view: LibraryView): boolean =>
  view.kind !== '' || view.status !== '' || view.tag !== '' || view.author !== '' || view.text.trim() !== '';

/** Filters off; the order and the page size stay as the seller set them. */
export const clearLibraryFilters = (view: LibraryView): LibraryView => ({
  ...INITIAL_LIBRARY_VIEW,
  sort: view.sort,
  limit: view.limit,
});

/** The list's request: only the filters in use, and the search text as it was when typing paused. */
export function libraryQuery(view: LibraryView, text: string): LibraryQuery {
  const query: LibraryQuery = { sort: view.sort, limit: view.limit, offset: view.offset };
  if (view.kind) query.kind = view.kind;
  if (view.status) query.status = view.status;
  if (view.tag) query.tag = view.tag;
  if (view.author) query.author = view.author;
  const words = text.trim().slice(0, 200);
  if (words) query.text = words;
  return query;
}

/** Covers or rows: which way the seller last chose to see the library. */
export type LibraryLayout = 'covers' | 'list';

// ---- numbers and times as people type and read them ---------------------------------------------

/** Kinds the app plays, whose places are times rather than pages. */
export const MEDIA_KINDS: readonly LibraryKind[] = ['audiobook', 'video', 'audio'];
export const isMediaKind = (kind: LibraryKind): boolean => MEDIA_KINDS.includes(kind);

/** A whole number typed in the form ('' for none); `undefined` when it is not one. */
export function wholeNumber(text: string, language: Language): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = parseLocaleNumber(trimmed, language);
  return value !== null && Number.isInteger(value) ? value : undefined;
}

/** A number typed in the form ('' for none); `undefined` when it is not one. */
export function decimalNumber(text: string, language: Language): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseLocaleNumber(trimmed, language) ?? undefined;
}

/**
 * A time in a recording as typed: "1:02:03", "62:03" or a number of minutes ("95"). Seconds;
 * null for '' and `undefined` when it is none of these.
 */
export function parseClock(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 60;
  const match = /^(?:(\d+):)?(\d{1,3}):(\d{2})$/.exec(trimmed);
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  if (Number(seconds) >= 60 || (match[1] !== undefined && Number(minutes) >= 60)) return undefined;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** A time in a recording the way a player shows it: "4:05", "1:02:03". */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A length in hours and minutes, for the words around it: { hours: 2, minutes: 5 }. */
export function hoursMinutes(seconds: number): { hours: number; minutes: number } {
  const minutes = Math.round(seconds / 60);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** Where the seller is, 0–1: the percent given, else the page of the pages, else the place in the recording. */
export function progressShare(item: {
  progressPercent: number | null;
  progressPage: number | null;
  pages: number | null;
  positionS: number | null;
  durationS: number | null;
}): number | null {
  if (item.progressPercent !== null) return Math.min(1, item.progressPercent / 100);
  if (item.progressPage !== null && item.pages) return Math.min(1, item.progressPage / item.pages);
  if (item.positionS !== null && item.durationS) return Math.min(1, item.positionS / item.durationS);
  return null;
}

// ---- the item form (a copy by hand, a web page, or any item's edit) -----------------------------

export interface PersonRow {
  name: string;
  role: PersonRole;
}

/** The item form as typed: numbers as text, people as rows, tags as one line. */
export interface ItemFormValues {
  kind: LibraryKind;
  title: string;
  people: PersonRow[];
  publisher: string;
  year: string;
  language: string;
  isbn: string;
  pages: string;
  /** Minutes, or h:mm:ss. */
  duration: string;
  url: string;
  tags: string;
  status: LibraryStatus;
  progressPage: string;
  progressPercent: string;
  rating: number | null;
  startedOn: string;
  finishedOn: string;
  plannedOn: string;
  summary: string;
  event: string;
  heldOn: string;
  body: string;
}

export function emptyItemForm(kind: LibraryKind = 'book'): ItemFormValues {
  return {
    kind,
    title: '',
    people: [{ name: '', role: kind === 'seminar' ? 'speaker' : 'author' }],
    publisher: '',
    year: '',
    language: '',
    isbn: '',
    pages: '',
    duration: '',
    url: '',
    tags: '',
    status: 'want',
    progressPage: '',
    progressPercent: '',
    rating: null,
    startedOn: '',
    finishedOn: '',
    plannedOn: '',
    summary: '',
    event: '',
    heldOn: '',
    body: '',
  };
}

/** A number back in the form, as the seller would type it. */
const numberText = (value: number | null, language: Language): string =>
  value === null
    ? ''
    : new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', {
        useGrouping: false,
        maximumFractionDigits: 2,
      }).format(value);

export function formFromItem(item: LibraryItem, language: Language): ItemFormValues {
  return {
    kind: item.kind,
    title: item.title,
    people: item.people.map((person) => ({ ...person })),
    publisher: item.publisher ?? '',
    year: item.year === null ? '' : String(item.year),
    language: item.language ?? '',
    isbn: item.isbn13 ?? item.isbn10 ?? '',
    pages: item.pages === null ? '' : String(item.pages),
    duration: item.durationS === null ? '' : clock(item.durationS),
    url: item.url ?? '',
    tags: item.tags.join(', '),
    status: item.status,
    progressPage: item.progressPage === null ? '' : String(item.progressPage),
    progressPercent: numberText(item.progressPercent, language),
    rating: item.rating,
    startedOn: item.startedOn ?? '',
    finishedOn: item.finishedOn ?? '',
    plannedOn: item.plannedOn ?? '',
    summary: item.summary ?? '',
    event: item.event ?? '',
    heldOn: item.heldOn ?? '',
    body: item.body,
  };
}

export type ItemInput = z.output<typeof LibraryItemInput>;

/**
 * The form checked by the schema the backend parses with. Numbers it cannot read are said as
 * such (not as the null sent in their place); a blank person row is no person.
 */
export function validateItem(values: ItemFormValues, language: Language): Validation<ItemInput> {
  const year = wholeNumber(values.year, language);
  const pages = wholeNumber(values.pages, language);
  const progressPage = wholeNumber(values.progressPage, language);
  const progressPercent = decimalNumber(values.progressPercent, language);
  const durationS = parseClock(values.duration);
  const people = values.people.filter((person) => person.name.trim() !== '');
  const parsed = LibraryItemInput.safeParse({
    kind: values.kind,
    title: values.title,
    people,
    publisher: values.publisher,
    year: year ?? null,
    language: values.language,
    isbn: values.isbn.trim() === '' ? null : values.isbn,
    pages: pages ?? null,
    durationS: durationS ?? null,
    url: values.url.trim() === '' ? null : values.url.trim(),
    tags: parseTags(values.tags),
    status: values.status,
    progressPage: progressPage ?? null,
    progressPercent: progressPercent ?? null,
    rating: values.rating,
    startedOn: values.startedOn || null,
    finishedOn: values.finishedOn || null,
    plannedOn: values.plannedOn || null,
    summary: values.summary,
    event: values.event,
    heldOn: values.heldOn || null,
    body: values.body,
  });
  const checked = validation(parsed);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  // Rows kept for their position: an error on the nth named person is on the nth row shown.
  if (!checked.ok)
    for (const [path, key] of Object.entries(checked.errors)) {
      const row = /^people\.(\d+)\.(.+)$/.exec(path);
      if (!row) continue;
      delete errors[path];
      errors[`people.${values.people.indexOf(people[Number(row[1])]!)}.${row[2]}`] = key;
    }
  if (year === undefined) errors.year = 'errors.wholeNumber';
  if (pages === undefined) errors.pages = 'errors.wholeNumber';
  if (progressPage === undefined) errors.progressPage = 'errors.wholeNumber';
  if (progressPercent === undefined || (progressPercent !== null && (progressPercent < 0 || progressPercent > 100)))
    errors.progressPercent = 'errors.goalPercent';
  if (durationS === undefined) errors.durationS = 'errors.invalid';
  if (values.startedOn && values.finishedOn && values.finishedOn < values.startedOn)
    errors.finishedOn ??= 'errors.rangeOrder';
  return Object.keys(errors).length === 0 && checked.ok ? checked : { ok: false, errors };
}

export const ITEM_FIELDS = [
  'kind',
  'title',
  'people',
  'publisher',
  'year',
  'language',
  'isbn',
  'pages',
  'durationS',
  'url',
  'tags',
  'status',
  'progressPage',
  'progressPercent',
  'rating',
  'startedOn',
  'finishedOn',
  'plannedOn',
  'summary',
  'event',
  'heldOn',
  'body',
] as const;

export const isItemField = (path: string): boolean =>
  (ITEM_FIELDS as readonly string[]).includes(path.split('.')[0] ?? '');

// ---- highlights and notes -------------------------------------------------------------------------

export interface HighlightFormValues {
  kind: HighlightKind;
  text: string;
  note: string;
  page: string;
  /** A Kindle-style location or range, "631" or "631-32". */
  location: string;
  /** A time in the recording, h:mm:ss. */
  position: string;
}

export const emptyHighlightForm = (kind: HighlightKind = 'highlight'): HighlightFormValues => ({
  kind,
  text: '',
  note: '',
  page: '',
  location: '',
  position: '',
});

export function formFromHighlight(highlight: Highlight): HighlightFormValues {
  return {
    kind: highlight.kind,
    text: highlight.text,
    note: highlight.note ?? '',
    page: highlight.page === null ? '' : String(highlight.page),
    location: locationText(highlight.locStart, highlight.locEnd),
    position: highlight.positionS === null ? '' : clock(highlight.positionS),
  };
}

/** "631", "631-640" as typed from a range like Kindle's "631-32" (the end shares the start's first digits). */
export function parseLocation(text: string): { start: number | null; end: number | null } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return { start: null, end: null };
  const match = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(trimmed);
  if (!match) return undefined;
  const start = Number(match[1]);
  if (match[2] === undefined) return { start, end: null };
  const tail = match[2];
  const end =
    tail.length < match[1]!.length ? Number(match[1]!.slice(0, match[1]!.length - tail.length) + tail) : Number(tail);
  return end < start ? undefined : { start, end: end === start ? null : end };
}

export const locationText = (start: number | null, end: number | null): string =>
  start === null ? '' : end === null || end === start ? String(start) : `${start}-${end}`;

export type HighlightSave = z.output<typeof HighlightInput>;

export function validateHighlight(
  values: HighlightFormValues,
  itemId: number,
  language: Language,
): Validation<HighlightSave> {
  const page = wholeNumber(values.page, language);
  const location = parseLocation(values.location);
  const position = parseClock(values.position);
  const parsed = HighlightInput.safeParse({
    itemId,
    kind: values.kind,
    text: values.text,
    note: values.note,
    page: page ?? null,
    locStart: location?.start ?? null,
    locEnd: location?.end ?? null,
    positionS: position ?? null,
  });
  const checked = validation(parsed);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (page === undefined) errors.page = 'errors.wholeNumber';
  if (location === undefined) errors.locStart = 'errors.invalid';
  if (position === undefined) errors.positionS = 'errors.invalid';
  // A highlight says something; a note may be only its note; a bookmark is only a place.
  if (values.kind !== 'bookmark' && values.text.trim() === '' && values.note.trim() === '')
    errors[values.kind === 'note' ? 'note' : 'text'] = 'errors.required';
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return checked;
}

export const HIGHLIGHT_FIELDS = ['kind', 'text', 'note', 'page', 'locStart', 'locEnd', 'positionS'] as const;
export const isHighlightField = (path: string): boolean => (HIGHLIGHT_FIELDS as readonly string[]).includes(path);

// ---- takeaways --------------------------------------------------------------------------------------

export type TechniqueChoice = 'none' | 'link' | 'create';

export interface TakeawayFormValues {
  text: string;
  technique: TechniqueChoice;
  /** The linked technique's id, as the select holds it. */
  techniqueId: string;
  name: string;
  category: TechniqueCategory;
  description: string;
  goalId: string;
  triedOn: string;
}

/** A new takeaway starts from what was highlighted (or noted), ready to be said in the seller's words. */
export function emptyTakeawayForm(from: Pick<Highlight, 'text' | 'note'> | null): TakeawayFormValues {
  return {
    text: (from ? from.note?.trim() || from.text : '').slice(0, 2000),
    technique: 'none',
    techniqueId: '',
    name: '',
    category: 'other',
    description: '',
    goalId: '',
    triedOn: '',
  };
}

export type TakeawaySave = z.output<typeof TakeawayInput>;

export function validateTakeaway(
  values: TakeawayFormValues,
  itemId: number,
  highlightId: number | null,
): Validation<TakeawaySave> {
  const technique =
    values.technique === 'link'
      ? { id: Number(values.techniqueId) }
      : values.technique === 'create'
        ? { create: { name: values.name, category: values.category, description: values.description } }
        : null;
  const parsed = TakeawayInput.safeParse({
    itemId,
    highlightId,
    text: values.text,
    technique,
    goalId: values.goalId ? Number(values.goalId) : null,
    triedOn: values.triedOn || null,
  });
  const checked = validation(parsed);
  const errors: FieldErrors = {};
  if (!checked.ok)
    for (const [path, key] of Object.entries(checked.errors)) {
      // The union's refusal names no branch: say it where the seller chose.
      if (path === 'technique' || path === 'technique.id')
        errors[values.technique === 'link' ? 'techniqueId' : 'name'] = key;
      else if (path.startsWith('technique.create.')) errors[path.slice('technique.create.'.length)] = key;
      else errors[path] = key;
    }
  if (values.technique === 'link' && values.techniqueId === '') errors.techniqueId = 'errors.required';
  if (values.technique === 'create' && values.name.trim() === '') errors.name = 'errors.required';
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return checked;
}

export const TAKEAWAY_FIELDS = ['text', 'techniqueId', 'name', 'category', 'description', 'goalId', 'triedOn'] as const;
export const isTakeawayField = (path: string): boolean => (TAKEAWAY_FIELDS as readonly string[]).includes(path);

// ---- bulk edit -------------------------------------------------------------------------------------

export interface BulkFormValues {
  addTags: string;
  removeTags: string[];
  status: LibraryStatus | '';
}
