import { z } from 'zod';
import { Id, IsoDateSchema, optionalText, Page } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';
import { TechniqueInput, TechniqueRef } from '../techniques/contract';
import { LIBRARY_KINDS, LIBRARY_STATUSES } from './choices';
export { LIBRARY_KINDS, LIBRARY_STATUSES } from './choices';

export const LibraryKind = z.enum(LIBRARY_KINDS);
export type LibraryKind = z.infer<typeof LibraryKind>;

export const LibraryStatus = z.enum(LIBRARY_STATUSES);
export type LibraryStatus = z.infer<typeof LibraryStatus>;

export const PERSON_ROLES = ['author', 'editor', 'translator', 'narrator', 'speaker', 'host', 'other'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

/** Where an item is: a file in the library folder, a file linked in place, a web address, a copy on a shelf. */
export const LIBRARY_SOURCES = ['stored', 'linked', 'url', 'physical'] as const;
export const LibrarySource = z.enum(LIBRARY_SOURCES);
export type LibrarySource = z.infer<typeof LibrarySource>;

export const HIGHLIGHT_KINDS = ['highlight', 'note', 'bookmark'] as const;
export const HighlightKind = z.enum(HIGHLIGHT_KINDS);
export type HighlightKind = z.infer<typeof HighlightKind>;

export const HIGHLIGHT_ORIGINS = ['manual', 'kindle', 'goodreads', 'readwise'] as const;
export type HighlightOrigin = (typeof HIGHLIGHT_ORIGINS)[number];

export const Person = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  role: PersonRole.default('author'),
});
export type Person = z.output<typeof Person>;

/** One line of a table of contents, a PDF outline or a media file's chapters. */
export const ContentsEntry = z.object({
  title: z.string(),
  level: z.int().min(0),
  page: z.int().positive().optional(),
  startS: z.number().min(0).optional(),
});
export type ContentsEntry = z.infer<typeof ContentsEntry>;

const Tags = z
  .array(z.string().trim().min(1, { error: 'errors.required' }).max(40, { error: 'errors.tooLong' }))
  .max(30, { error: 'errors.tooMany' })
  .default([]);

/** Digits only, an ISBN-10's check digit may be X; checked in the service (ISBN-10 becomes ISBN-13). */
const Isbn = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^(\d{9}[\dX]|\d{13})$/, { error: 'library.errors.isbn' }))
  .nullable()
  .default(null);

/** What the seller edits about an item (a physical copy or a web page is created this way too). */
export const LibraryItemInput = z.object({
  kind: LibraryKind,
  title: z.string().trim().min(1, { error: 'errors.required' }).max(500, { error: 'errors.tooLong' }),
  people: z.array(Person).max(30, { error: 'errors.tooMany' }).default([]),
  publisher: optionalText(200),
  year: z.int().min(0).max(9999).nullable().default(null),
  language: optionalText(35),
  isbn: Isbn,
  pages: z.int().positive().max(100_000).nullable().default(null),
  durationS: z.number().min(0).max(1_000_000).nullable().default(null),
  url: z
    .url({ protocol: /^https?$/, error: 'library.errors.url' })
    .nullable()
    .default(null),
  tags: Tags,
  status: LibraryStatus.default('want'),
  progressPage: z.int().min(0).nullable().default(null),
  progressPercent: z.number().min(0).max(100).nullable().default(null),
  rating: z.int().min(1).max(5).nullable().default(null),
  startedOn: IsoDateSchema.nullable().default(null),
  finishedOn: IsoDateSchema.nullable().default(null),
  plannedOn: IsoDateSchema.nullable().default(null),
  summary: optionalText(20_000),
  event: optionalText(200),
  heldOn: IsoDateSchema.nullable().default(null),
  body: z.string().max(1_000_000, { error: 'errors.tooLong' }).default(''),
});
export type LibraryItemInput = z.input<typeof LibraryItemInput>;

