import type {
  FileImportResult,
  FileMetadata,
  Highlight,
  LibraryItem,
  LibraryItemSummary,
  Takeaway,
} from '../../../src-main/features/library/contract';
import type { FakeHandlers } from '../fakeApi';
import { TECHNIQUES } from '../fixtures';

export function summaryFixture(patch: Partial<LibraryItemSummary> = {}): LibraryItemSummary {
  return {
    id: 1,
    kind: 'book',
    title: 'The Patient Closer',
    titleGuessed: false,
    people: [{ name: 'Marta Villa', role: 'author' }],
    year: 2021,
    isbn13: '9780306406157',
    pages: 240,
    durationS: null,
    source: 'physical',
    fileMissing: false,
    coverUrl: null,
    tags: ['closing'],
    status: 'in_progress',
    progressPage: 120,
    progressPercent: null,
    positionS: null,
    rating: 4,
    startedOn: '2026-02-01',
    finishedOn: null,
    plannedOn: null,
    highlights: 2,
    takeaways: 0,
    createdAt: '2026-01-20T10:00:00.000Z',
    ...patch,
  };
}

export function highlightFixture(patch: Partial<Highlight> = {}): Highlight {
  return {
    id: 11,
    itemId: 1,
    kind: 'highlight',
    text: 'Silence after the price is a question the buyer answers.',
    note: null,
    locStart: null,
    locEnd: null,
    page: 42,
    positionS: null,
    highlightedAt: null,
    origin: 'manual',
    ...patch,
  };
}

export function takeawayFixture(patch: Partial<Takeaway> = {}): Takeaway {
  return {
    id: 21,
    itemId: 1,
    highlightId: 11,
    text: 'Say the price, then wait.',
    technique: { id: 7, name: 'Quiet close', description: null },
    goal: { id: 3, title: 'Close 10 deals this quarter' },
    triedOn: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    ...patch,
  };
}

export function itemFixture(patch: Partial<LibraryItem> = {}): LibraryItem {
  return {
    ...summaryFixture(),
    titleKey: 'patient closer',
    publisher: 'Northwind Press',
    language: 'en',
    isbn10: '0306406152',
    width: null,
    height: null,
    url: null,
    fileName: null,
    fileSize: null,
    fileMime: null,
    mediaUrl: null,
    description: null,
    summary: 'Wait **longer** than feels comfortable.',
    contents: [],
    event: null,
    heldOn: null,
    body: '',
    highlightList: [highlightFixture()],
    takeawayList: [],
    actions: [],
    techniques: [],
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...patch,
  };
}

export const metadataFixture = (patch: Partial<FileMetadata> = {}): FileMetadata => ({
  kind: 'ebook',
  title: 'The Patient Closer',
  titleGuessed: false,
  people: [{ name: 'Marta Villa', role: 'author' }],
  publisher: 'Northwind Digital',
  year: 2022,
  language: 'en',
  isbn13: '9780306406157',
  pages: 256,
  durationS: null,
  hasCover: true,
  ...patch,
});

export const resultFixture = (patch: Partial<FileImportResult> = {}): FileImportResult => ({
  file: '/home/seller/Books/closer.epub',
  status: 'created',
  id: 5,
  metadata: metadataFixture(),
  match: null,
  reason: null,
  reasonValues: null,
  ...patch,
});

export const emptyFacets = {
  tags: [],
  authors: [],
  kinds: { book: 0, ebook: 0, audiobook: 0, video: 0, audio: 0, seminar: 0, article: 0 },
  statuses: { want: 0, in_progress: 0, done: 0, abandoned: 0 },
};

/** What every library screen asks for besides its own data. */
export const libraryBase: FakeHandlers = {
  'library.list': () => ({ items: [], total: 0 }),
  'library.facets': () => emptyFacets,
  'techniques.list': () => TECHNIQUES,
  'goals.list': () => ({ asOf: '2026-03-16', items: [] }),
  'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
};
