import { extname } from 'node:path';
import { mediaReader } from './media';
import { seminarReader } from './seminar';
import type { FileReader } from './types';

/** Every file reader; the library's file import picks one by the file's extension. */
export const READERS: readonly FileReader[] = [mediaReader, seminarReader];

export const readerFor = (path: string, readers: readonly FileReader[] = READERS): FileReader | null => {
  const extension = extname(path).toLowerCase();
  return readers.find((r) => r.extensions.includes(extension)) ?? null;
};

export const readableExtensions = (readers: readonly FileReader[] = READERS): Set<string> =>
  new Set(readers.flatMap((r) => r.extensions));