/** An item in the library list. */
export const LibraryItemSummary = z.object({
  id: Id,
  kind: LibraryKind,
  title: z.string(),
  titleGuessed: z.boolean(),
  people: z.array(z.object({ name: z.string(), role: PersonRole })),
  year: z.int().nullable(),
  isbn13: z.string().nullable(),
  pages: z.int().nullable(),
  durationS: z.number().nullable(),
  source: LibrarySource,
  /** A linked file that was not found the last time it was looked for. */
  fileMissing: z.boolean(),
  /** `rapport-media://cover/<id>` when it has a cover. */
  coverUrl: z.string().nullable(),
  tags: z.array(z.string()),
  status: LibraryStatus,
  progressPage: z.int().nullable(),
  progressPercent: z.number().nullable(),
  positionS: z.number().nullable(),
  rating: z.int().nullable(),
  startedOn: z.string().nullable(),
  finishedOn: z.string().nullable(),
  plannedOn: z.string().nullable(),
  highlights: z.int(),
  takeaways: z.int(),
  createdAt: z.string(),
});
export type LibraryItemSummary = z.infer<typeof LibraryItemSummary>;

export const Highlight = z.object({
  id: Id,
  itemId: Id,
  kind: HighlightKind,
  text: z.string(),
  note: z.string().nullable(),
  locStart: z.int().nullable(),
  locEnd: z.int().nullable(),
  page: z.int().nullable(),
  positionS: z.number().nullable(),
  highlightedAt: z.string().nullable(),
  origin: z.enum(HIGHLIGHT_ORIGINS),
});
export type Highlight = z.infer<typeof Highlight>;

