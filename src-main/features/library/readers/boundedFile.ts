import { open, type FileHandle } from 'node:fs/promises';

/**
 * Something in a media file that does not add up: a box or element that runs past the end of
 * the file (`truncated`), a size smaller than its own header, too many boxes, a read budget
 * spent. The container walkers throw it on anything they cannot trust; the reader turns it
 * into a ReadFailure.
 */
export class MalformedMedia extends Error {
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
    this.name = 'MalformedMedia';
  }
}

/** The reader was told to stop (its time limit). */
export class ReadAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'ReadAborted';
  }
}

const BLOCK = 64 * 1024;

/**
 * A file read in small pieces at chosen offsets, never as a whole: the container walkers
 * (isoBmff.ts, matroska.ts) jump from header to header. Reads of up to one block go through
 * a one-block cache (walking many small headers costs one disk read per 64 KB); every byte
 * taken from disk counts against a budget, so no file, however it is built, can make a walker
 * read more than `budget` bytes.
 */
export class BoundedFile {
  private cacheStart = -1;
  private cache: Buffer = Buffer.alloc(0);
  /** Bytes read from disk so far. */
  bytesRead = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly budget: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  static async open(path: string, options: { budget: number; signal?: AbortSignal }): Promise<BoundedFile> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      return new BoundedFile(handle, stat.size, options.budget, options.signal);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Buffer> {
    if (this.signal?.aborted) throw new ReadAborted();
    if (!Number.isSafeInteger(offset) || offset < 0 || length < 0) throw new MalformedMedia('bad offset');
    const want = Math.max(0, Math.min(length, this.size - offset));
    if (want === 0) return Buffer.alloc(0);
    if (want <= BLOCK) {
      if (this.cacheStart < 0 || offset < this.cacheStart || offset + want > this.cacheStart + this.cache.length) {
        this.cache = await this.fromDisk(offset, Math.min(BLOCK, this.size - offset));
        this.cacheStart = offset;
      }
      const at = offset - this.cacheStart;
      return this.cache.subarray(at, at + want);
    }
    return this.fromDisk(offset, want);
  }

  /** Exactly `length` bytes from `offset`, or a MalformedMedia (truncated) when the file ends first. */
  async readExact(offset: number, length: number): Promise<Buffer> {
    const data = await this.read(offset, length);
    if (data.length < length) throw new MalformedMedia('unexpected end of file', true);
    return data;
  }

  private async fromDisk(offset: number, length: number): Promise<Buffer> {
    if (this.bytesRead + length > this.budget) throw new MalformedMedia('read budget spent');
    const buffer = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(buffer, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.bytesRead += got;
    return got === length ? buffer : buffer.subarray(0, got);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
