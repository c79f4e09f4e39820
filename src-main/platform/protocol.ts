import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, contentSecurityPolicy } from './security';

/**
 * The renderer is served from `rapport://app/...` rather than `file://`: a file:// page
 * may read any other file:// URL on the disk, and its origin is shared with every local
 * HTML file. Only files under the renderer's build folder can ever be served.
 */

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * How long a browser may keep a response of the app protocol or of the preview. The build
 * names each file under assets/ by a hash of its content (Vite's `name-hash.ext`), so such a file
 * never changes: kept as immutable, it is neither fetched nor revalidated again, and Chromium
 * keeps its compiled code with it, so a reload runs the scripts without compiling them anew.
 * index.html, which names the current assets, and everything else is asked for every time.
 */
export function cacheControlFor(pathname: string): string {
  return /^\/assets\/[^/]+-[\w-]{8}\.[a-z0-9]+$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * One decoded path segment we are willing to look up. Refuses everything that could mean
 * something other than "a file name in this folder" on some OS: dot segments, hidden
 * files, backslashes (a separator on Windows), ':' (drive letters, NTFS streams), '%'
 * left after decoding (double encoding like %252e), NUL and other control characters.
 * Route segments are held to the same rules: the app's routes never need those characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it rejects
const UNSAFE_SEGMENT = /^\.|[\\:%\u0000-\u001f\u007f]/;
/** Windows device names open a device, not a file, whatever the folder or extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * Maps a request path (the URL's pathname, still percent-encoded) to a file under `root`,
 * or null when it must be refused. Paths whose last segment has no extension are SPA
 * routes (`/customers/42`) and get index.html; the router takes it from there.
 * Pure: it does not touch the disk (the handler checks the real path again).
 */
export function resolveRequestPath(root: string, pathname: string): string | null {
  if (!isAbsolute(root) || !pathname.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed escapes such as %E0%A4%A
  }
  const segments = decoded.split('/').slice(1);
  const last = segments.at(-1) ?? '';
  const inner = last === '' ? segments.slice(0, -1) : segments;
  if (inner.some((segment) => segment === '' || UNSAFE_SEGMENT.test(segment) || WINDOWS_DEVICE.test(segment)))
    return null;
  const isRoute = last === '' || extname(last) === '';
  const file = isRoute ? resolve(root, 'index.html') : resolve(root, ...inner);
  // Belt and braces: whatever the segment rules missed, the result must lie inside root.
  const rel = relative(resolve(root), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/** `resolveRequestPath` for a full `rapport://app/...` URL; anything else is refused. */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
    return null;
  }
  // Node parses rapport: as a non-special scheme, where `rapport://app` has an empty path.
  return resolveRequestPath(root, url.pathname === '' ? '/' : url.pathname);
}

/** Headers on every response of the app protocol and of the browser preview. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/**
 * The `protocol.handle` callback for `rapport://`. Uses only web-standard Request/Response
 * (also global in Node), so it is tested without Electron.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const realRoot = realpath(root).catch(() => resolve(root));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (file === null) return textResponse(404, 'Not found');
    try {
      // A symlink planted inside the build folder must not lead out of it.
      const [real, base] = await Promise.all([realpath(file), realRoot]);
      if (!real.startsWith(base + sep)) return textResponse(404, 'Not found');
      const body = await readFile(real);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeFor(real),
          'Cache-Control': cacheControlFor(new URL(request.url).pathname),
          ...securityHeaders(),
        },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });
}