export const Takeaway = z.object({
  id: Id,
  itemId: Id,
  highlightId: Id.nullable(),
  text: z.string(),
  technique: TechniqueRef.nullable(),
  goal: z.object({ id: Id, title: z.string() }).nullable(),
  triedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type Takeaway = z.infer<typeof Takeaway>;

export const ActionItem = z.object({
  id: Id,
  itemId: Id,
  text: z.string(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
});
export type ActionItem = z.infer<typeof ActionItem>;

/** An item, whole. */
export const LibraryItem = LibraryItemSummary.extend({
  titleKey: z.string(),
  publisher: z.string().nullable(),
  language: z.string().nullable(),
  isbn10: z.string().nullable(),
  width: z.int().nullable(),
  height: z.int().nullable(),
  url: z.string().nullable(),
  /** The stored or linked file's name (not its folder), its size and type. */
  fileName: z.string().nullable(),
  fileSize: z.int().nullable(),
  fileMime: z.string().nullable(),
  /** `rapport-media://item/<id>` for audio and video the app plays. */
  mediaUrl: z.string().nullable(),
  description: z.string().nullable(),
  summary: z.string().nullable(),
  contents: z.array(ContentsEntry),
  event: z.string().nullable(),
  heldOn: z.string().nullable(),
  body: z.string(),
  highlightList: z.array(Highlight),
  takeawayList: z.array(Takeaway),
  actions: z.array(ActionItem),
  /** Techniques whose "where it came from" is this item or one of its highlights. */
  techniques: z.array(TechniqueRef),
  updatedAt: z.string(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LIBRARY_SORTS = ['added', 'title', 'author', 'finished', 'rating', 'planned'] as const;
export const LibraryQuery = z.object({
  kind: LibraryKind.optional(),
  status: LibraryStatus.optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  author: z.string().trim().min(1).max(200).optional(),
  /** Full-text, as the search box reads it (accents and case ignored, prefix on the last word). */
  text: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(LIBRARY_SORTS).default('added'),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});
export type LibraryQuery = z.input<typeof LibraryQuery>;

export const BulkEdit = z
  .object({
    ids: z.array(Id).min(1).max(5000),
    addTags: Tags,
    removeTags: Tags,
    status: LibraryStatus.optional(),
  })
  .refine((b) => b.addTags.length + b.removeTags.length > 0 || b.status !== undefined, {
    error: 'library.errors.nothingToChange',
  });

// ---- importing files -----------------------------------------------------------------------

/** What to do with a file that is already in the library. */
export const DUPLICATE_CHOICES = ['report', 'keep_existing', 'use_new', 'keep_both'] as const;
export const DuplicateChoice = z.enum(DUPLICATE_CHOICES);
export type DuplicateChoice = z.infer<typeof DuplicateChoice>;

/** At most this many files and folders in one import, one drop or one pick. */
export const MAX_IMPORT_PATHS = 10_000;

export const LibraryImportRequest = z.object({
  /** Files or folders (folders are walked); each must have been dropped or picked. */
  paths: z.array(z.string().min(1)).min(1).max(MAX_IMPORT_PATHS),
  /** Link the files where they are instead of copying them into the library folder. */
  link: z.boolean().default(false),
  onDuplicate: DuplicateChoice.default('report'),
});
export type LibraryImportRequest = z.input<typeof LibraryImportRequest>;

/** How a duplicate was recognised, strongest first. */
export const DUPLICATE_MATCHES = ['isbn', 'file', 'title_author'] as const;

/** What a file says about itself (also the new side of a merge preview). */
export const FileMetadata = z.object({
  kind: LibraryKind,
  title: z.string(),
  titleGuessed: z.boolean(),
  people: z.array(z.object({ name: z.string(), role: PersonRole })),
  publisher: z.string().nullable(),
  year: z.int().nullable(),
  language: z.string().nullable(),
  isbn13: z.string().nullable(),
  pages: z.int().nullable(),
  durationS: z.number().nullable(),
  hasCover: z.boolean(),
});
export type FileMetadata = z.infer<typeof FileMetadata>;

export const FileImportResult = z.object({
  file: z.string(),
  status: z.enum(['created', 'duplicate', 'updated', 'error']),
  /** The new item, or the existing one a duplicate matches. */
  id: Id.nullable(),
  metadata: FileMetadata.nullable(),
  match: z.enum(DUPLICATE_MATCHES).nullable(),
  /** A message key for errors and duplicates, with its values. */
  reason: z.string().nullable(),
  reasonValues: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
});
export type FileImportResult = z.infer<typeof FileImportResult>;

export const LibraryImportResult = z.object({
  results: z.array(FileImportResult),
  created: z.int(),
  duplicates: z.int(),
  failed: z.int(),
  cancelled: z.boolean(),
});
export type LibraryImportResult = z.infer<typeof LibraryImportResult>;

export const LibraryImportProgress = z.object({
  done: z.int(),
  total: z.int(),
  bytes: z.number(),
  totalBytes: z.number(),
  /** Files a second, over the run so far. */
  rate: z.number(),
  /** Seconds left at that rate; null until it can be told. */
  etaS: z.number().nullable(),
  current: z.string().nullable(),
});
export type LibraryImportProgress = z.infer<typeof LibraryImportProgress>;

/** Files or folders the user dropped on the window; each may now be imported (library.import). */
export const LibraryDropped = z.object({ paths: z.array(z.string()).max(MAX_IMPORT_PATHS) });
export type LibraryDropped = z.infer<typeof LibraryDropped>;

export const HIGHLIGHT_SOURCES = ['kindle', 'goodreads', 'readwise'] as const;
export const HighlightImportRequest = z.object({ source: z.enum(HIGHLIGHT_SOURCES), path: z.string().min(1) });

export const HighlightImportResult = z.object({
  itemsCreated: z.int(),
  itemsMatched: z.int(),
  highlights: z.int(),
  notes: z.int(),
  bookmarks: z.int(),
  duplicatesSkipped: z.int(),
});
export type HighlightImportResult = z.infer<typeof HighlightImportResult>;

// ---- highlights, takeaways, actions, progress ------------------------------------------------

export const HighlightInput = z.object({
  itemId: Id,
  kind: HighlightKind.default('highlight'),
  text: z.string().trim().max(20_000, { error: 'errors.tooLong' }).default(''),
  note: optionalText(20_000),
  locStart: z.int().min(0).nullable().default(null),
  locEnd: z.int().min(0).nullable().default(null),
  page: z.int().positive().nullable().default(null),
  positionS: z.number().min(0).nullable().default(null),
});
export type HighlightInput = z.input<typeof HighlightInput>;

export const TakeawayInput = z.object({
  itemId: Id,
  highlightId: Id.nullable().default(null),
  text: z.string().trim().min(1, { error: 'errors.required' }).max(2000, { error: 'errors.tooLong' }),
  /** Link a technique, create one (its source becomes this item or highlight), or neither. */
  technique: z
    .union([z.object({ id: Id }), z.object({ create: TechniqueInput })])
    .nullable()
    .default(null),
  goalId: Id.nullable().default(null),
  triedOn: IsoDateSchema.nullable().default(null),
});
export type TakeawayInput = z.input<typeof TakeawayInput>;

/**
 * The page a book was at before the seller logs a new one: the page last logged; without one,
 * the share of its pages that the percent last given says (45% of 200 pages: page 90); with
 * neither, the start (page 0), so the first page logged on a fresh book counts all the pages
 * up to it as read. The items keep no start page (a foreword's, a first chapter's), so every
 * book starts at 0. The service counts pages read from it; the progress form adds to it.
 */
export function pageBefore(item: {
  progressPage: number | null;
  progressPercent: number | null;
  pages: number | null;
}): number {
  if (item.progressPage !== null) return item.progressPage;
  if (item.progressPercent !== null && item.pages) return Math.round((item.progressPercent / 100) * item.pages);
  return 0;
}

export const ProgressInput = z.object({
  id: Id,
  /** The day the time or pages count on (today, from the caller). */
  on: IsoDateSchema,
  page: z.int().min(0).optional(),
  percent: z.number().min(0).max(100).optional(),
  positionS: z.number().min(0).optional(),
  /** Minutes listened, watched or read since the last report. */
  minutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .optional(),
});

export const LibraryFacets = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.int() })),
  authors: z.array(z.object({ name: z.string(), count: z.int() })),
  kinds: z.record(LibraryKind, z.int()),
  statuses: z.record(LibraryStatus, z.int()),
});

export const libraryOps = {
  'library.list': query(LibraryQuery, Page(LibraryItemSummary)),
  'library.get': query(ById, LibraryItem),
  'library.facets': query(Empty, LibraryFacets),
  'library.create': command(LibraryItemInput, LibraryItem, { writes: ['library'] }),
  'library.update': command(LibraryItemInput.extend({ id: Id }), LibraryItem, { writes: ['library'] }),
  /** Removes the item, and its file when it was stored in the library folder. */
  'library.delete': command(ById, z.object({ id: Id }), { writes: ['library'] }),
  'library.bulkEdit': command(BulkEdit, z.object({ updated: z.int() }), { writes: ['library'] }),
  'library.import': command(LibraryImportRequest, LibraryImportResult, { writes: ['library'] }),
  'library.cancelImport': query(Empty, z.object({ cancelled: z.boolean() })),
  /** The native picker (files, or folders); what the user chose may then be imported. Empty when cancelled. */
  'library.pick': query(z.object({ folders: z.boolean().default(false) }), z.object({ paths: z.array(z.string()) })),
  'library.importHighlights': command(HighlightImportRequest, HighlightImportResult, { writes: ['library'] }),
  'library.progress': command(ProgressInput, LibraryItemSummary, { writes: ['library'] }),
  'library.highlightSave': command(HighlightInput.extend({ id: Id.optional() }), Highlight, { writes: ['library'] }),
  'library.highlightDelete': command(ById, z.object({ id: Id }), { writes: ['library'] }),
  'library.takeawaySave': command(TakeawayInput.extend({ id: Id.optional() }), Takeaway, {
    writes: ['library', 'techniques'],
  }),
  'library.takeawayDelete': command(ById, z.object({ id: Id }), { writes: ['library'] }),
  'library.actionSet': command(z.object({ id: Id, done: z.boolean() }), ActionItem, { writes: ['library', 'care'] }),
  /** Opens the item's file in the system's viewer (the desktop app only). */
  'library.open': query(ById, z.object({ opened: z.boolean() })),
  /** Looks for linked files again; flags the missing ones. */
  /** Looks for linked files (every one, or one item's), flagging the missing ones. */
  'library.checkLinks': command(
    z.object({ id: Id.optional() }).strict().optional(),
    z.object({ missing: z.int(), found: z.int() }),
    { writes: ['library'] },
  ),
} as const;
