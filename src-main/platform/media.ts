import { open, stat, type FileHandle } from 'node:fs/promises';
import { MEDIA_SCHEME } from './security';

/**
 * The `rapport-media://` protocol: an item's file (`rapport-media://item/<id>`) and its cover
 * (`rapport-media://cover/<id>`), with HTTP Range requests so <audio> and <video> can seek.
 * The page only ever names a kind and an integer id; which file that is comes from the
 * database (see features/library/media.ts), so no path the page writes can reach the disk.
 * Files are streamed a chunk at a time as the player pulls, never read whole.
 *
 * Only web-standard Request/Response, no Electron: the desktop app passes the handler to
 * protocol.handle, the browser preview calls the same function for its /__rapport/media/
 * route, and the tests call it under Node on real files.
 */

export type MediaTarget = 'item' | 'cover';

export interface MediaRequestTarget {
  target: MediaTarget;
  id: number;
}

/** An id as the database hands them out: canonical digits, no sign, no leading zero, a safe integer. */
const ID = /^[1-9]\d{0,15}$/;

/** What a media URL names, or null for anything that is not exactly `rapport-media://item|cover/<id>`. */
export function parseMediaUrl(raw: string): MediaRequestTarget | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.username !== '' || url.password !== '' || url.port !== '') {
    return null;
  }
  // Chromium lower-cases a standard scheme's host; Node keeps it as written.
  const target = url.host.toLowerCase();
  if (target !== 'item' && target !== 'cover') return null;
  const digits = url.pathname.slice(1);
  if (!url.pathname.startsWith('/') || !ID.test(digits)) return null;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? { target, id } : null;
}

// ---- Range (RFC 9110 §14) -----------------------------------------------------------------

export type RangeDecision =
  /** No usable Range: the whole file, 200. */
  | { kind: 'whole' }
  /** One satisfiable range, 206; `start <= end < size`. */
  | { kind: 'partial'; start: number; end: number }
  /** Nothing requested can be served, 416. */
  | { kind: 'unsatisfiable' };

/** More ranges than this in one header are not worth parsing: the whole file is sent (§14.2 lets a server ignore Range). */
const MAX_RANGES = 100;
const INT_RANGE = /^(\d+)-(\d*)$/;
const SUFFIX_RANGE = /^-(\d+)$/;

/**
 * How to answer a `Range` header for a file of `size` bytes:
 * - absent, another unit, or malformed (including `first > last`): the header is ignored, the
 *   whole file is sent (§14.2: a server MAY ignore an invalid Range, MUST ignore an unknown unit);
 * - one range: `a-b` (b clamped to the end), `a-` (to the end), `-n` (the last n bytes, the
 *   whole file when it is shorter), served as 206, or 416 when `a >= size` or `n = 0` (§14.1.1);
 * - several ranges: 416 when none is satisfiable, else the whole file (no multipart replies;
 *   a player asks for one range at a time).
 * A suffix range of an empty file is satisfiable yet names no byte: the (empty) whole file.
 * Positions are compared as BigInt, so a 30-digit position is exact, not rounded.
 */
export function parseRange(header: string | null | undefined, size: number): RangeDecision {
  if (header === null || header === undefined) return { kind: 'whole' };
  const match = /^bytes=(.*)$/i.exec(header.trim());
  if (!match) return { kind: 'whole' };
  // The list rule (RFC 9110 §5.6.1) allows empty elements and whitespace around commas.
  const specs = match[1]!
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length === 0 || specs.length > MAX_RANGES) return { kind: 'whole' };
  const total = BigInt(size);
  const satisfiable: { start: number; end: number }[] = [];
  let emptyButSatisfiable = false;
  for (const spec of specs) {
    const int = INT_RANGE.exec(spec);
    if (int) {
      const first = BigInt(int[1]!);
      const last = int[2] === '' ? null : BigInt(int[2]!);
      if (last !== null && last < first) return { kind: 'whole' };
      if (first >= total) continue;
      const end = last === null || last >= total ? total - 1n : last;
      satisfiable.push({ start: Number(first), end: Number(end) });
      continue;
    }
    const suffix = SUFFIX_RANGE.exec(spec);
    if (!suffix) return { kind: 'whole' };
    const length = BigInt(suffix[1]!);
    if (length === 0n) continue;
    if (total === 0n) {
      emptyButSatisfiable = true;
      continue;
    }
    satisfiable.push({ start: Number(length >= total ? 0n : total - length), end: size - 1 });
  }
  if (satisfiable.length === 0) return emptyButSatisfiable ? { kind: 'whole' } : { kind: 'unsatisfiable' };
  if (specs.length > 1) return { kind: 'whole' };
  return { kind: 'partial', ...satisfiable[0]! };
}

export interface Validators {
  etag: string;
  lastModified: string;
}

