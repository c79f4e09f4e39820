import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA_SCHEME } from '../platform/security';

/**
 * The library's two edges in the browser preview, where Chromium has no rapport-media://
 * scheme and a dropped File carries no path.
 *
 * Media: replies to the page are rewritten so that each `rapport-media://item|cover/<id>` URL
 * the API gives becomes `<origin>/__rapport/media/item|cover/<id>?key=<media key>`, which the
 * server answers with the same handler the desktop app registers for the scheme (the page's
 * code is the production build, unchanged). <audio> and <img> cannot send the bridge's
 * secret header, so those URLs carry a second per-run key that opens media and nothing else.
 *
 * Drops: the preview's stand-in for webUtils.getPathForFile gives a file's name, and a
 * dropped name stands for the file or folder of that name in the preview's library folder
 * (preview-files/library/), as its stand-in dialogs pick there.
 */

const MEDIA_URL = new RegExp(`^${MEDIA_SCHEME}://(item|cover)/([1-9]\\d{0,15})$`);

/** The preview's address for one media URL; any other string is returned as it is. */
export function previewMediaUrl(value: string, base: string, key: string): string {
  const match = MEDIA_URL.exec(value);
  return match ? `${base}/media/${match[1]}/${match[2]}?key=${encodeURIComponent(key)}` : value;
}

/** `value` (a reply envelope) with every media URL in it rewritten by `previewMediaUrl`; a copy. */
export function rewriteMediaUrls(value: unknown, base: string, key: string): unknown {
  if (typeof value === 'string') return previewMediaUrl(value, base, key);
  if (Array.isArray(value)) return value.map((item) => rewriteMediaUrls(item, base, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, rewriteMediaUrls(v, base, key)]),
    );
  }
  return value;
}

/** The media URL a preview route (`item/12`, after /__rapport/media/) stands for; the handler checks the rest. */
export const mediaUrlOfRoute = (route: string): string => `${MEDIA_SCHEME}://${route}`;

// eslint-disable-next-line no-control-regex -- control characters are what it rejects
const UNSAFE_NAME = /^\.|[/\\:\u0000-\u001f\u007f]/;

/**
 * The paths a preview drop's names stand for: each a plain name (no separator, not hidden,
 * no `..`, no control character) of a file or folder that exists in `shelf`. Others are left out.
 */
export function previewDropPaths(names: unknown, shelf: string): string[] {
  if (!Array.isArray(names)) return [];
  return (names as unknown[])
    .filter((name): name is string => typeof name === 'string' && name !== '' && name.length <= 255)
    .filter((name) => !UNSAFE_NAME.test(name))
    .map((name) => join(shelf, name))
    .filter((path) => existsSync(path));
}
