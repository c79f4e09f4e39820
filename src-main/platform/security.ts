import type { BrowserWindowConstructorOptions } from 'electron';
import { reportStyleHashes } from '../features/reports';

/**
 * Every security decision of the Electron shell, as plain data or pure functions so that
 * test/security/ can table-test them, hostile inputs included. main.ts only wires them up.
 */

/** The origin the renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'rapport';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The library's files and covers (see media.ts): `rapport-media://item/<id>`, `rapport-media://cover/<id>`. */
export const MEDIA_SCHEME = 'rapport-media';

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: { x?: number; y?: number; width: number; height: number };
  /** Packaged builds have no DevTools: they would hand anyone at the keyboard a JS console. */
  packaged: boolean;
  backgroundColor: string;
  icon?: string;
}

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Rapport',
    // Shown on 'ready-to-show' so the user never sees an unpainted white frame.
    show: false,
    backgroundColor: input.backgroundColor,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preloadPath,
      // The renderer gets no Node, no Electron internals, and runs in Chromium's sandbox:
      // an XSS in the UI must not become code execution on the user's machine.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads dictionaries from Google on Windows and Linux; an
      // offline app that keeps customer notes must not phone home, so it stays off.
      spellcheck: false,
      safeDialogs: true,
      autoplayPolicy: 'document-user-activation-required',
      devTools: !input.packaged,
    },
  };
}

/**
 * The renderer's Content-Security-Policy, sent as a response header by the app protocol
 * (and by the browser preview). Everything is same-origin: no inline or eval'd script, no
 * plugins, no <base> hijacking, no framing, no network. React's `style={...}` props are set
 * through the CSSOM, which CSP does not govern, so style-src needs no 'unsafe-inline'. The one
 * inline stylesheet allowed is the coach report's (by its hash): the Reports screen shows the
 * report in a sandboxed srcdoc frame, which inherits this policy; that frame runs no script.
 */
export function contentSecurityPolicy(): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...reportStyleHashes()],
    // Covers come from the media protocol; audio and video play from it ('self' is the
    // browser preview, which serves the same files under its own origin).
    'img-src': ["'self'", 'data:', 'blob:', `${MEDIA_SCHEME}:`],
    'media-src': ["'self'", `${MEDIA_SCHEME}:`],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'manifest-src': ["'self'"],
    'worker-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export type LinkDecision = { action: 'open'; url: string } | { action: 'deny'; reason: string };

const MAX_URL_LENGTH = 2048;
/**
 * Whitespace, C0/C1 controls, and invisible/bidi formatting characters. The URL parser
 * silently strips some of these (tabs, newlines, leading spaces), so what the user saw
 * would not be what gets opened; bidi overrides can make a host read backwards.
 */
const SUSPICIOUS_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const MAIL_ADDRESS =
  /^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * Which links may leave the app for the system browser or mail client. Anything else
 * handed to `shell.openExternal` would launch an arbitrary OS handler (file:, smb:,
 * ms-msdt:, custom app schemes...), the classic Electron road to remote code execution.
 *
 * - http(s) only, returned re-serialised (IDN hosts in punycode, so the browser shows the
 *   real host), without credentials (`https://bank.example@evil.example` phishing) and not
 *   to this machine or the local network (no CSRF against routers or local services).
 * - mailto: allowed for exactly one plain address and nothing else: query parameters such
 *   as `attach=`/`attachment=` have made mail clients attach local files, and extra headers
 *   can prefill a misleading message. A salesperson still gets "write to this customer".
 */
export function externalLinkDecision(raw: unknown): LinkDecision {
  if (typeof raw !== 'string' || raw.length === 0) return deny('not a string');
  if (raw.length > MAX_URL_LENGTH) return deny('too long');
  if (SUSPICIOUS_CHARS.test(raw)) return deny('whitespace or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return deny('unparseable');
  }
  if (url.protocol === 'mailto:') {
    if (url.search !== '' || url.hash !== '' || !MAIL_ADDRESS.test(url.pathname)) return deny('mailto with extras');
    return { action: 'open', url: `mailto:${url.pathname}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return deny(`scheme ${url.protocol}`);
  if (url.username !== '' || url.password !== '') return deny('credentials in URL');
  if (url.hostname === '' || isLocalHost(url.hostname)) return deny('local host');
  return { action: 'open', url: url.href };
}

function deny(reason: string): LinkDecision {
  return { action: 'deny', reason };
}

/** Hostnames (as serialised by the WHATWG URL parser) that reach this machine or the LAN. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224 // multicast & reserved
    );
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return (
      v6 === '::' ||
      v6 === '::1' ||
      v6.startsWith('::ffff:') || // IPv4-mapped: would smuggle 127.0.0.1
      /^f[cd]/.test(v6) || // unique local fc00::/7
      /^fe[89ab]/.test(v6) // link-local fe80::/10
    );
  }
  return false;
}

/**
 * In-app navigation is never allowed: the SPA routes with the History API, which does not
 * navigate. A navigation means a bug or an injected link that would replace our trusted
 * page (and its preload bridge) with someone else's.
 */
export function navigationDecision(_url: string): 'deny' {
  return 'deny';
}

/**
 * Web permissions (camera, geolocation, notifications, MIDI, HID, ...). Denied unless
 * listed here, for any origin. The only exception: the app's own main frame may write
 * sanitised text to the clipboard ("copy e-mail address"), which exposes nothing.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionDecision(
  permission: string,
  requester: { origin: string | null | undefined; isMainFrame: boolean },
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  return requester.isMainFrame && originOf(requester.origin) === APP_ORIGIN;
}

/** The serialised origin of a URL, or null; never throws. Works for custom schemes too. */
export function originOf(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  // Chromium reports canonical URLs; whitespace or control characters (which the parser
  // would quietly strip) mean the string came from somewhere else.
  if (SUSPICIOUS_CHARS.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // Node's URL reports 'null' as the origin of non-special schemes (rapport:), so the
  // origin is rebuilt from its parts; credentials make a URL untrustworthy outright.
  if (url.username !== '' || url.password !== '' || url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}