/** A strong validator for a file as it is now: its size and modification time. */
export function validatorsOf(size: number, mtimeMs: number): Validators {
  return {
    etag: `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
    lastModified: new Date(Math.floor(mtimeMs / 1000) * 1000).toUTCString(),
  };
}

/**
 * Whether the Range header may be honoured given `If-Range` (§13.1.5): only when the client's
 * copy is the current one (the same strong ETag, or exactly our Last-Modified date); otherwise
 * it gets the whole file rather than a piece of a different one. A weak ETag never matches.
 */
export function rangeApplies(ifRange: string | null | undefined, validators: Validators): boolean {
  if (ifRange === null || ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"')) return value === validators.etag;
  if (value.startsWith('W/')) return false;
  return value === validators.lastModified;
}

// ---- responses ----------------------------------------------------------------------------

const PLAIN_TYPES = new Set(['application/pdf', 'application/epub+zip']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

/**
 * The Content-Type a stored type is served as. Only types that are data to a browser pass as
 * they are (audio, video, raster images, PDF, EPUB, plain text and Markdown as text); anything
 * else, HTML and SVG included, goes as application/octet-stream, which no page renders.
 */
export function servedContentType(mime: string | null | undefined): string {
  const type = (mime ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^(audio|video)\/[a-z0-9][a-z0-9.+-]*$/.test(type)) return type;
  if (IMAGE_TYPES.has(type) || PLAIN_TYPES.has(type)) return type;
  if (TEXT_TYPES.has(type)) return `${type}; charset=utf-8`;
  return 'application/octet-stream';
}

/**
 * Headers on every media response. The CSP's `sandbox` and nosniff mean that even a file
 * opened as a document runs nothing. In the desktop app the page (rapport://app) and the media
 * (rapport-media://item) are two origins, so the resource policy must be cross-origin for
 * <img>/<audio> to load it and CORS names the page (fetch, e.g. a PDF read by ranges); in the
 * browser preview both are one origin and stay same-origin. Either way, nothing else in the
 * app's session can reach the scheme (navigation is denied, the network is blocked).
 */
export function mediaHeaders(allowedOrigin: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': allowedOrigin === null ? 'same-origin' : 'cross-origin',
    ...(allowedOrigin === null
      ? {}
      : {
          'Access-Control-Allow-Origin': allowedOrigin,
          'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Length, Content-Range, ETag',
        }),
  };
}

export interface MediaLocation {
  path: string;
  mime: string | null;
}

export interface MediaHandlerOptions {
  /** The file behind a target and id (features/library's mediaFile), or null. */
  lookup(target: MediaTarget, id: number): Promise<MediaLocation | null>;
  /** The page's origin when it differs from the media's (the app: rapport://app); null in the preview. */
  allowedOrigin?: string | null;
  /** Bytes read from disk per chunk the player pulls. */
  chunkSize?: number;
  log?: (message: string, error?: unknown) => void;
}

const DEFAULT_CHUNK = 256 * 1024;

/** The `protocol.handle` callback for rapport-media:// (and the preview's media route). */
export function createMediaHandler(options: MediaHandlerOptions): (request: Request) => Promise<Response> {
  const allowedOrigin = options.allowedOrigin ?? null;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const base = mediaHeaders(allowedOrigin);
  const text = (status: number, message: string, extra: Record<string, string> = {}): Response =>
    new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...base, ...extra } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const wanted = parseMediaUrl(request.url);
    if (wanted === null) return text(404, 'Not found');
    let location: MediaLocation | null;
    try {
      location = await options.lookup(wanted.target, wanted.id);
    } catch (error) {
      options.log?.(`media: could not look up ${wanted.target} ${wanted.id}`, error);
      return text(500, 'Internal error');
    }
    if (location === null) return text(404, 'Not found');

    const handle = await openRegularFile(location.path);
    // A missing or unreadable file is only a 404: the check of linked files flags it, not a read.
    if (handle === null) return text(404, 'Not found');
    let keepOpen = false;
    try {
      const info = await handle.stat();
      if (!info.isFile()) return text(404, 'Not found');
      const size = info.size;
      const validators = validatorsOf(size, info.mtimeMs);
      const headers: Record<string, string> = {
        ...base,
        'Content-Type': servedContentType(location.mime),
        'Accept-Ranges': 'bytes',
        ETag: validators.etag,
        'Last-Modified': validators.lastModified,
        'Cache-Control': 'no-cache',
      };
      // Range is defined for GET only (§14.2): a HEAD describes the whole file.
      const decision =
        request.method === 'GET' && rangeApplies(request.headers.get('if-range'), validators)
          ? parseRange(request.headers.get('range'), size)
          : ({ kind: 'whole' } as const);
      if (decision.kind === 'unsatisfiable') {
        return new Response(null, {
          status: 416,
          headers: { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
        });
      }
      const [start, end] = decision.kind === 'partial' ? [decision.start, decision.end] : [0, size - 1];
      const length = end - start + 1;
      const status = decision.kind === 'partial' ? 206 : 200;
      if (decision.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      headers['Content-Length'] = String(length);
      if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
      keepOpen = true;
      return new Response(fileStream(handle, start, length, chunkSize), { status, headers });
    } finally {
      if (!keepOpen) await handle.close().catch(() => undefined);
    }
  };
}

/** Opens `path` for reading if it is a regular file (a FIFO would block the open); null otherwise. */
async function openRegularFile(path: string): Promise<FileHandle | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    return await open(path, 'r');
  } catch {
    return null;
  }
}

/**
 * `length` bytes of `handle` from `start`, read only as the consumer pulls (no read ahead
 * beyond one chunk), closed when done, on error and when the player cancels.
 */
function fileStream(handle: FileHandle, start: number, length: number, chunkSize: number): ReadableStream<Uint8Array> {
  let position = start;
  let left = length;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const buffer = new Uint8Array(Math.min(chunkSize, left));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          if (bytesRead === 0) {
            // The file shrank after its size was sent: end short rather than hang.
            await close();
            controller.error(new Error('file ended early'));
            return;
          }
          position += bytesRead;
          left -= bytesRead;
          controller.enqueue(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
          if (left === 0) {
            await close();
            controller.close();
          }
        } catch (error) {
          await close();
          controller.error(error);
        }
      },
      cancel: close,
    },
    // Nothing is read before the first pull, and at most one chunk ahead of the consumer.
    { highWaterMark: 0 },
  );
}
