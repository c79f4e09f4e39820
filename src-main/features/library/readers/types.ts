import type { ContentsEntry, LibraryKind, PersonRole } from '../contract';

/**
 * What one file reader (EPUB, PDF, audio/video, Markdown seminar notes) makes of a file. The
 * library's file import (../fileImport.ts) owns everything around it: walking folders, the
 * per-file size and time limits, hashing, dedupe, copying into the library folder, the row
 * and its transaction, progress and cancel. A reader only reads, never writes, and answers a
 * bad or hostile file with a ReadFailure (a message key), never a crash or a hang.
 */
export interface ReadItem {
  kind: LibraryKind;
  /** null when the file names none: the import then uses the file's name. */
  title: string | null;
  /** The title was read from the content (a PDF's first page), not from metadata. */
  titleGuessed: boolean;
  people: { name: string; role: PersonRole }[];
  publisher: string | null;
  year: number | null;
  /** A BCP 47 tag as the file gives it ('en', 'it-IT'). */
  language: string | null;
  /** Every ISBN-looking identifier the file carries, as written; the import validates and converts them. */
  isbns: string[];
  pages: number | null;
  durationS: number | null;
  width: number | null;
  height: number | null;
  description: string | null;
  /** An embedded cover image, at most MAX_COVER_BYTES. */
  cover: { mime: string; data: Uint8Array } | null;
  contents: ContentsEntry[];
  tags: string[];
  /** Seminar notes: the event, its day (YYYY-MM-DD), the Markdown body, action items. */
  event: string | null;
  heldOn: string | null;
  body: string;
  actions: { text: string; dueOn: string | null; done: boolean }[];
  mime: string;
}

export interface ReadLimits {
  /** Bytes; larger files are refused before they are opened. */
  maxFileBytes: number;
  /** A reader that takes longer is abandoned (AbortSignal). */
  timeoutMs: number;
  zip: { maxEntries: number; maxInflatedBytes: number; maxRatio: number; maxEntryBytes: number };
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 8 * 1024 ** 3,
  timeoutMs: 30_000,
  zip: { maxEntries: 10_000, maxInflatedBytes: 512 * 1024 ** 2, maxRatio: 100, maxEntryBytes: 64 * 1024 ** 2 },
};

export const MAX_COVER_BYTES = 10 * 1024 ** 2;

export interface ReadContext {
  limits: ReadLimits;
  signal: AbortSignal;
}

/** A reader plugs in by the extensions it reads. */
export interface FileReader {
  extensions: readonly string[];
  read(path: string, size: number, ctx: ReadContext): Promise<ReadItem>;
}

/** A file the reader refuses: `key` is a message key under `library.failures`, with its values. */
export class ReadFailure extends Error {
  constructor(
    readonly key: string,
    readonly values: Readonly<Record<string, string | number>> = {},
  ) {
    super(key);
    this.name = 'ReadFailure';
  }
}

/** A ReadItem with nothing read yet, for readers to fill in. */
export const emptyItem = (kind: LibraryKind, mime: string): ReadItem => ({
  kind,
  title: null,
  titleGuessed: false,
  people: [],
  publisher: null,
  year: null,
  language: null,
  isbns: [],
  pages: null,
  durationS: null,
  width: null,
  height: null,
  description: null,
  cover: null,
  contents: [],
  tags: [],
  event: null,
  heldOn: null,
  body: '',
  actions: [],
  mime,
});
