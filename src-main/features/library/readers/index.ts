import { extname } from 'node:path';
import { epubReader } from './epub';
import { mediaReader } from './media';
import { pdfReader } from './pdf';
import { seminarReader } from './seminar';
import type { FileReader } from './types';

/** Every file reader; the library's file import picks one by the file's extension. */
export const READERS: readonly FileReader[] = [epubReader, pdfReader, mediaReader, seminarReader];

export const readerFor = (path: string, readers: readonly FileReader[] = READERS): FileReader | null => {
  const extension = extname(path).toLowerCase();
  return readers.find((r) => r.extensions.includes(extension)) ?? null;
};

export const readableExtensions = (readers: readonly FileReader[] = READERS): Set<string> =>
  new Set(readers.flatMap((r) => r.extensions));
